/**
 * seed's plan: seeds/<table>.ts with fixed rows, registered in seed.ts. A table whose rows
 * reference another table gets that table's seed too when it has none, so every reference
 * points at a seeded row.
 */
import { posix } from 'node:path';
import { UserError } from '../../src/errors.js';
import { databaseDir, moduleSpecifier, scriptPrefix } from '../../src/model/layer.js';
import type { Manifest, OwnedDatabase } from '../../src/model/manifest.js';
import { kebabCase, pascalCase, snakeCase } from '../../src/model/naming.js';
import { DIALECT_SPECS } from '../../src/model/dialects.js';
import { isDual, sidesOf, type LayerSide } from '../../src/model/dual.js';
import { SEED_ROWS, seedKey, seedValue } from '../../src/model/seed-values.js';
import { tableNames } from '../../src/model/table.js';
import type { Tree } from '../../src/plan/index.js';
import { readTableColumns, type ColumnInfo } from '../../src/project/read-table.js';
import { findTable, tableSource, type FoundTable } from '../../src/project/schema-files.js';
import { formatChange, formatFile } from '../../src/render/format.js';
import { renderTemplate } from '../../src/render/templates.js';
import { registerSeed } from '../../src/transforms/seed-registry.js';
import { adoptedConnection } from '../../src/model/adopted-seed.js';
import { inspectSource, transformSource } from '../../src/transforms/source.js';

export interface SeedRequest {
  manifest: Manifest;
  database: OwnedDatabase;
  table: string;
  /** `seed <table>` on a table that has a seed is an error; a parent's seed is simply reused. */
  failIfSeeded?: boolean;
}

interface SeedTarget {
  found: FoundTable;
  columns: ColumnInfo[];
  key: ColumnInfo;
}

export async function planSeedFor(tree: Tree, request: SeedRequest, visiting = new Set<string>()): Promise<string> {
  const { manifest, database } = request;
  const target = await readTarget(tree, request, request.table);
  const suffix = manifest.style?.tableExportSuffix;
  // `usersTable` of a repo whose exports end in Table: its seed is seeds/users.ts, seedUsers, NewUser.
  const baseName = suffix && target.found.exportName.endsWith(suffix) && target.found.exportName !== suffix ? target.found.exportName.slice(0, -suffix.length) : target.found.exportName;
  const names = tableNames(baseName, manifest.casing, suffix);
  const dir = databaseDir(manifest, database);
  const seedFile = `${dir}/seeds/${kebabCase(baseName)}.ts`;
  const adopted = adoptedConnection(manifest, database, posix.dirname(seedFile));
  if (manifest.adopted && !adopted) throw new UserError(`no helper returning this database's Drizzle instance was found: export one (export function getDb() or export const db = drizzle(…)), run create-db-layer init again, then seed`);
  const registry = `${dir}/seed.ts`;
  const functionName = `seed${pascalCase(baseName)}`;
  if (tree.exists(seedFile) || new RegExp(`run:\\s*${functionName}\\b`).test(tree.read(registry) ?? '')) {
    if (request.failIfSeeded) throw new UserError(`${target.found.exportName} already has a seed (${seedFile}): edit it instead`);
    return functionName;
  }
  visiting.add(target.found.exportName);
  const parents = [...new Set(target.columns.flatMap((column) => column.references?.table ?? []))].filter((parent) => parent !== target.found.exportName);
  const parentTargets = new Map<string, SeedTarget>();
  for (const parent of parents) {
    if (visiting.has(parent)) throw new UserError(`${target.found.exportName} and ${parent} reference each other: write their seeds by hand`);
    await planSeedFor(tree, { manifest, database, table: parent }, visiting);
    parentTargets.set(parent, await readTarget(tree, request, parent));
  }

  const rows = Array.from({ length: SEED_ROWS }, (_, index) => rowFor(target, index + 1, parentTargets));
  const identity = target.key.chain.includes('generatedAlwaysAsIdentity');
  const numericKey = ['serial', 'bigserial', 'smallserial'].includes(target.key.builder) || identity;
  const spec = DIALECT_SPECS[seedSource(request).manifest.dialect];
  const dbName = /(?:Table|\.table)\(\s*['"]([^'"]+)['"]/.exec(target.found.text.slice(target.found.text.indexOf(`const ${target.found.exportName}`)))?.[1] ?? names.dbName;
  const source = renderTemplate('seed/seed.ts', {
    ...names,
    exportName: target.found.exportName,
    dbName,
    functionName,
    rowCount: SEED_ROWS,
    parents,
    rows,
    overriding: identity,
    resetSequence: numericKey && spec.resetsSequences,
    insertIgnore: spec.insertIgnore(target.found.exportName, target.key.name),
    insertName: /^\.(\w+)/.exec(spec.insertIgnore(target.found.exportName, target.key.name))![1],
    sqlImport: (numericKey && spec.resetsSequences) || spec.insertIgnore('t', 'k').includes('sql`'),
    keyColumn: manifest.casing === 'snake_case' ? snakeCase(target.key.name) : target.key.name,
    seedScript: adopted ? `npx tsx ${registry}` : `${scriptPrefix(database)}:seed`,
    dual: isDual(manifest),
    adopted: adopted ?? null,
    // An adopted repo may export no Post/NewPost types, nor have a barrel: the table's own file then.
    rowType: !adopted || new RegExp(`export\\s+type\\s+${names.newTypeName}\\b`).test(target.found.text),
    connectionModule: moduleSpecifier(manifest, posix.dirname(seedFile), `${dir}/connection.ts`),
    schemaModule: moduleSpecifier(manifest, posix.dirname(seedFile), adopted ? target.found.file : database.schema),
  });
  tree.create(seedFile, await formatFile(tree.root, seedFile, source));

  if (tree.read(registry) === null) {
    if (!adopted) throw new UserError(`${registry} is missing: restore it (create-db-layer init recreates it) and run again`);
    // An adopted repo gets a seed runner of its own with its first seed, on its own helpers.
    const runner = renderTemplate('seed/adopted-registry.ts', { registry, connection: adoptedConnection(manifest, database, dir), execute: spec.execute });
    tree.create(registry, await formatFile(tree.root, registry, runner));
  }
  const registryText = tree.read(registry)!;
  const children = await childrenOf(tree, request, target.found.exportName, registryText);
  const patched = await transformSource(registry, registryText, [
    registerSeed({ table: target.found.exportName, functionName, module: moduleSpecifier(manifest, dir, seedFile), children }),
  ]);
  tree.update(registry, await formatChange(tree.root, registry, registryText, patched));
  visiting.delete(target.found.exportName);
  return functionName;
}

/**
 * The schema a seed's rows are written from. A dual layer has one seed for both dialects: its
 * values are chosen from the PostgreSQL side, whose column types are the stricter (a uuid column
 * refuses any other string), so they fit SQLite's columns too.
 */
function seedSource(request: SeedRequest): LayerSide {
  const sides = sidesOf(request.manifest, request.database);
  return sides.find((side) => side.name === 'postgres') ?? sides[0]!;
}

async function readTarget(tree: Tree, request: SeedRequest, table: string): Promise<SeedTarget> {
  const source = seedSource(request);
  const found = findTable(tree, source.manifest, source.database, table);
  if (!found) throw new UserError(`no table ${table} in the ${request.database.name} database: add it first (create-db-layer table ${table})`);
  const columns = await inspectSource(found.file, found.text, (file) => readTableColumns(file, found.exportName));
  const key = columns.find((column) => column.primaryKey);
  if (!key) throw new UserError(`${found.exportName} has no single-column primary key in ${found.file}: write its seed by hand`);
  return { found, columns, key };
}

function rowFor(target: SeedTarget, n: number, parents: Map<string, SeedTarget>): { name: string; value: string }[] {
  const entry = (name: string, value: string | undefined) => (value === undefined ? [] : [{ name, value }]);
  return target.columns.flatMap((column) => {
    if (column === target.key) return entry(column.name, seedKey(target.found.exportName, n, column));
    if (column.references) {
      const { table, column: referenced } = column.references;
      if (table === target.found.exportName) return column.notNull ? entry(column.name, seedKey(table, 1, target.key)) : [];
      return entry(column.name, parentValue(parents.get(table)!, referenced, n));
    }
    // Defaults fill the other columns, but a unique column with a constant default would repeat it.
    const constantDefault = column.chain.includes('default') && !column.chain.some((step) => step !== 'default' && /^(\$default|generated)/.test(step));
    if (column.generated && !(column.unique && constantDefault)) return [];
    return entry(column.name, seedValue(column, n));
  });
}

/** The value row `n` of a parent's seed has in `column`: its key, or the plain value seeded there. */
function parentValue(parent: SeedTarget, column: string, n: number): string | undefined {
  if (column === parent.key.name) return seedKey(parent.found.exportName, n, parent.key);
  const found = parent.columns.find((candidate) => candidate.name === column);
  return found ? seedValue(found, n) : undefined;
}

/** Registered seeds whose tables reference `table`: the new seed must run before them. */
async function childrenOf(tree: Tree, request: SeedRequest, table: string, registry: string): Promise<string[]> {
  const registered = [...registry.matchAll(/table:\s*['"](\w+)['"]/g)].map(([, name]) => name!);
  const children: string[] = [];
  for (const name of registered) {
    const found = findTable(tree, request.manifest, request.database, name);
    if (found && new RegExp(`references\\(\\s*\\([^)]*\\)\\s*(:\\s*\\w+\\s*)?=>\\s*${table}\\.`).test(tableSource(found))) children.push(name);
  }
  return children;
}

