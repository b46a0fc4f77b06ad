/**
 * Helpers of the adoption suites (test/e2e/adopt*.test.ts): the fixture repos of
 * test/fixtures/adopt/ (existing Drizzle setups written the way teams write them), copied into a
 * git repo under .tmp, given their baseline migrations by the real drizzle-kit, and migrated on
 * PGlite, libsql, the PostgreSQL server or the MariaDB server. Migrations are only ever written by drizzle-kit: the
 * fixtures hold none, and these helpers never write one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { commitAll, gitOk } from './git.js';
import { createMysqlDatabase, dropMysqlDatabase, mysqlTables, mysqlUrl } from './mysql.js';
import { createPgDatabase, dropPgDatabase, pgUrl } from './pg.js';
import { assertOk, DRIZZLE_KIT, makeTempRepo, ROOT, run, runCli, runScript, TMP_ROOT, type EnvPatch, type RunResult } from './repo.js';

export const FIXTURES_DIR = path.join(ROOT, 'test/fixtures/adopt');

export type FixtureDialect = 'postgresql' | 'sqlite' | 'mysql';

/** One drizzle config of a fixture: a database with its own schema and migrations folder. */
export interface FixtureDatabase {
  /** The name adoption should give it: `main` for drizzle.config.ts, else the config's middle word. */
  name: string;
  config: string;
  dialect: FixtureDialect;
  /** drizzle-kit's `out`, relative to the repo */
  out: string;
  /** What the config passes as `migrations.table` / `migrations.schema` (drizzle's defaults otherwise). */
  migrationsTable?: string;
  migrationsSchema?: string;
  /** The tables its baseline migration creates, sorted. */
  tables: string[];
  /** The PostgreSQL schema its tables live in (pgSchema), when not public. */
  pgSchema?: string;
}

export interface Fixture {
  databases: FixtureDatabase[];
  /** What the fixture's config and code need in the environment (its config throws without it, say). */
  env: EnvPatch;
  /** A package script that must run before drizzle-kit can read the schema (the config points at dist/). */
  build?: string;
  /** The database `table` adds to in the adoption test (`--db <name>`); the first one when unset. */
  tableDb?: string;
  /** Apply its migrations on the PostgreSQL server (a fresh database each time) instead of PGlite. */
  server?: boolean;
  /** Its configs are one database in two dialects (seed 002): `table` writes and migrates both. */
  dual?: boolean;
}

const main = (tables: string[], extra: Partial<FixtureDatabase> = {}): FixtureDatabase => ({
  name: 'main',
  config: 'drizzle.config.ts',
  dialect: 'postgresql',
  out: 'drizzle',
  tables,
  ...extra,
});

const USERS_POSTS = ['posts', 'users'];

/** Every fixture under test/fixtures/adopt, and what the harness needs to know about it. */
export const FIXTURES = {
  'single-schema-file': { databases: [main(USERS_POSTS)], env: {} },
  'folder-barrel': {
    databases: [main(USERS_POSTS, { migrationsTable: 'schema_migrations', migrationsSchema: 'public' })],
    env: {},
  },
  'array-config': { databases: [main(['posts', 'user_profiles', 'users'])], env: {} },
  'folder-config': { databases: [main(['login_attempts', 'posts', 'users'])], env: {} },
  'glob-config': { databases: [main(['newsletter_subscriptions', 'posts', 'users'])], env: {} },
  'dist-config': { databases: [main(USERS_POSTS)], env: {}, build: 'build' },
  'js-extensions': { databases: [main(USERS_POSTS)], env: {} },
  commonjs: { databases: [main(USERS_POSTS)], env: {} },
  'path-aliases': { databases: [main(USERS_POSTS)], env: {} },
  'two-databases': {
    databases: [
      main(USERS_POSTS),
      main(['post_views', 'posts'], {
        name: 'analytics',
        config: 'drizzle.analytics.config.ts',
        out: 'drizzle-analytics',
        migrationsTable: '__analytics_migrations',
      }),
    ],
    env: {},
    tableDb: 'analytics',
  },
  'dual-dialect': {
    dual: true,
    databases: [
      main(USERS_POSTS, { dialect: 'sqlite', out: 'drizzle/sqlite' }),
      main(USERS_POSTS, { name: 'pg', config: 'drizzle.config.pg.ts', out: 'drizzle/postgres' }),
    ],
    env: {},
  },
  'central-relations-enums': { databases: [main(USERS_POSTS)], env: {} },
  'throwing-config': {
    databases: [main(USERS_POSTS, { out: 'migrations' })],
    // Any reachable-looking URL: generate never connects, the config only insists the variable is set.
    env: { DATABASE_URL: pgUrl('postgres') },
    server: true,
  },
  // A Turso app: dialect "turso", credentials from TURSO_DATABASE_URL / TURSO_AUTH_TOKEN.
  'sqlite-libsql': { databases: [main(['bookmarks', 'posts', 'users'], { dialect: 'sqlite' })], env: {} },
  // mysql2 on MySQL; its migrations apply on the MariaDB server, a fresh database each time.
  'drizzle-guide': { databases: [main(USERS_POSTS)], env: {} },
  'pg-schema': { databases: [main(['authors', 'posts'], { out: 'migrations', pgSchema: 'cms' })], env: {} },
  mysql: { databases: [main(['posts', 'products', 'users'], { dialect: 'mysql' })], env: {} },
} satisfies Record<string, Fixture>;

export type Variant = keyof typeof FIXTURES;
export const VARIANTS = Object.keys(FIXTURES) as Variant[];

export function fixture(variant: Variant): Fixture {
  return FIXTURES[variant];
}

/** The databases that get the new table: the one `table` adds to, or both sides of a dual repo. */
export function tableDatabases(variant: Variant): FixtureDatabase[] {
  return fixture(variant).dual ? fixture(variant).databases : [tableDatabase(variant)];
}

/** The database `table` adds to in the adoption test. */
export function tableDatabase(variant: Variant): FixtureDatabase {
  const { databases, tableDb } = fixture(variant);
  return databases.find((database) => database.name === (tableDb ?? databases[0]!.name))!;
}

// ---------------------------------------------------------------------------------------------
// fixture repos

/** A copy of the fixture in a fresh temp folder, as a git repo with one commit. */
export async function copyFixture(variant: Variant): Promise<string> {
  const repo = makeTempRepo(`adopt-${variant}-`);
  fs.cpSync(path.join(FIXTURES_DIR, variant), repo, { recursive: true });
  await gitOk(repo, ['init', '-q']);
  await commitAll(repo, `${variant} fixture`);
  return repo;
}

/** `drizzle-kit generate --config <config> ...args` in the repo with the fixture's environment. */
export function drizzleKitGenerate(repo: string, variant: Variant, database: FixtureDatabase, args: readonly string[] = []): Promise<RunResult> {
  return run(process.execPath, [DRIZZLE_KIT, 'generate', '--config', database.config, ...args], {
    cwd: repo,
    env: fixture(variant).env,
  });
}

/** Runs the fixture's build script, when drizzle-kit reads compiled output. */
export async function buildIfNeeded(repo: string, variant: Variant): Promise<void> {
  const { build, env } = fixture(variant);
  if (build) assertOk(`npm run ${build}`, await runScript(repo, build, env));
}

/**
 * The migrations the team already has: each config's real `drizzle-kit generate --name init`,
 * committed. Returns the hashes of every migration file written.
 */
export async function generateBaseline(repo: string, variant: Variant): Promise<MigrationHashes> {
  await buildIfNeeded(repo, variant);
  for (const database of fixture(variant).databases) {
    assertOk(`drizzle-kit generate --config ${database.config}`, await drizzleKitGenerate(repo, variant, database, ['--name', 'init']));
  }
  await commitAll(repo, 'initial migrations');
  return migrationHashes(repo, variant);
}

// ---------------------------------------------------------------------------------------------
// migration files

/**
 * A fingerprint of every file in the fixture's migrations folders, by repo-relative path: sha256 of
 * the bytes, except for a journal, whose entries are kept as JSON (a new migration appends to them).
 */
export type MigrationHashes = Record<string, string>;

const isJournal = (file: string) => file.endsWith('/_journal.json');
const journalEntries = (text: string): unknown[] => (JSON.parse(text) as { entries: unknown[] }).entries;

export function migrationHashes(repo: string, variant: Variant): MigrationHashes {
  const hashes: MigrationHashes = {};
  const walk = (relative: string): void => {
    const absolute = path.join(repo, relative);
    if (!fs.existsSync(absolute)) return;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else {
        const bytes = fs.readFileSync(path.join(repo, child));
        hashes[child] = isJournal(child) ? JSON.stringify(journalEntries(bytes.toString('utf8'))) : createHash('sha256').update(bytes).digest('hex');
      }
    }
  };
  for (const database of fixture(variant).databases) walk(database.out);
  return hashes;
}

/** The .sql migrations of one database, by file name, sorted. */
export function sqlMigrations(repo: string, database: FixtureDatabase): string[] {
  const dir = path.join(repo, database.out);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
}

/** The .sql migrations of each database that are not in `before`, by database name. */
export function newMigrations(repo: string, variant: Variant, before: MigrationHashes): Record<string, string[]> {
  return Object.fromEntries(
    fixture(variant).databases.map((database) => [
      database.name,
      sqlMigrations(repo, database).filter((name) => before[`${database.out}/${name}`] === undefined),
    ]),
  );
}

/**
 * Baseline migration files that are gone or no longer byte-identical, and journals whose old
 * entries changed (drizzle-kit only appends to a journal), sorted.
 */
export function changedBaselineFiles(repo: string, variant: Variant, before: MigrationHashes): string[] {
  const after = migrationHashes(repo, variant);
  const unchanged = (file: string): boolean => {
    if (after[file] === undefined || !isJournal(file)) return after[file] === before[file];
    const old = JSON.parse(before[file]!) as unknown[];
    return JSON.stringify((JSON.parse(after[file]!) as unknown[]).slice(0, old.length)) === before[file];
  };
  return Object.keys(before)
    .filter((file) => !unchanged(file))
    .sort();
}

/** Is `file` (repo-relative) inside one of the fixture's migrations folders? */
export function isMigrationFile(variant: Variant, file: string): boolean {
  return fixture(variant).databases.some((database) => file.startsWith(`${database.out}/`));
}

// ---------------------------------------------------------------------------------------------
// applying migrations

let pglite: Promise<PGlite> | undefined;

/** One in-memory PGlite per test file (creating one costs ~4 s); applyMigrations resets it. */
function sharedPglite(): Promise<PGlite> {
  pglite ??= import('@electric-sql/pglite').then(({ PGlite }) => new PGlite());
  return pglite;
}

export async function closePglite(): Promise<void> {
  const instance = pglite;
  pglite = undefined;
  await (await instance)?.close();
}

/**
 * Applies every migration of one database with drizzle-orm's migrator on an empty database
 * (PGlite, reset first; a fresh database on the server for `server` fixtures; libsql in memory for
 * SQLite; a fresh database on the MariaDB server for MySQL) and returns the tables it ends with,
 * sorted, the migrations table left out.
 */
export async function applyMigrations(repo: string, variant: Variant, database: FixtureDatabase): Promise<string[]> {
  const migrationsFolder = path.join(repo, database.out);
  const options = { migrationsFolder, migrationsTable: database.migrationsTable, migrationsSchema: database.migrationsSchema };
  const ownTables = (tables: string[]) => tables.filter((table) => table !== (database.migrationsTable ?? '__drizzle_migrations')).sort();

  if (database.dialect === 'sqlite') {
    const [{ createClient }, { drizzle }, { migrate }] = await Promise.all([
      import('@libsql/client'),
      import('drizzle-orm/libsql'),
      import('drizzle-orm/libsql/migrator'),
    ]);
    const client = createClient({ url: ':memory:' });
    try {
      await migrate(drizzle(client), options);
      const result = await client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
      return ownTables(result.rows.map((row) => String(row.name)));
    } finally {
      client.close();
    }
  }

  if (database.dialect === 'mysql') {
    const name = await createMysqlDatabase('cdl_adopt_');
    try {
      const [{ default: mysql }, { drizzle }, { migrate }] = await Promise.all([
        import('mysql2/promise'),
        import('drizzle-orm/mysql2'),
        import('drizzle-orm/mysql2/migrator'),
      ]);
      const connection = await mysql.createConnection({ uri: mysqlUrl(name) });
      try {
        await migrate(drizzle(connection), options);
      } finally {
        await connection.end();
      }
      return ownTables(await mysqlTables(name));
    } finally {
      await dropMysqlDatabase(name);
    }
  }

  const schemaTables = 'select table_name from information_schema.tables where table_schema = $1';
  const tableSchema = database.pgSchema ?? 'public';
  if (fixture(variant).server) {
    const name = await createPgDatabase('cdl_adopt_');
    const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
      import('drizzle-orm/node-postgres/migrator'),
    ]);
    const client = new pg.Client({ connectionString: pgUrl(name) });
    await client.connect();
    try {
      await migrate(drizzle(client), options);
      return ownTables((await client.query<{ table_name: string }>(schemaTables, [tableSchema])).rows.map((row) => row.table_name));
    } finally {
      await client.end();
      await dropPgDatabase(name);
    }
  }

  const db = await sharedPglite();
  const schemas = ['public', 'drizzle', database.migrationsSchema, database.pgSchema].filter((schema): schema is string => Boolean(schema));
  await db.exec(`${[...new Set(schemas)].map((schema) => `DROP SCHEMA IF EXISTS "${schema}" CASCADE;`).join('\n')}\nCREATE SCHEMA public;`);
  const [{ drizzle }, { migrate }] = await Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  await migrate(drizzle(db), options);
  return ownTables((await db.query<{ table_name: string }>(schemaTables, [tableSchema])).rows.map((row) => row.table_name));
}

// ---------------------------------------------------------------------------------------------
// the CLI in a fixture repo

/** `create-db-layer ...args` in the repo, with the fixture's environment. */
export function runCliIn(repo: string, variant: Variant, args: readonly string[]): Promise<RunResult> {
  // A step after a failed copy has no repo: never let it run the CLI in the package itself.
  if (!repo.startsWith(TMP_ROOT + path.sep)) throw new Error(`not a temp fixture repo: "${repo}" (did copyFixture fail?)`);
  return runCli(args, { cwd: repo, env: fixture(variant).env, timeoutMs: 90_000 });
}

/** Adoption: `create-db-layer --yes --no-install` run inside the existing repo. */
export function adopt(repo: string, variant: Variant, flags: readonly string[] = []): Promise<RunResult> {
  return runCliIn(repo, variant, ['--yes', '--no-install', ...flags]);
}

/** The `✗ [...]` lines of a check run. */
export function findingLines(result: RunResult): string[] {
  return result.stdout.split('\n').filter((line) => line.startsWith('✗ '));
}
