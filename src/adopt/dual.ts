/**
 * A repo keeping one database in two dialects (seed 002: schema/sqlite and schema/postgres, with
 * drizzle.config.ts and drizzle.config.pg.ts) is adopted as a dual layer: the SQLite config is the
 * database, the PostgreSQL config its second side, each with the style of its own files.
 */
import type { DualSide } from '../model/manifest.js';
import { DRIVERS } from '../model/options.js';
import type { DetectedConfig } from './configs.js';
import type { Conventions } from './conventions.js';
import type { DetectedHelpers } from './helpers.js';
import type { ResolvedSchema } from './schema-source.js';

/** The SQLite and PostgreSQL configs of a dual repo, in that order; undefined for any other set. */
export function dualPair(configs: DetectedConfig[], dialectOf: (config: DetectedConfig) => string | undefined): [DetectedConfig, DetectedConfig] | undefined {
  if (configs.length !== 2) return undefined;
  const sqlite = configs.find((config) => dialectOf(config) === 'sqlite');
  const postgres = configs.find((config) => dialectOf(config) === 'postgresql');
  return sqlite && postgres ? [sqlite, postgres] : undefined;
}

export function dualSide(config: DetectedConfig, schema: ResolvedSchema, conventions: Conventions, helpers: DetectedHelpers | undefined): DualSide {
  const driver = helpers?.driver && DRIVERS[helpers.driver].dialect === 'postgresql' ? helpers.driver : 'auto';
  return {
    dialect: 'postgresql',
    driver,
    schema: schema.entry,
    config: config.file,
    out: (config.out ?? 'drizzle').replace(/^\.\//, '').replace(/\/$/, ''),
    migrationsTable: config.migrationsTable ?? '__drizzle_migrations',
    migrationsSchema: config.migrationsSchema ?? 'drizzle',
    schemaSource: schema.source,
    style: conventions.style,
  };
}
