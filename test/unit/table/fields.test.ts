/**
 * The field syntax of `create-db-layer table` (DESIGN.md "Field syntax"): every type, every
 * modifier, the `x:references` shorthand, and every bad input as a one-line FieldError that says
 * what to write instead.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { checkName, FieldError, parseField, parseFields, type Field } from '../../../src/model/fields.js';
import { camelCase, kebabCase, plural, singular, snakeCase } from '../../../src/model/naming.js';

/** The parts of a Field a test cares about, with the flags defaulted. */
function field(partial: Partial<Field> & Pick<Field, 'name' | 'type'>): Partial<Field> {
  return { notNull: false, unique: false, index: false, pk: false, ...partial };
}

/** Runs `run`, expecting a one-line FieldError (a usage error, exit code 2) whose message holds every fragment. */
function fieldError(run: () => unknown, ...fragments: string[]): string {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a FieldError').toBeInstanceOf(FieldError);
  const error = thrown as FieldError;
  expect(error).toBeInstanceOf(UsageError);
  expect(error.exitCode).toBe(2);
  expect(error.message, 'one line').not.toMatch(/[\r\n]/);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error.message;
}

describe('parseField: types', () => {
  const cases: [string, Partial<Field>][] = [
    ['title:text', { type: 'text' }],
    ['title:varchar(200)', { type: 'varchar', options: '{ length: 200 }' }],
    ['code:char(2)', { type: 'char', options: '{ length: 2 }' }],
    ['count:integer', { type: 'integer' }],
    ['total:bigint', { type: 'bigint' }],
    ['rank:smallint', { type: 'smallint' }],
    ['position:serial', { type: 'serial' }],
    ['active:boolean', { type: 'boolean' }],
    ['ratio:real', { type: 'real' }],
    ['score:double', { type: 'double' }],
    ['price:numeric(10,2)', { type: 'numeric', options: '{ precision: 10, scale: 2 }' }],
    ['price:numeric(10, 2)', { type: 'numeric', options: '{ precision: 10, scale: 2 }' }],
    ['birthday:date', { type: 'date' }],
    ['opensAt:time', { type: 'time' }],
    ['seenAt:timestamp', { type: 'timestamp' }],
    ['seenAt:timestamptz', { type: 'timestamptz' }],
    ['payload:json', { type: 'json' }],
    ['payload:jsonb', { type: 'jsonb' }],
    ['token:uuid', { type: 'uuid' }],
    ['status:enum(a|b|c)', { type: 'enum', enumValues: ['a', 'b', 'c'] }],
    ['status:enum(draft|in-review|published_2)', { type: 'enum', enumValues: ['draft', 'in-review', 'published_2'] }],
  ];
  for (const [source, expected] of cases) {
    it(source, () => {
      const parsed = parseField(source);
      const name = source.split(':')[0]!;
      expect(parsed).toEqual({ ...field({ name, type: expected.type! }), ...expected, source });
    });
  }

  it('names are camelCased for TypeScript (the database name follows the casing)', () => {
    expect(parseField('author_id:uuid').name).toBe('authorId');
    expect(parseField('publishedAt:timestamptz').name).toBe('publishedAt');
  });
});

describe('parseField: modifiers', () => {
  it('notNull, unique, index and pk are flags', () => {
    expect(parseField('email:text:notNull')).toMatchObject({ notNull: true, unique: false, index: false, pk: false });
    expect(parseField('email:text:unique')).toMatchObject({ notNull: false, unique: true, index: false, pk: false });
    expect(parseField('email:text:index')).toMatchObject({ notNull: false, unique: false, index: true, pk: false });
    expect(parseField('code:text:pk')).toMatchObject({ notNull: false, unique: false, index: false, pk: true });
    expect(parseField('email:varchar(320):notNull:unique:index')).toMatchObject({
      type: 'varchar',
      options: '{ length: 320 }',
      notNull: true,
      unique: true,
      index: true,
    });
  });

  it('default=now on every date and time type', () => {
    for (const type of ['date', 'time', 'timestamp', 'timestamptz']) {
      expect(parseField(`at:${type}:default=now`).default, type).toEqual({ kind: 'now' });
    }
  });

  it('default=random on uuid', () => {
    expect(parseField('token:uuid:default=random').default).toEqual({ kind: 'random' });
  });

  it('default=<literal> fitting the type', () => {
    const literal = (source: string) => parseField(source).default;
    expect(literal('title:text:default=Untitled')).toEqual({ kind: 'literal', value: 'Untitled' });
    expect(literal('code:varchar(10):default=a=b')).toEqual({ kind: 'literal', value: 'a=b' });
    expect(literal("note:text:default=it's")).toEqual({ kind: 'literal', value: "it's" });
    expect(literal('count:integer:default=0')).toEqual({ kind: 'literal', value: '0' });
    expect(literal('delta:integer:default=-5')).toEqual({ kind: 'literal', value: '-5' });
    expect(literal('ratio:real:default=0.5')).toEqual({ kind: 'literal', value: '0.5' });
    expect(literal('total:bigint:default=10')).toEqual({ kind: 'literal', value: '10' });
    expect(literal('active:boolean:default=true')).toEqual({ kind: 'literal', value: 'true' });
    expect(literal('active:boolean:default=false')).toEqual({ kind: 'literal', value: 'false' });
    expect(literal('price:numeric(10,2):default=9.99')).toEqual({ kind: 'literal', value: '9.99' });
    expect(literal('status:enum(draft|published):default=draft')).toEqual({ kind: 'literal', value: 'draft' });
    expect(literal('tags:jsonb:default=[]')).toEqual({ kind: 'literal', value: '[]' });
    expect(literal('meta:json:default={}')).toEqual({ kind: 'literal', value: '{}' });
    expect(literal('token:uuid:default=00000000-0000-4000-8000-000000000000')).toEqual({
      kind: 'literal',
      value: '00000000-0000-4000-8000-000000000000',
    });
  });

  it('ref=table references its id; ref=table.column names the column', () => {
    expect(parseField('ownerId:uuid:ref=users').ref).toEqual({ table: 'users', column: 'id' });
    expect(parseField('ownerEmail:text:ref=users.email').ref).toEqual({ table: 'users', column: 'email' });
  });

  it('onDelete takes every action, with a reference, in any order', () => {
    for (const action of ['cascade', 'set-null', 'restrict', 'no-action'] as const) {
      expect(parseField(`ownerId:uuid:ref=users:onDelete=${action}`).onDelete, action).toBe(action);
      expect(parseField(`ownerId:uuid:onDelete=${action}:ref=users`).onDelete, `${action} before ref`).toBe(action);
    }
  });

  it('modifiers combine', () => {
    expect(parseField('authorId:uuid:notNull:index:ref=users.id:onDelete=cascade')).toEqual({
      ...field({ name: 'authorId', type: 'uuid' }),
      notNull: true,
      index: true,
      ref: { table: 'users', column: 'id' },
      onDelete: 'cascade',
      source: 'authorId:uuid:notNull:index:ref=users.id:onDelete=cascade',
    });
  });
});

describe('parseField: the x:references shorthand', () => {
  it('author:references is authorId referencing authors.id, typed like that column', () => {
    expect(parseField('author:references')).toEqual({
      ...field({ name: 'authorId', type: 'references' }),
      ref: { table: 'authors', column: 'id' },
      source: 'author:references',
    });
  });

  it('authorId:references is the same column', () => {
    expect(parseField('authorId:references')).toMatchObject({ name: 'authorId', ref: { table: 'authors', column: 'id' } });
  });

  it('pluralizes the referenced table', () => {
    expect(parseField('category:references').ref).toEqual({ table: 'categories', column: 'id' });
    expect(parseField('person:references').ref).toEqual({ table: 'people', column: 'id' });
    expect(parseField('address:references').ref).toEqual({ table: 'addresses', column: 'id' });
    expect(parseField('blog_post:references')).toMatchObject({ name: 'blogPostId', ref: { table: 'blogPosts', column: 'id' } });
  });

  it('takes modifiers, and ref= names another table', () => {
    expect(parseField('author:references:ref=users:notNull:onDelete=cascade')).toMatchObject({
      name: 'authorId',
      type: 'references',
      notNull: true,
      ref: { table: 'users', column: 'id' },
      onDelete: 'cascade',
    });
    expect(parseField('parent:references:ref=categories:onDelete=set-null')).toMatchObject({
      name: 'parentId',
      ref: { table: 'categories', column: 'id' },
      onDelete: 'set-null',
    });
  });

  // Fixed regression (src/model/fields.ts parseField): checkName(rawName) runs on the raw `user` before the
  // shorthand turns it into `userId`, so DESIGN.md's own example `user:references` fails with
  // `"user" is a reserved word in SQL: choose another column name, such as userName or userValue`.
  // The column is `userId` (user_id), which is not reserved. Same for order:references, group:references.
  it('user:references is userId referencing users.id (DESIGN.md example)', () => {
    expect(parseField('user:references')).toEqual({
      ...field({ name: 'userId', type: 'references' }),
      ref: { table: 'users', column: 'id' },
      source: 'user:references',
    });
  });

  it('order:references is orderId referencing orders.id (same bug as user:references)', () => {
    expect(parseField('order:references:notNull:onDelete=cascade')).toMatchObject({
      name: 'orderId',
      ref: { table: 'orders', column: 'id' },
    });
  });
});

describe('parseField: bad input is a one-line FieldError saying what to write', () => {
  it('no type', () => {
    fieldError(() => parseField('title'), 'has no type', 'write title:text');
    fieldError(() => parseField('title:'), 'has no type', 'write title:text');
  });

  it('unknown type lists the types', () => {
    const message = fieldError(() => parseField('title:string'), 'unknown type "string"', 'use one of');
    for (const type of ['text', 'varchar(255)', 'numeric(10,2)', 'timestamptz', 'jsonb', 'uuid', 'enum(a|b)', 'x:references']) {
      expect(message).toContain(type);
    }
    fieldError(() => parseField('n:int'), 'unknown type "int"');
    fieldError(() => parseField('n:Text'), 'unknown type "Text"');
  });

  it('unknown modifier lists the modifiers', () => {
    fieldError(() => parseField('title:text:required'), 'unknown modifier "required"', 'notNull, unique, index, pk, default=VALUE, ref=table[.column], onDelete=');
    fieldError(() => parseField('title:text:notnull'), 'unknown modifier "notnull"', 'notNull');
    fieldError(() => parseField('title:text:notNull=true'), 'unknown modifier "notNull=true"');
    fieldError(() => parseField('title:text:default='), 'unknown modifier "default="', 'default=VALUE');
    fieldError(() => parseField('ownerId:uuid:ref='), 'unknown modifier "ref="', 'ref=table[.column]');
  });

  it('malformed type parameters', () => {
    fieldError(() => parseField('title:varchar(x)'), 'bad parameters "(x)"', 'write title:varchar(255)');
    fieldError(() => parseField('title:varchar()'), 'bad parameters "()"', 'write title:varchar(255)');
    fieldError(() => parseField('code:char(two)'), 'write code:char(2)');
    fieldError(() => parseField('price:numeric(10)'), 'bad parameters "(10)"', 'write price:numeric(10,2)');
    fieldError(() => parseField('price:numeric(a,b)'), 'write price:numeric(10,2)');
    fieldError(() => parseField('title:text(5)'), 'text takes no parameters: write title:text');
  });

  it('bad enums', () => {
    fieldError(() => parseField('status:enum()'), 'distinct words separated by |', 'status:enum(draft|published)');
    fieldError(() => parseField('status:enum(a|a)'), 'distinct words');
    fieldError(() => parseField('status:enum(a b|c)'), 'distinct words');
    fieldError(() => parseField("status:enum(it's|b)"), 'distinct words');
  });

  it('names that are not identifiers: path-like, spaces, leading digit', () => {
    fieldError(() => parseField('../x:text'), 'column name "../x"', 'is not an identifier', 'like title or authorId');
    fieldError(() => parseField('a b:text'), 'column name "a b"', 'is not an identifier');
    fieldError(() => parseField('1abc:text'), 'column name "1abc"', 'starting with a letter');
    fieldError(() => parseField('a/b:text'), 'is not an identifier');
    fieldError(() => parseField('a-b:text'), 'is not an identifier');
    fieldError(() => parseField(':text'), 'column name ""', 'is not an identifier');
  });

  it('SQL reserved words as column names, in any case', () => {
    fieldError(() => parseField('order:integer'), '"order" is a reserved word in SQL', 'choose another column name, such as orderName or orderValue');
    fieldError(() => parseField('user:text'), '"user" is a reserved word in SQL', 'userName');
    fieldError(() => parseField('select:text'), '"select" is a reserved word in SQL');
    fieldError(() => parseField('Order:text'), 'reserved word');
    // Words that merely contain a reserved word are fine.
    expect(parseField('orderId:integer').name).toBe('orderId');
    expect(parseField('user_name:text').name).toBe('userName');
    expect(parseField('selected:boolean').name).toBe('selected');
  });

  it('onDelete=set-null on a notNull (or pk) column', () => {
    fieldError(
      () => parseField('authorId:uuid:ref=users:notNull:onDelete=set-null'),
      'onDelete=set-null cannot empty the notNull column authorId',
      'drop notNull, or use onDelete=cascade or restrict',
    );
    fieldError(() => parseField('author:references:onDelete=set-null:notNull'), 'notNull column authorId');
    fieldError(() => parseField('authorId:uuid:pk:ref=users:onDelete=set-null'), 'onDelete=set-null cannot empty');
  });

  it('onDelete without a reference', () => {
    fieldError(() => parseField('authorId:uuid:onDelete=cascade'), 'needs a reference', 'add ref=<table> or write author:references');
  });

  it('unknown onDelete action', () => {
    fieldError(() => parseField('authorId:uuid:ref=users:onDelete=set_null'), 'onDelete must be one of cascade, set-null, restrict, no-action', 'got "set_null"');
    fieldError(() => parseField('authorId:uuid:ref=users:onDelete='), 'onDelete must be one of');
  });

  it('malformed references', () => {
    fieldError(() => parseField('authorId:uuid:ref=a.b.c'), 'bad reference "ref=a.b.c"', 'write ref=users or ref=users.id');
    fieldError(() => parseField('authorId:uuid:ref=../users'), 'write ref=users or ref=users.id');
    fieldError(() => parseField('authorId:uuid:ref=users.'), 'bad reference');
  });

  it('default=now on a type without time', () => {
    fieldError(() => parseField('count:integer:default=now'), 'default=now needs a date or time type', 'use timestamp, timestamptz, date or time');
    fieldError(() => parseField('title:text:default=now'), 'default=now needs a date or time type');
  });

  it('default=random on a type other than uuid', () => {
    fieldError(() => parseField('code:text:default=random'), 'default=random needs the uuid type', 'write code:uuid:default=random');
    fieldError(() => parseField('n:integer:default=random'), 'write n:uuid:default=random');
  });

  it('literal defaults that do not fit the type', () => {
    fieldError(() => parseField('count:integer:default=abc'), 'default "abc" does not fit count', 'use a whole number');
    fieldError(() => parseField('count:integer:default=1e3'), 'use a whole number');
    fieldError(() => parseField('active:boolean:default=yes'), 'default "yes" does not fit active', 'use a boolean value');
    fieldError(() => parseField('active:boolean:default=1'), 'use a boolean value');
    fieldError(() => parseField('status:enum(draft|published):default=archived'), 'default "archived" does not fit status', 'use one of draft, published');
    fieldError(() => parseField('token:uuid:default=abc'), 'use a uuid value');
    fieldError(() => parseField('meta:jsonb:default={oops'), 'use a json value');
    fieldError(() => parseField('seenAt:timestamp:default=2024-01-01'), 'use default=now');
    fieldError(() => parseField('author:references:default=1'), 'does not fit authorId');
  });

  // Fixed regression (src/model/fields.ts checkLiteral): integer, smallint, bigint and serial share the `number`
  // kind with real/double, so `count:integer:default=1.5` is accepted and rendered as
  // `integer().default(1.5)`; PostgreSQL then silently rounds the default to 2.
  it('a fractional default on an integer column is a FieldError', () => {
    fieldError(() => parseField('count:integer:default=1.5'), 'does not fit count');
  });

  // Fixed regression (src/model/fields.ts checkLiteral): numeric has kind `string`, so any text is accepted:
  // `price:numeric(10,2):default=abc` renders `numeric(...).default('abc')` and only fails when
  // the migration is applied (invalid input syntax for type numeric).
  it('a non-numeric default on a numeric column is a FieldError', () => {
    fieldError(() => parseField('price:numeric(10,2):default=abc'), 'does not fit price');
  });

  // Fixed regression (src/model/fields.ts checkLiteral): date has kind `string`, so `default=banana` is accepted
  // and fails only at migration time. A literal date (YYYY-MM-DD) or default=now should be required.
  it('a non-date default on a date column is a FieldError', () => {
    fieldError(() => parseField('birthday:date:default=banana'), 'does not fit birthday');
  });
});

describe('parseFields', () => {
  it('parses every argument in order', () => {
    expect(parseFields(['title:text:notNull', 'author:references', 'status:enum(draft|published)']).map((parsed) => parsed.name)).toEqual([
      'title',
      'authorId',
      'status',
    ]);
    expect(parseFields([])).toEqual([]);
  });

  it('a duplicate column is an error naming it', () => {
    fieldError(() => parseFields(['title:text', 'title:varchar(10)']), 'column title is given twice', 'keep one title:… argument');
  });

  it('authorId and author_id are the same column', () => {
    fieldError(() => parseFields(['authorId:uuid', 'author_id:uuid']), 'column authorId is given twice');
  });

  it('author:references and authorId:uuid are the same column', () => {
    fieldError(() => parseFields(['author:references', 'authorId:uuid']), 'column authorId is given twice');
  });

  it('fails on the first bad field', () => {
    fieldError(() => parseFields(['title:text', 'body:blob', '1abc:text']), 'unknown type "blob"');
  });
});

describe('checkName: table names', () => {
  it('accepts identifiers', () => {
    for (const name of ['posts', 'blogPosts', 'blog_posts', 'orderItems', 'users', 'Users', 'v2Events']) {
      expect(() => checkName(name, 'table'), name).not.toThrow();
    }
  });

  it('rejects path-like and non-identifier names', () => {
    fieldError(() => checkName('../x', 'table'), 'table name "../x"', 'is not an identifier', 'like posts or blogPosts');
    fieldError(() => checkName('a b', 'table'), 'table name "a b"', 'is not an identifier');
    fieldError(() => checkName('1abc', 'table'), 'table name "1abc"');
    fieldError(() => checkName('schema/posts', 'table'), 'is not an identifier');
    fieldError(() => checkName('', 'table'), 'is not an identifier');
  });

  it('rejects SQL reserved words and suggests a name', () => {
    fieldError(() => checkName('order', 'table'), '"order" is a reserved word in SQL', 'choose another table name, such as orders or appOrder');
    fieldError(() => checkName('user', 'table'), '"user" is a reserved word in SQL', 'such as users or appUser');
    fieldError(() => checkName('select', 'table'), '"select" is a reserved word in SQL', 'selects');
    fieldError(() => checkName('Table', 'table'), 'reserved word');
  });

  it('checks the database spelling too (snake_case of the name)', () => {
    expect(() => checkName('userGroups', 'table')).not.toThrow();
  });

  it('rejects the same words as column names', () => {
    fieldError(() => checkName('order', 'column'), 'choose another column name, such as orderName or orderValue');
    fieldError(() => checkName('a b', 'column'), 'column name "a b"', 'like title or authorId');
  });
});

describe('naming helpers', () => {
  it('singular', () => {
    expect(singular('posts')).toBe('post');
    expect(singular('categories')).toBe('category');
    expect(singular('statuses')).toBe('status');
    expect(singular('addresses')).toBe('address');
    expect(singular('people')).toBe('person');
    expect(singular('users')).toBe('user');
    expect(singular('boxes')).toBe('box');
    expect(singular('blogPosts')).toBe('blogPost');
    expect(singular('BlogCategories')).toBe('BlogCategory');
    expect(singular('status')).toBe('status');
  });

  it('plural', () => {
    expect(plural('post')).toBe('posts');
    expect(plural('category')).toBe('categories');
    expect(plural('status')).toBe('statuses');
    expect(plural('address')).toBe('addresses');
    expect(plural('person')).toBe('people');
    expect(plural('user')).toBe('users');
    expect(plural('day')).toBe('days');
    expect(plural('blogPost')).toBe('blogPosts');
  });

  it('plural(singular(x)) is x', () => {
    for (const name of ['posts', 'categories', 'statuses', 'addresses', 'people', 'users']) expect(plural(singular(name)), name).toBe(name);
  });

  // Fixed regression (src/model/naming.ts singular): the `[^aeiou]ies -> y` rule turns movies into `movy`, so a
  // `movies` table gets types `Movy` / `NewMovy` (likewise cookies -> cooky, zombies -> zomby).
  it('singular(movies) is movie', () => {
    expect(singular('movies')).toBe('movie');
  });

  it('snakeCase follows drizzle-orm (its casing.js)', () => {
    expect(snakeCase('authorId')).toBe('author_id');
    expect(snakeCase('blogPosts')).toBe('blog_posts');
    expect(snakeCase('createdAt')).toBe('created_at');
    expect(snakeCase('userID')).toBe('user_id');
    expect(snakeCase('address2Line')).toBe('address2_line');
    expect(snakeCase('already_snake')).toBe('already_snake');
  });

  it('kebabCase names schema files; camelCase names exports', () => {
    expect(kebabCase('blogPosts')).toBe('blog-posts');
    expect(kebabCase('posts')).toBe('posts');
    expect(camelCase('blog_posts')).toBe('blogPosts');
    expect(camelCase('blog-posts')).toBe('blogPosts');
    expect(camelCase('BlogPosts')).toBe('blogPosts');
  });
});
