/**
 * addManyRelation: when a new table references `users`, users' relations() gain the many() side;
 * the block (and its imports) is created when the table has none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addManyRelation } from '../../../src/transforms/relations.js';
import { expectUnchanged, patch, run, targetWithPrettierConfig } from './harness.js';

const FILE = 'src/db/schema/users.ts';
const target = targetWithPrettierConfig();
afterAll(target.dispose);

const POSTS = { table: 'users', name: 'posts', target: 'posts', targetModule: './posts' };

/** users.ts as `create-db-layer table users` writes it: no relations yet. */
const USERS_WITHOUT_RELATIONS = `import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
`;

/** users.ts edited by hand: single quotes, comments, a relations block with only `one`. */
const USERS_WITH_ONE = `import { relations } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { teams } from './teams';

// People who sign in.
export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  teamId: uuid().references(() => teams.id), // nullable on purpose
  name: text(),
});

/** Who belongs where. */
export const usersRelations = relations(users, ({ one }) => ({
  team: one(teams, { fields: [users.teamId], references: [teams.id] }),
}));

export type User = typeof users.$inferSelect;
`;

describe('addManyRelation', () => {
  it('creates the relations block after the table, with its imports, when there is none', async () => {
    expect(await patch(FILE, USERS_WITHOUT_RELATIONS, addManyRelation(POSTS))).toMatchInlineSnapshot(`
      "import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
      import { relations } from "drizzle-orm";
      import { posts } from "./posts";

      export const users = pgTable("users", {
        id: uuid().primaryKey().defaultRandom(),
        email: text().notNull().unique(),
        createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
      });

      export const usersRelations = relations(users, ({ many }) => ({
        posts: many(posts),
      }));

      export type User = typeof users.$inferSelect;
      export type NewUser = typeof users.$inferInsert;
      "
    `);
  });

  it('adds many to a `({ one })` block, keeping comments and quotes', async () => {
    expect(await patch(FILE, USERS_WITH_ONE, addManyRelation(POSTS), target.root)).toMatchInlineSnapshot(`
      "import { relations } from 'drizzle-orm';
      import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
      import { teams } from './teams';
      import { posts } from './posts';

      // People who sign in.
      export const users = pgTable('users', {
        id: uuid().primaryKey().defaultRandom(),
        teamId: uuid().references(() => teams.id), // nullable on purpose
        name: text(),
      });

      /** Who belongs where. */
      export const usersRelations = relations(users, ({ one, many }) => ({
        team: one(teams, { fields: [users.teamId], references: [teams.id] }),
        posts: many(posts),
      }));

      export type User = typeof users.$inferSelect;
      "
    `);
  });

  it('adds to a block that has many already, reusing the import of the target module', async () => {
    const text = `import { relations } from 'drizzle-orm';
import { pgTable, uuid } from 'drizzle-orm/pg-core';
import { comments, posts } from './content';

export const users = pgTable('users', { id: uuid().primaryKey() });

export const usersRelations = relations(users, ({ many }) => ({
  posts: many(posts),
}));
`;
    expect(
      await patch(FILE, text, addManyRelation({ table: 'users', name: 'comments', target: 'comments', targetModule: './content' }), target.root),
    ).toMatchInlineSnapshot(`
      "import { relations } from 'drizzle-orm';
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { comments, posts } from './content';

      export const users = pgTable('users', { id: uuid().primaryKey() });

      export const usersRelations = relations(users, ({ many }) => ({
        posts: many(posts),
        comments: many(comments),
      }));
      "
    `);
  });

  it('passes relationName when the referencing table points here more than once', async () => {
    const transforms = [
      addManyRelation({ ...POSTS, target: 'messages', targetModule: './messages', name: 'senderMessages', relationName: 'messages_sender' }),
      addManyRelation({ ...POSTS, target: 'messages', targetModule: './messages', name: 'recipientMessages', relationName: 'messages_recipient' }),
    ];
    expect(await patch(FILE, USERS_WITHOUT_RELATIONS, transforms)).toMatchInlineSnapshot(`
      "import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
      import { relations } from "drizzle-orm";
      import { messages } from "./messages";

      export const users = pgTable("users", {
        id: uuid().primaryKey().defaultRandom(),
        email: text().notNull().unique(),
        createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
      });

      export const usersRelations = relations(users, ({ many }) => ({
        senderMessages: many(messages, { relationName: "messages_sender" }),
        recipientMessages: many(messages, { relationName: "messages_recipient" }),
      }));

      export type User = typeof users.$inferSelect;
      export type NewUser = typeof users.$inferInsert;
      "
    `);
  });

  it('an empty callback `() => ({})` gets the many parameter', async () => {
    const text = `import { relations } from 'drizzle-orm';
import { pgTable, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', { id: uuid().primaryKey() });

export const usersRelations = relations(users, () => ({}));
`;
    expect(await patch(FILE, text, addManyRelation(POSTS), target.root)).toMatchInlineSnapshot(`
      "import { relations } from 'drizzle-orm';
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { posts } from './posts';

      export const users = pgTable('users', { id: uuid().primaryKey() });

      export const usersRelations = relations(users, ({ many }) => ({
        posts: many(posts),
      }));
      "
    `);
  });

  it('the relation exists already: nothing changes', async () => {
    const text = `import { relations } from 'drizzle-orm';
import { pgTable, uuid } from 'drizzle-orm/pg-core';
import { posts } from './posts';

export const users = pgTable('users', { id: uuid().primaryKey() });

export const usersRelations = relations(users, ({ many }) => ({
  posts: many(posts),
}));
`;
    await expectUnchanged(FILE, text, addManyRelation(POSTS));
  });

  it('--layout file: the target is in the same file, so nothing is imported', async () => {
    const text = `import { relations } from 'drizzle-orm';
import { pgTable, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', { id: uuid().primaryKey() });

export const posts = pgTable('posts', {
  id: uuid().primaryKey(),
  authorId: uuid().references(() => users.id),
});
`;
    expect(await patch('src/db/schema.ts', text, addManyRelation({ table: 'users', name: 'posts', target: 'posts' }), target.root)).toMatchInlineSnapshot(`
      "import { relations } from 'drizzle-orm';
      import { pgTable, uuid } from 'drizzle-orm/pg-core';

      export const users = pgTable('users', { id: uuid().primaryKey() });

      export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));

      export const posts = pgTable('posts', {
        id: uuid().primaryKey(),
        authorId: uuid().references(() => users.id),
      });
      "
    `);
  });

  it('uses the relations() call of the table asked for', async () => {
    const text = `import { relations } from 'drizzle-orm';
import { pgTable, uuid } from 'drizzle-orm/pg-core';
import { posts } from './posts';

export const teams = pgTable('teams', { id: uuid().primaryKey() });
export const users = pgTable('users', { id: uuid().primaryKey() });

export const teamsRelations = relations(teams, ({ many }) => ({ users: many(users) }));
export const usersRelations = relations(users, ({ one }) => ({ team: one(teams) }));
`;
    const out = await run(FILE, text, addManyRelation(POSTS));
    expect(out).toContain('export const teamsRelations = relations(teams, ({ many }) => ({ users: many(users) }));');
    expect(out).toMatch(/relations\(users, \(\{ one, many \}\) => \(\{ team: one\(teams\),\s+posts: many\(posts\)\s+\}\)\)/);
  });

  // A callback whose parameter is not destructured, `(r) => ({ team: r.one(teams) })`, gets
  // `r.many(posts)`: a bare `many(posts)` would be unbound there.
  it('a non-destructured helpers parameter is used, not an unbound many', async () => {
    const text = `import { relations } from 'drizzle-orm';
import { pgTable, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', { id: uuid().primaryKey() });

export const usersRelations = relations(users, (r) => ({ team: r.one(teams) }));
`;
    const out = await run(FILE, text, addManyRelation(POSTS));
    expect(out).not.toMatch(/[^.]many\(posts\)/);
    expect(out).toContain('posts: r.many(posts)');
  });
});
