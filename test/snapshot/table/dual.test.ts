/**
 * `table` and `seed` in a dual layer (seed 002): each table is written twice, in SQLite's and in
 * PostgreSQL's builders, both barrels and relations are patched, and types.ts gets the row types;
 * one seed serves both dialects. Snapshots per changed file; the final layer is type-checked with a
 * query through getDatabase()/getSchema(). Update with `npx vitest run test/snapshot/table -u`.
 */
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../../src/plan/index.js';
import { Repo } from './repo.js';
import { typeErrors } from './typecheck.js';

const paths = (changes: FileChange[]) => changes.map((change) => `${change.before === null ? '+' : '~'} ${change.path}`);
const byPath = (changes: FileChange[]) => Object.fromEntries(changes.map((change) => [change.path, change.after!]));

async function snapshotAll(name: string, changes: FileChange[]): Promise<void> {
  for (const change of changes) await expect(change.after).toMatchFileSnapshot(`__snapshots__/dual/${name}/${change.path}.snap`);
}

const USAGE = `import { eq } from 'drizzle-orm';
import { getDatabase, getSchema, type NewPost, type Post, type User } from './src/db/index';

export async function check(): Promise<void> {
  const db = getDatabase();
  const { posts, users } = getSchema();
  const [user] = await db.insert(users).values({ email: 'a@b.c' }).returning();
  const post: NewPost = { authorId: user!.id, title: 'Hello', status: 'draft' };
  await db.insert(posts).values(post).onConflictDoNothing();
  const rows = await db.query.posts.findMany({ with: { author: true }, where: eq(posts.authorId, user!.id) });
  const author: User = rows[0]!.author;
  const row: Post = rows[0]!;
  const created: Date = row.createdAt;
  void author;
  void created;
}
`;

describe('table in a dual layer', () => {
  it('writes the table in both dialects, patches both barrels and relations, and adds its row types', async () => {
    const repo = await Repo.init({ dialect: 'dual', driver: 'libsql' });
    await repo.table('users', ['email:text:notNull:unique', 'name:text']);
    const changes = await repo.table('posts', ['author:references:ref=users:notNull:onDelete=cascade', 'status:enum(draft|published)', 'title:varchar(200):notNull:index']);
    expect(paths(changes)).toEqual([
      '~ src/db/schema/postgres/index.ts',
      '+ src/db/schema/postgres/posts.ts',
      '~ src/db/schema/postgres/users.ts',
      '~ src/db/schema/sqlite/index.ts',
      '+ src/db/schema/sqlite/posts.ts',
      '~ src/db/schema/sqlite/users.ts',
      '~ src/db/types.ts',
    ]);
    await snapshotAll('reference', changes);
    const out = byPath(changes);
    expect(out['src/db/schema/sqlite/posts.ts']).toContain('sqliteTable(');
    expect(out['src/db/schema/postgres/posts.ts']).toContain('pgTable(');
    expect(out['src/db/types.ts']).toContain('export type NewPost = InferInsertModel<typeof schema.posts>;');

    const seeded = await repo.seed('posts');
    expect(paths(seeded)).toEqual(['~ src/db/seed.ts', '+ src/db/seeds/posts.ts', '+ src/db/seeds/users.ts']);
    await snapshotAll('seed', seeded);
    expect(byPath(seeded)['src/db/seeds/posts.ts']).toContain('const { posts } = getSchema();');

    expect(typeErrors({ ...repo.layerFiles(), 'usage.ts': USAGE })).toEqual([]);
  });

  it('refuses identity keys, which would behave differently on the two dialects', async () => {
    const repo = await Repo.init({ dialect: 'dual', driver: 'libsql' });
    await expect(repo.table('counters', ['name:text'], { idStrategy: 'identity' })).rejects.toThrow('--id identity does not fit a dual layer');
  });
});
