/**
 * A SQLite repo storing timestamps in seconds gets new timestamp fields in seconds
 * (integer({ mode: 'timestamp' }), unixepoch()), not the scaffold's milliseconds; every other
 * dialect and a repo storing milliseconds are unchanged. A PostgreSQL or MySQL repo whose
 * timestamps read as strings gets new timestamp fields as strings.
 */
import { describe, expect, it } from 'vitest';
import { DIALECT_SPECS } from '../../../src/model/dialects.js';
import { parseFields } from '../../../src/model/fields.js';
import { withTimestampMode, withTimestampUnit } from '../../../src/model/timestamp-style.js';
import { buildTable } from '../../../src/model/table.js';
import type { Style } from '../../../src/model/manifest.js';

const events = (sqliteTimestamps: Style['sqliteTimestamps'], dialect: 'sqlite' | 'postgresql' = 'sqlite') =>
  buildTable({
    name: 'events',
    fields: parseFields(['startsAt:timestamp:notNull', 'happenedAt:timestamp:default=now']),
    casing: 'snake_case',
    idStrategy: 'serial',
    enumStyle: 'text',
    timestamps: true,
    dialect,
    references: new Map(),
    sqliteTimestamps,
  });

const code = (model: ReturnType<typeof events>, name: string) => model.columns.find((column) => column.name === name)?.code;

describe('SQLite timestamps in seconds', () => {
  it('types timestamp fields, default=now and the generated timestamps in seconds', () => {
    const model = events('seconds');
    expect(code(model, 'startsAt')).toBe("integer({ mode: 'timestamp' }).notNull()");
    expect(code(model, 'happenedAt')).toBe("integer({ mode: 'timestamp' }).default(sql`(unixepoch())`)");
    expect(code(model, 'createdAt')).toBe("integer({ mode: 'timestamp' }).notNull().default(sql`(unixepoch())`)");
    expect(code(model, 'updatedAt')).toBe("integer({ mode: 'timestamp' }).notNull().default(sql`(unixepoch())`).$onUpdate(() => new Date())");
    expect(model.ormImports).toContain('sql');
  });

  it('leaves milliseconds, an unknown unit and other dialects as they were', () => {
    expect(code(events('milliseconds'), 'startsAt')).toBe("integer({ mode: 'timestamp_ms' }).notNull()");
    expect(code(events(undefined), 'startsAt')).toBe("integer({ mode: 'timestamp_ms' }).notNull()");
    expect(withTimestampUnit(DIALECT_SPECS.postgresql, 'seconds')).toBe(DIALECT_SPECS.postgresql);
  });
});

describe("timestamps read as strings (mode: 'string')", () => {
  const fields = (dialect: 'postgresql' | 'mysql' | 'sqlite') =>
    buildTable({
      name: 'events',
      fields: parseFields(['startsAt:timestamp:notNull', 'endsAt:timestamptz', 'day:date']),
      casing: 'snake_case',
      idStrategy: 'serial',
      enumStyle: 'text',
      timestamps: false,
      dialect,
      references: new Map(),
      timestampMode: 'string',
    });

  it('adds the mode to PostgreSQL and MySQL timestamp fields, beside their own options', () => {
    expect(code(fields('postgresql'), 'startsAt')).toBe("timestamp({ mode: 'string' }).notNull()");
    expect(code(fields('postgresql'), 'endsAt')).toBe("timestamp({ withTimezone: true, mode: 'string' })");
    expect(code(fields('mysql'), 'startsAt')).toBe("timestamp({ fsp: 3, mode: 'string' }).notNull()");
    // date is a string already; SQLite's integer timestamps have modes of their own.
    expect(code(fields('postgresql'), 'day')).toBe("date({ mode: 'string' })");
    expect(withTimestampMode(DIALECT_SPECS.sqlite, 'string')).toBe(DIALECT_SPECS.sqlite);
    expect(withTimestampMode(DIALECT_SPECS.postgresql, undefined)).toBe(DIALECT_SPECS.postgresql);
  });
});

