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
  return `'${table}-seed-${n}'`;
}

const NUMERIC = ['integer', 'smallint', 'bigint', 'serial', 'smallserial', 'bigserial', 'real', 'doublePrecision'];

export function isNumeric(builder: string): boolean {
  return NUMERIC.includes(builder);
}

/** A literal for a plain column of row `n` (never a key or a reference). */
export function seedValue(column: ColumnInfo, n: number): string {
  if (column.enumValues && column.enumValues.length > 0) return `'${column.enumValues[(n - 1) % column.enumValues.length]}'`;
  const length = Number(/length:\s*(\d+)/.exec(column.args)?.[1] ?? 0);
  const byBuilder: Record<string, () => string> = {
    boolean: () => String(n % 2 === 1),
    numeric: () => `'${n}.50'`,
    date: () => (column.args.includes("'date'") ? `new Date('2024-01-0${n}T00:00:00.000Z')` : `'2024-01-0${n}'`),
    time: () => `'12:00:0${n}'`,
    timestamp: () => (column.args.includes("'string'") ? `'2024-01-0${n} 00:00:00'` : `new Date('2024-01-0${n}T00:00:00.000Z')`),
    json: () => `{ sample: ${n} }`,
    jsonb: () => `{ sample: ${n} }`,
    uuid: () => seedKey(`${column.name}-value`, n, column),
    char: () => `'${String(n).padStart(length || 1, '0')}'`,
  };
  if (byBuilder[column.builder]) return byBuilder[column.builder]!();
  if (isNumeric(column.builder)) return String(n);
  const text = `Sample ${column.name} ${n}`;
  return `'${length > 0 ? text.slice(-length) : text}'`;
}
