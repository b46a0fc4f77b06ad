/**
 * PostgreSQL helpers of the e2e suite: throwaway databases on the local server and queries that
 * bypass the generated layer.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

// PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres)

export const PG_HOST = '127.0.0.1';
export const PG_PORT = 5432;
export const PG_USER = 'postgres';

export function pgUrl(database: string): string {
  return `postgresql://${PG_USER}@${PG_HOST}:${PG_PORT}/${database}`;
}

function adminClient(database = 'postgres'): pg.Client {
  return new pg.Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database, connectionTimeoutMillis: 10_000 });
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates a uniquely named database (`<prefix><random>`), returns its name. */
export async function createPgDatabase(prefix = 'cdl_'): Promise<string> {
  const name = `${prefix}${randomBytes(5).toString('hex')}`;
  const client = adminClient();
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
  return name;
}

export async function dropPgDatabase(name: string): Promise<void> {
  const client = adminClient();
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** One query against a database, bypassing the generated layer. */
export async function pgQuery<Row extends Record<string, unknown> = Record<string, unknown>>(
  database: string,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = adminClient(database);
  await client.connect();
  try {
    return (await client.query<Row>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Names of the tables in a schema of a database, sorted. */
export async function pgTables(database: string, schema = 'public'): Promise<string[]> {
  const rows = await pgQuery<{ table_name: string }>(
    database,
    'select table_name from information_schema.tables where table_schema = $1 order by table_name',
    [schema],
  );
  return rows.map((row) => row.table_name);
}

/** Databases a test file creates, all dropped by one call in its afterAll. */
export function trackDatabases(): { create(prefix?: string): Promise<string>; dropAll(): Promise<void> } {
  const names: string[] = [];
  return {
    async create(prefix = 'cdl_') {
      const name = await createPgDatabase(prefix);
      names.push(name);
      return name;
    },
    async dropAll() {
      await Promise.all(names.map((name) => dropPgDatabase(name)));
    },
  };
}

/** The emails of the users table, sorted: what the e2e probes insert. */
export async function userEmails(database: string): Promise<string[]> {
  const rows = await pgQuery<{ email: string }>(database, 'select email from users order by email');
  return rows.map((row) => row.email);
}
