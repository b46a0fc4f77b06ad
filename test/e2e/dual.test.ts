/**
 * E2E, the dual-dialect layout (seed 002): `--dialect dual` scaffolds one database in SQLite and
 * PostgreSQL, `table` writes users, posts and comments into both schema folders with one
 * migration per dialect (drizzle-kit writing each), the repo type-checks, and the same probe
 * migrates (migrateOnStartup), seeds twice (same rows) and queries with relations under
 * DB_TYPE=sqlite (a libsql file in the temp repo), DB_TYPE=postgres without a server (PGlite) and
 * DB_TYPE=postgres on the real server (a fresh database). check passes, then reports a column
 * planted in one schema only. Bad input is one line each, nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFiles, parseLastJsonLine, readManifest } from '../helpers/layer.js';
import { pgTables, pgUrl, trackDatabases } from '../helpers/pg.js';
import { expectOk, makeTempRepo, removeTempDirs, runCli, runScript, runTsx, scaffold, typecheck, type EnvPatch } from '../helpers/repo.js';
import { expectOneLineError, runTable } from '../helpers/table.js';

let root = '';
let repo = '';
const databases = trackDatabases();
beforeAll(async () => {
  root = makeTempRepo('e2e-dual-');
  repo = path.join(root, 'app');
  await scaffold(repo, ['--dialect', 'dual']);
});
afterAll(async () => {
  await databases.dropAll();
  removeTempDirs([root]);
});

/** App code as the guide tells it: getDatabase() with getSchema()'s tables, migrations applied at start-up. */
const PROBE = `import { eq } from 'drizzle-orm';
import { closeDatabaseConnection, getDatabase, getDatabaseType, getSchema, migrateOnStartup, type NewPost } from './src/db/index';

await migrateOnStartup(() => {});
const db = getDatabase();
const { comments, posts, users } = getSchema();
const email = process.argv[2]!;
const [user] = await db.insert(users).values({ email, name: 'Probe' }).returning();
const post: NewPost = { authorId: user!.id, title: 'Hello', status: 'published' };
const [inserted] = await db.insert(posts).values(post).returning();
await db.insert(comments).values({ postId: inserted!.id, authorId: user!.id, body: 'First' });
const withAuthor = await db.query.posts.findMany({ with: { author: true, comments: true }, where: eq(posts.authorId, user!.id) });
console.log(JSON.stringify({
  type: getDatabaseType(),
  posts: withAuthor.map((row) => ({ title: row.title, status: row.status, author: row.author.email, comments: row.comments.length, createdAt: row.createdAt instanceof Date })),
  counts: [await db.$count(users), await db.$count(posts), await db.$count(comments)],
}));
await closeDatabaseConnection();
`;

const COUNTS = `import { closeDatabaseConnection, getDatabase, getSchema } from './src/db/index';

const db = getDatabase();
const { comments, posts, users } = getSchema();
console.log(JSON.stringify([await db.$count(users), await db.$count(posts), await db.$count(comments)]));
await closeDatabaseConnection();
`;

async function counts(env: EnvPatch): Promise<number[]> {
  return parseLastJsonLine<number[]>('counts', await runTsx(repo, 'e2e-counts.ts', [], env));
}

/** Seeds twice, then runs the probe: three seeded rows per table survive a second seed, and the probe adds one each. */
async function exercise(env: EnvPatch, type: string): Promise<void> {
  expectOk(`db:migrate (${type})`, await runScript(repo, 'db:migrate', env));
  expectOk(`db:seed (${type})`, await runScript(repo, 'db:seed', env));
  expect(await counts(env)).toEqual([3, 3, 3]);
  expectOk(`db:seed again (${type})`, await runScript(repo, 'db:seed', env));
  expect(await counts(env)).toEqual([3, 3, 3]);
  const probe = parseLastJsonLine<Record<string, unknown>>('probe', await runTsx(repo, 'e2e-probe.ts', [`probe-${type}@example.com`], env));
  expect(probe).toEqual({
    type: env.DB_TYPE ?? 'sqlite',
    posts: [{ title: 'Hello', status: 'published', author: `probe-${type}@example.com`, comments: 1, createdAt: true }],
    counts: [4, 4, 4],
  });
}

describe('create-db-layer --dialect dual', () => {
  it('records both dialects, depends on both drivers, and git-ignores both data folders', () => {
    expect(readManifest(repo)).toMatchObject({ dialect: 'sqlite', driver: 'libsql', dual: { dialect: 'postgresql', driver: 'auto', out: 'drizzle-pg' } });
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@electric-sql/pglite', '@libsql/client', 'drizzle-orm', 'pg']);
    expect(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['.data/', '.pglite/']));
  });

  it('adds users, posts and comments to both dialects with seeds, one migration per dialect each, and type-checks', async () => {
    expectOk('table users', await runTable(repo, ['users', 'email:text:notNull:unique', 'name:text']));
    expectOk('table posts', await runTable(repo, ['posts', 'author:references:ref=users:notNull:onDelete=cascade', 'status:enum(draft|published)', 'title:varchar(200):notNull:index', '--seed']));
    expectOk('table comments', await runTable(repo, ['comments', 'post:references:notNull:onDelete=cascade', 'author:references:ref=users:onDelete=set-null', 'body:text:notNull', '--seed']));
    const expected = ['0000_create_users.sql', '0001_create_posts.sql', '0002_create_comments.sql'];
    expect(migrationFiles(repo, 'drizzle')).toEqual(expected);
    expect(migrationFiles(repo, 'drizzle-pg')).toEqual(expected);
    expect(fs.readFileSync(path.join(repo, 'drizzle/0001_create_posts.sql'), 'utf8')).toContain('CREATE INDEX `posts_title_idx`');
    expect(fs.readFileSync(path.join(repo, 'drizzle-pg/0001_create_posts.sql'), 'utf8')).toContain('CREATE INDEX "posts_title_idx"');
    // Both dialects' migrations are fingerprinted, so check reports an edit to either.
    const dual = readManifest(repo).dual as { migrationHashes?: Record<string, string> };
    expect(Object.keys(dual.migrationHashes ?? {})).toEqual(expected);
    fs.writeFileSync(path.join(repo, 'e2e-probe.ts'), PROBE);
    fs.writeFileSync(path.join(repo, 'e2e-counts.ts'), COUNTS);
    expectOk('tsc', await typecheck(repo));
  });

  it('DB_TYPE=sqlite (the default): migrates the libsql file at start-up, seeds idempotently, queries with relations', async () => {
    await exercise({}, 'sqlite');
    expect(fs.existsSync(path.join(repo, '.data/main.db'))).toBe(true);
    expect(fs.existsSync(path.join(repo, '.pglite'))).toBe(false);
  });

  it('DB_TYPE=postgres without a server: the same on embedded PGlite', async () => {
    await exercise({ DB_TYPE: 'postgres' }, 'pglite');
    expect(fs.existsSync(path.join(repo, '.pglite/main'))).toBe(true);
  });

  it('DB_TYPE=postgres with DATABASE_URL: the same on the PostgreSQL server, and db:generate still loads both configs', async () => {
    const name = await databases.create('cdl_dual_');
    const env = { DB_TYPE: 'postgres', DATABASE_URL: pgUrl(name) };
    await exercise(env, 'postgres');
    expect(await pgTables(name)).toEqual(['comments', 'posts', 'users']);
    // The SQLite config ignores the PostgreSQL URL (it belongs to the selected dialect).
    const generate = await runScript(repo, 'db:generate', env);
    expectOk('db:generate', generate);
    expect(generate.stdout.match(/No schema changes/g)).toHaveLength(2);
  });

  it('an unknown DB_TYPE is one line naming the variable and its values', async () => {
    const result = await runScript(repo, 'db:migrate', { DB_TYPE: 'mysql' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('✗ db:migrate failed: DB_TYPE must be sqlite or postgres (got "mysql")');
    const reset = await runScript(repo, 'db:reset', { DB_TYPE: 'oracle' });
    expect(reset.code).toBe(1);
    expect(reset.stderr.trim()).toBe('✗ db:reset failed: DB_TYPE must be sqlite or postgres (got "oracle")');
  });

  it('check and agents --check pass, then check reports a column planted in one schema only', async () => {
    expectOk('check', await runCli(['check'], { cwd: repo }));
    expectOk('agents --check', await runCli(['agents', '--check'], { cwd: repo }));
    const file = path.join(repo, 'src/db/schema/postgres/users.ts');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('name: text(),', 'name: text(),\n  bio: text(),'));
    try {
      const result = await runCli(['check'], { cwd: repo });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        '✗ [dual] src/db/schema/sqlite/users.ts: users.bio is missing here but defined in src/db/schema/postgres/users.ts: add it here (or remove it there), then run db:generate',
      );
      expect(result.stdout).toContain('✗ [pending] src/db/schema/postgres/index.ts: has changes no migration covers');
    } finally {
      fs.writeFileSync(file, text);
    }
  });
});

describe('dual bad input: one line, nothing written', () => {
  it('--dialect dual with a driver that does not fit names the one that does', async () => {
    const result = await runCli(['other', '--dialect', 'dual', '--driver', 'pglite', '--yes', '--no-install'], { cwd: root });
    expect(result.code).toBe(2);
    expect(expectOneLineError('init', result)).toContain('--driver pglite does not fit --dialect dual: its SQLite side uses --driver libsql');
    expect(fs.existsSync(path.join(root, 'other'))).toBe(false);
  });

  it('a field type SQLite cannot store is refused for both dialects, naming SQLite and the alternative', async () => {
    const result = await runTable(repo, ['counters', 'position:serial']);
    expect(result.code).toBe(2);
    expect(expectOneLineError('table', result)).toContain('SQLite has no serial type: use --id serial');
    expect(fs.existsSync(path.join(repo, 'src/db/schema/postgres/counters.ts'))).toBe(false);
  });

  it('connection refuses a dual layer', async () => {
    const result = await runCli(['connection', 'workflows', '--yes'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(expectOneLineError('connection', result)).toContain('connection does not support a dual-dialect layer');
    expect(readManifest(repo).databases).toHaveLength(1);
  });
});
