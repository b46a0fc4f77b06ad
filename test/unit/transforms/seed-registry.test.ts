/**
 * registerSeed: seed.ts's `seeds` array gains `{ table, run }`, before the seeds of tables that
 * reference the new one (parents before children), imported once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { registerSeed } from '../../../src/transforms/seed-registry.js';
import { expectUnchanged, patch, run, targetWithPrettierConfig } from './harness.js';

const FILE = 'src/db/seed.ts';
const target = targetWithPrettierConfig();
afterAll(target.dispose);

function seedFile(entries: string, imports = ''): string {
  return `/**
 * \`db:seed\`: runs every registered seed in order.
 */
import { sql } from 'drizzle-orm';
import { getDatabase, type Database } from './connection';
${imports}
interface Seed {
  table: string;
  run(db: Database): Promise<void>;
}

/** Parents before children. */
const seeds: Seed[] = ${entries};

for (const seed of seeds) await seed.run(getDatabase());
void sql;
`;
}

const POSTS = { table: 'posts', functionName: 'seedPosts', module: './seeds/posts', children: [] as string[] };

describe('registerSeed', () => {
  it('the first seed', async () => {
    expect(await patch(FILE, seedFile('[]'), registerSeed(POSTS), target.root)).toMatchInlineSnapshot(`
      "/**
       * \`db:seed\`: runs every registered seed in order.
       */
      import { sql } from 'drizzle-orm';
      import { getDatabase, type Database } from './connection';
      import { seedPosts } from './seeds/posts';

      interface Seed {
        table: string;
        run(db: Database): Promise<void>;
      }

      /** Parents before children. */
      const seeds: Seed[] = [{ table: 'posts', run: seedPosts }];

      for (const seed of seeds) await seed.run(getDatabase());
      void sql;
      "
    `);
  });

  it('a seed with no registered children is appended', async () => {
    const text = seedFile(
      `[\n  { table: 'users', run: seedUsers },\n  { table: 'tags', run: seedTags },\n]`,
      `import { seedTags } from './seeds/tags';\nimport { seedUsers } from './seeds/users';\n`,
    );
    expect(await patch(FILE, text, registerSeed(POSTS), target.root)).toMatchInlineSnapshot(`
      "/**
       * \`db:seed\`: runs every registered seed in order.
       */
      import { sql } from 'drizzle-orm';
      import { getDatabase, type Database } from './connection';
      import { seedTags } from './seeds/tags';
      import { seedUsers } from './seeds/users';
      import { seedPosts } from './seeds/posts';

      interface Seed {
        table: string;
        run(db: Database): Promise<void>;
      }

      /** Parents before children. */
      const seeds: Seed[] = [
        { table: 'users', run: seedUsers },
        { table: 'tags', run: seedTags },
        { table: 'posts', run: seedPosts },
      ];

      for (const seed of seeds) await seed.run(getDatabase());
      void sql;
      "
    `);
  });

  it('a parent goes before its first registered child, even when the children are apart', async () => {
    const text = seedFile(
      `[\n  { table: 'users', run: seedUsers }, // first\n  { table: 'comments', run: seedComments },\n  { table: 'tags', run: seedTags },\n  { table: 'postTags', run: seedPostTags },\n]`,
      `import { seedComments } from './seeds/comments';\nimport { seedPostTags } from './seeds/post-tags';\nimport { seedTags } from './seeds/tags';\nimport { seedUsers } from './seeds/users';\n`,
    );
    const out = await patch(FILE, text, registerSeed({ ...POSTS, children: ['comments', 'postTags'] }), target.root);
    expect(out).toMatchInlineSnapshot(`
      "/**
       * \`db:seed\`: runs every registered seed in order.
       */
      import { sql } from 'drizzle-orm';
      import { getDatabase, type Database } from './connection';
      import { seedComments } from './seeds/comments';
      import { seedPostTags } from './seeds/post-tags';
      import { seedTags } from './seeds/tags';
      import { seedUsers } from './seeds/users';
      import { seedPosts } from './seeds/posts';

      interface Seed {
        table: string;
        run(db: Database): Promise<void>;
      }

      /** Parents before children. */
      const seeds: Seed[] = [
        { table: 'users', run: seedUsers }, // first
        { table: 'posts', run: seedPosts },
        { table: 'comments', run: seedComments },
        { table: 'tags', run: seedTags },
        { table: 'postTags', run: seedPostTags },
      ];

      for (const seed of seeds) await seed.run(getDatabase());
      void sql;
      "
    `);
    const order = [...out.matchAll(/table: '(\w+)'/g)].map(([, table]) => table);
    expect(order).toEqual(['users', 'posts', 'comments', 'tags', 'postTags']);
  });

  it('double-quoted entries (prettier defaults) are recognised', async () => {
    const text = `import { seedComments } from "./seeds/comments";

const seeds: Seed[] = [{ table: "comments", run: seedComments }];
`;
    expect(await patch(FILE, text, registerSeed({ ...POSTS, children: ['comments'] }))).toMatchInlineSnapshot(`
      "import { seedComments } from "./seeds/comments";
      import { seedPosts } from "./seeds/posts";

      const seeds: Seed[] = [
        { table: "posts", run: seedPosts },
        { table: "comments", run: seedComments },
      ];
      "
    `);
    await expectUnchanged(FILE, text, registerSeed({ table: 'comments', functionName: 'seedComments', module: './seeds/comments', children: [] }));
  });

  it('a registered table is not registered twice', async () => {
    const text = seedFile(`[{ table: 'posts', run: seedPosts }]`, `import { seedPosts } from './seeds/posts';\n`);
    await expectUnchanged(FILE, text, registerSeed(POSTS));
  });

  it('a seed.ts without a seeds array is an error saying what to do', async () => {
    await expect(run(FILE, `export {};\n`, registerSeed(POSTS))).rejects.toThrow(
      "seed.ts has no `const seeds = [...]` array to register the seed in: restore it (see create-db-layer's seed.ts template), or register the seed by hand",
    );
  });
});
