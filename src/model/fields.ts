/**
 * The field syntax of `create-db-layer table`: `name:type[:modifier…]`, one argument per field.
 * Parsing is pure and fails with one line that says what to write instead.
 */
import { UsageError } from '../errors.js';
import { FIELD_TYPES, FIELD_TYPE_NAMES, IMPORTED_NAMES, MAX_LENGTH, ON_DELETE_ACTIONS, RESERVED_WORDS, type OnDelete } from './field-types.js';
import { camelCase, isIdentifier, plural, snakeCase } from './naming.js';

export interface FieldDefault {
  kind: 'now' | 'random' | 'literal';
  value?: string;
}

export interface Field {
  /** Property name in TypeScript (camelCase). */
  name: string;
  /** A FIELD_TYPES key, `enum`, or `references` (typed like the referenced column). */
  type: string;
  /** Builder options from the type's parameters, e.g. `{ length: 200 }`. */
  options?: string;
  enumValues?: string[];
  notNull: boolean;
  unique: boolean;
  index: boolean;
  pk: boolean;
  default?: FieldDefault;
  ref?: { table: string; column: string };
  onDelete?: OnDelete;
  /** The argument as the user wrote it, for error messages. */
  source: string;
}

const MODIFIER_HELP = 'notNull, unique, index, pk, default=VALUE, ref=table[.column], onDelete=cascade|set-null|restrict|no-action';
const TYPE_HELP = [...FIELD_TYPE_NAMES.map((name) => (FIELD_TYPES[name]?.params ? FIELD_TYPES[name].params.example : name)), 'x:references'].join(', ');

export class FieldError extends UsageError {}

export function parseFields(args: readonly string[]): Field[] {
  const fields = args.map(parseField);
  const seen = new Set<string>();
  for (const field of fields) {
    const key = snakeCase(field.name);
    if (seen.has(key)) throw new FieldError(`column ${field.name} is given twice: keep one ${field.name}:… argument`);
    seen.add(key);
  }
  return fields;
}

export function parseField(source: string): Field {
  const [rawName = '', rawType, ...modifiers] = source.split(':');
  if (!isIdentifier(rawName)) checkName(rawName, 'column', source);
  if (rawType === undefined || rawType === '') {
    throw new FieldError(`field "${source}" has no type: write ${rawName}:text (types: ${TYPE_HELP})`);
  }
  const field: Field = { name: camelCase(rawName), type: '', notNull: false, unique: false, index: false, pk: false, source };
  if (isModifier(rawType)) {
    // `authorId:ref=users.id:onDelete=cascade`: no type, so typed like the referenced column.
    field.type = 'references';
    modifiers.unshift(rawType);
  } else {
    parseType(field, rawType, rawName);
  }
  // Checked on the final name: `user:references` is the column userId, not the reserved word user.
  checkName(field.name, 'column', source);
  for (const modifier of modifiers) applyModifier(field, modifier);
  if (field.type === 'references' && !field.ref) {
    throw new FieldError(`field "${source}" has no type: write ${rawName}:text, or ${rawName}:ref=<table> for a reference (types: ${TYPE_HELP})`);
  }
  checkField(field);
  return field;
}

function isModifier(segment: string): boolean {
  return segment.includes('=') || ['notNull', 'unique', 'index', 'pk'].includes(segment);
}

/** Table and column names: plain identifiers (no paths, spaces or leading digits), not SQL reserved words. */
export function checkName(name: string, what: 'table' | 'column', source = name): void {
  if (!isIdentifier(name)) {
    const example = what === 'table' ? 'posts or blogPosts' : 'title or authorId';
    throw new FieldError(`${what} name "${name}" in "${source}" is not an identifier: use letters, digits and _, starting with a letter, like ${example}`);
  }
  const dbName = snakeCase(name);
  if (RESERVED_WORDS.has(dbName) || RESERVED_WORDS.has(name.toLowerCase())) {
    const suggestion = what === 'table' ? `${name}s or app${name[0]!.toUpperCase()}${name.slice(1)}` : `${name}Name or ${name}Value`;
    throw new FieldError(`"${name}" is a reserved word in SQL: choose another ${what} name, such as ${suggestion}`);
  }
  if (what === 'table' && IMPORTED_NAMES.has(camelCase(name))) {
    throw new FieldError(`table name "${name}" would shadow drizzle's ${camelCase(name)} in its own file: choose another name, such as ${name}s or ${name}Entries`);
  }
}

function parseType(field: Field, rawType: string, rawName: string): void {
  if (rawType === 'references') {
    field.type = 'references';
    field.name = camelCase(rawName).endsWith('Id') ? camelCase(rawName) : `${camelCase(rawName)}Id`;
    const base = field.name.slice(0, -2);
    field.ref = { table: plural(base), column: 'id' };
    return;
  }
  const enumMatch = /^enum\((.*)\)$/.exec(rawType);
  if (enumMatch) {
    const values = enumMatch[1]!.split('|').map((value) => value.trim());
    if (values.some((value) => !/^[A-Za-z0-9_-]+$/.test(value)) || new Set(values).size !== values.length) {
      throw new FieldError(`enum values in "${field.source}" must be distinct words separated by |, like ${rawName}:enum(draft|published)`);
    }
    field.type = 'enum';
    field.enumValues = values;
    return;
  }
  const [, base = rawType, params] = /^([a-z]+)(\(.*\))?$/i.exec(rawType) ?? [];
  const type = FIELD_TYPES[base];
  if (!type) throw new FieldError(`unknown type "${rawType}" in "${field.source}": use one of ${TYPE_HELP}`);
  field.type = base;
  if (params === undefined) return;
  const match = type.params ? params.match(type.params.pattern) : null;
  if (!type.params || !match) {
    const hint = type.params ? `write ${rawName}:${type.params.example}` : `${base} takes no parameters: write ${rawName}:${base}`;
    throw new FieldError(`bad parameters "${params}" in "${field.source}": ${hint}`);
  }
  const lengths = base === 'varchar' || base === 'char' ? [Number(match[1])] : [];
  if (lengths.some((length) => length < 1 || length > MAX_LENGTH)) {
    throw new FieldError(`length ${match[1]} in "${field.source}" is out of range: PostgreSQL takes 1 to ${MAX_LENGTH}, e.g. ${rawName}:${type.params.example}`);
  }
  if (base === 'numeric' && (Number(match[1]) < 1 || Number(match[2]) > Number(match[1]))) {
    throw new FieldError(`numeric${params} in "${field.source}" needs a precision of at least 1 and a scale no larger than it, e.g. ${rawName}:numeric(10,2)`);
  }
  field.options = type.params.options(match);
}

function applyModifier(field: Field, modifier: string): void {
  const [key = '', ...rest] = modifier.split('=');
  const value = rest.join('=');
  const flags: Record<string, keyof Pick<Field, 'notNull' | 'unique' | 'index' | 'pk'>> = {
    notNull: 'notNull',
    unique: 'unique',
    index: 'index',
    pk: 'pk',
  };
  const flag = flags[key];
  if (flag && rest.length === 0) {
    field[flag] = true;
  } else if (key === 'default' && value !== '') {
    field.default = value === 'now' ? { kind: 'now' } : value === 'random' ? { kind: 'random' } : { kind: 'literal', value };
  } else if (key === 'ref' && value !== '') {
    const [table = '', column = 'id', extra] = value.split('.');
    if (extra !== undefined || !isIdentifier(table) || !isIdentifier(column)) {
      throw new FieldError(`bad reference "${modifier}" in "${field.source}": write ref=users or ref=users.id`);
    }
    field.ref = { table, column };
  } else if (key === 'onDelete' && value in ON_DELETE_ACTIONS) {
    field.onDelete = value as OnDelete;
  } else if (key === 'onDelete') {
    throw new FieldError(`onDelete must be one of ${Object.keys(ON_DELETE_ACTIONS).join(', ')} in "${field.source}" (got "${value}")`);
  } else {
    throw new FieldError(`unknown modifier "${modifier}" in "${field.source}": use ${MODIFIER_HELP}`);
  }
}

function checkField(field: Field): void {
  const type = FIELD_TYPES[field.type];
  if (field.onDelete && !field.ref) {
    throw new FieldError(`onDelete in "${field.source}" needs a reference: add ref=<table> or write ${field.name.replace(/Id$/, '')}:references`);
  }
  if (field.onDelete === 'set-null' && (field.notNull || field.pk)) {
    throw new FieldError(`onDelete=set-null cannot empty the notNull column ${field.name} in "${field.source}": drop notNull, or use onDelete=cascade or restrict`);
  }
  const fallback = field.default;
  if (!fallback) return;
  if (fallback.kind === 'now' && !type?.now) {
    throw new FieldError(`default=now needs a date or time type in "${field.source}": use timestamp, timestamptz, date or time`);
  }
  if (fallback.kind === 'random' && !type?.random) {
    throw new FieldError(`default=random needs the uuid type in "${field.source}": write ${field.name}:uuid:default=random`);
  }
  if (fallback.kind === 'literal') checkLiteral(field, fallback.value!);
}

function checkLiteral(field: Field, value: string): void {
  const type = FIELD_TYPES[field.type];
  if (type?.literal) {
    if (!type.literal.pattern.test(value)) {
      throw new FieldError(`default "${value}" does not fit ${field.name} (${field.type}) in "${field.source}": use ${type.literal.example}`);
    }
    return;
  }
  const kind = field.type === 'enum' ? 'enum' : field.type === 'references' ? 'reference' : type!.kind;
  const valid: Record<string, () => boolean> = {
    string: () => true,
    uuid: () => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
    number: () => /^-?\d+(\.\d+)?$/.test(value),
    bigint: () => /^-?\d+$/.test(value),
    boolean: () => value === 'true' || value === 'false',
    enum: () => field.enumValues!.includes(value),
    // A JSON string would need quotes the field syntax cannot carry; arrays, numbers and so on can.
    json: () => isJson(value) && typeof JSON.parse(value) !== 'string',
    date: () => false,
    reference: () => false,
  };
  if (!valid[kind]!()) {
    const hint = kind === 'enum' ? `one of ${field.enumValues!.join(', ')}` : kind === 'date' ? 'default=now' : `a ${kind} value`;
    throw new FieldError(`default "${value}" does not fit ${field.name} in "${field.source}": use ${hint}`);
  }
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
