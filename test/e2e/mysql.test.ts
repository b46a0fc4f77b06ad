/**
 * E2E, MySQL through mysql2 against the local MariaDB server: `--dialect mysql` scaffolds a layer,
 * `table` adds users, posts and comments with seeds (drizzle-kit writing each migration), the repo
 * type-checks, migrates a fresh database, queries with relations, cascades deletes, seeds
 * idempotently, resets and nukes with their guards, and passes `check` and `agents --check` until
 * the schema changes without a migration. Bad input is one line each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFiles, parseLastJsonLine, readManifest } from '../helpers/layer.js';
import { mysqlTables, mysqlUrl, trackDatabases } from '../helpers/mysql.js';
import { expectOk, makeTempRepo, removeTempDirs, runCli, runScript, runTsx, scaffold, typecheck } from '../helpers/repo.js';
import { expectOneLineError, runTable } from '../helpers/table.js';

const databases = trackDatabases();
let root = '';
let repo = '';
let database = '';
let env: Record<string, string> = {};
beforeAll(async () => {
  root = makeTempRepo('e2e-mysql-');
  repo = path.join(root, 'app');
  database = await databases.create('cdl_mysql_');
  env = { DATABASE_URL: mysqlUrl(database) };
  await scaffold(repo, ['--dialect', 'mysql']);
});
afterAll(async () => {
  removeTempDirs([root]);
  await databases.dropAll();
});

const PROBE = `import { eq } from 'drizzle-orm';
import { closeDatabaseConnection, getDatabase } from './src/db/connection';
import { db } from './src/db/index';
import { comments, posts, users } from './src/db/schema';

const database = getDatabase();
const [user] = await database.insert(users).values({ email: 'probe@example.com', name: 'Probe' }).$returningId();
const [post] = await database.insert(posts).values({ authorId: user!.id, title: 'Hello', status: 'published' }).$returningId();
await database.insert(comments).values({ postId: post!.id, authorId: user!.id, body: 'First' });
// Many-side relations: MariaDB runs them. A one-side \`with\` (posts -> author) is built by drizzle-orm
// as a correlated derived table, which MariaDB (unlike MySQL 8.0.14+) rejects: join instead.
const withPosts = await database.query.users.findMany({ with: { posts: true }, where: eq(users.id, user!.id) });
const withAuthor = await database.select({ title: posts.title, status: posts.status, email: users.email, createdAt: posts.createdAt }).from(posts).innerJoin(users, eq(posts.authorId, users.id)).where(eq(posts.id, post!.id));
let orphan = '';
try {
  await database.insert(posts).values({ authorId: 'nobody', title: 'Orphan' });
} catch (error) {
  orphan = String((error as Error).cause ?? error);
}
await database.delete(users).where(eq(users.id, user!.id));
console.log(JSON.stringify({
  shared: db.main === database,
  posts: withAuthor.map((row) => ({ title: row.title, status: row.status, author: row.email, createdAt: row.createdAt instanceof Date })),
  related: withPosts.map((row) => ({ email: row.email, posts: row.posts.map((one) => one.title) })),
  orphanRefused: orphan.includes('foreign key constraint fails'),
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
  return parseLastJsonLine<number[]>('counts', await runTsx(repo, 'e2e-counts.ts', [], env));
}

describe('create-db-layer --dialect mysql (mysql2, MariaDB)', () => {
  it('records mysql and mysql2, depends on mysql2, and configures drizzle-kit for mysql', () => {
    expect(readManifest(repo)).toMatchObject({ dialect: 'mysql', driver: 'mysql2', enumStyle: 'text' });
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['drizzle-orm', 'mysql2']);
    expect(fs.readFileSync(path.join(repo, 'drizzle.config.ts'), 'utf8')).toContain('dialect: "mysql"');
  });

  it('adds users, posts and comments with seeds, one migration each, and type-checks', async () => {
    expectOk('table users', await runTable(repo, ['users', 'email:varchar(255):notNull:unique', 'name:text']));
    expectOk('table posts', await runTable(repo, ['posts', 'author:references:ref=users:notNull:onDelete=cascade', 'status:enum(draft|published)', 'title:varchar(200):notNull:index', '--seed']));
    expectOk('table comments', await runTable(repo, ['comments', 'post:references:notNull:onDelete=cascade', 'author:references:ref=users:onDelete=set-null', 'body:text:notNull', '--seed']));
    expect(migrationFiles(repo)).toEqual(['0000_create_users.sql', '0001_create_posts.sql', '0002_create_comments.sql']);
    const posts = fs.readFileSync(path.join(repo, 'drizzle/0001_create_posts.sql'), 'utf8');
    expect(posts).toContain('ON DELETE cascade');
    expect(posts).toContain("enum('draft','published')");
    expect(posts).toContain('CREATE INDEX `posts_title_idx`');
    fs.writeFileSync(path.join(repo, 'e2e-probe.ts'), PROBE);
    fs.writeFileSync(path.join(repo, 'e2e-counts.ts'), COUNTS);
    expectOk('tsc', await typecheck(repo));
  });

  it('migrates a fresh MariaDB database, queries a many-side relation, refuses orphans, and cascades deletes', async () => {
    expectOk('db:migrate', await runScript(repo, 'db:migrate', env));
    expect(await mysqlTables(database)).toEqual(['__drizzle_migrations', 'comments', 'posts', 'users']);
    const probe = parseLastJsonLine<Record<string, unknown>>('probe', await runTsx(repo, 'e2e-probe.ts', [], env));
    expect(probe).toEqual({
      shared: true,
      posts: [{ title: 'Hello', status: 'published', author: 'probe@example.com', createdAt: true }],
      related: [{ email: 'probe@example.com', posts: ['Hello'] }],
      orphanRefused: true,
      // onDelete cascade: the user's post goes, and its comments with it.
      afterDelete: { posts: 0, comments: 0 },
    });
  });

  it('seeds idempotently, resets rows, and nukes every table with its guards', async () => {
    expectOk('db:seed', await runScript(repo, 'db:seed', env));
    expect(await counts()).toEqual([3, 3, 3]);
    expectOk('db:seed again', await runScript(repo, 'db:seed', env));
    expect(await counts()).toEqual([3, 3, 3]);
    expectOk('db:reset', await runScript(repo, 'db:reset', env));
    expect(await counts()).toEqual([0, 0, 0]);
    const refused = await runScript(repo, 'db:nuke', { ...env, NODE_ENV: 'production' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('db:nuke refused: NODE_ENV is production');
    const remote = await runScript(repo, 'db:nuke', { DATABASE_URL: 'mysql://app@db.prod.example.com:3306/app' });
    expect(remote.stderr).toContain('looks like production');
    const malformed = await runScript(repo, 'db:migrate', { DATABASE_URL: 'postgresql://localhost/app' });
    expect(malformed.stderr.trim()).toBe('✗ db:migrate failed: DATABASE_URL must start with mysql:// (got postgresql://)');
    const badPort = await runScript(repo, 'db:migrate', { DATABASE_URL: '', DB_HOST: '127.0.0.1', DB_USER: 'root', DB_NAME: database, DB_PORT: 'x' });
    expect(badPort.stderr.trim()).toBe('✗ db:migrate failed: DB_PORT must be a whole number from 1 to 65535 (got "x")');
    const nuked = await runScript(repo, 'db:nuke', env);
    expectOk('db:nuke', nuked);
    expect(nuked.stdout).toContain('dropped 4 table(s)');
    expect(await mysqlTables(database)).toEqual([]);
    // The DB_* variables reach the same server.
    const parts = { DATABASE_URL: '', DB_HOST: '127.0.0.1', DB_PORT: '3306', DB_USER: 'root', DB_NAME: database };
    expectOk('db:migrate after nuke', await runScript(repo, 'db:migrate', parts));
    expectOk('db:seed after nuke', await runScript(repo, 'db:seed', parts));
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

describe('mysql bad input: one line, nothing written', () => {
  it('--dialect mysql --driver pg names the drivers that fit', async () => {
    const result = await runCli(['other', '--dialect', 'mysql', '--driver', 'pg', '--yes', '--no-install'], { cwd: root });
    expect(result.code).toBe(2);
    expect(expectOneLineError('init', result)).toBe('create-db-layer: --driver pg is a postgresql driver; with --dialect mysql use --driver mysql2');
    expect(fs.existsSync(path.join(root, 'other'))).toBe(false);
  });

  it('varchar without a length names the fix', async () => {
    const result = await runTable(repo, ['articles', 'title:varchar']);
    expect(result.code).toBe(2);
    expect(expectOneLineError('table', result)).toContain('title:varchar: MySQL varchar needs a length: varchar(255)');
    expect(fs.existsSync(path.join(repo, 'src/db/schema/articles.ts'))).toBe(false);
  });

  it('a unique text column names varchar(255)', async () => {
    const result = await runTable(repo, ['articles', 'slug:text:unique']);
    expect(result.code).toBe(2);
    expect(expectOneLineError('table', result)).toContain('MySQL cannot index or key a text column (it has no length): use varchar(255)');
  });

});

describe('a second mysql database on the same server', () => {
  it('connection adds it under WORKFLOWS_DB; both migrate apart and are queried in one process', async () => {
    expectOk('connection workflows', await runCli(['connection', 'workflows', '--no-ssl'], { cwd: repo }));
    expectOk('table runs', await runCli(['table', 'runs', 'status:text:notNull', '--db', 'workflows'], { cwd: repo }));
    expectOk('tsc', await typecheck(repo));
    const workflows = await databases.create('cdl_mysql_wf_');
    const both = { ...env, WORKFLOWS_DB: workflows };
    const missing = await runScript(repo, 'workflows-db:migrate', env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^✗ workflows-db:migrate failed: WORKFLOWS_DB is not set \(the workflows database uses the primary server with its own database name\)/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expectOk('db:migrate:all', await runScript(repo, 'db:migrate:all', both));
    expect(await mysqlTables(workflows)).toEqual(['__drizzle_migrations_workflows', 'runs']);
    expect(await mysqlTables(database)).not.toContain('runs');
    fs.writeFileSync(
      path.join(repo, 'e2e-two.ts'),
      `import { closeDatabaseConnection, closeWorkflowsDatabaseConnection, db, workflowsSchema } from './src/db/index';
await db.workflows.insert(workflowsSchema.runs).values({ status: 'done' });
const runs = await db.workflows.$count(workflowsSchema.runs);
await closeWorkflowsDatabaseConnection();
const [row] = (await db.main.execute('select database() as name'))[0] as unknown as { name: string }[];
console.log(JSON.stringify({ runs, mainStillOpen: row!.name }));
await closeDatabaseConnection();
`,
    );
    expect(parseLastJsonLine('two databases', await runTsx(repo, 'e2e-two.ts', [], both))).toEqual({ runs: 1, mainStillOpen: database });
  });
});
