/**
 * From parsed fields and the repo's conventions to everything the table template prints:
 * columns as builder code of the dialect's core module, enums, indexes, relations and the imports
 * they need. What differs per dialect comes from dialects.ts.
 */
import { FIELD_TYPES, ON_DELETE_ACTIONS } from './field-types.js';
import { builderCall, columnType, DIALECT_SPECS, type DialectSpec } from './dialects.js';
import type { Field } from './fields.js';
import type { Casing, Dialect, EnumStyle, IdStrategy } from './options.js';
import { camelCase, kebabCase, pascalCase, singular, snakeCase } from './naming.js';
import type { Style } from './manifest.js';
import { withTimestampMode, withTimestampUnit } from './timestamp-style.js';

/** What the repo tells us about a table a new one references. */
export interface ReferencedTable {
  exportName: string;
  /** Module specifier from the new table's file (undefined: same file). */
  module?: string;
  /** Builder call typing the referenced column, e.g. `uuid()` or `varchar({ length: 26 })`. */
  columnBuilder: string;
}

export interface TableOptions {
  name: string;
  fields: Field[];
  casing: Casing;
  idStrategy: IdStrategy;
  enumStyle: EnumStyle;
  timestamps: boolean;
  /** Default postgresql. */
  dialect?: Dialect;
  /** Referenced tables by their table name as written in `ref=` (self-references excluded). */
  references: Map<string, ReferencedTable>;
  /** Appended to the table's export name (see tableNames). */
  exportSuffix?: string;
  /** How a self-reference to the generated id is typed, when not by the strategy (an adopted repo's own id column). */
  idBuilder?: string;
  /** What an adopted SQLite repo's timestamps store; unset: milliseconds, as a scaffolded layer. */
  sqliteTimestamps?: Style['sqliteTimestamps'];
  /** An adopted repo's timestamps read as strings: new timestamp fields do too. */
  timestampMode?: Style['timestampMode'];
}

interface Relation {
  field: string;
  /** Referenced column. */
  column: string;
  one: string;
  target: string;
  relationName?: string;
  /** Name of the `many` side on the referenced table. */
  many: string;
}

/**
 * The names of table `name`. `exportSuffix`: what an adopted repo appends to its table exports
 * (`usersTable`, as drizzle's own guides write them); every other name comes from the bare
 * `baseName`, so the table is still `users` in SQL, in relations and in `User` / `NewUser`.
 */
export function tableNames(name: string, casing: Casing, exportSuffix = '') {
  const baseName = camelCase(name);
  const one = pascalCase(singular(baseName));
  return {
    baseName,
    exportName: `${baseName}${exportSuffix}`,
    dbName: casing === 'snake_case' ? snakeCase(baseName) : baseName,
    fileName: kebabCase(baseName),
    typeName: one === pascalCase(baseName) ? `${one}Row` : one,
    newTypeName: `New${one}`,
    relationsName: `${baseName}Relations`,
  };
}

/** The builder call of the column referencing `ref` (an id column types its foreign keys). */
export function idColumnBuilder(strategy: IdStrategy, dialect: Dialect = 'postgresql'): string {
  return DIALECT_SPECS[dialect].ids[strategy].builder;
}

export function buildTable(options: TableOptions) {
  const names = tableNames(options.name, options.casing, options.exportSuffix);
  const spec = withTimestampMode(withTimestampUnit(DIALECT_SPECS[options.dialect ?? 'postgresql'], options.sqliteTimestamps), options.timestampMode);
  const dbColumn = (field: string) => (options.casing === 'snake_case' ? snakeCase(field) : field);
  const core = new Set([spec.tableFunction]);
  const orm = new Set<string>();
  const extraImports: { from: string; name: string }[] = [];
  const hasPk = options.fields.some((field) => field.pk);
  const compositePk = options.fields.filter((field) => field.pk).length > 1;
  const columns: { name: string; code: string }[] = [];
  const enums: { exportName: string; dbName: string; values: string[] }[] = [];
  const extras: string[] = [];
  const useBuilder = (code: string) => core.add(code.slice(0, code.indexOf('(')));

  if (!hasPk) {
    const id = spec.ids[options.idStrategy];
    useBuilder(id.code);
    if (id.imports) extraImports.push(id.imports);
    columns.push({ name: 'id', code: id.code });
  }
  for (const field of options.fields) {
    let code: string;
    if (field.type === 'enum') {
      if (options.enumStyle === 'pg-enum' && spec.nativeEnums) {
        const exportName = `${camelCase(singular(names.baseName))}${pascalCase(field.name)}`;
        enums.push({ exportName, dbName: `${snakeCase(singular(names.baseName))}_${snakeCase(field.name)}`, values: field.enumValues! });
        core.add('pgEnum');
        code = `${exportName}()`;
      } else if (spec.inlineEnum) {
        core.add(spec.inlineEnum);
        code = `${spec.inlineEnum}([${field.enumValues!.map((value) => `'${value}'`).join(', ')}])`;
      } else {
        core.add('text');
        code = `text({ enum: [${field.enumValues!.map((value) => `'${value}'`).join(', ')}] })`;
      }
    } else if (field.type === 'references') {
      code = referencedBuilder(field, options, names.baseName, spec);
      useBuilder(code);
    } else {
      code = builderCall(spec, field);
      useBuilder(code);
      if (field.default?.kind === 'now') columnType(spec, field).now?.orm.forEach((name) => orm.add(name));
    }
    const column = code + modifiers(field, options, names, compositePk, spec);
    if (column.includes('sql`')) orm.add('sql');
    columns.push({ name: field.name, code: column });
    // A unique or single-column key already has its own index; a composite key covers its first column.
    const indexed = field.unique || (field.pk && !compositePk) || (compositePk && options.fields.find((other) => other.pk) === field);
    if ((field.index || field.ref) && !indexed) {
      core.add('index');
      extras.push(`index('${names.dbName}_${dbColumn(field.name)}_idx').on(table.${field.name})`);
    }
  }
  // A column referencing its own table needs an explicit type to break the inference cycle.
  if (options.fields.some((field) => field.ref && camelCase(field.ref.table) === names.baseName)) core.add(`type ${spec.anyColumn}`);
  if (compositePk) {
    core.add('primaryKey');
    extras.push(`primaryKey({ columns: [${options.fields.filter((field) => field.pk).map((field) => `table.${field.name}`).join(', ')}] })`);
  }
  if (options.timestamps) {
    spec.timestamps.core.forEach((name) => core.add(name));
    spec.timestamps.orm.forEach((name) => orm.add(name));
    columns.push({ name: 'createdAt', code: spec.timestamps.createdAt });
    columns.push({ name: 'updatedAt', code: spec.timestamps.updatedAt });
  }
  const relations = buildRelations(options, names);
  if (relations.length > 0) orm.add('relations');
  // A self-reference puts both sides of the relation in this table's own block.
  const selfMany = relations.filter((relation) => relation.target === names.exportName);
  return {
    relationHelpers: selfMany.length > 0 ? 'one, many' : 'one',
    /** The relations() block is printed in the table's file (an adopted repo may keep them elsewhere). */
    inlineRelations: relations.length > 0,
    /** `Post` / `NewPost` types follow the table. */
    rowTypes: true,
    selfMany,
    ...names,
    columns,
    enums,
    extras,
    relations,
    coreModule: spec.coreModule,
    tableFunction: spec.tableFunction,
    /** What declares a PostgreSQL enum: pgEnum, or an adopted repo's schema object (`app.enum`). */
    enumFunction: 'pgEnum',
    coreImports: [...core].sort((a, b) => a.replace('type ', '').localeCompare(b.replace('type ', ''))),
    ormImports: [...orm].sort(),
    extraImports,
    tableImports: [...new Set(relations.map((relation) => relation.target))]
      .filter((target) => target !== names.exportName)
      .map((target) => ({ name: target, module: [...options.references.values()].find((table) => table.exportName === target)?.module }))
      .filter((entry): entry is { name: string; module: string } => entry.module !== undefined),
  };
}

export type TableModel = ReturnType<typeof buildTable>;

function referencedBuilder(field: Field, options: TableOptions, self: string, spec: DialectSpec): string {
  const target = field.ref!.table;
  if (camelCase(target) !== self) return options.references.get(target)!.columnBuilder;
  // A self-reference is typed like the key it points at: the generated id, or one of its own fields.
  const key = options.fields.find((other) => other.name === field.ref!.column && other.type !== 'references');
  if (!key) return options.idBuilder ?? spec.ids[options.idStrategy].builder;
  if (!FIELD_TYPES[key.type]) return 'text()';
  const own = builderCall(spec, key);
  const builder = own.slice(0, own.indexOf('('));
  // A serial key is referenced by a plain integer.
  return spec.referencing[builder] ?? own;
}

/** The table's own names, as a column referencing its own table needs them. */
type SelfNames = Pick<ReturnType<typeof tableNames>, 'baseName' | 'exportName'>;

function modifiers(field: Field, options: TableOptions, self: SelfNames, compositePk: boolean, spec: DialectSpec): string {
  let code = '';
  if (field.pk && !compositePk) code += '.primaryKey()';
  // A primary key is never null; drizzle only knows that for single-column keys.
  if ((field.notNull || (field.pk && compositePk)) && !(field.pk && !compositePk)) code += '.notNull()';
  if (field.unique) code += '.unique()';
  if (field.default) code += defaultCode(field, spec);
  if (field.ref) {
    const toSelf = camelCase(field.ref.table) === self.baseName;
    const target = toSelf ? self.exportName : options.references.get(field.ref.table)!.exportName;
    const targetType = toSelf ? `: ${spec.anyColumn}` : '';
    const onDelete = field.onDelete ? `, { onDelete: '${ON_DELETE_ACTIONS[field.onDelete]}' }` : '';
    code += `.references(()${targetType} => ${target}.${field.ref.column}${onDelete})`;
  }
  return code;
}

function defaultCode(field: Field, spec: DialectSpec): string {
  const fallback = field.default!;
  if (fallback.kind === 'now') return columnType(spec, field).now!.code;
  if (fallback.kind === 'random') return spec.random;
  const value = fallback.value!;
  const kind = field.type === 'enum' ? 'string' : FIELD_TYPES[field.type]?.kind;
  if (FIELD_TYPES[field.type] && columnType(spec, field).expressionDefault) return `.default(sql\`(${sqlString(kind === 'json' ? JSON.stringify(JSON.parse(value)) : value)})\`)`;
  if (kind === 'number' || kind === 'boolean') return `.default(${value})`;
  if (kind === 'json') return `.default(${value})`;
  return `.default('${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}')`;
}

/** A SQL string literal inside a tagged template: quotes doubled for SQL, backslashes, backticks and ${ escaped for both. */
function sqlString(value: string): string {
  const sql = `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return sql.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
}

/** Relation keys are named after tables' base names (`posts: many(postsTable)`), targets by their exports. */
function buildRelations(options: TableOptions, self: SelfNames): Relation[] {
  const refs = options.fields.filter((field) => field.ref);
  const base = self.baseName;
  return refs.map((field) => {
    const toSelf = camelCase(field.ref!.table) === base;
    const target = toSelf ? self.exportName : options.references.get(field.ref!.table)!.exportName;
    const one = field.name.endsWith('Id') && field.name.length > 2 ? field.name.slice(0, -2) : `${field.name}Ref`;
    const shared = refs.filter((other) => camelCase(other.ref!.table) === camelCase(field.ref!.table)).length > 1 || toSelf;
    return {
      field: field.name,
      column: field.ref!.column,
      one,
      target,
      relationName: shared ? `${base}_${one}` : undefined,
      many: toSelf && one === 'parent' ? 'children' : shared ? `${one}${pascalCase(base)}` : base,
    };
  });
}
