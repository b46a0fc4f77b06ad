/**
 * Helpers of the e2e suite about the scaffolded layer: db-layer.json, a `users` table added by hand,
 * probe scripts that import the layer like application code and their parsed output, and the
 * migrations drizzle-kit wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertOk, describeRun, ownLines, runTsx, type EnvPatch, type RunResult } from './repo.js';

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

/** What the probe reports the first time it runs on an empty users table, whatever the driver. */
export function firstProbe(email: string): ProbeResult {
  return {
    same: true,
    sameAsDbMain: true,
    inserted: [email],
    selected: [{ email, displayName: 'Probe', loginCount: 0 }],
    columns: ['created_at', 'display_name', 'email', 'id', 'login_count'],
    reopenedIsNew: true,
    afterReopen: [email],
    total: 1,
  };
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
