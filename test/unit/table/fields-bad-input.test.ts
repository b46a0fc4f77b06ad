/**
 * The field syntax of `create-db-layer table` (DESIGN.md "Field syntax"): every bad input, for a
 * column or a table name, is a one-line FieldError that says what to write instead.
 */
import { describe, expect, it } from 'vitest';
import { checkName, parseField } from '../../../src/model/fields.js';
import { fieldError } from './field-helpers.js';

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
