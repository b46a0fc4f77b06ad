/**
 * Finding tables in a layer's schema without parsing it: the file a table lives in and the
 * builder of one of its columns. Reads only the files it needs (the conventional file first,
 * the barrel's modules as a fallback), so the cost does not grow with the number of tables.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { isOwned, type DatabaseEntry, type Manifest } from '../model/manifest.js';
import { camelCase, kebabCase, snakeCase } from '../model/naming.js';
import { referencingCall } from '../model/referencing.js';
import type { Tree } from '../plan/index.js';
import { TABLE_CALL } from '../model/table-declarations.js';

export interface FoundTable {
  exportName: string;
  /** Repo-relative path of the file declaring it. */
  file: string;
  text: string;
}

export function schemaDir(manifest: Manifest, database: DatabaseEntry): string {
  if (isOwned(database) && database.schemaSource) return database.schemaSource.folder;
  return manifest.layout === 'folder' ? dirname(database.schema) : posix.dirname(database.schema);
}

/** The schema barrel, when the database has one (an adopted folder or glob config may not). */
export function schemaBarrel(database: DatabaseEntry): string | undefined {
  return database.schema.endsWith('.ts') ? database.schema : undefined;
}

const FILE_NAMES = { kebab: kebabCase, camel: camelCase, snake: snakeCase } as const;

/** Where `table` adds a table's file (folder layout, named as the repo names them) or the single schema file (file layout). */
export function tableFilePath(manifest: Manifest, database: DatabaseEntry, name: string): string {
  const fileName = FILE_NAMES[manifest.style?.fileNaming ?? 'kebab'](camelCase(name));
  return manifest.layout === 'folder' ? `${schemaDir(manifest, database)}/${fileName}.ts` : database.schema;
}

/**
 * The table `name` names: declared as `export const <name> = …Table(`, with the repo's export
 * suffix (`usersTable`) or without it, or declared under any export with `name` as its SQL name
 * (`ref=users` finds `export const usersTable = pgTable('users', …)`).
 */
export function findTable(tree: Tree, manifest: Manifest, database: DatabaseEntry, name: string): FoundTable | undefined {
  const declaration = tableDeclaration(name, manifest.style?.tableExportSuffix);
  const conventional = tableFilePath(manifest, database, name);
  const text = tree.read(conventional);
  const here = text === null ? undefined : declaration(text);
  if (here) return { exportName: here, file: conventional, text: text! };
  // A mirror is always a folder with a barrel, whatever the layout of the owned databases.
  if (manifest.layout === 'file' && isOwned(database)) return undefined;
  for (const file of schemaModules(tree, manifest, database)) {
    const candidate = tree.read(file);
    const exportName = candidate === null ? undefined : declaration(candidate);
    if (exportName) return { exportName, file, text: candidate! };
  }
  return undefined;
}

/** The export name of table `name` if `text` declares it (see findTable). */
function tableDeclaration(name: string, suffix = ''): (text: string) => string | undefined {
  const base = camelCase(name);
  const exports = [...new Set([`${base}${suffix}`, base, name])].filter((candidate) => /^[A-Za-z_$][\w$]*$/.test(candidate));
  const sqlNames = [...new Set([name, snakeCase(name)])];
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Compiled once, and only tried on files that mention the name: a new table is looked for in
  // every module of a 500-table barrel.
  const byExport = new RegExp(`export\\s+const\\s+(${exports.map(escape).join('|')})\\s*=\\s*${TABLE_CALL}`);
  const bySqlName = new RegExp(`export\\s+const\\s+([\\w$]+)\\s*=\\s*${TABLE_CALL}\\s*(['"\`])(?:${sqlNames.map(escape).join('|')})\\2`);
  return (text) => {
    if (!text.includes(base) && !sqlNames.some((sqlName) => text.includes(sqlName))) return undefined;
    return byExport.exec(text)?.[1] ?? bySqlName.exec(text)?.[1];
  };
}

/** The files of a database's schema: its barrel's modules, or (adopted, no barrel) every file of its folder. */
export function schemaModules(tree: Tree, manifest: Manifest, database: DatabaseEntry): string[] {
  const barrel = schemaBarrel(database);
  if (barrel !== undefined) return barrelModules(tree, barrel, manifest.style?.importAlias ? [manifest.style.importAlias] : []);
  return listSourceFiles(tree.root, schemaDir(manifest, database));
}

/** TypeScript sources (no declarations) under `dir`, in every subfolder but node_modules. */
export function listSourceFiles(root: string, dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listSourceFiles(root, path);
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A tsconfig path alias modules import each other through: `@/db/schema/users` is `src/db/schema/users`. */
export interface ImportAlias {
  prefix: string;
  target: string;
}

/** Files re-exported by a barrel (`export * from './x'`, or through an alias), resolved to .ts paths. */
export function barrelModules(tree: Tree, barrel: string, aliases: readonly ImportAlias[] = []): string[] {
  const dir = posix.dirname(barrel);
  return barrelExports(tree.read(barrel) ?? '').flatMap((specifier) => {
    const alias = aliases.find((entry) => specifier.startsWith(entry.prefix));
    if (!specifier.startsWith('.') && !alias) return [];
    const path = alias ? `${alias.target}${specifier.slice(alias.prefix.length)}` : posix.join(dir, specifier);
    const base = path.replace(/\.(js|ts)$/, '');
    // The first that exists; `<base>/index.ts` is only looked for when `<base>.ts` is missing
    // (a failed read costs an exception, ~50 µs, times 500 tables).
    const file = [`${base}.ts`, `${base}/index.ts`].find((candidate) => tree.exists(candidate));
    return file === undefined ? [] : [file];
  });
}

/** The relative modules a barrel re-exports (`export * from './x'`), comments ignored. */
export function barrelSpecifiers(text: string): string[] {
  return barrelExports(text).filter((specifier) => specifier.startsWith('.'));
}

/** Every module a barrel re-exports with `export * from`, comments ignored. */
export function barrelExports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/export\s+\*\s+from\s+['"]([^'"]+)['"]/g)].map(([, specifier]) => specifier!);
}

/**
 * The builder call that types a column referencing `table.column`, e.g. `uuid()` or
 * `varchar({ length: 26 })`; undefined when the column is not found.
 */
export function referencingBuilder(table: FoundTable, column: string): string | undefined {
  const source = tableSource(table);
  const start = new RegExp(`\\b${column}\\s*:\\s*(?=\\w+\\()`).exec(source);
  return start ? referencingCall(source.slice(start.index + start[0].length)) : undefined;
}

/**
 * Whether `column` can be referenced: a primary key or unique, on the column or in the table's
 * extra config. A foreign key to anything else is refused by PostgreSQL.
 */
export function isKeyColumn(table: FoundTable, column: string): boolean {
  const source = tableSource(table);
  const start = source.search(new RegExp(`\\b${column}\\s*:\\s*\\w+\\(`));
  if (start === -1) return false;
  const rest = source.slice(start + 1);
  const end = rest.search(/\n\s*(\w+\s*:\s*\w+\(|\})/);
  const definition = end === -1 ? rest : rest.slice(0, end);
  if (/\.(primaryKey|unique)\(/.test(definition)) return true;
  return new RegExp(`(uniqueIndex|unique)\\([^)]*\\)\\s*\\.on\\(\\s*\\w+\\.${column}\\s*\\)|primaryKey\\(\\{\\s*columns:\\s*\\[\\s*\\w+\\.${column}\\s*\\]`).test(source);
}

/** The text of one table's declaration: from its `export const` to the next table (a schema.ts holds many). */
export function tableSource(table: FoundTable): string {
  const start = table.text.search(new RegExp(`export\\s+const\\s+${table.exportName}\\s*=`));
  const rest = table.text.slice(start);
  const next = rest.slice(1).search(new RegExp(String.raw`export\s+const\s+\w+\s*=\s*${TABLE_CALL}`));
  return next === -1 ? rest : rest.slice(0, next + 1);
}
