/**
 * MySQL/MariaDB helpers of the e2e suite: throwaway databases on the local server (MariaDB on
 * 127.0.0.1:3306, user root, empty password) and queries that bypass the generated layer.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export const MYSQL_HOST = '127.0.0.1';
export const MYSQL_PORT = 3306;
export const MYSQL_USER = 'root';

export function mysqlUrl(database: string): string {
  return `mysql://${MYSQL_USER}@${MYSQL_HOST}:${MYSQL_PORT}/${database}`;
}

async function admin(database?: string): Promise<mysql.Connection> {
  return mysql.createConnection({ host: MYSQL_HOST, port: MYSQL_PORT, user: MYSQL_USER, database, connectTimeout: 10_000 });
}

function quoteIdent(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Creates a uniquely named database (`<prefix><random>`), returns its name. */
export async function createMysqlDatabase(prefix = 'cdl_'): Promise<string> {
  const name = `${prefix}${randomBytes(5).toString('hex')}`;
  const connection = await admin();
  try {
    await connection.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await connection.end();
  }
  return name;
}

export async function dropMysqlDatabase(name: string): Promise<void> {
  const connection = await admin();
  try {
    await connection.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  } finally {
    await connection.end();
  }
}

/** One query against a database, bypassing the generated layer. */
export async function mysqlQuery<Row extends Record<string, unknown> = Record<string, unknown>>(database: string, text: string, params: unknown[] = []): Promise<Row[]> {
  const connection = await admin(database);
  try {
    const [rows] = await connection.query(text, params);
    return rows as Row[];
  } finally {
    await connection.end();
  }
}

/** Names of the tables of a database, sorted. */
export async function mysqlTables(database: string): Promise<string[]> {
  const rows = await mysqlQuery<{ name: string }>(database, 'select table_name as name from information_schema.tables where table_schema = ?', [database]);
  // Sorted here: the server's collation orders `__drizzle_migrations` after letters.
  return rows.map((row) => row.name).sort();
}

/** Databases a test file creates, all dropped by one call in its afterAll. */
export function trackDatabases(): { create(prefix?: string): Promise<string>; dropAll(): Promise<void> } {
  const names: string[] = [];
  return {
    async create(prefix = 'cdl_') {
      const name = await createMysqlDatabase(prefix);
      names.push(name);
      return name;
    },
    async dropAll() {
      await Promise.all(names.map((name) => dropMysqlDatabase(name)));
    },
  };
}
