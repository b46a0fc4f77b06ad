/**
 * The main database: one lazily created, shared connection. Nothing connects at
 * import time, so importing the layer is safe during builds and tests.
 */
import { mkdirSync } from "node:fs";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import {
  getDatabaseConfig,
  type DatabaseConfig,
  type ServerConfig,
  type EmbeddedConfig,
} from "./config";
import * as schema from "./schema";

export { schema };

/** The Drizzle instance type, the same whichever driver opened it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Where `db:migrate` finds migrations and records which ran. */
export const migrationsConfig = {
  migrationsFolder: "drizzle",
  migrationsTable: "__drizzle_migrations",
  migrationsSchema: "drizzle",
};

interface Connection {
  db: Database;
  /** Where the connection points, without secrets, for logs. */
  label: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

let connection: Connection | undefined;

/** The shared Drizzle instance; the first call opens the connection, later calls reuse it. */
export function getDatabase(): Database {
  return current().db;
}

/** Ends the connection; the next getDatabase() opens a new one. */
export async function closeDatabaseConnection(): Promise<void> {
  const closing = connection;
  connection = undefined;
  await closing?.close();
}

/** Applies the migrations in drizzle/ that have not run yet. */
export async function migrateDatabase(): Promise<void> {
  await current().migrate();
}

/** Where getDatabase() points, without secrets. */
export function describeDatabase(): string {
  return current().label;
}

function current(): Connection {
  connection ??= connect(getDatabaseConfig());
  return connection;
}

function connect(config: DatabaseConfig): Connection {
  return config.kind === "embedded"
    ? openPglite(config)
    : openNodePostgres(config);
}

/** A node-postgres pool; idle-client errors are logged instead of crashing the process. */
function openNodePostgres(config: ServerConfig): Connection {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    idleTimeoutMillis: config.idleTimeoutSeconds * 1000,
    connectionTimeoutMillis: config.connectTimeoutSeconds * 1000,
    ...(config.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
  });
  pool.on("error", (error) =>
    console.error(`[db] idle client error: ${error.message}`),
  );
  const db = drizzleNodePostgres({
    client: pool,
    schema,
    casing: "snake_case",
  });
  return {
    db,
    label: redact(config.url),
    migrate: () => migrateNodePostgres(db, migrationsConfig),
    close: () => pool.end(),
  };
}

/** PGlite: PostgreSQL compiled to WebAssembly, running in this process on a local data folder. */
function openPglite(config: EmbeddedConfig): Connection {
  mkdirSync(config.dataDir, { recursive: true });
  const client = new PGlite(config.dataDir);
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db,
    label: `embedded PGlite in ${config.dataDir}`,
    migrate: () => migratePglite(db, migrationsConfig),
    close: () => client.close(),
  };
}

/** The URL with its password replaced, safe to print. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
