/**
 * The field syntax of `create-db-layer table` (DESIGN.md "Field syntax"): every type, every
 * modifier, the `x:references` shorthand, parseFields, and the naming helpers. Bad input is in
 * fields-bad-input.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseField, parseFields, type Field } from '../../../src/model/fields.js';
import { camelCase, kebabCase, plural, singular, snakeCase } from '../../../src/model/naming.js';
import { field, fieldError } from './field-helpers.js';

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
