/**
 * E2E of `create-db-layer table` and `seed`, the way a user grows a scaffolded repo: users, posts
 * (enum, indexed varchar, reference with cascade) and comments (two references, one set-null),
 * each with a seed; then tsc, migrations on PGlite and on the real PostgreSQL server, rows written
 * and read back through getDatabase() and the relational query API, FK actions, idempotent seeds,
 * and the refusals (same table again, seed again, --dry-run, --no-generate) that must leave the
 * tree byte-identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFiles, parseLastJsonLine } from '../helpers/layer.js';
import { createPgDatabase, dropPgDatabase, pgQuery, pgTables, pgUrl } from '../helpers/pg.js';
import {
  assertOk,
  describeRun,
  makeTempRepo,
  removeTempDirs,
  runScript,
  runTsx,
  scaffold,
  typecheck,
  type EnvPatch,
} from '../helpers/repo.js';
import {
  copyRepo,
  expectOneLineError,
  expectTreeUnchanged,
  readRepoFile,
  runSeed,
  runTable,
  snapshotRepo,
  treeDiff,
} from '../helpers/table.js';

const USERS = ['users', 'name:text:notNull', 'email:varchar(255):notNull:unique', '--seed'];
const POSTS = [
  'posts',
  'title:varchar(200):notNull:index',
  'status:enum(draft|published)',
  'author:references:ref=users:onDelete=cascade',
  '--seed',
];
const COMMENTS = [
  'comments',
  'body:text:notNull',
  'post:references:onDelete=cascade',
  'author:references:ref=users:onDelete=set-null',
  '--seed',
];

const PROBE = 'e2e-table-probe.ts';
const COUNTS = 'e2e-table-counts.ts';

/**
 * Root *.ts files are in the generated tsconfig, so the tsc step also proves the relational query
 * below is typed (`post.author.email`, `user.posts`) — not only that it runs.
 */
const PROBE_SOURCE = `import { eq } from 'drizzle-orm';
import { closeDatabaseConnection, getDatabase } from './src/db/connection';
import { comments, posts, users } from './src/db/schema';

const tag = process.argv[2] ?? 'probe';
const db = getDatabase();
try {
  const [alice] = await db.insert(users).values({ name: 'Alice', email: \`alice-\${tag}@example.test\` }).returning();
  const [bob] = await db.insert(users).values({ name: 'Bob', email: \`bob-\${tag}@example.test\` }).returning();
  if (!alice || !bob) throw new Error('insert returned no user');
  const [post] = await db.insert(posts).values({ title: \`Hello \${tag}\`, status: 'published', authorId: alice.id }).returning();
  if (!post) throw new Error('insert returned no post');
  const [comment] = await db.insert(comments).values({ body: 'Nice post', postId: post.id, authorId: bob.id }).returning();
  if (!comment) throw new Error('insert returned no comment');

  const withAuthor = await db.query.posts.findMany({ where: eq(posts.id, post.id), with: { author: true } });
  const aliceWithPosts = await db.query.users.findFirst({ where: eq(users.id, alice.id), with: { posts: true } });
  const postWithComments = await db.query.posts.findFirst({ where: eq(posts.id, post.id), with: { comments: { with: { author: true } } } });

  // set-null: deleting Bob keeps his comment, without an author
  await db.delete(users).where(eq(users.id, bob.id));
  const [commentAfterBob] = await db.select().from(comments).where(eq(comments.id, comment.id));

  // cascade: deleting Alice deletes her post, and the post's comments with it
  await db.delete(users).where(eq(users.id, alice.id));
  const postsAfterAlice = await db.select().from(posts).where(eq(posts.id, post.id));
  const commentsAfterAlice = await db.select().from(comments).where(eq(comments.id, comment.id));

  console.log(JSON.stringify({
    aliceId: alice.id,
    bobId: bob.id,
    posts: withAuthor.map((row) => ({ title: row.title, status: row.status, authorId: row.authorId, author: row.author ? { id: row.author.id, email: row.author.email } : null })),
    alicePosts: aliceWithPosts?.posts.map((row) => row.title) ?? null,
    commentAuthors: postWithComments?.comments.map((row) => row.author?.name ?? null) ?? null,
    commentAfterBob: commentAfterBob ? { authorId: commentAfterBob.authorId, postId: commentAfterBob.postId } : null,
    postsAfterAlice: postsAfterAlice.length,
    commentsAfterAlice: commentsAfterAlice.length,
  }));
} finally {
  await closeDatabaseConnection();
}
`;

const COUNTS_SOURCE = `import { closeDatabaseConnection, getDatabase } from './src/db/connection';
import { comments, posts, users } from './src/db/schema';

const db = getDatabase();
try {
  console.log(JSON.stringify({ users: await db.$count(users), posts: await db.$count(posts), comments: await db.$count(comments) }));
} finally {
  await closeDatabaseConnection();
}
`;

interface ProbeOutput {
  aliceId: string;
  bobId: string;
  posts: Array<{ title: string; status: string | null; authorId: string | null; author: { id: string; email: string } | null }>;
  alicePosts: string[] | null;
  commentAuthors: Array<string | null> | null;
  commentAfterBob: { authorId: string | null; postId: string | null } | null;
  postsAfterAlice: number;
  commentsAfterAlice: number;
}

interface Counts {
  users: number;
  posts: number;
  comments: number;
}

let root = '';
let repo = '';
let database = '';
let serverEnv: EnvPatch = {};

beforeAll(async () => {
  root = makeTempRepo('e2e-table-flow-');
  repo = path.join(root, 'app');
  database = await createPgDatabase('cdl_table_flow_');
  serverEnv = { DATABASE_URL: pgUrl(database) };
  await scaffold(repo);
});

afterAll(async () => {
  removeTempDirs([root]);
  if (database) await dropPgDatabase(database);
});

const ENVIRONMENTS: Array<{ label: string; env: () => EnvPatch }> = [
  { label: 'PGlite (no server configured)', env: () => ({}) },
  { label: 'PostgreSQL server (DATABASE_URL)', env: () => serverEnv },
];

describe('users, posts, comments with seeds', () => {
  it('adds the three tables, each with its seed and its migration', async () => {
    for (const args of [USERS, POSTS, COMMENTS]) {
      const result = assertOk(`table ${args.join(' ')}`, await runTable(repo, args));
      const table = args[0]!;
      expect(result.stdout, describeRun(table, result)).toContain(`✓ table ${table} added in src/db/schema/${table}.ts`);
      expect(result.stdout, describeRun(table, result)).toMatch(new RegExp(`✓ migration drizzle/\\d{4}_create_${table}\\.sql`));
      expect(result.stderr.trim(), describeRun(table, result)).toBe('');
    }
    for (const file of ['users', 'posts', 'comments']) {
      expect(fs.existsSync(path.join(repo, `src/db/schema/${file}.ts`)), file).toBe(true);
      expect(fs.existsSync(path.join(repo, `src/db/seeds/${file}.ts`)), file).toBe(true);
    }
    // barrel: sorted, one export per table
    expect(readRepoFile(repo, 'src/db/schema/index.ts')).toMatch(
      /export \* from ["']\.\/comments["'];\s*export \* from ["']\.\/posts["'];\s*export \* from ["']\.\/users["'];/,
    );
    // seeds registered parents first
    const seed = readRepoFile(repo, 'src/db/seed.ts');
    const order = ['users', 'posts', 'comments'].map((table) => seed.search(new RegExp(`table:\\s*["']${table}["']`)));
    expect(order.every((index) => index >= 0), seed).toBe(true);
    expect([...order].sort((a, b) => a - b), seed).toEqual(order);
    // the referenced tables got their many() side
    const users = readRepoFile(repo, 'src/db/schema/users.ts');
    expect(users).toMatch(/posts:\s*many\(posts\)/);
    expect(users).toMatch(/comments:\s*many\(comments\)/);
    expect(readRepoFile(repo, 'src/db/schema/posts.ts')).toMatch(/comments:\s*many\(comments\)/);
  });

  it('wrote exactly three migrations, with the declared FK actions, enum and indexes', () => {
    expect(migrationFiles(repo)).toEqual(['0000_create_users.sql', '0001_create_posts.sql', '0002_create_comments.sql']);
    const users = readRepoFile(repo, 'drizzle/0000_create_users.sql');
    expect(users).toContain('CREATE TABLE "users"');
    expect(users).toMatch(/"email" varchar\(255\) NOT NULL/);
    expect(users).toMatch(/UNIQUE\("email"\)/);
    const posts = readRepoFile(repo, 'drizzle/0001_create_posts.sql');
    expect(posts).toMatch(/CREATE TYPE "public"\."post_status" AS ENUM\('draft', 'published'\)/);
    expect(posts).toMatch(/"title" varchar\(200\) NOT NULL/);
    expect(posts).toMatch(/FOREIGN KEY \("author_id"\) REFERENCES "public"\."users"\("id"\) ON DELETE cascade/);
    expect(posts).toMatch(/CREATE INDEX "posts_title_idx"/);
    expect(posts).toMatch(/CREATE INDEX "posts_author_id_idx"/);
    const comments = readRepoFile(repo, 'drizzle/0002_create_comments.sql');
    expect(comments).toMatch(/FOREIGN KEY \("post_id"\) REFERENCES "public"\."posts"\("id"\) ON DELETE cascade/);
    expect(comments).toMatch(/FOREIGN KEY \("author_id"\) REFERENCES "public"\."users"\("id"\) ON DELETE set null/);
    expect(comments).toMatch(/CREATE INDEX "comments_post_id_idx"/);
    expect(comments).toMatch(/CREATE INDEX "comments_author_id_idx"/);
    // each migration only adds its own table
    expect(comments).not.toContain('CREATE TABLE "posts"');
    expect(comments).not.toContain('CREATE TABLE "users"');
  });

  it('type-checks (tsc --noEmit), including a probe using the relational query API', async () => {
    fs.writeFileSync(path.join(repo, PROBE), PROBE_SOURCE);
    fs.writeFileSync(path.join(repo, COUNTS), COUNTS_SOURCE);
    const result = await typecheck(repo);
    expect(result.code, describeRun('tsc', result)).toBe(0);
  });

  it('migrates on PGlite and on the PostgreSQL server', async () => {
    for (const { label, env } of ENVIRONMENTS) {
      const result = await runScript(repo, 'db:migrate', env());
      expect(result.code, describeRun(`db:migrate on ${label}`, result)).toBe(0);
    }
    expect(await pgTables(database)).toEqual(['comments', 'posts', 'users']);
    const applied = await pgQuery<{ count: string }>(database, 'select count(*)::text as count from drizzle.__drizzle_migrations');
    expect(applied[0]!.count).toBe('3');
  });

  for (const { label, env } of ENVIRONMENTS) {
    it(`inserts and reads back through getDatabase() on ${label}; onDelete cascade and set-null behave`, async () => {
      const tag = label.startsWith('PGlite') ? 'pglite' : 'server';
      const out = parseLastJsonLine<ProbeOutput>(`tsx ${PROBE}`, await runTsx(repo, PROBE, [tag], env()));
      expect(out.posts).toEqual([
        { title: `Hello ${tag}`, status: 'published', authorId: out.aliceId, author: { id: out.aliceId, email: `alice-${tag}@example.test` } },
      ]);
      expect(out.alicePosts).toEqual([`Hello ${tag}`]);
      expect(out.commentAuthors).toEqual(['Bob']);
      // set-null: the comment survives its author, authorId emptied, post kept
      expect(out.commentAfterBob).not.toBeNull();
      expect(out.commentAfterBob!.authorId).toBeNull();
      expect(out.commentAfterBob!.postId).not.toBeNull();
      // cascade: the author's post and that post's comment are gone
      expect(out.postsAfterAlice).toBe(0);
      expect(out.commentsAfterAlice).toBe(0);
    });
  }

  it('db:seed twice leaves the same rows (PGlite and server)', async () => {
    const pgliteCounts = async (): Promise<Counts> => parseLastJsonLine<Counts>(`tsx ${COUNTS}`, await runTsx(repo, COUNTS));
    const serverCounts = async (): Promise<Counts> => {
      const [row] = await pgQuery<{ users: number; posts: number; comments: number }>(
        database,
        'select (select count(*) from users)::int as users, (select count(*) from posts)::int as posts, (select count(*) from comments)::int as comments',
      );
      return { ...row! };
    };
    for (const [{ label, env }, counts] of ENVIRONMENTS.map((entry, index) => [entry, index === 0 ? pgliteCounts : serverCounts] as const)) {
      const first = await runScript(repo, 'db:seed', env());
      expect(first.code, describeRun(`db:seed #1 on ${label}`, first)).toBe(0);
      expect(first.stdout).toContain('✓ seeded comments');
      const afterFirst = await counts();
      const second = await runScript(repo, 'db:seed', env());
      expect(second.code, describeRun(`db:seed #2 on ${label}`, second)).toBe(0);
      const afterSecond = await counts();
      expect(afterFirst.users, label).toBeGreaterThan(0);
      expect(afterFirst.posts, label).toBeGreaterThan(0);
      expect(afterFirst.comments, label).toBeGreaterThan(0);
      expect(afterSecond, label).toEqual(afterFirst);
    }
  });
});

describe('refusals and previews leave the tree as it was', () => {
  it('the same `table posts ...` again: one-line "already exists", tree byte-identical', async () => {
    const before = snapshotRepo(repo);
    const line = expectOneLineError('table posts again', await runTable(repo, POSTS));
    expect(line).toMatch(/already exists/);
    expect(line).toContain('posts');
    expectTreeUnchanged('table posts again', repo, before);
  });

  it('`seed users` when users already has a seed: clear error, nothing written', async () => {
    const before = snapshotRepo(repo);
    const line = expectOneLineError('seed users', await runSeed(repo, ['users']));
    expect(line).toMatch(/users already has a seed/);
    expect(line).toContain('src/db/seeds/users.ts');
    expectTreeUnchanged('seed users', repo, before);
  });

  it('`table tags name:text --dry-run` prints the diff and writes nothing (no migration)', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('table tags --dry-run', await runTable(repo, ['tags', 'name:text', '--dry-run']));
    expect(result.stdout).toContain('+++ b/src/db/schema/tags.ts');
    expect(result.stdout).toContain('+export const tags = pgTable("tags", {');
    expect(result.stdout).toMatch(/^\+export \* from "\.\/tags";$/m);
    expect(result.stdout).toMatch(/dry run: nothing written/);
    expectTreeUnchanged('table tags --dry-run', repo, before);
    expect(migrationFiles(repo)).toHaveLength(3);
  });

  it('`--no-generate` writes the table but no migration; db:generate writes it later', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('table tags --no-generate', await runTable(repo, ['tags', 'name:text:notNull:unique', '--no-generate']));
    expect(result.stdout).toMatch(/migration not generated \(--no-generate\)/);
    expect(treeDiff(before, snapshotRepo(repo))).toEqual(['~ src/db/AGENTS.md', '~ src/db/schema/index.ts', '+ src/db/schema/tags.ts']);
    expect(migrationFiles(repo)).toHaveLength(3);

    const generated = await runScript(repo, 'db:generate');
    expect(generated.code, describeRun('db:generate', generated)).toBe(0);
    expect(migrationFiles(repo)).toHaveLength(4);
    expect(readRepoFile(repo, `drizzle/${migrationFiles(repo)[3]!}`)).toContain('CREATE TABLE "tags"');
  });
});

/** The two field examples of DESIGN.md itself, each on a copy of the repo. */
describe('DESIGN.md examples', () => {
  // Was a bug (found by this file): `user:references` was refused as the reserved word "user";
  // the name is now checked after the shorthand makes it userId.
  it('`user:references` (the documented shorthand) adds user_id referencing users.id', async () => {
    const copy = copyRepo(repo, path.join(root, 'copy-user-references'));
    const result = await runTable(copy, ['profiles', 'bio:text', 'user:references:onDelete=cascade', '--no-generate']);
    expect(result.code, describeRun('table profiles user:references', result)).toBe(0);
    expect(readRepoFile(copy, 'src/db/schema/profiles.ts')).toMatch(/userId: uuid\(\)\.references\(\(\) => users\.id, \{ onDelete: "cascade" \}\)/);
  });

  // Fixed regression (or a doc error): DESIGN's usage line `npx create-db-layer table posts title:text:notNull
  // authorId:ref=users.id:onDelete=cascade` is refused: `unknown type "ref=users.id"`. Either the
  // parser should infer the type from the referenced column when the second part is `ref=`, or
  // DESIGN.md should show `author:references:ref=users:onDelete=cascade`.
  it('DESIGN usage example `authorId:ref=users.id:onDelete=cascade` is accepted', async () => {
    const copy = copyRepo(repo, path.join(root, 'copy-design-usage'));
    const result = await runTable(copy, ['articles', 'title:text:notNull', 'authorId:ref=users.id:onDelete=cascade', '--no-generate']);
    expect(result.code, describeRun('table articles authorId:ref=users.id', result)).toBe(0);
  });
});
