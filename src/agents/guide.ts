/**
 * The AGENTS.md guides of a layer: `<dbDir>/AGENTS.md` for the whole layer and one per extra
 * database folder, rendered from the manifest and the schema files, merged into what is on disk
 * (only the generated sections change).
 */
import { databaseDir, databaseScripts, envPrefix, layerContext, moduleSpecifier, SYNC_SCRIPT } from '../model/layer.js';
import { isOwned, type DatabaseEntry, type Manifest } from '../model/manifest.js';
import { DIALECT_SPECS } from '../model/dialects.js';
import { DB_TYPE, DEFAULT_SIDE, DUAL_SIDES, isDual, layerSides, sideDir } from '../model/dual.js';
import { CASINGS, ID_STRATEGIES } from '../model/options.js';
import type { Tree } from '../plan/index.js';
import { detectPackageManager, PACKAGE_MANAGERS } from '../project/package-manager.js';
import { schemaDir } from '../project/schema-files.js';
import { renderTemplate } from '../render/templates.js';
import { mergeGuide, parseSections, staleSections } from './sections.js';
import { adoptedConventions, adoptedDatabaseFacts, ADOPTED_GUIDE_TEMPLATE } from './adopted.js';
import { exportNameOf, readTableLines, sortLines, tableLinesOfFile, type TableLine } from './tables.js';

export const GUIDE_FILE = 'AGENTS.md';

/** How table lines are found: read from every schema file, or the guide's own plus one file's. */
export type TableSource = { read: 'all' } | { read: 'file'; database: string; file: string };

export function guidePath(manifest: Manifest, database?: DatabaseEntry): string {
  return `${database ? databaseDir(manifest, database) : manifest.dbDir}/${GUIDE_FILE}`;
}

/** Every guide of the layer, rendered: path -> text. */
export async function renderGuides(tree: Tree, manifest: Manifest, source: TableSource = { read: 'all' }): Promise<Map<string, string>> {
  const tables = new Map<string, string[]>();
  for (const database of manifest.databases) tables.set(database.name, await tableLinesFor(tree, manifest, database, source));
  const context = guideContext(tree, manifest, tables);
  // An adopted repo gets one guide describing its own layout; per-database folders are ours only.
  if (manifest.adopted) return new Map([[guidePath(manifest), renderTemplate(ADOPTED_GUIDE_TEMPLATE, { ...context, conventions: adoptedConventions(manifest) })]]);
  const guides = new Map([[guidePath(manifest), renderTemplate('agents/AGENTS.md', context)]]);
  for (const database of context.databases.filter((entry) => !entry.primary)) {
    guides.set(guidePath(manifest, manifest.databases.find((entry) => entry.name === database.name)), renderTemplate('agents/database.md', { ...context, ...database }));
  }
  return guides;
}

/**
 * Writes the guides into the plan. With `{ read: 'file' }` (table adds one table) a missing main
 * guide is left missing: `create-db-layer agents` writes it.
 */
export async function planGuides(tree: Tree, manifest: Manifest, source: TableSource = { read: 'all' }): Promise<void> {
  if (source.read === 'file' && !tree.exists(guidePath(manifest))) return;
  for (const [path, rendered] of await renderGuides(tree, manifest, source)) {
    const existing = tree.read(path);
    const merged = mergeGuide(existing, rendered);
    if (existing === null) tree.create(path, merged);
    else if (merged !== existing) tree.update(path, merged);
  }
}

/** Guides whose generated sections no longer match the repo, with the stale section names. */
export async function staleGuides(tree: Tree, manifest: Manifest): Promise<{ file: string; sections: string[] }[]> {
  const stale: { file: string; sections: string[] }[] = [];
  for (const [path, rendered] of await renderGuides(tree, manifest)) {
    const sections = staleSections(tree.read(path), rendered);
    if (sections.length > 0) stale.push({ file: path, sections });
  }
  return stale;
}

async function tableLinesFor(tree: Tree, manifest: Manifest, database: DatabaseEntry, source: TableSource): Promise<string[]> {
  if (source.read === 'all') return (await readTableLines(tree, manifest, database)).map((entry) => entry.line);
  const section = parseSections(tree.read(guidePath(manifest)) ?? '').find((entry) => entry.name === `tables-${database.name}`);
  const kept = (section?.body.split('\n') ?? []).flatMap((line) => {
    const exportName = exportNameOf(line);
    return exportName ? [{ exportName, line }] : [];
  });
  if (source.database !== database.name) return kept.map((entry) => entry.line);
  const fresh = await tableLinesOfFile(tree, source.file);
  const replaced = new Set(fresh.map((entry) => entry.exportName));
  return sortLines([...kept.filter((entry) => !replaced.has(entry.exportName)), ...fresh]).map((entry) => entry.line);
}

const CASING_RULES: Record<keyof typeof CASINGS, string> = {
  snake_case: "snake_case in the database (`casing: 'snake_case'` in every Drizzle instance and drizzle config), so `createdAt` is the column `created_at`",
  camelCase: "the same camelCase names in the database (`casing: 'camelCase'`)",
};

const ENUM_RULES = {
  'pg-enum': 'native PostgreSQL enums (`pgEnum`), declared in the table file that uses them',
  text: 'text columns with an `enum` list, validated in TypeScript (no database enum types)',
};

function guideContext(tree: Tree, manifest: Manifest, tables: Map<string, string[]>) {
  const packageManager = PACKAGE_MANAGERS[detectPackageManager(tree.root)];
  const layer = layerContext(manifest, manifest.databases.find((database) => database.primary) ?? manifest.databases[0]!);
  const dialect = DIALECT_SPECS[manifest.dialect];
  const databases = manifest.databases.map((database) => databaseFacts(manifest, database, tables.get(database.name) ?? [], packageManager.run, layer));
  const owned = databases.filter((database) => database.owned);
  const extraEnv = databases.filter((database) => !database.primary).flatMap((database) => database.envVars);
  return {
    dbDir: manifest.dbDir,
    exec: packageManager.exec('').trim(),
    checkScript: packageManager.run('db:check'),
    syncScript: packageManager.run(SYNC_SCRIPT),
    migrateAllScript: packageManager.run('db:migrate:all'),
    seedAllScript: packageManager.run('db:seed:all'),
    databases,
    databaseCount: databases.length,
    extraDatabases: databases.length > 1,
    ownedDatabases: owned,
    multipleOwned: owned.length > 1,
    mirrors: databases.filter((database) => !database.owned),
    primaryName: databases.find((database) => database.primary)?.name ?? databases[0]!.name,
    primarySchema: (databases.find((database) => database.primary) ?? databases[0]!).schemaPath,
    indexPath: `${manifest.dbDir}/index.ts`,
    indexImport: moduleSpecifier(manifest, '', `${manifest.dbDir}/index.ts`),
    guidePath: guidePath(manifest),
    fileLayout: manifest.layout === 'file',
    casingRule: CASING_RULES[manifest.casing],
    idRule: `\`id\`, ${dialect.idSummaries[manifest.idStrategy] ?? ID_STRATEGIES[manifest.idStrategy].summary} (\`--id\` chooses per table)`,
    timestampRule: manifest.timestamps ? dialect.timestamps.rule : 'new tables get no `createdAt` / `updatedAt` unless asked for.',
    troubleshooting: [
      ...(layer.embedded !== undefined ? [dialect.troubleshooting.embedded] : []),
      ...(layer.server !== undefined ? [dialect.troubleshooting.server] : []),
    ],
    enumRule: dialect.enumRule ?? ENUM_RULES[manifest.enumStyle],
    /** The insert clause seeds use to skip rows already there (`onConflictDoNothing`, MySQL's `onDuplicateKeyUpdate`). */
    seedInsert: /^\.(\w+)/.exec(dialect.insertIgnore('table', 'id'))![1],
    server: layer.server !== undefined,
    embedded: layer.embedded !== undefined,
    // Variables whose absence config.ts reports (a SQLite URL falls back to its file, so none there).
    extraEnv: manifest.dialect === 'postgresql' ? [...new Set(extraEnv.filter((name) => !name.endsWith('_PGLITE_DIR')))] : [],
    dual: dualFacts(manifest, packageManager.run),
  };
}

/** The dialects section of a dual layer's guide; null for every other layer. */
function dualFacts(manifest: Manifest, run: (script: string) => string) {
  if (!isDual(manifest)) return null;
  const sides = layerSides(manifest).map((side) => {
    const name = side.name!;
    const context = layerContext(side.manifest, side.database);
    const environment = DIALECT_SPECS[side.manifest.dialect].environment?.(side.database) ?? environmentOf(side.database, context.server !== undefined, context.embedded !== undefined);
    return {
      name,
      label: DUAL_SIDES[name].label,
      default: name === DEFAULT_SIDE,
      schemaFolder: schemaDir(side.manifest, side.database),
      config: side.database.config,
      out: side.database.out,
      dir: sideDir(manifest, name),
      generate: `drizzle-kit generate${side.database.config === 'drizzle.config.ts' ? '' : ` --config ${side.database.config}`}`,
      urlRule: `with \`${DB_TYPE}=${name}\`, ${environment.text}`,
    };
  });
  return {
    dbType: DB_TYPE,
    sides,
    get: manifest.databases[0]!.helpers.get,
    types: `${manifest.dbDir}/types.ts`,
    generateScript: run('db:generate'),
    migrateScript: run('db:migrate'),
  };
}

function databaseFacts(manifest: Manifest, database: DatabaseEntry, lines: string[], run: (script: string) => string, layer: ReturnType<typeof layerContext>) {
  const scriptNames = Object.fromEntries(Object.keys(databaseScripts(manifest, database)).map((script) => [script.split(':').at(-1)!, script]));
  const environment = DIALECT_SPECS[manifest.dialect].environment?.(database) ?? environmentOf(database, layer.server !== undefined, layer.embedded !== undefined);
  const names = lines.map((line) => exportNameOf(line)!).filter(Boolean);
  return {
    name: database.name,
    primary: database.primary,
    owned: isOwned(database),
    upstream: isOwned(database) ? null : database.upstream,
    helpers: database.helpers,
    folder: databaseDir(manifest, database),
    schemaPath: database.schema,
    schemaFolder: schemaDir(manifest, database),
    out: isOwned(database) ? database.out : null,
    migrationsTable: isOwned(database) ? database.migrationsTable : null,
    migrationsSchema: isOwned(database) ? database.migrationsSchema : null,
    /** The table recording applied migrations, as the dialect names it (SQLite has no schemas). */
    migrationsAt: !isOwned(database) ? null : DIALECT_SPECS[manifest.dialect].schemas ? `${database.migrationsSchema}.${database.migrationsTable}` : database.migrationsTable,
    scriptNames,
    scripts: Object.fromEntries(Object.entries(scriptNames).map(([key, script]) => [key, run(script)])),
    envVars: environment.names,
    env: environment.text,
    lines,
    ...(manifest.adopted ? adoptedDatabaseFacts(manifest, database, run) : {}),
    contents: names.length === 0 ? 'no tables yet' : `${names.length} table${names.length === 1 ? '' : 's'}: ${names.slice(0, 8).map((name) => `\`${name}\``).join(', ')}${names.length > 8 ? ', …' : ''}`,
  };
}

/** The variables a database reads, as config.ts resolves them: names, and a sentence for the inventory. */
function environmentOf(database: DatabaseEntry, server: boolean, embedded: boolean): { names: string[]; text: string } {
  const pglite = database.primary ? 'PGLITE_DIR' : `${envPrefix(database)}_PGLITE_DIR`;
  const fallback = embedded ? (server ? `; without a server, PGlite in \`.pglite/${database.name}\` (\`${pglite}\`)` : `PGlite in \`.pglite/${database.name}\` (\`${pglite}\`)`) : '';
  if (!server) return { names: [pglite], text: fallback };
  if (database.primary) {
    return { names: ['DATABASE_URL', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_NAME', ...(embedded ? [pglite] : [])], text: `\`DATABASE_URL\` (or \`DB_HOST\`, \`DB_PORT\`, \`DB_USER\`, \`DB_PASSWORD\`, \`DB_NAME\`)${fallback}` };
  }
  const url = database.connection?.url;
  if (url) return { names: [url, ...(embedded ? [pglite] : [])], text: `\`${url}\`${fallback}` };
  const name = database.connection?.databaseName ?? `${envPrefix(database)}_DB`;
  return { names: [name, ...(embedded ? [pglite] : [])], text: `\`${name}\` on the primary server${fallback}` };
}
