/**
 * buildTable: from parsed fields and the repo's conventions to the code the table template prints
 * (column builders, modifiers, indexes, enums, relations, imports). The rendered files are in
 * test/snapshot/table; this file pins the pieces one by one.
 */
import { describe, expect, it } from 'vitest';
import { parseFields } from '../../../src/model/fields.js';
import type { Casing, EnumStyle, IdStrategy } from '../../../src/model/options.js';
import { buildTable, idColumnBuilder, tableNames, type ReferencedTable } from '../../../src/model/table.js';

const USERS: ReferencedTable = { exportName: 'users', module: './users', columnBuilder: 'uuid()' };
const TEAMS: ReferencedTable = { exportName: 'teams', module: './teams', columnBuilder: 'integer()' };

function build(
  name: string,
  fields: string[],
  options: { casing?: Casing; idStrategy?: IdStrategy; enumStyle?: EnumStyle; timestamps?: boolean } = {},
) {
  return buildTable({
    name,
    fields: parseFields(fields),
    casing: options.casing ?? 'snake_case',
    idStrategy: options.idStrategy ?? 'uuid',
    enumStyle: options.enumStyle ?? 'pg-enum',
    timestamps: options.timestamps ?? false,
    references: new Map([
      ['users', USERS],
      ['teams', TEAMS],
    ]),
  });
}

/** The code of one column. */
function column(source: string, options: Parameters<typeof build>[2] = {}): string {
  const model = build('things', [source], options);
  const name = model.columns.at(-1)!.name;
  return `${name}: ${model.columns.at(-1)!.code}`;
}

describe('tableNames', () => {
  it('posts', () => {
    expect(tableNames('posts', 'snake_case')).toEqual({
      baseName: 'posts',
      exportName: 'posts',
      dbName: 'posts',
      fileName: 'posts',
      typeName: 'Post',
      newTypeName: 'NewPost',
      relationsName: 'postsRelations',
    });
  });

  it('blogPosts, blog_posts and blog-posts are one table', () => {
    const snake = { exportName: 'blogPosts', dbName: 'blog_posts', fileName: 'blog-posts', typeName: 'BlogPost', newTypeName: 'NewBlogPost' };
    expect(tableNames('blogPosts', 'snake_case')).toMatchObject(snake);
    expect(tableNames('blog_posts', 'snake_case')).toMatchObject(snake);
    expect(tableNames('blog-posts', 'snake_case')).toMatchObject(snake);
    expect(tableNames('blogPosts', 'camelCase')).toMatchObject({ ...snake, dbName: 'blogPosts' });
  });

  it('an export suffix (usersTable) changes the export name only', () => {
    expect(tableNames('blog_posts', 'snake_case', 'Table')).toEqual({
      baseName: 'blogPosts',
      exportName: 'blogPostsTable',
      dbName: 'blog_posts',
      fileName: 'blog-posts',
      typeName: 'BlogPost',
      newTypeName: 'NewBlogPost',
      relationsName: 'blogPostsRelations',
    });
  });

  it('irregular and -es plurals give the right type names', () => {
    const types = (name: string) => [tableNames(name, 'snake_case').typeName, tableNames(name, 'snake_case').newTypeName];
    expect(types('categories')).toEqual(['Category', 'NewCategory']);
    expect(types('statuses')).toEqual(['Status', 'NewStatus']);
    expect(types('addresses')).toEqual(['Address', 'NewAddress']);
    expect(types('people')).toEqual(['Person', 'NewPerson']);
    expect(types('users')).toEqual(['User', 'NewUser']);
  });

  it('a name with no singular form gets a Row type, so the type never equals the table', () => {
    expect(tableNames('status', 'snake_case')).toMatchObject({ typeName: 'StatusRow', newTypeName: 'NewStatus' });
  });

  // Fixed regression (src/model/naming.ts singular, used by tableNames): `news` is singularized to `new`, so a
  // news table exports `type New` and `type NewNew`. Uncountable words should stay as they are
  // (typeName NewsRow, like `status`).
  it('news gets NewsRow / NewNews, not New / NewNew', () => {
    expect(tableNames('news', 'snake_case')).toMatchObject({ typeName: 'NewsRow', newTypeName: 'NewNews' });
  });
});

describe('buildTable: one column per type', () => {
  const cases: [string, string][] = [
    ['title:text', 'title: text()'],
    ['title:varchar(200)', 'title: varchar({ length: 200 })'],
    ['code:char(2)', 'code: char({ length: 2 })'],
    ['count:integer', 'count: integer()'],
    ['total:bigint', "total: bigint({ mode: 'number' })"],
    ['rank:smallint', 'rank: smallint()'],
    ['position:serial', 'position: serial()'],
    ['active:boolean', 'active: boolean()'],
    ['ratio:real', 'ratio: real()'],
    ['score:double', 'score: doublePrecision()'],
    ['price:numeric(10,2)', 'price: numeric({ precision: 10, scale: 2 })'],
    ['birthday:date', "birthday: date({ mode: 'string' })"],
    ['opensAt:time', 'opensAt: time()'],
    ['seenAt:timestamp', 'seenAt: timestamp()'],
    ['seenAt:timestamptz', 'seenAt: timestamp({ withTimezone: true })'],
    ['payload:json', 'payload: json()'],
    ['payload:jsonb', 'payload: jsonb()'],
    ['token:uuid', 'token: uuid()'],
    ['status:enum(a|b|c)', 'status: thingStatus()'],
  ];
  for (const [source, expected] of cases) it(source, () => expect(column(source)).toBe(expected));

  it('enum as text', () => {
    expect(column('status:enum(a|b|c)', { enumStyle: 'text' })).toBe("status: text({ enum: ['a', 'b', 'c'] })");
  });

  it('pg enums are named after the singular table and the column', () => {
    const model = build('blogPosts', ['status:enum(draft|published)', 'reviewState:enum(open|closed)']);
    expect(model.enums).toEqual([
      { exportName: 'blogPostStatus', dbName: 'blog_post_status', values: ['draft', 'published'] },
      { exportName: 'blogPostReviewState', dbName: 'blog_post_review_state', values: ['open', 'closed'] },
    ]);
    expect(build('blogPosts', ['status:enum(a|b)'], { enumStyle: 'text' }).enums).toEqual([]);
  });
});

describe('buildTable: modifiers', () => {
  const cases: [string, string][] = [
    ['title:text:notNull', 'title: text().notNull()'],
    ['email:text:unique', 'email: text().unique()'],
    ['email:text:notNull:unique', 'email: text().notNull().unique()'],
    ['seenAt:timestamptz:default=now', 'seenAt: timestamp({ withTimezone: true }).defaultNow()'],
    ['birthday:date:default=now', "birthday: date({ mode: 'string' }).defaultNow()"],
    ['token:uuid:notNull:default=random', 'token: uuid().notNull().defaultRandom()'],
    ['title:text:default=Untitled', "title: text().default('Untitled')"],
    ["note:text:default=it's", "note: text().default('it\\'s')"],
    ['count:integer:notNull:default=0', 'count: integer().notNull().default(0)'],
    ['total:bigint:default=10', "total: bigint({ mode: 'number' }).default(10)"],
    ['active:boolean:default=false', 'active: boolean().default(false)'],
    ['price:numeric(10,2):default=9.99', "price: numeric({ precision: 10, scale: 2 }).default('9.99')"],
    ['tags:jsonb:notNull:default=[]', 'tags: jsonb().notNull().default([])'],
    ['status:enum(draft|published):notNull:default=draft', "status: thingStatus().notNull().default('draft')"],
    ['ownerId:uuid:ref=users', 'ownerId: uuid().references(() => users.id)'],
    ['ownerId:uuid:notNull:ref=users:onDelete=cascade', "ownerId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' })"],
    ['ownerId:uuid:ref=users:onDelete=set-null', "ownerId: uuid().references(() => users.id, { onDelete: 'set null' })"],
    ['ownerId:uuid:ref=users:onDelete=restrict', "ownerId: uuid().references(() => users.id, { onDelete: 'restrict' })"],
    ['ownerId:uuid:ref=users:onDelete=no-action', "ownerId: uuid().references(() => users.id, { onDelete: 'no action' })"],
    ['owner:references:ref=users', 'ownerId: uuid().references(() => users.id)'],
    ['team:references', 'teamId: integer().references(() => teams.id)'],
  ];
  for (const [source, expected] of cases) it(source, () => expect(column(source)).toBe(expected));

  it('a single pk replaces the id column and implies notNull', () => {
    const model = build('countries', ['code:char(2):pk:notNull', 'name:text:notNull']);
    expect(model.columns).toEqual([
      { name: 'code', code: 'char({ length: 2 }).primaryKey()' },
      { name: 'name', code: 'text().notNull()' },
    ]);
    expect(model.extras).toEqual([]);
  });

  it('several pk fields make a composite primary key and no id column', () => {
    const model = build('memberships', ['member:references:ref=users:pk', 'team:references:pk']);
    expect(model.columns.map((entry) => entry.name)).toEqual(['memberId', 'teamId']);
    expect(model.columns.every((entry) => !entry.code.includes('primaryKey'))).toBe(true);
    expect(model.extras).toContain('primaryKey({ columns: [table.memberId, table.teamId] })');
    expect(model.coreImports).toContain('primaryKey');
  });

  // Fixed regression (src/model/table.ts modifiers): the columns of a composite primary key get no `.notNull()`
  // unless the user wrote :notNull. PostgreSQL makes them NOT NULL anyway, but drizzle's types
  // come from the column builders only, so `NewMembership` accepts `{}` and `Membership.memberId`
  // is `string | null` (checked with drizzle-orm 0.45: `const row: typeof m.$inferInsert = {}` compiles).
  // A single :pk gets `.primaryKey()`, which does make it not null; composite ones should get `.notNull()`.
  it('composite primary key columns are notNull', () => {
    const model = build('memberships', ['member:references:ref=users:pk', 'team:references:pk']);
    for (const entry of model.columns) expect(entry.code, entry.name).toContain('.notNull()');
  });
});

describe('buildTable: id strategies', () => {
  const cases: [IdStrategy, string, string, { from: string; name: string }[]][] = [
    ['uuid', 'uuid().primaryKey().defaultRandom()', 'uuid()', []],
    ['ulid', 'text().primaryKey().$defaultFn(() => ulid())', 'text()', [{ from: 'ulid', name: 'ulid' }]],
    ['nanoid', 'text().primaryKey().$defaultFn(() => nanoid())', 'text()', [{ from: 'nanoid', name: 'nanoid' }]],
    ['cuid2', 'text().primaryKey().$defaultFn(() => createId())', 'text()', [{ from: '@paralleldrive/cuid2', name: 'createId' }]],
    ['serial', 'serial().primaryKey()', 'integer()', []],
    ['identity', 'integer().primaryKey().generatedAlwaysAsIdentity()', 'integer()', []],
  ];
  for (const [strategy, code, builder, imports] of cases) {
    it(strategy, () => {
      const model = build('posts', ['title:text'], { idStrategy: strategy });
      expect(model.columns[0]).toEqual({ name: 'id', code });
      expect(model.extraImports).toEqual(imports);
      expect(idColumnBuilder(strategy)).toBe(builder);
    });
  }
});

describe('buildTable: indexes, timestamps, relations, imports', () => {
  it(':index and every foreign key get an index named <table>_<column>_idx in the database casing', () => {
    const fields = ['title:varchar(200):notNull:index', 'author:references:ref=users:notNull'];
    expect(build('blogPosts', fields).extras).toEqual([
      "index('blog_posts_title_idx').on(table.title)",
      "index('blog_posts_author_id_idx').on(table.authorId)",
    ]);
    expect(build('blogPosts', fields, { casing: 'camelCase' }).extras).toEqual([
      "index('blogPosts_title_idx').on(table.title)",
      "index('blogPosts_authorId_idx').on(table.authorId)",
    ]);
  });

  it('timestamps: createdAt and updatedAt, maintained on update', () => {
    const model = build('posts', [], { timestamps: true });
    expect(model.columns.slice(-2)).toEqual([
      { name: 'createdAt', code: 'timestamp({ withTimezone: true }).notNull().defaultNow()' },
      { name: 'updatedAt', code: 'timestamp({ withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date())' },
    ]);
  });

  it('one reference: a one() here, a many() named after this table on the other side', () => {
    const model = build('posts', ['author:references:ref=users']);
    expect(model.relations).toEqual([{ field: 'authorId', column: 'id', one: 'author', target: 'users', relationName: undefined, many: 'posts' }]);
    expect(model.relationHelpers).toBe('one');
    expect(model.tableImports).toEqual([{ name: 'users', module: './users' }]);
  });

  it('two references to one table are told apart by relationName', () => {
    const model = build('messages', ['sender:references:ref=users', 'recipient:references:ref=users']);
    expect(model.relations.map(({ one, relationName, many }) => ({ one, relationName, many }))).toEqual([
      { one: 'sender', relationName: 'messages_sender', many: 'senderMessages' },
      { one: 'recipient', relationName: 'messages_recipient', many: 'recipientMessages' },
    ]);
    expect(model.tableImports).toEqual([{ name: 'users', module: './users' }]);
  });

  it('a self-reference types the callback with AnyPgColumn and puts both sides in its own block', () => {
    const model = build('categories', ['parent:references:ref=categories:onDelete=set-null'], { idStrategy: 'serial' });
    expect(model.columns[1]).toEqual({
      name: 'parentId',
      code: "integer().references((): AnyPgColumn => categories.id, { onDelete: 'set null' })",
    });
    expect(model.coreImports).toContain('type AnyPgColumn');
    expect(model.relationHelpers).toBe('one, many');
    expect(model.selfMany).toEqual([expect.objectContaining({ relationName: 'categories_parent', many: 'children' })]);
    expect(model.tableImports).toEqual([]);
  });

  it('a reference column not ending in Id gets a <name>Ref relation', () => {
    const model = build('posts', ['owner:uuid:ref=users']);
    expect(model.relations[0]).toMatchObject({ field: 'owner', one: 'ownerRef' });
  });

  it('pg-core imports are exactly the builders used, sorted (ignoring `type`)', () => {
    const model = build(
      'posts',
      ['title:varchar(200):index', 'score:double', 'status:enum(a|b)', 'parent:references:ref=posts', 'author:references:ref=users'],
      { timestamps: true },
    );
    expect(model.coreImports).toEqual(['type AnyPgColumn', 'doublePrecision', 'index', 'pgEnum', 'pgTable', 'timestamp', 'uuid', 'varchar']);
  });
});

describe('buildTable with an export suffix', () => {
  const suffixed = (fields: string[]) =>
    buildTable({
      name: 'comments',
      fields: parseFields(fields),
      casing: 'snake_case',
      idStrategy: 'serial',
      enumStyle: 'pg-enum',
      timestamps: false,
      exportSuffix: 'Table',
      references: new Map([['users', { ...USERS, exportName: 'usersTable' }]]),
    });

  it('references the suffixed exports, and names relation keys and enums after the bare names', () => {
    const model = suffixed(['author:references:ref=users', 'status:enum(visible|hidden)']);
    expect(model.exportName).toBe('commentsTable');
    expect(model.dbName).toBe('comments');
    expect(model.columns.find((entry) => entry.name === 'authorId')!.code).toBe('uuid().references(() => usersTable.id)');
    expect(model.enums).toEqual([{ exportName: 'commentStatus', dbName: 'comment_status', values: ['visible', 'hidden'] }]);
    expect(model.relations).toEqual([{ field: 'authorId', column: 'id', one: 'author', target: 'usersTable', relationName: undefined, many: 'comments' }]);
    expect(model.extras).toEqual(["index('comments_author_id_idx').on(table.authorId)"]);
  });

  it('a self-reference (ref=comments) points at the suffixed export, typed to break the cycle', () => {
    const model = suffixed(['parent:references:ref=comments']);
    expect(model.columns.find((entry) => entry.name === 'parentId')!.code).toBe('integer().references((): AnyPgColumn => commentsTable.id)');
    expect(model.selfMany).toEqual([
      { field: 'parentId', column: 'id', one: 'parent', target: 'commentsTable', relationName: 'comments_parent', many: 'children' },
    ]);
    expect(model.coreImports).toContain('type AnyPgColumn');
  });
});
