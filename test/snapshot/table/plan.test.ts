/**
 * What `table` and `seed` plan in a freshly initialised repo: every changed file, one snapshot file
 * each (`__snapshots__/plan/<case>/<path>.snap`), so a template or transform change shows up in
 * review as a diff of real code. The repo lives in memory: init is planned into it, earlier
 * tables are applied to it, and only the step under test is snapshotted. Each case's final
 * layer is type-checked at the end, including queries through the relations it adds.
 * Update with `npx vitest run test/snapshot/table -u` and read the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planTable } from '../../../generators/table/plan.js';
import { UserError } from '../../../src/errors.js';
import { parseFields } from '../../../src/model/fields.js';
import type { FileChange } from '../../../src/plan/index.js';
import { NODENEXT_TSCONFIG, Repo } from './repo.js';
import { typeErrors } from './typecheck.js';

const SNAPSHOTS = path.join(import.meta.dirname, '__snapshots__', 'plan');
const snapshotted = new Set<string>();

async function snapshotAll(name: string, changes: FileChange[]): Promise<void> {
  snapshotted.add(name);
  for (const change of changes) await expect(change.after).toMatchFileSnapshot(`__snapshots__/plan/${name}/${change.path}.snap`);
  // vitest never reports an obsolete file snapshot: a file the step stopped changing must go too.
  const dir = path.join(SNAPSHOTS, name);
  if (!fs.existsSync(dir)) return;
  const expected = new Set(changes.map((change) => `${change.path}.snap`));
  const onDisk = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  expect(onDisk.filter((file) => !expected.has(file)), `obsolete snapshots in ${name}: delete them`).toEqual([]);
}

/** Every case's final layer (plus a usage file), type-checked together at the end: one TypeScript program per module resolution. */
const layers: { name: string; files: Record<string, string>; resolution: 'bundler' | 'nodenext' }[] = [];
function typeCheckLater(name: string, repo: Repo, usageFile?: string, resolution: 'bundler' | 'nodenext' = 'bundler'): void {
  layers.push({ name, files: { ...repo.layerFiles(), ...(usageFile ? { 'usage.ts': usageFile } : {}) }, resolution });
}
let layerErrors: string[] | undefined;
function allLayerErrors(): string[] {
  layerErrors ??= (['bundler', 'nodenext'] as const).flatMap((resolution) => {
    const files: Record<string, string> = {};
    for (const layer of layers.filter((entry) => entry.resolution === resolution)) {
      for (const [file, text] of Object.entries(layer.files)) files[`${layer.name}/${file}`] = text;
    }
    return Object.keys(files).length === 0 ? [] : typeErrors(files, resolution);
  });
  return layerErrors;
}

const paths = (changes: FileChange[]) => changes.map((change) => `${change.before === null ? '+' : '~'} ${change.path}`);
const byPath = (changes: FileChange[]) => Object.fromEntries(changes.map((change) => [change.path, change.after]));

/** A file that uses the relations a case adds through the generated layer's `Database` type. */
function usage(body: string, ext = ''): string {
  return `import { getDatabase } from './src/db/connection${ext}';\n\nexport async function check(): Promise<void> {\n  const db = getDatabase();\n${body}\n}\n`;
}

const USERS = ['email:text:notNull:unique', 'name:text'];
const POSTS = [
  'title:varchar(200):notNull:index',
  'author:references:ref=users:notNull:onDelete=cascade',
  'status:enum(draft|published):notNull:default=draft',
  'body:text',
];

describe('table plans', () => {
  it('reference: the new table, the barrel, and many() on the referenced table', async () => {
    const repo = await Repo.init();
    await repo.table('users', USERS);
    const changes = await repo.table('posts', POSTS);
    expect(paths(changes)).toEqual(['~ src/db/schema/index.ts', '+ src/db/schema/posts.ts', '~ src/db/schema/users.ts']);
    await snapshotAll('reference', changes);
    const out = byPath(changes);
    expect(out['src/db/schema/users.ts']).toContain('posts: many(posts)');
    expect(out['src/db/schema/users.ts']).toContain('import { posts } from "./posts";');
    expect(out['src/db/schema/index.ts']).toMatch(/export \* from "\.\/posts";\nexport \* from "\.\/users";\n$/);
    typeCheckLater(
      'reference',
      repo,
      usage(`  const posts = await db.query.posts.findMany({ with: { author: true } });
  const email: string = posts[0]!.author.email;
  const users = await db.query.users.findMany({ with: { posts: true } });
  const titles: string[] = users.flatMap((user) => user.posts.map((post) => post.title));
  void email;
  void titles;`),
    );
  });

  it('self-reference: one block holds both sides; nothing else changes but the barrel', async () => {
    const repo = await Repo.init();
    const changes = await repo.table('categories', ['name:text:notNull:unique', 'parent:references:ref=categories:onDelete=set-null'], {
      idStrategy: 'identity',
    });
    expect(paths(changes)).toEqual(['+ src/db/schema/categories.ts', '~ src/db/schema/index.ts']);
    await snapshotAll('self-reference', changes);
    typeCheckLater(
      'self-reference',
      repo,
      usage(`  const rows = await db.query.categories.findMany({ with: { parent: true, parentCategories: true } });
  const parentName: string | undefined = rows[0]?.parent?.name;
  void parentName;`),
    );
  });

  it('two references to one table: relationName on both sides', async () => {
    const repo = await Repo.init();
    await repo.table('users', USERS);
    const changes = await repo.table('messages', [
      'sender:references:ref=users:notNull:onDelete=cascade',
      'recipient:references:ref=users:onDelete=set-null',
      'body:text:notNull',
    ]);
    expect(paths(changes)).toEqual(['~ src/db/schema/index.ts', '+ src/db/schema/messages.ts', '~ src/db/schema/users.ts']);
    await snapshotAll('two-references', changes);
    const users = byPath(changes)['src/db/schema/users.ts']!;
    expect(users).toContain('senderMessages: many(messages, { relationName: "messages_sender" })');
    expect(users).toContain('recipientMessages: many(messages, { relationName: "messages_recipient" })');
    typeCheckLater(
      'two-references',
      repo,
      usage(`  const rows = await db.query.users.findMany({ with: { senderMessages: true, recipientMessages: { with: { sender: true } } } });
  const body: string | undefined = rows[0]?.recipientMessages[0]?.sender.email;
  void body;`),
    );
  });

  it('--layout file: the table and the many() side land in schema.ts', async () => {
    const repo = await Repo.init({ layout: 'file' });
    await repo.table('users', USERS);
    const changes = await repo.table('posts', POSTS);
    expect(paths(changes)).toEqual(['~ src/db/schema.ts']);
    await snapshotAll('layout-file', changes);
    const schema = byPath(changes)['src/db/schema.ts']!;
    expect(schema.match(/from "drizzle-orm\/pg-core"/g)).toHaveLength(1);
    expect(schema.indexOf('export const posts =')).toBeGreaterThan(schema.indexOf('export const users ='));
    typeCheckLater(
      'layout-file',
      repo,
      usage(`  const rows = await db.query.users.findMany({ with: { posts: { with: { author: true } } } });
  void rows;`),
    );
  });

  it('a drizzle config listing schema files gains the new file', async () => {
    const repo = await Repo.init();
    await repo.table('users', USERS);
    const config = repo.disk['drizzle.config.ts']!;
    expect(config).toContain('schema: "./src/db/schema/index.ts",');
    repo.disk['drizzle.config.ts'] = config.replace('schema: "./src/db/schema/index.ts",', 'schema: [\n    "./src/db/schema/users.ts",\n  ],');
    const changes = await repo.table('posts', POSTS);
    expect(paths(changes)).toEqual(['~ drizzle.config.ts', '~ src/db/schema/index.ts', '+ src/db/schema/posts.ts', '~ src/db/schema/users.ts']);
    expect(byPath(changes)['drizzle.config.ts']).toContain('schema: ["./src/db/schema/users.ts", "./src/db/schema/posts.ts"],');
    await snapshotAll('config-schema-list', changes.filter((change) => change.path === 'drizzle.config.ts'));
  });

  it('NodeNext: every relative import ends in .js', async () => {
    const repo = await Repo.init({}, { 'tsconfig.json': NODENEXT_TSCONFIG });
    expect(repo.manifest.importExtension).toBe('.js');
    await repo.table('users', USERS);
    const changes = await repo.table('posts', POSTS);
    await snapshotAll('nodenext', changes);
    const out = byPath(changes);
    expect(out['src/db/schema/index.ts']).toContain('export * from "./posts.js";');
    expect(out['src/db/schema/posts.ts']).toContain('import { users } from "./users.js";');
    expect(out['src/db/schema/users.ts']).toContain('import { posts } from "./posts.js";');
    typeCheckLater('nodenext', repo, usage('  void (await db.query.posts.findMany({ with: { author: true } }));', '.js'), 'nodenext');
  });
});

describe('seed plans', () => {
  it('a child whose parent has no seed: both seeds, registered parent first', async () => {
    const repo = await Repo.init();
    await repo.table('users', USERS);
    await repo.table('posts', POSTS);
    const changes = await repo.seed('posts');
    expect(paths(changes)).toEqual(['~ src/db/seed.ts', '+ src/db/seeds/posts.ts', '+ src/db/seeds/users.ts']);
    await snapshotAll('seed-child', changes);
    const out = byPath(changes);
    const order = [...out['src/db/seed.ts']!.matchAll(/table: "(\w+)"/g)].map(([, table]) => table);
    expect(order).toEqual(['users', 'posts']);
    // Every post points at a seeded user, by the same fixed keys.
    const userIds = [...out['src/db/seeds/users.ts']!.matchAll(/id: "([0-9a-f-]{36})"/g)].map(([, id]) => id);
    const authorIds = [...out['src/db/seeds/posts.ts']!.matchAll(/authorId: "([0-9a-f-]{36})"/g)].map(([, id]) => id);
    expect(userIds).toHaveLength(3);
    expect(authorIds).toEqual(userIds);
    typeCheckLater('seed-child', repo);
  });

  it('a grandchild registered before its parent is seeded: the parent goes in front of it', async () => {
    const repo = await Repo.init();
    await repo.table('users', USERS);
    await repo.table('posts', POSTS);
    await repo.table('comments', ['post:references:notNull:onDelete=cascade', 'body:text:notNull']);
    await repo.seed('comments');
    const seeds = repo.disk['src/db/seed.ts']!;
    expect([...seeds.matchAll(/table: "(\w+)"/g)].map(([, table]) => table)).toEqual(['users', 'posts', 'comments']);
    await expect(repo.seed('posts')).rejects.toThrow('posts already has a seed (src/db/seeds/posts.ts): edit it instead');
  });

  it('serial and identity keys: explicit keys, then the sequence moved past them', async () => {
    const repo = await Repo.init({ idStrategy: 'serial' });
    await repo.table('users', USERS);
    await repo.table('posts', POSTS, { idStrategy: 'identity' });
    const changes = await repo.seed('posts');
    await snapshotAll('seed-numeric-keys', changes);
    const out = byPath(changes);
    expect(out['src/db/seeds/posts.ts']).toContain('.overridingSystemValue()');
    expect(out['src/db/seeds/users.ts']).not.toContain('.overridingSystemValue()');
    expect(out['src/db/seeds/users.ts']).toContain(`pg_get_serial_sequence('"users"', 'id')`);
    typeCheckLater('seed-numeric-keys', repo);
  });
});

describe('table plans that are refused leave the tree empty', () => {
  it('an existing table', async () => {
    const repo = await Repo.init();
    await repo.table('users', USERS);
    const tree = repo.tree();
    await expect(
      planTable(tree, { manifest: repo.manifest, database: repo.database, name: 'users', fields: [], idStrategy: 'uuid', timestamps: true }),
    ).rejects.toThrow(new UserError('table users already exists in src/db/schema/users.ts: choose another name, or edit that file'));
    expect(tree.isEmpty()).toBe(true);
  });

  it('a reference to a table that does not exist', async () => {
    const repo = await Repo.init();
    const tree = repo.tree();
    await expect(
      planTable(tree, { manifest: repo.manifest, database: repo.database, name: 'posts', fields: parseFields(['author:references']), idStrategy: 'uuid', timestamps: true }),
    ).rejects.toThrow(
      'author:references references table authors, which does not exist in the main database: create it first (create-db-layer table authors) or name the table: author:references:ref=<table>',
    );
    expect(tree.isEmpty()).toBe(true);
  });

  it('a column that create-db-layer generates', async () => {
    const repo = await Repo.init();
    const tree = repo.tree();
    await expect(
      planTable(tree, { manifest: repo.manifest, database: repo.database, name: 'posts', fields: parseFields(['createdAt:timestamptz']), idStrategy: 'uuid', timestamps: true }),
    ).rejects.toThrow('column createdAt is generated by create-db-layer: drop the field, or pass --no-timestamps');
    expect(tree.isEmpty()).toBe(true);
  });
});

describe('the planned layers type-check (tsc --noEmit, the target tsconfig, strict)', () => {
  /** The identity seed's errors are the bug below. */
  const IDENTITY_SEED = 'seed-numeric-keys/src/db/seeds/posts.ts:';

  it('every layer above, with queries through the relations it adds', () => {
    expect(layers.map((layer) => layer.name)).toEqual([
      'reference',
      'self-reference',
      'two-references',
      'layout-file',
      'nodenext',
      'seed-child',
      'seed-numeric-keys',
    ]);
    expect(allLayerErrors().filter((error) => !error.startsWith(IDENTITY_SEED))).toEqual([]);
  });

  // Fixed regression (templates/seed/seed.ts.hbs with generators/seed/plan.ts): for a table whose key is
  // `integer().primaryKey().generatedAlwaysAsIdentity()` (--id identity) the rows are annotated
  // `const rows: NewPost[]`, but drizzle's $inferInsert omits GENERATED ALWAYS columns, so every
  // `id: 1` is TS2353 "Object literal may only specify known properties, and 'id' does not exist".
  // The seed runs under tsx but fails `tsc --noEmit` in the generated repo. `.overridingSystemValue()`
  // is right; the rows need the matching type (e.g. PgInsertValue<typeof posts, true>[]) or to be
  // passed to values() directly.
  it('the seed of an identity-key table type-checks', () => {
    expect(allLayerErrors().filter((error) => error.startsWith(IDENTITY_SEED))).toEqual([]);
  });
});
