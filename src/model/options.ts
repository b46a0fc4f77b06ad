/**
 * The choices a layer is built from, as lookup tables: templates and generators read these
 * instead of branching on option names.
 */
import type { PinnedPackage } from '../versions.js';

export const DIALECTS = ['postgresql', 'sqlite', 'mysql'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** What init asks and documents per dialect; the rest of a dialect's differences live in dialects.ts. */
export const DIALECT_CHOICES = {
  postgresql: { summary: 'PostgreSQL (PGlite without a server)', defaultDriver: 'auto' },
  sqlite: { summary: 'SQLite through libsql: a local file, or Turso', defaultDriver: 'libsql' },
  mysql: { summary: 'MySQL or MariaDB through a mysql2 pool', defaultDriver: 'mysql2' },
} as const satisfies Record<Dialect, { summary: string; defaultDriver: string }>;

/** A client library the generated connection can open, and how it is wired. */
export interface Client {
  /** Partial in templates/partials/clients/ that defines the open<Client>() function. */
  partial: string;
  dependencies: PinnedPackage[];
  devDependencies: PinnedPackage[];
  /** Root folder of its local data, git-ignored by init. */
  dataRoot?: string;
}

export const CLIENTS = {
  'node-postgres': { partial: 'node-postgres', dependencies: ['pg'], devDependencies: ['@types/pg'] },
  'postgres-js': { partial: 'postgres-js', dependencies: ['postgres'], devDependencies: [] },
  pglite: { partial: 'pglite', dependencies: ['@electric-sql/pglite'], devDependencies: [], dataRoot: '.pglite' },
  // Prebuilt binaries, unlike better-sqlite3 (which compiles from source): the SQLite default.
  libsql: { partial: 'libsql', dependencies: ['@libsql/client'], devDependencies: [], dataRoot: '.data' },
  'better-sqlite3': { partial: 'better-sqlite3', dependencies: ['better-sqlite3'], devDependencies: ['@types/better-sqlite3'], dataRoot: '.data' },
  mysql2: { partial: 'mysql2', dependencies: ['mysql2'], devDependencies: [] },
} as const satisfies Record<string, Client>;
export type ClientName = keyof typeof CLIENTS;

/**
 * A driver is the pair of clients a layer may use: `server` when DATABASE_URL/DB_HOST is set,
 * `embedded` when it is not. A driver with only one of them always uses that one.
 */
export interface Driver {
  dialect: Dialect;
  server?: ClientName;
  embedded?: ClientName;
  summary: string;
  /** Layer templates replaced for this driver, over its dialect's (shared name -> own name). */
  layerTemplates?: Record<string, string>;
  /** drizzle-kit's --dialect when it is not the dialect's own. */
  kitDialect?: string;
}

export const DRIVERS = {
  auto: {
    dialect: 'postgresql',
    server: 'node-postgres',
    embedded: 'pglite',
    summary: 'PGlite when no server is configured, node-postgres when DATABASE_URL or DB_HOST is set',
  },
  pg: { dialect: 'postgresql', server: 'node-postgres', summary: 'node-postgres pool' },
  'postgres-js': { dialect: 'postgresql', server: 'postgres-js', summary: 'postgres.js pool' },
  pglite: { dialect: 'postgresql', embedded: 'pglite', summary: 'PGlite, in-process PostgreSQL' },
  // One client for both: a local file (embedded) and a remote libsql/Turso server.
  libsql: { dialect: 'sqlite', server: 'libsql', embedded: 'libsql', summary: 'libsql: a local SQLite file, or a Turso/libsql server by URL' },
  // Only on request: it compiles from source when installed, and opens local files only.
  'better-sqlite3': {
    dialect: 'sqlite',
    embedded: 'better-sqlite3',
    summary: 'better-sqlite3: a local SQLite file, synchronous (compiles from source on install)',
    // Its own client API (prepare, transaction) where the libsql templates call execute and batch.
    layerTemplates: {
      'layer/connection.ts': 'layer/better-sqlite3/connection.ts',
      'layer/drizzle.config.ts': 'layer/better-sqlite3/drizzle.config.ts',
      'layer/reset.ts': 'layer/better-sqlite3/reset.ts',
      'layer/nuke.ts': 'layer/better-sqlite3/nuke.ts',
    },
    kitDialect: 'sqlite',
  },
  mysql2: { dialect: 'mysql', server: 'mysql2', summary: 'mysql2 pool (MySQL or MariaDB)' },
} as const satisfies Record<string, Driver>;
export type DriverName = keyof typeof DRIVERS;

/** The drivers of one dialect, for choices and for the error naming them. */
export function driversOf(dialect: Dialect): DriverName[] {
  return keysOf(DRIVERS).filter((name) => DRIVERS[name].dialect === dialect);
}

/** Primary-key strategies: the runtime package each needs (if any) in the generated repo. */
export const ID_STRATEGIES = {
  uuid: { dependencies: [], summary: 'uuid column, database-generated (gen_random_uuid())' },
  ulid: { dependencies: ['ulid'], summary: 'text column, ULID generated in TypeScript' },
  nanoid: { dependencies: ['nanoid'], summary: 'text column, nanoid generated in TypeScript' },
  cuid2: { dependencies: ['@paralleldrive/cuid2'], summary: 'text column, cuid2 generated in TypeScript' },
  serial: { dependencies: [], summary: 'serial integer' },
  identity: { dependencies: [], summary: 'integer generated always as identity' },
} as const satisfies Record<string, { dependencies: PinnedPackage[]; summary: string }>;
export type IdStrategy = keyof typeof ID_STRATEGIES;

export const LAYOUTS = {
  folder: { summary: 'schema/ folder: one table per file, schema/index.ts barrel' },
  file: { summary: 'a single schema.ts holding every table' },
} as const;
export type Layout = keyof typeof LAYOUTS;

export const CASINGS = {
  snake_case: { summary: 'camelCase in TypeScript, snake_case in the database' },
  camelCase: { summary: 'the same camelCase names in TypeScript and the database' },
} as const;
export type Casing = keyof typeof CASINGS;

export const ENUM_STYLES = {
  'pg-enum': { summary: 'native PostgreSQL enum types (pgEnum)' },
  text: { summary: 'text columns validated in TypeScript' },
} as const;
export type EnumStyle = keyof typeof ENUM_STYLES;

/** Names of an option table's keys as a non-empty tuple, the shape z.enum wants. */
export function keysOf<T extends Record<string, unknown>>(table: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
}
