/**
 * New timestamp fields as an adopted repo's own timestamps are written.
 *
 * SQLite timestamps in seconds: drizzle's integer({ mode: 'timestamp' }) with an unixepoch()
 * default, which many SQLite and Turso repos use where a scaffolded layer stores milliseconds. An
 * adopted repo storing seconds gets new timestamp fields in seconds too, or `starts_at >
 * created_at` would compare milliseconds with seconds.
 *
 * PostgreSQL and MySQL timestamps read as strings (`{ mode: 'string' }`): a repo whose createdAt
 * is a string gets new timestamp fields as strings too, or `row.startsAt < row.createdAt` would
 * compare a Date with a string.
 */
import type { ColumnType, DialectSpec, Unsupported } from './dialect-types.js';
import type { Style } from './manifest.js';

const NOW_SECONDS = { code: '.default(sql`(unixepoch())`)', orm: ['sql'] };
const SQLITE_TIMESTAMP_SECONDS: ColumnType = { builder: 'integer', options: "{ mode: 'timestamp' }", now: NOW_SECONDS };

/** The dialect as a repo storing `unit` writes timestamps: SQLite's in seconds when it does, else unchanged. */
export function withTimestampUnit(spec: DialectSpec, unit: Style['sqliteTimestamps']): DialectSpec {
  if (unit !== 'seconds' || spec.coreModule !== 'drizzle-orm/sqlite-core') return spec;
  const column = "integer({ mode: 'timestamp' }).notNull()" + NOW_SECONDS.code;
  return {
    ...spec,
    types: { ...spec.types, timestamp: SQLITE_TIMESTAMP_SECONDS, timestamptz: SQLITE_TIMESTAMP_SECONDS },
    timestamps: { ...spec.timestamps, createdAt: column, updatedAt: `${column}.$onUpdate(() => new Date())` },
  };
}

/** The dialect as a repo whose timestamps are `mode` writes them: `{ mode: 'string' }` added to timestamp fields. */
export function withTimestampMode(spec: DialectSpec, mode: Style['timestampMode']): DialectSpec {
  if (mode !== 'string' || spec.coreModule === 'drizzle-orm/sqlite-core') return spec;
  const asString = (type: ColumnType | Unsupported | undefined): ColumnType | Unsupported | undefined =>
    type && 'builder' in type ? { ...type, options: withOption(type.options, "mode: 'string'") } : type;
  return { ...spec, types: { ...spec.types, timestamp: asString(spec.types.timestamp)!, timestamptz: asString(spec.types.timestamptz)! } };
}

/** `{ withTimezone: true }` + `mode: 'string'` -> `{ withTimezone: true, mode: 'string' }`. */
function withOption(options: string | undefined, option: string): string {
  const inner = options?.trim().replace(/^\{\s*|\s*\}$/g, '');
  return `{ ${inner ? `${inner}, ` : ''}${option} }`;
}
