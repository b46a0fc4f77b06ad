/**
 * Corruption operators of the `table` fuzz e2e (test/e2e/table-fuzz.test.ts): each turns a valid
 * field list from ./fuzz.ts into one the parser must refuse.
 */
import { parseFields } from '../../src/model/fields.js';
import { snake, withModifiers } from './fuzz.js';
import type { Random } from './table.js';

/** PostgreSQL's reserved key words (pg_get_keywords() catcode R), a sample. */
const RESERVED = [
  'all', 'and', 'any', 'array', 'as', 'asc', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint',
  'create', 'default', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign',
  'from', 'grant', 'group', 'having', 'in', 'into', 'leading', 'limit', 'not', 'null', 'offset', 'on', 'only',
  'or', 'order', 'primary', 'references', 'select', 'some', 'table', 'then', 'to', 'true', 'union', 'unique',
  'user', 'using', 'when', 'where', 'window', 'with', 'Order', 'SELECT', 'Table',
];

export type Corruption = (fields: string[], random: Random) => string[];

function replaceAt(fields: string[], random: Random, make: (parts: string[]) => string): string[] {
  const index = random.int(0, fields.length - 1);
  const copy = [...fields];
  copy[index] = make(fields[index]!.split(':'));
  return copy;
}

const nameOf = (parts: string[]) => parts[0]!;

export const CORRUPTIONS: Record<string, Corruption> = {
  unknownType: (fields, random) =>
    replaceAt(fields, random, (parts) =>
      [nameOf(parts), random.pick(['strng', 'int', 'string', 'float', 'datetime', 'varchar[10]', 'Text', 'INTEGER', 'bool', 'money', 'enum', 'json5', 'text(', 'timestamp with time zone', 'references2', 'ref']), ...parts.slice(2)].join(':'),
    ),
  badParameters: (fields, random) =>
    replaceAt(fields, random, (parts) =>
      [nameOf(parts), random.pick(['varchar(x)', 'varchar(10,2)', 'varchar()', 'char(-1)', 'numeric(10)', 'numeric(a,b)', 'integer(4)', 'text(10)', 'boolean(1)', 'uuid(4)', 'numeric(10,2,1)', 'varchar(1.5)'])].join(':'),
    ),
  badEnum: (fields, random) =>
    replaceAt(fields, random, (parts) => [nameOf(parts), random.pick(['enum()', 'enum(a||b)', 'enum(a|a)', 'enum(a b|c)', "enum(it's|b)", 'enum(a,b)', 'enum(é|b)', 'enum(|)'])].join(':')),
  unknownModifier: (fields, random) =>
    replaceAt(fields, random, (parts) => {
      const bad = random.pick(['uniq', 'notnull', 'NotNull', 'required', 'nullable', 'default', 'ref=', 'primary', 'idx', 'index=1', 'pk=true', 'unique=yes', '', 'Index', 'not_null']);
      const at = random.int(2, parts.length);
      return [...parts.slice(0, at), bad, ...parts.slice(at)].join(':');
    }),
  badName: (fields, random) =>
    replaceAt(fields, random, (parts) => [random.pick(['1abc', 'a b', '../x', 'x/y', 'a-b', 'a.b', '$x', 'é', 'x!', '', ' ', 'a\tb', '9', 'a;b', "a'b"]), ...parts.slice(1)].join(':')),
  // (not on x:references: `order:references` is the column orderId, which is fine)
  reservedName: (fields, random) => replaceAt(fields, random, () => `${random.pick(RESERVED)}:${random.pick(['text', 'integer', 'boolean', 'uuid:notNull', 'jsonb'])}`),
  missingType: (fields, random) => replaceAt(fields, random, (parts) => random.pick([nameOf(parts), `${nameOf(parts)}:`])),
  badDefault: (fields, random) =>
    replaceAt(fields, random, (parts) =>
      `${nameOf(parts)}:${random.pick([
        'integer:default=abc', 'integer:default=1e5', 'integer:default=now', 'smallint:default=--1', 'real:default=1.2.3',
        'boolean:default=yes', 'boolean:default=1', 'boolean:default=now', 'uuid:default=123', 'uuid:default=now',
        'json:default={bad', 'jsonb:default=nope', 'text:default=random', 'varchar(10):default=random',
        'timestamp:default=2024-01-01', 'timestamptz:default=random', 'date:default=random', 'enum(a|b):default=c',
        'integer:default=', 'bigint:default=1.5.5',
      ])}`,
    ),
  setNullNotNull: (fields, random) =>
    replaceAt(fields, random, (parts) =>
      withModifiers(random, `${nameOf(parts)}:references`, ['ref=widgets', random.pick(['notNull', 'pk']), 'onDelete=set-null']),
    ),
  onDeleteWithoutRef: (fields, random) =>
    replaceAt(fields, random, (parts) => `${nameOf(parts)}:${random.pick(['text', 'integer', 'uuid'])}:onDelete=${random.pick(['cascade', 'restrict', 'set-null'])}`),
  badOnDelete: (fields, random) =>
    replaceAt(fields, random, (parts) =>
      `${nameOf(parts)}:references:ref=widgets:onDelete=${random.pick(['delete', 'setnull', 'set_null', 'SET-NULL', 'Cascade', 'none', '', 'set null'])}`,
    ),
  badRef: (fields, random) =>
    replaceAt(fields, random, (parts) => `${nameOf(parts)}:uuid:ref=${random.pick(['a.b.c', '../x', '1abc', 'x y', 'widgets.', '.id', 'widgets.1d', 'wid-gets'])}`),
  duplicate: (fields, random) => {
    const index = random.int(0, fields.length - 1);
    const parsed = parseFields([fields[index]!])[0]!;
    const twin = random.pick([parsed.name, snake(parsed.name)]);
    const copy = [...fields];
    copy.splice(random.int(0, copy.length), 0, `${twin}:${random.pick(['text', 'integer', 'boolean'])}`);
    return copy;
  },
};
