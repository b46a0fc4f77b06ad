/**
 * Field types of the `name:type[:modifier…]` syntax, as data: the pg-core builder each one
 * becomes, what its parameters look like, and which defaults make sense for it.
 */

export type FieldKind = 'string' | 'number' | 'bigint' | 'boolean' | 'date' | 'json' | 'uuid' | 'enum';

export interface FieldType {
  /** pg-core builder function (also the import name). */
  builder: string;
  kind: FieldKind;
  /** `varchar(N)` style parameters: how many, and how they become builder options. */
  params?: { pattern: RegExp; example: string; options: (match: RegExpMatchArray) => string };
  /** Options the builder always gets (modes chosen so TypeScript types are what users expect). */
  options?: string;
  /** The literal defaults it takes, when narrower than its kind (an integer takes no 1.5). */
  literal?: { pattern: RegExp; example: string };
  /** default=now / default=random support. */
  now?: boolean;
  random?: boolean;
}

const WHOLE = { pattern: /^-?\d+$/, example: 'a whole number, like default=0' };
const DECIMAL = { pattern: /^-?\d+(\.\d+)?$/, example: 'a number, like default=0 or default=1.5' };

export const FIELD_TYPES: Record<string, FieldType> = {
  text: { builder: 'text', kind: 'string' },
  varchar: {
    builder: 'varchar',
    kind: 'string',
    params: { pattern: /^\((\d+)\)$/, example: 'varchar(255)', options: (m) => `{ length: ${m[1]} }` },
  },
  char: {
    builder: 'char',
    kind: 'string',
    params: { pattern: /^\((\d+)\)$/, example: 'char(2)', options: (m) => `{ length: ${m[1]} }` },
  },
  integer: { builder: 'integer', kind: 'number', literal: WHOLE },
  bigint: { builder: 'bigint', kind: 'number', options: "{ mode: 'number' }", literal: WHOLE },
  smallint: { builder: 'smallint', kind: 'number', literal: WHOLE },
  serial: { builder: 'serial', kind: 'number', literal: { pattern: /^$/, example: 'no default: a serial numbers itself' } },
  boolean: { builder: 'boolean', kind: 'boolean' },
  real: { builder: 'real', kind: 'number', literal: DECIMAL },
  double: { builder: 'doublePrecision', kind: 'number', literal: DECIMAL },
  numeric: {
    builder: 'numeric',
    kind: 'string',
    literal: DECIMAL,
    params: {
      pattern: /^\((\d+),\s*(\d+)\)$/,
      example: 'numeric(10,2)',
      options: (m) => `{ precision: ${m[1]}, scale: ${m[2]} }`,
    },
  },
  date: {
    builder: 'date',
    kind: 'string',
    options: "{ mode: 'string' }",
    now: true,
    literal: { pattern: /^\d{4}-\d{2}-\d{2}$/, example: 'default=now or a date like default=2024-01-31' },
  },
  time: {
    builder: 'time',
    kind: 'string',
    now: true,
    // A time literal has colons, which the field syntax splits on.
    literal: { pattern: /^$/, example: 'default=now (a time literal cannot be written here; add it to the file)' },
  },
  timestamp: { builder: 'timestamp', kind: 'date', now: true },
  timestamptz: { builder: 'timestamp', kind: 'date', options: '{ withTimezone: true }', now: true },
  json: { builder: 'json', kind: 'json' },
  jsonb: { builder: 'jsonb', kind: 'json' },
  uuid: { builder: 'uuid', kind: 'uuid', random: true },
};

export const FIELD_TYPE_NAMES = [...Object.keys(FIELD_TYPES), 'enum(a|b)'];

export const ON_DELETE_ACTIONS = {
  cascade: 'cascade',
  'set-null': 'set null',
  restrict: 'restrict',
  'no-action': 'no action',
} as const;
export type OnDelete = keyof typeof ON_DELETE_ACTIONS;

/** PostgreSQL reserved key words (category R): not allowed as table or column names. */
export const RESERVED_WORDS = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate
  collation column concurrently constraint create cross current_catalog current_date current_role
  current_schema current_time current_timestamp current_user default deferrable desc distinct do else end
  except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into
  is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on
  only or order outer overlaps placing primary references returning right select session_user similar some
  symmetric system_user table tablesample then to trailing true union unique user using variadic verbose
  when where window with`.split(/\s+/),
);

/** Names a table file imports: a table named like one would shadow it (`export const text = pgTable(...)`). */
export const IMPORTED_NAMES = new Set([
  ...Object.values(FIELD_TYPES).map((type) => type.builder),
  'pgTable', 'pgEnum', 'index', 'primaryKey', 'relations', 'sql', 'AnyPgColumn', 'ulid', 'nanoid', 'createId',
]);

/** Longest varchar/char PostgreSQL accepts. */
export const MAX_LENGTH = 10_485_760;
