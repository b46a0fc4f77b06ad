/**
 * How a foreign key column is typed from the key it references: the key's builder without its
 * column name, a serial as the plain integer it is underneath. Shared by references to existing
 * tables (read from their files) and a new table's reference to its own id (in an adopted repo,
 * the repo's id column as adoption recorded it).
 */
import type { ExemplarColumn } from './manifest.js';
import type { DialectSpec } from './dialect-types.js';

/** Builders whose foreign keys use a different type: a serial id is referenced by an integer. */
const REFERENCING_BUILDER: Record<string, string> = {
  serial: 'integer',
  smallserial: 'smallint',
  bigserial: 'bigint',
};

/**
 * The builder call typing a column that references a key declared as `definition`
 * (`uuid('id').primaryKey()` -> `uuid()`, `varchar('id', { length: 26 })` -> `varchar({ length: 26 })`,
 * `serial('id')` -> `integer()`); undefined when the definition does not start with a builder call.
 */
export function referencingCall(definition: string): string | undefined {
  const match = /^\s*(\w+)\(([^)]*)\)/.exec(definition);
  if (!match) return undefined;
  const builder = REFERENCING_BUILDER[match[1]!] ?? match[1]!;
  // Drop an explicit column name (`uuid('id')`): the referencing column is named by its own key.
  const args = match[2]!.replace(/^\s*(['"`]).*?\1\s*,?\s*/, '').trim();
  const bigintArgs = builder === 'bigint' && args === '' ? "{ mode: 'number' }" : args;
  return `${builder}(${bigintArgs})`;
}

/**
 * How a column referencing the new table's own id is typed when the repo's id column replaces the
 * strategy's: like that column (`int('id').autoincrement().primaryKey()` -> `int()`), a serial the
 * way its dialect references one (MySQL's SERIAL is BIGINT UNSIGNED). The strategy's builder is
 * only right when adoption read the strategy right; the copied column is what the table has.
 * undefined when the id is not built by the dialect's own builders (a helper of the repo, say).
 */
export function exemplarKeyBuilder(id: ExemplarColumn, spec: DialectSpec): string | undefined {
  const builder = /^\s*(\w+)\(/.exec(id.code)?.[1];
  if (!builder || !id.imports[spec.coreModule]?.includes(builder)) return undefined;
  return spec.referencing[builder] ?? referencingCall(id.code);
}
