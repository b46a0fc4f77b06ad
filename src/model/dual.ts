/**
 * The dual-dialect layout (seed 002): one logical database in two dialects, SQLite (the default)
 * and PostgreSQL, selected at run time by DB_TYPE. Each side is described as data here, and a
 * layer is seen as a list of sides: one for every other layer, two for a dual one. Generators
 * that work per dialect (table, check, init's per-dialect modules) run once per side, on a view of
 * the manifest in which that side is the whole layer, so they need no dual branches of their own.
 */
import type { DualSide, Manifest, OwnedDatabase } from './manifest.js';
import type { Dialect, DriverName } from './options.js';

/** The variable that selects the side at run time, and its default. */
export const DB_TYPE = 'DB_TYPE';

/** The two sides, by their DB_TYPE value: where each keeps its modules, schema, config and migrations. */
export const DUAL_SIDES = {
  sqlite: {
    dialect: 'sqlite',
    label: 'SQLite',
    config: 'drizzle.config.ts',
    out: 'drizzle',
    /** Ending of its push/studio scripts (db:push, db:push:pg). */
    scriptSuffix: '',
    helpers: { get: 'getSqliteDatabase', close: 'closeSqliteDatabaseConnection' },
  },
  postgres: {
    dialect: 'postgresql',
    label: 'PostgreSQL',
    config: 'drizzle.config.pg.ts',
    out: 'drizzle-pg',
    scriptSuffix: ':pg',
    helpers: { get: 'getPostgresDatabase', close: 'closePostgresDatabaseConnection' },
  },
} as const satisfies Record<string, { dialect: Dialect; label: string; config: string; out: string; scriptSuffix: string; helpers: { get: string; close: string } }>;
export type DualSideName = keyof typeof DUAL_SIDES;
export const DEFAULT_SIDE: DualSideName = 'sqlite';

/**
 * Drivers of each side. SQLite: libsql only, because its queries and transactions are
 * asynchronous like PostgreSQL's (better-sqlite3's transactions are synchronous, so code written
 * for one side would not run on the other). PostgreSQL: auto, PGlite without a server.
 */
export const DUAL_DRIVERS = { sqlite: ['libsql'], postgres: ['auto'] } as const satisfies Record<DualSideName, readonly DriverName[]>;

/** Why a dual layer takes no identity keys, and what to use instead (init's --id and table's). */
export const DUAL_IDENTITY_REFUSAL =
  "--id identity does not fit a dual layer: PostgreSQL's identity keys refuse explicit values that SQLite's autoincrement accepts, so the dialects would behave differently; use --id serial";

/**
 * Variables naming a connection: both sides read DATABASE_URL (and the PostgreSQL side DB_HOST...),
 * so only the side DB_TYPE selects reads them; the other keeps its local default (its file, its
 * PGlite folder), e.g. while db:generate loads both drizzle configs.
 */
export const CONNECTION_VARIABLES = ['DATABASE_URL', 'DATABASE_AUTH_TOKEN', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_NAME'];

/** One dialect of a layer: the manifest and database as if that side were the whole layer. */
export interface LayerSide {
  /** DB_TYPE value; undefined in a single-dialect layer. */
  name?: DualSideName;
  manifest: Manifest;
  database: OwnedDatabase;
}

export function isDual(manifest: Manifest): manifest is Manifest & { dual: DualSide } {
  return manifest.dual !== undefined;
}

/** Folder of a side's schema files and its barrel, under the layer folder. */
export function sideSchema(dbDir: string, side: DualSideName): string {
  return `${dbDir}/schema/${side}/index.ts`;
}

/** Folder of a side's own modules (config, connection, reset, nuke). */
export function sideDir(manifest: Manifest, side: DualSideName): string {
  return `${manifest.dbDir}/${side}`;
}

/** The `dual` entry init records: PostgreSQL beside the SQLite primary database. */
export function dualEntry(dbDir: string): DualSide {
  return {
    dialect: DUAL_SIDES.postgres.dialect,
    driver: DUAL_DRIVERS.postgres[0],
    schema: sideSchema(dbDir, 'postgres'),
    config: DUAL_SIDES.postgres.config,
    out: DUAL_SIDES.postgres.out,
    migrationsTable: '__drizzle_migrations',
    migrationsSchema: 'drizzle',
  };
}

/**
 * The sides of `database`: itself in a single-dialect layer (or for a non-primary database); the
 * SQLite and the PostgreSQL side of a dual layer's database, each with its side's helper names.
 */
export function sidesOf(manifest: Manifest, database: OwnedDatabase): LayerSide[] {
  if (!isDual(manifest) || !database.primary) return [{ manifest, database }];
  const { dual, ...single } = manifest;
  const sqlite: LayerSide = { name: 'sqlite', manifest: single, database: { ...database, helpers: DUAL_SIDES.sqlite.helpers } };
  const postgres: LayerSide = {
    name: 'postgres',
    // An adopted repo writes each dialect's columns its own way: the side's style, when recorded.
    manifest: { ...single, dialect: dual.dialect, driver: dual.driver, ...(dual.style ? { style: dual.style } : {}) },
    database: {
      ...database,
      schemaSource: dual.schemaSource,
      schema: dual.schema,
      config: dual.config,
      out: dual.out,
      migrationsTable: dual.migrationsTable,
      migrationsSchema: dual.migrationsSchema,
      migrationHashes: dual.migrationHashes,
      helpers: DUAL_SIDES.postgres.helpers,
    },
  };
  return [sqlite, postgres];
}

/** The sides of the primary database (every layer has one). */
export function layerSides(manifest: Manifest): LayerSide[] {
  const primary = manifest.databases.find((database) => database.primary) ?? manifest.databases[0]!;
  return primary.owner === 'owned' ? sidesOf(manifest, primary) : [];
}

/** Where a side's migration fingerprints live: the database entry, or `dual` for the second side. */
export function migrationRecord(manifest: Manifest, database: OwnedDatabase, side?: DualSideName): { out: string; migrationHashes?: Record<string, string> } {
  return side !== undefined && side !== DEFAULT_SIDE && manifest.dual !== undefined && database.primary ? manifest.dual : database;
}
