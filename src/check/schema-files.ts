/**
 * Every schema file is exported from its barrel, every barrel export exists, and a drizzle config
 * that lists its schema files lists exactly the files the barrel exports.
 */
import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isOwned, type DatabaseEntry, type Manifest, type OwnedDatabase, type Style } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import { barrelModules, barrelSpecifiers } from '../project/schema-files.js';
import { readConfig } from '../adopt/configs.js';
import type { Finding } from './findings.js';
import { TABLE_CALL } from '../model/table-declarations.js';

/** A schema file declaring a table or an enum (pgEnum, mysqlEnum, a schema object's app.enum). */
const DECLARES_TABLE_OR_ENUM = new RegExp(String.raw`${TABLE_CALL}|\w+Enum\s*\(|\.enum\s*\(`);

export async function checkSchemaFiles(tree: Tree, manifest: Manifest, database: DatabaseEntry): Promise<Finding[]> {
  if (manifest.layout !== 'folder' || !database.schema.endsWith('.ts')) return [];
  const barrel = database.schema;
  const dir = posix.dirname(barrel);
  const barrelText = tree.read(barrel);
  if (barrelText === null) return [{ check: 'barrel', file: barrel, message: 'the schema barrel is missing: restore it (create-db-layer init recreates it), then export each table file from it' }];
  const exported = new Set(barrelModules(tree, barrel, manifest.style?.importAlias ? [manifest.style.importAlias] : []));
  const files = readdirSync(join(tree.root, dir))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== posix.basename(barrel))
    .map((file) => `${dir}/${file}`);
  const findings: Finding[] = files
    .filter((file) => !exported.has(file))
    // An adopted schema folder may hold helpers (types, column builders) beside its tables.
    .filter((file) => !manifest.adopted || DECLARES_TABLE_OR_ENUM.test(tree.read(file) ?? ''))
    .map((file) => ({
      check: 'barrel',
      file,
      message: `not exported from ${barrel}, so drizzle-kit and the connection never see it: add ${barrelExportLine(`./${posix.basename(file, '.ts')}${manifest.importExtension}`, manifest.style)}`,
    }));
  for (const specifier of barrelSpecifiers(barrelText)) {
    const base = posix.join(dir, specifier.replace(/\.(js|ts)$/, ''));
    if (!tree.exists(`${base}.ts`) && !tree.exists(`${base}/index.ts`)) {
      findings.push({ check: 'barrel', file: barrel, message: `exports ${specifier}, which does not exist: remove that line or restore the file` });
    }
  }
  return isOwned(database) ? [...findings, ...(await checkConfigList(tree, database, [...exported], barrel))] : findings;
}

/**
 * The export line a finding tells the user to add, written as the barrel's neighbours are: an
 * adopted repo's quotes and semicolons (`export * from "./tags";` in a double-quoted repo), the
 * scaffold's single quotes and semicolons otherwise.
 */
export function barrelExportLine(specifier: string, style?: Pick<Style, 'quotes' | 'semicolons'>): string {
  const quote = style?.quotes === 'double' ? '"' : "'";
  return `export * from ${quote}${specifier}${quote}${style?.semicolons === false ? '' : ';'}`;
}

/** A config whose `schema` is an array of files must list exactly the barrel's files. */
async function checkConfigList(tree: Tree, database: OwnedDatabase, exported: string[], barrel: string): Promise<Finding[]> {
  // Read as adoption reads configs: without running them, following consts and shorthands.
  const { schema } = await readConfig(tree, database.config);
  if (!Array.isArray(schema)) return [];
  const listed = schema.map((entry) => entry.replace(/^\.\//, ''));
  if (listed.some((entry) => /[*?{]/.test(entry))) return [];
  return [
    ...exported
      .filter((file) => !listed.includes(file))
      .map((file) => ({ check: 'config', file: database.config, message: `schema list misses ${file}, so drizzle-kit generates no migration for it: add './${file}'` })),
    ...listed
      .filter((file) => !tree.exists(file))
      .map((file) => ({ check: 'config', file: database.config, message: `schema list names ${file}, which does not exist: remove it` })),
    ...listed
      .filter((file) => tree.exists(file) && !exported.includes(file) && file !== barrel)
      .map((file) => ({
        check: 'config',
        file: database.config,
        message: `schema list names ${file}, which ${barrel} does not export, so drizzle-kit migrates a table the connection's schema does not know: export it from the barrel, or remove it from the list`,
      })),
  ];
}
