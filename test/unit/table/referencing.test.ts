/**
 * How a foreign key is typed from the key it references: referencingCall for a key's definition,
 * exemplarKeyBuilder for an adopted repo's own id column (what a self-reference of a new table
 * points at), and buildTable using it instead of the strategy's builder.
 */
import { describe, expect, it } from 'vitest';
import { DIALECT_SPECS } from '../../../src/model/dialects.js';
import { parseFields } from '../../../src/model/fields.js';
import { exemplarKeyBuilder, referencingCall } from '../../../src/model/referencing.js';
import { buildTable } from '../../../src/model/table.js';

describe('referencingCall', () => {
  it.each([
    ["uuid('id').primaryKey().defaultRandom()", 'uuid()'],
    ["varchar('id', { length: 26 }).primaryKey()", 'varchar({ length: 26 })'],
    ['serial("id").primaryKey()', 'integer()'],
    ["bigserial('id', { mode: 'number' }).primaryKey()", "bigint({ mode: 'number' })"],
    ["int('id').autoincrement().primaryKey()", 'int()'],
    ['integer("id").primaryKey({ autoIncrement: true })', 'integer()'],
    ['text().primaryKey()', 'text()'],
  ])('%s -> %s', (definition, expected) => {
    expect(referencingCall(definition)).toBe(expected);
  });

  it('is undefined for what is not a builder call', () => {
    expect(referencingCall('...timestamps')).toBeUndefined();
  });
});

describe('exemplarKeyBuilder', () => {
  const mysqlInt = { key: 'id', code: "int('id').autoincrement().primaryKey()", imports: { 'drizzle-orm/mysql-core': ['int'] } };

  it("types a key like the repo's id column, a MySQL serial as BIGINT UNSIGNED", () => {
    expect(exemplarKeyBuilder(mysqlInt, DIALECT_SPECS.mysql)).toBe('int()');
    expect(exemplarKeyBuilder({ key: 'id', code: "serial('id').primaryKey()", imports: { 'drizzle-orm/mysql-core': ['serial'] } }, DIALECT_SPECS.mysql)).toBe(
      "bigint({ mode: 'number', unsigned: true })",
    );
    expect(exemplarKeyBuilder({ key: 'id', code: 'serial("id").primaryKey()', imports: { 'drizzle-orm/pg-core': ['serial'] } }, DIALECT_SPECS.postgresql)).toBe('integer()');
  });

  it("leaves a column built by the repo's own helper to the strategy", () => {
    expect(exemplarKeyBuilder({ key: 'id', code: 'primaryId()', imports: { './src/db/columns': ['primaryId'] } }, DIALECT_SPECS.mysql)).toBeUndefined();
  });

  it("buildTable types a self-reference with it, not with the strategy's builder", () => {
    const model = buildTable({
      name: 'categories',
      fields: parseFields(['parent:references:ref=categories']),
      casing: 'snake_case',
      idStrategy: 'uuid',
      enumStyle: 'text',
      timestamps: false,
      dialect: 'mysql',
      references: new Map(),
      idBuilder: exemplarKeyBuilder(mysqlInt, DIALECT_SPECS.mysql),
    });
    expect(model.columns.find((column) => column.name === 'parentId')?.code).toBe('int().references((): AnyMySqlColumn => categories.id)');
  });
});
