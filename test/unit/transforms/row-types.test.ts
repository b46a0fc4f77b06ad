/**
 * addRowTypes: a dual layer's types.ts gains a table's `Post` / `NewPost` pair as
 * InferSelectModel / InferInsertModel of the schema namespace, with the drizzle-orm type import
 * added once, under the file's header comment.
 */
import { describe, expect, it } from 'vitest';
import { addRowTypes } from '../../../src/transforms/row-types.js';
import { patch } from './harness.js';

const FILE = 'src/db/types.ts';
const FRESH = `/**
 * Row types of every table.
 */
import type * as schema from './schema/sqlite';

/** Every table of the schema, by export name. */
export type Tables = typeof schema;
`;
const posts = addRowTypes({ table: 'posts', select: 'Post', insert: 'NewPost', schemaModule: './schema/sqlite' });
const users = addRowTypes({ table: 'users', select: 'User', insert: 'NewUser', schemaModule: './schema/sqlite' });

describe('addRowTypes', () => {
  it('adds the pair and the type import below the header, and is idempotent', async () => {
    expect(await patch(FILE, FRESH, posts)).toBe(`/**
 * Row types of every table.
 */
import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import type * as schema from "./schema/sqlite";

/** Every table of the schema, by export name. */
export type Tables = typeof schema;
export type Post = InferSelectModel<typeof schema.posts>;
export type NewPost = InferInsertModel<typeof schema.posts>;
`);
  });

  it('a second table reuses the import', async () => {
    const twice = await patch(FILE, await patch(FILE, FRESH, posts), users);
    expect(twice.match(/from "drizzle-orm"/g)).toHaveLength(1);
    expect(twice).toContain('export type NewUser = InferInsertModel<typeof schema.users>;');
  });

  it('restores a lost schema import', async () => {
    const patched = await patch(FILE, 'export type Tables = {};\n', posts);
    expect(patched).toContain('import type * as schema from "./schema/sqlite";');
    expect(patched).toContain('export type Post = InferSelectModel<typeof schema.posts>;');
  });
});
