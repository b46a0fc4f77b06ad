/**
 * Deterministic sample values for seeds: the same table, row number and column always give the
 * same value, so a child's seed can point at its parent's rows by key, and re-running a seed
 * inserts nothing new.
 */
import { createHash } from 'node:crypto';
import type { ColumnInfo } from '../project/read-table.js';

export const SEED_ROWS = 3;

/** A key for row `n` of `table`, typed like its primary-key column. */
export function seedKey(table: string, n: number, key: ColumnInfo): string {
  if (key.builder === 'uuid') {
    const hex = createHash('sha256').update(`${table}:${n}`).digest('hex');
    return `'${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}'`;
  }
  if (isNumeric(key.builder)) return String(n);
  const text = `${table}-seed-${n}`;
  const length = declaredLength(key);
  // A short key column gets digits only: unique per row and within its length.
  return `'${length > 0 && text.length > length ? String(n).padStart(length, '0') : text}'`;
}

function declaredLength(column: ColumnInfo): number {
  return Number(/length:\s*(\d+)/.exec(column.args)?.[1] ?? 0);
}

/** A numeric(P,S) value that fits: `n.50`, or `0.0n` when the scale takes every digit. */
function numericValue(column: ColumnInfo, n: number): string {
  const precision = Number(/precision:\s*(\d+)/.exec(column.args)?.[1] ?? 0);
  const scale = Number(/scale:\s*(\d+)/.exec(column.args)?.[1] ?? 0);
  if (precision === 0) return `'${n}.50'`;
  if (precision - scale <= 0) return `'0.${String(n).padStart(scale, '0')}'`;
  return `'${n}${scale > 0 ? `.${'5'.padEnd(scale, '0')}` : ''}'`;
}

// int, tinyint, mediumint, float and double are mysql-core's.
const NUMERIC = ['integer', 'smallint', 'bigint', 'serial', 'smallserial', 'bigserial', 'real', 'doublePrecision', 'int', 'tinyint', 'mediumint', 'float', 'double'];

export function isNumeric(builder: string): boolean {
  return NUMERIC.includes(builder);
}

/**
 * A literal for a plain column of row `n` (never a key or a reference), or undefined to leave it
 * out of that row (a unique boolean has only two values to give).
 */
export function seedValue(column: ColumnInfo, n: number): string | undefined {
  const builder = logicalBuilder(column);
  if (builder === 'boolean' && column.unique) return n <= 2 ? String(n === 1) : undefined;
  const enumValues = column.enumValues && column.enumValues.length > 0 ? column.enumValues : inlineEnumValues(column);
  if (enumValues.length > 0) return `'${enumValues[(n - 1) % enumValues.length]}'`;
  const length = declaredLength(column);
  const byBuilder: Record<string, () => string> = {
    boolean: () => String(n % 2 === 1),
    numeric: () => numericValue(column, n),
    decimal: () => numericValue(column, n),
    date: () => (column.args.includes("'date'") ? `new Date('2024-01-0${n}T00:00:00.000Z')` : `'2024-01-0${n}'`),
    time: () => `'12:00:0${n}'`,
    timestamp: () => (column.args.includes("'string'") ? `'2024-01-0${n} 00:00:00'` : `new Date('2024-01-0${n}T00:00:00.000Z')`),
    json: () => `{ sample: ${n} }`,
    jsonb: () => `{ sample: ${n} }`,
    uuid: () => seedKey(`${column.name}-value`, n, column),
    char: () => `'${String(n).padStart(length || 1, '0')}'`,
  };
  if (byBuilder[builder]) return byBuilder[builder]!();
  if (isNumeric(builder)) return String(n);
  const text = textSample(column.name, n);
  // Too long for the column: the generic sample's tail still ends with the row number (unique).
  return `'${length > 0 && text.length > length ? `Sample ${column.name} ${n}`.slice(-length) : text}'`;
}

/**
 * SQLite columns take their TypeScript type from a mode (`integer({ mode: 'boolean' })`): the
 * pg-core builder whose values fit the same type.
 */
const MODES: Record<string, string> = {
  'integer:boolean': 'boolean',
  'integer:timestamp': 'timestamp',
  'integer:timestamp_ms': 'timestamp',
  'text:json': 'json',
  'blob:json': 'json',
};

/** The values of MySQL's `mysqlEnum(['a', 'b'])` (or `mysqlEnum('name', [...])`), listed in the builder's arguments. */
function inlineEnumValues(column: ColumnInfo): string[] {
  if (column.builder !== 'mysqlEnum') return [];
  const list = /\[([^\]]*)\]/.exec(column.args)?.[1] ?? '';
  return [...list.matchAll(/(['"])((?:(?!\1).)*)\1/g)].map((match) => match[2]!);
}

function logicalBuilder(column: ColumnInfo): string {
  const mode = /mode:\s*['"](\w+)['"]/.exec(column.args)?.[1];
  return (mode && MODES[`${column.builder}:${mode}`]) ?? column.builder;
}

/** Text shaped like what the column name says it holds; `Sample <name> n` otherwise. */
const TEXT_SAMPLES: [RegExp, (n: number, name: string) => string][] = [
  [/email$/i, (n, name) => `${name.replace(/email$/i, '') || 'user'}${n}@example.com`.toLowerCase()],
  [/(url|website|link)$/i, (n) => `https://example.com/${n}`],
  [/slug$/i, (n, name) => `${name.replace(/slug$/i, '') || 'item'}-${n}`.toLowerCase()],
  [/phone$/i, (n) => `+1555010${String(n).padStart(4, '0')}`],
];

function textSample(name: string, n: number): string {
  const sample = TEXT_SAMPLES.find(([pattern]) => pattern.test(name));
  return sample ? sample[1](n, name) : `Sample ${name} ${n}`;
}
