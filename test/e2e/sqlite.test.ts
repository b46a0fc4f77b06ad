/**
 * E2E, SQLite through libsql: `--dialect sqlite` scaffolds a layer on a local file, `table` adds
 * users, posts and comments with seeds (drizzle-kit writing each migration), the repo type-checks,
 * migrates the file database in its temp folder, queries with relations, enforces foreign keys as
 * declared, seeds idempotently, resets and nukes with their guards, and passes `check` and
 * `agents --check` until the schema changes without a migration. Bad input is one line each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFiles, parseLastJsonLine, readManifest } from '../helpers/layer.js';
import { expectOk, makeTempRepo, removeTempDirs, runCli, runScript, runTsx, scaffold, typecheck } from '../helpers/repo.js';
import { expectOneLineError, runTable } from '../helpers/table.js';

let root = '';
let repo = '';
beforeAll(async () => {
  root = makeTempRepo('e2e-sqlite-');
  repo = path.join(root, 'app');
  await scaffold(repo, ['--dialect', 'sqlite']);
});
afterAll(() => removeTempDirs([root]));

const PROBE = `import { eq } from 'drizzle-orm';
import { closeDatabaseConnection, getDatabase } from './src/db/connection';
import { db } from './src/db/index';
import { comments, posts, users } from './src/db/schema';

const database = getDatabase();
const [user] = await database.insert(users).values({ email: 'probe@example.com', name: 'Probe' }).returning();
const [post] = await database.insert(posts).values({ authorId: user!.id, title: 'Hello', status: 'published' }).returning();
await database.insert(comments).values({ postId: post!.id, authorId: user!.id, body: 'First' });
const withAuthor = await database.query.posts.findMany({ with: { author: true }, where: eq(posts.id, post!.id) });
let orphan = '';
try {
  await database.insert(posts).values({ authorId: 'nobody', title: 'Orphan' });
} catch (error) {
  orphan = String((error as Error).cause ?? error);
}
await database.delete(users).where(eq(users.id, user!.id));
console.log(JSON.stringify({
  shared: db.main === database,
  posts: withAuthor.map((row) => ({ title: row.title, status: row.status, author: row.author.email, createdAt: row.createdAt instanceof Date })),
  orphanRefused: orphan.includes('FOREIGN KEY'),
  afterDelete: { posts: await database.$count(posts, eq(posts.authorId, user!.id)), comments: await database.$count(comments, eq(comments.postId, post!.id)) },
}));
await closeDatabaseConnection();
`;

const COUNTS = `import { closeDatabaseConnection, getDatabase } from './src/db/connection';
import { comments, posts, users } from './src/db/schema';

const database = getDatabase();
console.log(JSON.stringify([await database.$count(users), await database.$count(posts), await database.$count(comments)]));
await closeDatabaseConnection();
`;

async function counts(): Promise<number[]> {
  return parseLastJsonLine<number[]>('counts', await runTsx(repo, 'e2e-counts.ts'));
}

describe('create-db-layer --dialect sqlite (libsql, a local file)', () => {
  it('records sqlite and libsql, depends on @libsql/client, and git-ignores the data folder', () => {
    expect(readManifest(repo)).toMatchObject({ dialect: 'sqlite', driver: 'libsql', enumStyle: 'text' });
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@libsql/client', 'drizzle-orm']);
    expect(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8').split('\n')).toContain('.data/');
    expect(fs.readFileSync(path.join(repo, 'drizzle.config.ts'), 'utf8')).toContain('dialect: "turso"');
  });

  it('adds users, posts and comments with seeds, one migration each, and type-checks', async () => {
    expectOk('table users', await runTable(repo, ['users', 'email:text:notNull:unique', 'name:text']));
    expectOk('table posts', await runTable(repo, ['posts', 'author:references:ref=users:notNull:onDelete=cascade', 'status:enum(draft|published)', 'title:varchar(200):notNull:index', '--seed']));
    expectOk('table comments', await runTable(repo, ['comments', 'post:references:notNull:onDelete=cascade', 'author:references:ref=users:onDelete=set-null', 'body:text:notNull', '--seed']));
    expect(migrationFiles(repo)).toEqual(['0000_create_users.sql', '0001_create_posts.sql', '0002_create_comments.sql']);
    const posts = fs.readFileSync(path.join(repo, 'drizzle/0001_create_posts.sql'), 'utf8');
    expect(posts).toContain('ON DELETE cascade');
    expect(posts).toContain('CREATE INDEX `posts_title_idx`');
    fs.writeFileSync(path.join(repo, 'e2e-probe.ts'), PROBE);
    fs.writeFileSync(path.join(repo, 'e2e-counts.ts'), COUNTS);
    expectOk('tsc', await typecheck(repo));
  });

  it('migrates the file database, queries with relations, and enforces foreign keys as declared', async () => {
    expectOk('db:migrate', await runScript(repo, 'db:migrate'));
    expect(fs.existsSync(path.join(repo, '.data/main.db'))).toBe(true);
    const probe = parseLastJsonLine<Record<string, unknown>>('probe', await runTsx(repo, 'e2e-probe.ts'));
    expect(probe).toEqual({
      shared: true,
      posts: [{ title: 'Hello', status: 'published', author: 'probe@example.com', createdAt: true }],
      orphanRefused: true,
      // onDelete cascade: the user's post goes, and its comments with it.
      afterDelete: { posts: 0, comments: 0 },
    });
  });

  it('seeds idempotently, resets rows, and nukes every table with its guards', async () => {
    expectOk('db:seed', await runScript(repo, 'db:seed'));
    expect(await counts()).toEqual([3, 3, 3]);
    expectOk('db:seed again', await runScript(repo, 'db:seed'));
    expect(await counts()).toEqual([3, 3, 3]);
    expectOk('db:reset', await runScript(repo, 'db:reset'));
    expect(await counts()).toEqual([0, 0, 0]);
    const refused = await runScript(repo, 'db:nuke', { NODE_ENV: 'production' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('db:nuke refused: NODE_ENV is production');
    const remote = await runScript(repo, 'db:nuke', { DATABASE_URL: 'libsql://app-prod.turso.io' });
    expect(remote.stderr).toContain('looks like production');
    const malformed = await runScript(repo, 'db:migrate', { DATABASE_URL: 'mysql://localhost/app' });
    expect(malformed.stderr.trim()).toBe('✗ db:migrate failed: DATABASE_URL must start with file: or libsql:// (got mysql://)');
    const nuked = await runScript(repo, 'db:nuke');
    expectOk('db:nuke', nuked);
    expect(nuked.stdout).toContain('dropped 4 table(s)');
    expectOk('db:migrate after nuke', await runScript(repo, 'db:migrate'));
    expectOk('db:seed after nuke', await runScript(repo, 'db:seed'));
    expect(await counts()).toEqual([3, 3, 3]);
  });

  it('check and agents --check pass, then check reports a schema change without a migration', async () => {
    expectOk('check', await runCli(['check'], { cwd: repo }));
    expectOk('agents --check', await runCli(['agents', '--check'], { cwd: repo }));
    const file = path.join(repo, 'src/db/schema/users.ts');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('name: text(),', 'name: text(),\n  bio: text(),'));
    try {
      const result = await runCli(['check'], { cwd: repo });
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).toContain('has changes no migration covers');
    } finally {
      fs.writeFileSync(file, text);
    }
  });
});

describe('sqlite bad input: one line, nothing written', () => {
  it('--dialect sqlite --driver pg names the drivers that fit', async () => {
    const result = await runCli(['other', '--dialect', 'sqlite', '--driver', 'pg', '--yes', '--no-install'], { cwd: root });
    expect(result.code).toBe(2);
    expect(expectOneLineError('init', result)).toBe('create-db-layer: --driver pg is a postgresql driver; with --dialect sqlite use --driver libsql, better-sqlite3');
    expect(fs.existsSync(path.join(root, 'other'))).toBe(false);
  });

  it('a field type SQLite cannot store names the alternative', async () => {
    const result = await runTable(repo, ['counters', 'position:serial']);
    expect(result.code).toBe(2);
    expect(expectOneLineError('table', result)).toContain('SQLite has no serial type: use --id serial');
    expect(fs.existsSync(path.join(repo, 'src/db/schema/counters.ts'))).toBe(false);
  });

});

describe('a second sqlite database', () => {
  it('connection adds a second database file with its own URL variable, migrated and queried apart', async () => {
    for (const [flag, message] of [
      [['--env-var', 'WORKFLOWS_DB'], '--env-var names a database on the primary server'],
      [['--no-ssl'], '--ssl/--no-ssl are server settings'],
    ] as const) {
      expect(expectOneLineError(`connection ${flag.join(' ')}`, await runCli(['connection', 'workflows', ...flag], { cwd: repo }))).toContain(message);
    }
    expectOk('connection workflows', await runCli(['connection', 'workflows'], { cwd: repo }));
    expect(fs.readFileSync(path.join(repo, 'src/db/config.ts'), 'utf8').replace(/\s+/g, ' ')).toContain(
      'sqliteConfig( env, "WORKFLOWS_DATABASE_URL", "WORKFLOWS_DATABASE_AUTH_TOKEN", "file:.data/workflows.db", );',
    );
    expectOk('table runs', await runCli(['table', 'runs', 'status:text:notNull', '--db', 'workflows'], { cwd: repo }));
    expectOk('tsc', await typecheck(repo));
    expectOk('db:migrate:all', await runScript(repo, 'db:migrate:all'));
    expect(fs.existsSync(path.join(repo, '.data/workflows.db'))).toBe(true);
    fs.writeFileSync(
      path.join(repo, 'e2e-two.ts'),
      `import { closeDatabaseConnection, closeWorkflowsDatabaseConnection, db, workflowsSchema } from './src/db/index';
await db.workflows.insert(workflowsSchema.runs).values({ status: 'done' });
const runs = await db.workflows.$count(workflowsSchema.runs);
const mainTables = await db.main.$client.execute("select name from sqlite_master where name = 'runs'");
await closeWorkflowsDatabaseConnection();
console.log(JSON.stringify({ runs, runsInMain: mainTables.rows.length, mainStillOpen: (await db.main.$client.execute('select 1')).rows.length }));
await closeDatabaseConnection();
`,
    );
    expect(parseLastJsonLine('two databases', await runTsx(repo, 'e2e-two.ts'))).toEqual({ runs: 1, runsInMain: 0, mainStillOpen: 1 });
    const check = await runCli(['check'], { cwd: repo });
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});
