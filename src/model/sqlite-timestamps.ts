/**
 * SQLite timestamps in seconds: drizzle's integer({ mode: 'timestamp' }) with an unixepoch()
 * default, which many SQLite and Turso repos use where a scaffolded layer stores milliseconds. An
 * adopted repo storing seconds gets new timestamp fields in seconds too, or `starts_at >
 * created_at` would compare milliseconds with seconds.
 */
import type { ColumnType, DialectSpec } from './dialect-types.js';
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
