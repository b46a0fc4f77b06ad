/**
 * Shared helpers of the e2e suite: temp repos under /work/main/.tmp (so a scaffolded repo resolves
 * drizzle-orm, pg, tsx, drizzle-kit... from this package's node_modules without installing), child
 * processes with a clean environment, PostgreSQL databases, tree snapshots and hand-written tables.
 *
 * Nothing here is mocked: the CLI is the built `dist/src/cli.js` (`npm test` builds first), scripts
 * run through `npm run`, type checks through the real `tsc`.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TMP_ROOT = path.join(ROOT, '.tmp');
export const CLI = path.join(ROOT, 'dist/src/cli.js');
export const BIN_DIR = path.join(ROOT, 'node_modules/.bin');
export const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
export const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
export const DRIZZLE_KIT = path.join(ROOT, 'node_modules/drizzle-kit/bin.cjs');

// ---------------------------------------------------------------------------------------------
// processes

export interface RunResult {
  /** exit code; null when killed (see `signal`, `timedOut`) */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** wall time in milliseconds */
  ms: number;
}

/** Variables to set; `undefined` removes a variable. */
export type EnvPatch = Record<string, string | undefined>;

export interface RunOptions {
  cwd: string;
  env?: EnvPatch;
  /** 'null' (default): stdin is /dev/null, so the child is never a TTY; a string is piped in. */
  stdin?: 'null' | { text: string };
  timeoutMs?: number;
}

/**
 * Variables of the parent that would make runs depend on who started the suite: the database
 * settings the layer reads, libpq's PG* defaults (pg and postgres-js honour them), NODE_ENV (vitest
 * sets it to "test"), and the npm_* variables `npm test` exports (npm_config_local_prefix and
 * friends would leak /work/main into nested npm/npx runs).
 */
const INHERITED_NOISE = /^(npm_|INIT_CWD$|DATABASE_URL$|DB_|PGLITE_DIR$|NODE_ENV$|PG[A-Z]+$|CREATE_DB_LAYER_)/;

/** The environment of a child: the parent's minus INHERITED_NOISE, PATH led by our node_modules/.bin, then `patch`. */
export function childEnv(patch: EnvPatch = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!INHERITED_NOISE.test(key)) env[key] = value;
  }
  env.PATH = `${BIN_DIR}${path.delimiter}${process.env.PATH ?? ''}`;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a command to completion (never throws on a non-zero exit); kills its whole process group on timeout. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const stdio: StdioOptions = [typeof options.stdin === 'object' ? 'pipe' : 'ignore', 'pipe', 'pipe'];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio,
      // Own process group, so a timeout also ends npm's grandchildren (sh -> tsx -> node).
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (typeof options.stdin === 'object') child.stdin!.end(options.stdin.text);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? 90_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A readable dump of a run, for assertion messages. */
export function describeRun(label: string, result: RunResult): string {
  return [
    `${label}: exit ${result.code}${result.signal ? ` (${result.signal})` : ''}${result.timedOut ? ' TIMED OUT' : ''} in ${result.ms} ms`,
    `--- stdout\n${result.stdout}`,
    `--- stderr\n${result.stderr}`,
  ].join('\n');
}

/** Throws with the full output unless the run exited 0. */
export function assertOk(label: string, result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(describeRun(label, result));
  return result;
}

/**
 * The lines a program printed itself: drops npm's own chatter (`npm warn ...` from the machine's
 * npmrc, `npm error ...`, the `> pkg@1.0.0 script` banner) and blank lines.
 */
export function ownLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !/^npm (warn|error|notice|WARN|ERR!)/.test(line) && !line.startsWith('> '));
}

// ---------------------------------------------------------------------------------------------
// temp dirs and the CLI

/** A new empty folder under /work/main/.tmp (git-ignored). */
export function makeTempRepo(prefix = 'e2e-'): string {
  fs.mkdirSync(TMP_ROOT, { recursive: true });
  return fs.mkdtempSync(path.join(TMP_ROOT, prefix));
}

/** Removes temp folders; set KEEP_E2E_TMP=1 to keep them for debugging. */
export function removeTempDirs(dirs: readonly string[]): void {
  if (process.env.KEEP_E2E_TMP) return;
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Runs the built CLI: `node dist/src/cli.js ...args`, stdin /dev/null unless given. */
export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], { timeoutMs: 60_000, ...options });
}

/** `create-db-layer <repo> --yes --no-install ...flags`, which must succeed. */
export async function scaffold(repo: string, flags: readonly string[] = []): Promise<RunResult> {
  fs.mkdirSync(path.dirname(repo), { recursive: true });
  const result = await runCli([repo, '--yes', '--no-install', ...flags], { cwd: path.dirname(repo) });
  return assertOk(`create-db-layer ${[repo, ...flags].join(' ')}`, result);
}

/**
 * Runs the repo's package.json script `name` the way `npm run` does (`sh -c <script>` in the repo,
 * with node_modules/.bin on PATH; ours, since temp repos install nothing), without npm's own
 * startup (~0.3 s a run, and the e2e files run dozens). A missing script is an error. Pass
 * `{ viaNpm: true }` to go through the real `npm run`.
 */
export function runScript(
  repo: string,
  name: string,
  env: EnvPatch = {},
  options: { viaNpm?: boolean; timeoutMs?: number } = {},
): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  if (options.viaNpm) return run('npm', ['run', name], { cwd: repo, env, timeoutMs });
  const scripts = readJson<{ scripts?: Record<string, string> }>(path.join(repo, 'package.json')).scripts ?? {};
  const script = scripts[name];
  if (script === undefined) throw new Error(`${repo}/package.json has no script "${name}" (has: ${Object.keys(scripts).join(', ')})`);
  const PATH = [path.join(repo, 'node_modules/.bin'), BIN_DIR, process.env.PATH ?? ''].join(path.delimiter);
  return run('sh', ['-c', script], { cwd: repo, env: { ...env, PATH }, timeoutMs });
}

/** Runs a TypeScript file of the repo with tsx (cwd: the repo). */
export function runTsx(repo: string, file: string, args: readonly string[] = [], env: EnvPatch = {}): Promise<RunResult> {
  return run(process.execPath, [TSX_CLI, file, ...args], { cwd: repo, env, timeoutMs: 60_000 });
}

/** `tsc -p <repo>` (the generated tsconfig has noEmit); exit 0 means the repo type-checks. */
export function typecheck(repo: string, extraArgs: readonly string[] = []): Promise<RunResult> {
  return run(process.execPath, [TSC, '-p', repo, ...extraArgs], { cwd: repo, timeoutMs: 90_000 });
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// trees

/**
 * Every file (and folder, as `path/` -> empty) under dir, by relative POSIX path, with its bytes;
 * symlinks as `-> target`. Compare two snapshots with toEqual for a byte-identical check. A
 * missing dir gives {}.
 */
export function snapshotTree(dir: string): Record<string, Buffer> {
  const tree: Record<string, Buffer> = {};
  const walk = (absolute: string, relative: string): void => {
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const childAbsolute = path.join(absolute, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) tree[childRelative] = Buffer.from(`-> ${fs.readlinkSync(childAbsolute)}`);
      else if (entry.isDirectory()) {
        tree[`${childRelative}/`] = Buffer.alloc(0);
        walk(childAbsolute, childRelative);
      } else tree[childRelative] = fs.readFileSync(childAbsolute);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return tree;
}

/** The paths of a snapshot, for readable assertions. */
export function treePaths(tree: Record<string, Buffer>): string[] {
  return Object.keys(tree).sort();
}

// ---------------------------------------------------------------------------------------------
// the scaffolded layer

export type Layout = 'folder' | 'file';

export interface Manifest {
  driver: string;
  dbDir: string;
  layout: Layout;
  importExtension: '' | '.js';
  databases: Array<{ name: string; schema: string; out: string }>;
  [key: string]: unknown;
}

export function readManifest(repo: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(repo, 'db-layer.json'), 'utf8')) as Manifest;
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

const USERS_IMPORTS = "import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';";

/** camelCase keys on purpose: with casing snake_case they must become display_name, login_count, created_at. */
const USERS_TABLE = `export const users = pgTable('users', {
  id: serial().primaryKey(),
  email: text().notNull().unique(),
  displayName: text(),
  loginCount: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
`;

/**
 * Adds a `users` table by hand, the way a user would: folder layout writes schema/users.ts and
 * appends `export * from './users'` to the barrel; file layout adds it to schema.ts. Reads the
 * db dir and import extension from db-layer.json.
 */
export function addUsersTable(repo: string, layout: Layout): void {
  const manifest = readManifest(repo);
  const dbDir = path.join(repo, manifest.dbDir);
  if (layout === 'folder') {
    fs.writeFileSync(path.join(dbDir, 'schema/users.ts'), `${USERS_IMPORTS}\n\n${USERS_TABLE}`);
    fs.appendFileSync(path.join(dbDir, 'schema/index.ts'), `export * from './users${manifest.importExtension}';\n`);
  } else {
    const file = path.join(dbDir, 'schema.ts');
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${USERS_IMPORTS}\n${before}\n${USERS_TABLE}`);
  }
}

/** The files the e2e probes write into a repo (root *.ts files are inside the generated tsconfig). */
export const PROBE = 'e2e-probe.ts';
export const ROWS = 'e2e-rows.ts';
export const IMPORT_ONLY = 'e2e-import-only.ts';

/**
 * Writes three scripts into the repo root, importing the layer like application code would:
 * - e2e-probe.ts <email>: inserts a user and selects it through getDatabase(), checks the instance
 *   is shared (and the same as db.main), closes, reopens with getDatabase() and queries again;
 *   prints one JSON line.
 * - e2e-rows.ts: prints the users' emails as one JSON line.
 * - e2e-import-only.ts: imports src/db/index and touches nothing that would query.
 */
export function writeProbes(repo: string): void {
  const manifest = readManifest(repo);
  const ext = manifest.importExtension;
  const db = `./${manifest.dbDir}`;
  const schemaModule = manifest.layout === 'file' ? `${db}/schema${ext}` : `${db}/schema/index${ext}`;
  fs.writeFileSync(
    path.join(repo, PROBE),
    `import { eq, sql } from 'drizzle-orm';
import { closeDatabaseConnection, getDatabase } from '${db}/connection${ext}';
import { db } from '${db}/index${ext}';
import { users } from '${schemaModule}';

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

const email = process.argv[2] ?? 'probe@example.test';
const first = getDatabase();
const same = first === getDatabase();
const sameAsDbMain = db.main === first;
const inserted = await first.insert(users).values({ email, displayName: 'Probe' }).returning();
const selected = await first.select().from(users).where(eq(users.email, email));
const columns = rowsOf(
  await first.execute(
    sql\`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'users' order by column_name\`,
  ),
).map((row) => String(row.column_name));
await closeDatabaseConnection();
const second = getDatabase();
const reopenedIsNew = second !== first;
const afterReopen = await second.select().from(users).where(eq(users.email, email));
const total = await second.$count(users);
await closeDatabaseConnection();
console.log(
  JSON.stringify({
    same,
    sameAsDbMain,
    inserted: inserted.map((row) => row.email),
    selected: selected.map((row) => ({ email: row.email, displayName: row.displayName, loginCount: row.loginCount })),
    columns,
    reopenedIsNew,
    afterReopen: afterReopen.map((row) => row.email),
    total,
  }),
);
`,
  );
  fs.writeFileSync(
    path.join(repo, ROWS),
    `import { asc } from 'drizzle-orm';
import { closeDatabaseConnection, getDatabase } from '${db}/connection${ext}';
import { users } from '${schemaModule}';

try {
  const rows = await getDatabase().select().from(users).orderBy(asc(users.email));
  console.log(JSON.stringify(rows.map((row) => row.email)));
} finally {
  await closeDatabaseConnection();
}
`,
  );
  fs.writeFileSync(
    path.join(repo, IMPORT_ONLY),
    `import { closeDatabaseConnection, db, getDatabase, schema } from '${db}/index${ext}';

// Touching db.main or calling getDatabase() would connect; importing must not.
console.log(
  JSON.stringify({
    db: typeof db,
    getDatabase: typeof getDatabase,
    close: typeof closeDatabaseConnection,
    tables: Object.keys(schema).sort(),
  }),
);
`,
  );
}

export interface ProbeResult {
  same: boolean;
  sameAsDbMain: boolean;
  inserted: string[];
  selected: Array<{ email: string; displayName: string | null; loginCount: number }>;
  columns: string[];
  reopenedIsNew: boolean;
  afterReopen: string[];
  total: number;
}

/** The last stdout line of a probe run, parsed; throws with the output when the run failed. */
export function parseLastJsonLine<T>(label: string, result: RunResult): T {
  assertOk(label, result);
  const line = ownLines(result.stdout).at(-1);
  if (line === undefined) throw new Error(describeRun(`${label} printed nothing`, result));
  return JSON.parse(line) as T;
}

export async function runProbe(repo: string, email: string, env: EnvPatch = {}): Promise<ProbeResult> {
  return parseLastJsonLine<ProbeResult>(`tsx ${PROBE}`, await runTsx(repo, PROBE, [email], env));
}

/** The users' emails through the layer. */
export async function readUsers(repo: string, env: EnvPatch = {}): Promise<string[]> {
  return parseLastJsonLine<string[]>(`tsx ${ROWS}`, await runTsx(repo, ROWS, [], env));
}

/** The migration SQL files drizzle-kit wrote to the repo's drizzle/ folder. */
export function migrationFiles(repo: string, out = 'drizzle'): string[] {
  const dir = path.join(repo, out);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
}
