/**
 * A repo's conventions by majority of its schema files: the style `table` must write in so that a
 * new file is indistinguishable from its neighbours. A question the files cannot settle (a tie, or
 * no file saying anything) is reported with the flag that settles it.
 */
import { posix } from 'node:path';
import { camelCase } from '../model/naming.js';
import type { Casing, EnumStyle, IdStrategy } from '../model/options.js';
import type { ExemplarColumn, Style } from '../model/manifest.js';
import type { FileFacts } from './file-facts.js';
import type { ImportAlias } from '../project/schema-files.js';

export interface Conventions {
  style: Style;
  casing: Casing;
  idStrategy: IdStrategy;
  enumStyle: EnumStyle;
  timestamps: boolean;
  importExtension: '' | '.js';
  /** Files hold one table each (else: grouped by domain, or one schema.ts). */
  tablePerFile: boolean;
  /** Questions the files could not settle, each with the flag that does. */
  ambiguous: string[];
}

export interface ConventionInputs {
  facts: FileFacts[];
  /** `casing` of the drizzle config, if any. */
  configCasing?: string;
  /** '.js' when tsconfig resolves modules the Node way: the fallback for files without relative imports. */
  tsconfigExtension: '' | '.js';
  moduleSystem: 'esm' | 'commonjs';
  /** tsconfig path aliases (`@/*` -> `src/*`), resolved from the repo root. */
  aliases: readonly ImportAlias[];
  /** Settled by flags. */
  overrides: { casing?: Casing; idStrategy?: IdStrategy };
}

/** The value most files agree on; ties and silence give undefined. */
function majority<T>(values: (T | undefined)[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 0 || (sorted.length > 1 && sorted[0]![1] === sorted[1]![1])) return undefined;
  return sorted[0]![0];
}

export function inferConventions(inputs: ConventionInputs): Conventions {
  const { facts } = inputs;
  const ambiguous: string[] = [];
  const tableFiles = facts.filter((file) => file.tables.length > 0);
  const id = majorityExemplar(tableFiles.map((file) => file.id));
  const timestampFiles = tableFiles.filter((file) => file.timestamps.length > 0);
  const enumsFile = majority(tableFiles.map((file) => file.importedEnumsFrom)) ?? facts.find((file) => file.enums > 0 && file.tables.length === 0)?.path;
  const relationsFile = facts.find((file) => file.relations > 0 && file.tables.length === 0)?.path;
  const relations = relationsFile ? 'central' : tableFiles.some((file) => file.relations > 0) ? 'per-table' : 'none';

  const explicit = sum(facts, 'explicitNames') > sum(facts, 'implicitNames');
  const casing = inputs.overrides.casing ?? casingOf(inputs.configCasing, explicit, sum(facts, 'snakeNames'), sum(facts, 'camelNames'));
  const idStrategy = inputs.overrides.idStrategy ?? (id ? idStrategyOf(id) : undefined);
  if (!idStrategy) ambiguous.push(`id strategy: no table's id column says it; pass --id ${'<uuid|serial|identity|ulid|nanoid|cuid2>'}`);
  const extension = extensionOf(facts) ?? inputs.tsconfigExtension;

  const style: Style = {
    fileNaming: fileNaming(tableFiles) ?? 'kebab',
    quotes: majority(facts.map((file) => file.quotes)) ?? 'double',
    semicolons: majority(facts.map((file) => file.semicolons)) ?? true,
    indent: majority(facts.map((file) => file.indent)) ?? 2,
    explicitColumnNames: explicit && inputs.configCasing === undefined,
    moduleSystem: inputs.moduleSystem,
    importAlias: aliasOf(facts, inputs.aliases),
    idColumn: id,
    timestampColumns: timestampFiles.length > 0 ? mostCommonTimestamps(timestampFiles) : undefined,
    enumsFile,
    relations,
    relationsFile,
    rowTypes: tableFiles.filter((file) => file.rowTypes).length * 2 >= tableFiles.length,
    trailingCommas: majority(facts.map((file) => file.trailingCommas)) ?? true,
    printWidth: printWidth(facts),
    tableExportSuffix: exportSuffix(tableFiles),
    schemaObject: schemaObject(tableFiles),
    sqliteTimestamps: sqliteTimestampUnit(facts),
    timestampMode: timestampMode(timestampFiles),
  };
  return {
    style,
    casing,
    idStrategy: idStrategy ?? 'uuid',
    enumStyle: facts.some((file) => file.enums > 0) ? 'pg-enum' : 'text',
    // The majority of tables have them (a table of lookups may not).
    timestamps: timestampFiles.length * 2 > tableFiles.length,
    importExtension: extension,
    tablePerFile: tableFiles.length > 0 && tableFiles.filter((file) => file.tables.length === 1).length * 2 >= tableFiles.length,
    ambiguous,
  };
}

function sum(facts: FileFacts[], key: 'explicitNames' | 'implicitNames' | 'snakeNames' | 'camelNames' | 'secondTimestamps' | 'millisecondTimestamps'): number {
  return facts.reduce((total, file) => total + file[key], 0);
}

/**
 * The config's casing; else what explicit column names of several words are written in (one-word
 * names read the same either way); else the property names themselves, as drizzle keeps them.
 */
function casingOf(configCasing: string | undefined, explicit: boolean, snake: number, camel: number): Casing {
  if (configCasing === 'snake_case' || configCasing === 'camelCase') return configCasing;
  if (explicit) return snake >= camel ? 'snake_case' : 'camelCase';
  return 'camelCase';
}

/**
 * What a SQLite repo's integer timestamps store, by majority of its columns: seconds (`mode:
 * 'timestamp'`, `unixepoch()`) or milliseconds. undefined when it has none (every other dialect).
 * A new timestamp field in the other unit would compare wrongly with its neighbours in SQL.
 */
/** 'string' when the createdAt/updatedAt most files write are timestamp({ mode: 'string' }) (not SQLite's integer modes). */
function timestampMode(files: FileFacts[]): Style['timestampMode'] {
  const columns = files.length > 0 ? mostCommonTimestamps(files) : [];
  return columns.some((column) => /^timestamp\([^)]*\bmode:\s*['"]string['"]/.test(column.code)) ? 'string' : undefined;
}

function sqliteTimestampUnit(facts: FileFacts[]): Style['sqliteTimestamps'] {
  const seconds = sum(facts, 'secondTimestamps');
  const milliseconds = sum(facts, 'millisecondTimestamps');
  if (seconds + milliseconds === 0) return undefined;
  return seconds > milliseconds ? 'seconds' : 'milliseconds';
}

const ID_PATTERNS: [RegExp, IdStrategy][] = [
  [/generated(Always|ByDefault)AsIdentity/, 'identity'],
  [/^(big|small)?serial\(/, 'serial'],
  [/^uuid\(/, 'uuid'],
  [/\bulid\(/, 'ulid'],
  [/\bnanoid\(/, 'nanoid'],
  [/\bcreateId\(|cuid/, 'cuid2'],
  [/^integer\([^)]*\)\.primaryKey\(\{\s*autoIncrement/, 'serial'],
  // MySQL's INT AUTO_INCREMENT key (`int('id').autoincrement().primaryKey()`, in either order):
  // what the identity strategy writes on MySQL. Read as nothing, it fell back to uuid, and a
  // self-reference was typed varchar(36) against an int key, which MySQL refuses.
  [/^(tiny|small|medium|big)?int\([^)]*\)[\s\S]*\.autoincrement\(\)/, 'identity'],
];

function idStrategyOf(id: ExemplarColumn): IdStrategy | undefined {
  return ID_PATTERNS.find(([pattern]) => pattern.test(id.code))?.[1];
}

/** The id column most tables write, compared by code. */
function majorityExemplar(columns: (ExemplarColumn | undefined)[]): ExemplarColumn | undefined {
  const code = majority(columns.map((column) => column?.code));
  return columns.find((column) => column?.code === code) ?? columns.find((column) => column !== undefined);
}

/** The createdAt/updatedAt pair most files write. */
function mostCommonTimestamps(files: FileFacts[]): ExemplarColumn[] {
  const key = majority(files.map((file) => file.timestamps.map((column) => column.code).join('\n')));
  return (files.find((file) => file.timestamps.map((column) => column.code).join('\n') === key) ?? files[0]!).timestamps;
}

function extensionOf(facts: FileFacts[]): '' | '.js' | undefined {
  const relative = facts.flatMap((file) => file.relativeImports);
  if (relative.length === 0) return undefined;
  return relative.filter((specifier) => specifier.endsWith('.js')).length * 2 > relative.length ? '.js' : '';
}

/** kebab, camel or snake, from table files whose name has more than one word. */
function fileNaming(files: FileFacts[]): Style['fileNaming'] | undefined {
  return majority(
    files.map((file) => {
      const base = posix.basename(file.path).replace(/\.\w+$/, '');
      if (base.includes('-')) return 'kebab';
      if (base.includes('_')) return 'snake';
      if (/[a-z][A-Z]/.test(base)) return 'camel';
      return undefined;
    }),
  );
}

/** A tsconfig path alias the schema files import each other through (`@/db/schema/users`). */
function aliasOf(facts: FileFacts[], aliases: readonly ImportAlias[]): Style['importAlias'] {
  const aliased = facts.flatMap((file) => file.aliasImports);
  const relative = facts.flatMap((file) => file.relativeImports);
  if (aliased.length === 0 || aliased.length < relative.length) return undefined;
  const alias = aliases.find((entry) => aliased.some((specifier) => specifier.startsWith(entry.prefix)));
  return alias && { prefix: alias.prefix, target: alias.target };
}

/**
 * The word most tables' exports add to their name (`usersTable` for table `users`, as drizzle's
 * guides write them); undefined when most exports are the bare name, or the tables disagree.
 */
function exportSuffix(files: FileFacts[]): string | undefined {
  const suffixes = files.flatMap((file) =>
    file.tables.map((table) => {
      if (table.dbName === undefined) return undefined;
      const base = camelCase(table.dbName);
      if (table.exportName === base) return '';
      const rest = table.exportName.startsWith(base) ? table.exportName.slice(base.length) : '';
      return /^[A-Z]\w*$/.test(rest) ? rest : undefined;
    }),
  );
  return majority(suffixes) || undefined;
}

/** The schema object most table files declare their tables on (`app.table(…)`), when most do. */
function schemaObject(files: FileFacts[]): Style['schemaObject'] {
  const using = files.filter((file) => file.schemaObject);
  if (using.length * 2 <= files.length) return undefined;
  const key = majority(using.map((file) => JSON.stringify(file.schemaObject)));
  return using.find((file) => JSON.stringify(file.schemaObject) === key)?.schemaObject ?? using[0]!.schemaObject;
}

/** prettier's 80, or the next common width when the files' lines run longer. */
function printWidth(facts: FileFacts[]): number {
  const longest = Math.max(0, ...facts.map((file) => file.longestLine));
  return [80, 100, 120, 140, 160].find((width) => longest <= width) ?? 160;
}
