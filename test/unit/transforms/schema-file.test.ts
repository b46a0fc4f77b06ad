/**
 * appendTable (--layout file): a rendered table module is appended to the single schema.ts, its
 * imports merged into the file's own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendTable } from '../../../src/transforms/schema-file.js';
import { expectUnchanged, patch, run, targetWithPrettierConfig } from './harness.js';

const FILE = 'src/db/schema.ts';
const target = targetWithPrettierConfig();
afterAll(target.dispose);

/** The schema.ts init writes (templates/layer/schema-file.ts.hbs). */
const INIT_SCHEMA = `/**
 * Every table of the main database, in one file. \`create-db-layer table\` appends new
 * tables here; drizzle-kit and the connection read the schema from this module.
 */
export {};
`;

/** A rendered table module, as templates/table/table.ts.hbs prints it (before prettier). */
const POSTS = `import { relations } from 'drizzle-orm';
import { index, pgTable, varchar, type AnyPgColumn, uuid } from 'drizzle-orm/pg-core';

export const posts = pgTable(
  'posts',
  {
    id: uuid().primaryKey().defaultRandom(),
    title: varchar({ length: 200 }).notNull(),
    parentId: uuid().references((): AnyPgColumn => posts.id),
    authorId: uuid().references(() => users.id),
  },
  (table) => [
    index('posts_author_id_idx').on(table.authorId),
  ],
);

export const postsRelations = relations(posts, ({ one }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
}));

export type Post = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;
`;

describe('appendTable', () => {
  it('the first table takes the place of `export {}`', async () => {
    const out = await run(FILE, INIT_SCHEMA, appendTable(POSTS, 'posts'));
    expect(out).not.toContain('export {}');
    expect(out).toContain('export const posts = pgTable(');
  });

  // The header sits above `export {};`, which the first table replaces; imports go below it.
  it('the first table keeps the header comment of the init schema.ts', async () => {
    const out = await patch(FILE, INIT_SCHEMA, appendTable(POSTS, 'posts'), target.root);
    expect(out.startsWith(INIT_SCHEMA.slice(0, INIT_SCHEMA.indexOf('export {};')))).toBe(true);
  });

  it('appends after hand-edited tables, merging imports (double quotes, prettier defaults)', async () => {
    const text = `import { sql } from "drizzle-orm";
import { pgTable, text, uuid } from "drizzle-orm/pg-core";

// People who sign in.
export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().default(sql\`'anonymous'\`),
});

export type User = typeof users.$inferSelect;
`;
    expect(await patch(FILE, text, appendTable(POSTS, 'posts'))).toMatchInlineSnapshot(`
      "import { relations, sql } from "drizzle-orm";
      import { index, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
      import type { AnyPgColumn } from "drizzle-orm/pg-core";

      // People who sign in.
      export const users = pgTable("users", {
        id: uuid().primaryKey().defaultRandom(),
        name: text().default(sql\`'anonymous'\`),
      });

      export type User = typeof users.$inferSelect;

      export const posts = pgTable(
        "posts",
        {
          id: uuid().primaryKey().defaultRandom(),
          title: varchar({ length: 200 }).notNull(),
          parentId: uuid().references((): AnyPgColumn => posts.id),
          authorId: uuid().references(() => users.id),
        },
        (table) => [index("posts_author_id_idx").on(table.authorId)],
      );

      export const postsRelations = relations(posts, ({ one }) => ({
        author: one(users, { fields: [posts.authorId], references: [users.id] }),
      }));

      export type Post = typeof posts.$inferSelect;
      export type NewPost = typeof posts.$inferInsert;
      "
    `);
  });

  it('a table the file declares already: nothing changes', async () => {
    const text = `import { pgTable, uuid } from 'drizzle-orm/pg-core';\n\nexport const posts = pgTable('posts', { id: uuid().primaryKey() });\n`;
    await expectUnchanged(FILE, text, appendTable(POSTS, 'posts'));
  });

  it('a fragment with package imports the file lacks (ulid)', async () => {
    const fragment = `import { pgTable, text } from 'drizzle-orm/pg-core';\nimport { ulid } from 'ulid';\n\nexport const tags = pgTable('tags', {\n  id: text().primaryKey().$defaultFn(() => ulid()),\n});\n`;
    const text = `import { pgTable, uuid } from 'drizzle-orm/pg-core';\nimport { helper } from './helper';\n\nexport const users = pgTable('users', { id: uuid().primaryKey() });\n`;
    expect(await patch(FILE, text, appendTable(fragment, 'tags'), target.root)).toMatchInlineSnapshot(`
      "import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
      import { ulid } from 'ulid';
      import { helper } from './helper';

      export const users = pgTable('users', { id: uuid().primaryKey() });

      export const tags = pgTable('tags', {
        id: text()
          .primaryKey()
          .$defaultFn(() => ulid()),
      });
      "
    `);
  });
});
