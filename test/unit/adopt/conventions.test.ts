/**
 * Conventions by majority of schema files: what a repo's tables say about its style, and what they
 * leave open (reported with the flag that settles it).
 */
import { describe, expect, it } from 'vitest';
import { inferConventions, type ConventionInputs } from '../../../src/adopt/conventions.js';
import { readFileFacts, type FileFacts } from '../../../src/adopt/file-facts.js';
import { inspectSource } from '../../../src/transforms/source.js';

const facts = (files: Record<string, string>): Promise<FileFacts[]> =>
  Promise.all(Object.entries(files).map(([path, text]) => inspectSource(path, text, (source) => readFileFacts(source, path))));

const inputs = (fileFacts: FileFacts[], extra: Partial<ConventionInputs> = {}): ConventionInputs => ({
  facts: fileFacts,
  tsconfigExtension: '',
  moduleSystem: 'esm',
  aliases: [],
  overrides: {},
  ...extra,
});

const USERS = `import { pgTable, serial, text, timestamp } from "drizzle-orm/pg-core"

export const users = pgTable("users", {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
})
`;
const BLOG_POSTS = `import { integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core"
import { postStatus } from "./enums"
import { users } from "./users"

export const blogPosts = pgTable("blog_posts", {
    id: serial("id").primaryKey(),
    authorId: integer("author_id").references(() => users.id),
    status: postStatus("status"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
})
`;
const ENUMS = `import { pgEnum } from "drizzle-orm/pg-core"\n\nexport const postStatus = pgEnum("post_status", ["draft", "published"])\n`;
const RELATIONS = `import { relations } from "drizzle-orm"\nimport { users } from "./users"\nimport { blogPosts } from "./blog-posts"\n\nexport const usersRelations = relations(users, ({ many }) => ({ posts: many(blogPosts) }))\n`;

describe('inferConventions', () => {
  it('reads the style of a repo with explicit column names, central enums and relations', async () => {
    const conventions = inferConventions(inputs(await facts({
      'src/db/schema/users.ts': USERS,
      'src/db/schema/blog-posts.ts': BLOG_POSTS,
      'src/db/schema/enums.ts': ENUMS,
      'src/db/schema/relations.ts': RELATIONS,
    })));
    expect(conventions).toMatchObject({
      casing: 'snake_case',
      idStrategy: 'serial',
      enumStyle: 'pg-enum',
      timestamps: true,
      importExtension: '',
      tablePerFile: true,
      ambiguous: [],
      style: {
        fileNaming: 'kebab',
        quotes: 'double',
        semicolons: false,
        indent: 4,
        explicitColumnNames: true,
        idColumn: { key: 'id', code: 'serial("id").primaryKey()', imports: { 'drizzle-orm/pg-core': ['serial'] } },
        enumsFile: 'src/db/schema/enums.ts',
        relations: 'central',
        relationsFile: 'src/db/schema/relations.ts',
        rowTypes: false,
        trailingCommas: true,
      },
    });
    expect(conventions.style.timestampColumns).toEqual([
      { key: 'createdAt', code: 'timestamp("created_at", { withTimezone: true }).defaultNow().notNull()', imports: { 'drizzle-orm/pg-core': ['timestamp'] } },
    ]);
  });

  it('follows the config casing: bare builders, no explicit names', async () => {
    const text = `import { pgTable, uuid, text } from 'drizzle-orm/pg-core';\n\nexport const users = pgTable('users', {\n  id: uuid().primaryKey().defaultRandom(),\n  displayName: text(),\n});\nexport type User = typeof users.$inferSelect;\n`;
    const conventions = inferConventions(inputs(await facts({ 'db/users.ts': text }), { configCasing: 'snake_case' }));
    expect(conventions).toMatchObject({ casing: 'snake_case', idStrategy: 'uuid', enumStyle: 'text', timestamps: false });
    expect(conventions.style).toMatchObject({ quotes: 'single', semicolons: true, indent: 2, explicitColumnNames: false, relations: 'none', rowTypes: true });
  });

  it('.js endings and a tsconfig path alias come from the imports the files write', async () => {
    const posts = `import { pgTable, integer } from 'drizzle-orm/pg-core';\nimport { users } from '@/db/schema/users';\nimport { teams } from '@/db/schema/teams';\nexport const posts = pgTable('posts', { id: integer().primaryKey(), authorId: integer().references(() => users.id) });\n`;
    const withJs = `import { pgTable, integer } from 'drizzle-orm/pg-core';\nimport { users } from './users.js';\nexport const teams = pgTable('teams', { id: integer().primaryKey() });\n`;
    expect(inferConventions(inputs(await facts({ 'src/db/schema/posts.ts': posts }), { aliases: [{ prefix: '@/', target: 'src/' }] })).style.importAlias).toEqual({ prefix: '@/', target: 'src/' });
    expect(inferConventions(inputs(await facts({ 'src/db/schema/teams.ts': withJs }))).importExtension).toBe('.js');
  });

  it("MySQL's INT AUTO_INCREMENT key is the identity strategy, in either order of its calls", async () => {
    const users = `import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core'\n\nexport const users = mysqlTable('users', {\n  id: int('id').autoincrement().primaryKey(),\n  email: varchar('email', { length: 255 }).notNull(),\n})\n`;
    const orders = `import { bigint, mysqlTable } from 'drizzle-orm/mysql-core'\n\nexport const orders = mysqlTable('orders', {\n  id: bigint('id', { mode: 'number' })\n    .primaryKey()\n    .autoincrement(),\n})\n`;
    expect(inferConventions(inputs(await facts({ 'src/db/schema.ts': users })))).toMatchObject({ idStrategy: 'identity', ambiguous: [] });
    expect(inferConventions(inputs(await facts({ 'src/db/orders.ts': orders })))).toMatchObject({ idStrategy: 'identity', ambiguous: [] });
  });

  it("records what a SQLite repo's integer timestamps store, and nothing for other dialects", async () => {
    const seconds = `import { sql } from "drizzle-orm";\nimport { integer, sqliteTable } from "drizzle-orm/sqlite-core";\n\nexport const posts = sqliteTable("posts", {\n  id: integer("id").primaryKey({ autoIncrement: true }),\n  publishedAt: integer("published_at", { mode: "timestamp" }),\n  createdAt: integer("created_at", { mode: "timestamp" })\n    .notNull()\n    .default(sql\`(unixepoch())\`),\n});\n`;
    const milliseconds = `import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\n\nexport const events = sqliteTable('events', {\n  id: integer().primaryKey({ autoIncrement: true }),\n  at: integer({ mode: 'timestamp_ms' }),\n});\n`;
    expect(inferConventions(inputs(await facts({ 'src/db/schema/posts.ts': seconds }))).style.sqliteTimestamps).toBe('seconds');
    expect(inferConventions(inputs(await facts({ 'src/db/schema/events.ts': milliseconds }))).style.sqliteTimestamps).toBe('milliseconds');
    expect(inferConventions(inputs(await facts({ 'src/db/schema/users.ts': USERS }))).style.sqliteTimestamps).toBeUndefined();
  });

  it('an id no strategy matches is ambiguous and names --id; the flag settles it', async () => {
    const text = `import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const tags = pgTable('tags', { id: text().primaryKey().$defaultFn(() => makeId()) });\n`;
    const fileFacts = await facts({ 'schema/tags.ts': text });
    expect(inferConventions(inputs(fileFacts)).ambiguous).toEqual([expect.stringContaining('--id')]);
    expect(inferConventions(inputs(fileFacts, { overrides: { idStrategy: 'nanoid' } }))).toMatchObject({ idStrategy: 'nanoid', ambiguous: [] });
  });

  it('table exports named <table>Table, as drizzle\'s guides write them, record the suffix; bare or mixed exports do not', async () => {
    const table = (exportName: string, sqlName: string) =>
      `import { integer, pgTable } from "drizzle-orm/pg-core";\n\nexport const ${exportName} = pgTable("${sqlName}", {\n  id: integer().primaryKey().generatedAlwaysAsIdentity(),\n});\n`;
    const suffixOf = async (files: Record<string, string>) => inferConventions(inputs(await facts(files))).style.tableExportSuffix;
    expect(await suffixOf({ 'db/users.ts': table('usersTable', 'users'), 'db/line-items.ts': table('lineItemsTable', 'line_items') })).toBe('Table');
    expect(await suffixOf({ 'db/users.ts': table('users', 'users'), 'db/line-items.ts': table('lineItems', 'line_items') })).toBeUndefined();
    // One of each, and an export that is not the table's name at all: nothing to follow.
    expect(await suffixOf({ 'db/users.ts': table('usersTable', 'users'), 'db/posts.ts': table('posts', 'posts') })).toBeUndefined();
    expect(await suffixOf({ 'db/people.ts': table('person', 'people') })).toBeUndefined();
  });

  it('tables declared on a pgSchema object (app.table) record the object and the file declaring it; its enums count as pgEnums', async () => {
    const app = `import { pgSchema } from 'drizzle-orm/pg-core';\n\nexport const app = pgSchema('app');\nexport const role = app.enum('role', ['admin', 'member']);\n`;
    const users = `import { uuid, text } from 'drizzle-orm/pg-core';\nimport { app, role } from './app';\n\nexport const users = app.table('users', {\n  id: uuid('id').primaryKey().defaultRandom(),\n  role: role('role').notNull(),\n});\n`;
    const teams = `import { uuid, text } from 'drizzle-orm/pg-core';\nimport { app } from './app';\n\nexport const teams = app.table('teams', {\n  id: uuid('id').primaryKey().defaultRandom(),\n  name: text('name'),\n});\n`;
    const conventions = inferConventions(inputs(await facts({ 'src/db/schema/app.ts': app, 'src/db/schema/users.ts': users, 'src/db/schema/teams.ts': teams })));
    expect(conventions).toMatchObject({ idStrategy: 'uuid', enumStyle: 'pg-enum', casing: 'snake_case', tablePerFile: true });
    expect(conventions.style).toMatchObject({ schemaObject: { name: 'app', module: 'src/db/schema/app' }, enumsFile: 'src/db/schema/app.ts', explicitColumnNames: true });
    // Declared in the file of its tables: that file is the module.
    const single = `import { pgSchema, serial } from 'drizzle-orm/pg-core';\nexport const billing = pgSchema('billing');\nexport const invoices = billing.table('invoices', { id: serial('id').primaryKey() });\n`;
    expect(inferConventions(inputs(await facts({ 'src/schema.ts': single }))).style.schemaObject).toEqual({ name: 'billing', module: 'src/schema' });
    // A zod enum in a schema file is not a database enum.
    const zod = `import { pgTable, serial } from 'drizzle-orm/pg-core';\nimport { z } from 'zod';\nexport const things = pgTable('things', { id: serial('id').primaryKey() });\nexport const kind = z.enum(['a', 'b']);\n`;
    expect(inferConventions(inputs(await facts({ 'src/schema.ts': zod }))).enumStyle).toBe('text');
  });

  it("timestamps read as strings (timestamp({ mode: 'string' })) are recorded, so new timestamp fields read as strings too", async () => {
    const table = (mode: string) => `import { pgTable, serial, timestamp } from 'drizzle-orm/pg-core';\nexport const events = pgTable('events', {\n  id: serial('id').primaryKey(),\n  createdAt: timestamp('created_at', { withTimezone: true${mode} }).notNull().defaultNow(),\n});\n`;
    expect(inferConventions(inputs(await facts({ 'db/events.ts': table(", mode: 'string'") }))).style.timestampMode).toBe('string');
    expect(inferConventions(inputs(await facts({ 'db/events.ts': table('') }))).style.timestampMode).toBeUndefined();
  });
});

