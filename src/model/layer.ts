/**
 * Facts derived from the manifest that several generators need: script names, import
 * specifiers, the clients a driver opens. Derived here once so no template recomputes them.
 */
import { isOwned, type DatabaseEntry, type Manifest } from './manifest.js';
import { envName, pascalCase } from './naming.js';
import { DIALECT_SPECS } from './dialects.js';
import { DUAL_SIDES, isDual, layerSides, sidesOf, type LayerSide } from './dual.js';
import { CLIENTS, DRIVERS, type ClientName } from './options.js';

/** Folder of embedded (PGlite) data, per database, under one git-ignored root. */
export const PGLITE_ROOT = '.pglite';

export function scriptPrefix(database: DatabaseEntry): string {
  return database.primary ? 'db' : `${database.name}-db`;
}

/**
 * Folder of a database's own modules (connection, scripts, seeds): the layer folder for the
 * primary database, a subfolder named after the database for each other one.
 */
export function databaseDir(manifest: Manifest, database: DatabaseEntry): string {
  // An adopted repo's other database lives where its schema folder is (src/db/analytics/schema -> src/db/analytics).
  if (manifest.adopted && !database.primary && isOwned(database) && database.schemaSource) return database.schemaSource.folder.replace(/\/[^/]+$/, '');
  return database.primary ? manifest.dbDir : `${manifest.dbDir}/${database.name}`;
}

/** `workflows` -> `WORKFLOWS`: the prefix of a database's own environment variables. */
export function envPrefix(database: DatabaseEntry): string {
  return envName(database.name);
}

/** Names of the config.ts functions that resolve one database's config. */
export function configFunctions(database: DatabaseEntry): { get: string; find: string } {
  const infix = database.primary ? '' : pascalCase(database.name);
  return { get: `get${infix}DatabaseConfig`, find: `find${infix}DatabaseConfig` };
}

/** The script that refreshes every mirror from its upstream. */
export const SYNC_SCRIPT = 'schema:sync';

/** The package.json scripts of one database, by script name: none for a mirror (sync is shared). */
export function databaseScripts(manifest: Manifest, database: DatabaseEntry): Record<string, string> {
  if (!isOwned(database)) return {};
  const prefix = scriptPrefix(database);
  const kit = (command: string, side: LayerSide) => `drizzle-kit ${command}${side.database.config === 'drizzle.config.ts' ? '' : ` --config ${side.database.config}`}`;
  const tsx = (file: string) => `tsx ${databaseDir(manifest, database)}/${file}.ts`;
  // A dual layer generates both dialects' migrations at once; push and studio open one dialect each (db:push, db:push:pg).
  const sides = sidesOf(manifest, database);
  const perSide = (command: string) =>
    Object.fromEntries(sides.map((side) => [`${prefix}:${command}${side.name ? DUAL_SIDES[side.name].scriptSuffix : ''}`, kit(command, side)]));
  return {
    [`${prefix}:generate`]: sides.map((side) => kit('generate', side)).join(' && '),
    [`${prefix}:migrate`]: tsx('migrate'),
    ...perSide('push'),
    ...perSide('studio'),
    [`${prefix}:seed`]: tsx('seed'),
    [`${prefix}:reset`]: tsx('reset'),
    [`${prefix}:nuke`]: tsx('nuke'),
    [`${prefix}:check`]: database.primary ? 'create-db-layer check' : `create-db-layer check --db ${database.name}`,
  };
}

/**
 * Every script of the layer: each database's; with more than one owned database, `db:migrate:all`
 * and `db:seed:all` running each database's script in turn (a deploy runs one command); and sync
 * when there is a mirror.
 */
export function layerScripts(manifest: Manifest): Record<string, string> {
  const scripts = Object.assign({}, ...manifest.databases.map((database) => databaseScripts(manifest, database))) as Record<string, string>;
  const owned = manifest.databases.filter(isOwned);
  if (owned.length > 1) {
    for (const task of ['migrate', 'seed']) {
      scripts[`db:${task}:all`] = owned.map((database) => `tsx ${databaseDir(manifest, database)}/${task}.ts`).join(' && ');
    }
  }
  if (manifest.databases.some((database) => !isOwned(database))) scripts[SYNC_SCRIPT] = 'create-db-layer sync';
  return scripts;
}

/** A relative import of a module in the layer, spelled the way the target's module resolution wants. */
export function moduleSpecifier(manifest: Manifest, fromDir: string, modulePath: string): string {
  // An adopted repo whose modules import each other through a tsconfig alias (`@/db/schema/users`).
  const alias = manifest.style?.importAlias;
  if (alias && modulePath.startsWith(alias.target)) {
    const aliased = `${alias.prefix}${modulePath.slice(alias.target.length).replace(/\.ts$/, '')}`;
    return manifest.importExtension === '' ? aliased.replace(/\/index$/, '') : `${aliased}${manifest.importExtension}`;
  }
  const from = fromDir.split('/').filter(Boolean);
  const to = modulePath.replace(/\.ts$/, '').split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const ups = from.length - common;
  const rest = to.slice(common).join('/');
  const base = ups === 0 ? `./${rest}` : `${'../'.repeat(ups)}${rest}`;
  if (manifest.importExtension === '') return base.replace(/\/index$/, '');
  return `${base}${manifest.importExtension}`;
}

export function driverClients(manifest: Manifest): { server?: ClientName; embedded?: ClientName; all: ClientName[] } {
  const driver: { server?: ClientName; embedded?: ClientName } = DRIVERS[manifest.driver];
  // libsql is both: a local file and a server, through one client.
  const all = [...new Set([driver.server, driver.embedded])].filter((client): client is ClientName => client !== undefined);
  return { server: driver.server, embedded: driver.embedded, all };
}

/** The clients of every side of the layer (both dialects' in a dual layer). */
function layerClients(manifest: Manifest): ClientName[] {
  return [...new Set(layerSides(manifest).flatMap((side) => driverClients(side.manifest).all))];
}

/** Folders of local data the layer's clients write, to git-ignore (`.pglite/`, `.data/`). */
export function dataRoots(manifest: Manifest): string[] {
  return layerClients(manifest).flatMap((name) => {
    const root = (CLIENTS[name] as { dataRoot?: string }).dataRoot;
    return root === undefined ? [] : [`${root}/`];
  });
}

/** Packages the generated code imports at run time, and the tools its scripts run. */
export function layerPackages(manifest: Manifest): { dependencies: string[]; devDependencies: string[] } {
  const clients = layerClients(manifest).map((name) => CLIENTS[name]);
  return {
    dependencies: ['drizzle-orm', ...clients.flatMap((client) => client.dependencies)],
    devDependencies: ['drizzle-kit', 'tsx', ...clients.flatMap((client) => client.devDependencies)],
  };
}

/** How a non-primary database finds its server and data folder, for config.ts and .env.example. */
export function connectionFacts(manifest: Manifest, database: DatabaseEntry) {
  const prefix = envPrefix(database);
  const ssl = database.connection?.ssl;
  return {
    // SQLite: its own URL variable (a file by default) and Turso token.
    sqliteUrlEnv: database.connection?.url ?? `${prefix}_DATABASE_URL`,
    sqliteTokenEnv: `${prefix}_DATABASE_AUTH_TOKEN`,
    defaultUrl: `file:${dataRoots(manifest)[0] ?? ''}${database.name}.db`,
    name: database.name,
    configFn: configFunctions(database).get,
    findConfigFn: configFunctions(database).find,
    findServerFn: `find${pascalCase(database.name)}ServerConfig`,
    urlEnv: database.connection?.url ?? null,
    nameEnv: database.connection?.url ? null : (database.connection?.databaseName ?? `${prefix}_DB`),
    pgliteEnv: `${prefix}_PGLITE_DIR`,
    pgliteDir: `${PGLITE_ROOT}/${database.name}`,
    sslExpression: ssl === undefined ? "boolean(env, 'DB_SSL', false)" : String(ssl),
    sslNote: ssl === undefined ? 'as DB_SSL' : ssl ? 'always on' : 'always off',
    owned: isOwned(database),
  };
}

/**
 * Everything a layer template may use, for one database. `side`: a dual layer's dialect, whose
 * modules (config, connection, reset, nuke) live in their own folder and read the connection
 * variables only when DB_TYPE selects it.
 */
export function layerContext(manifest: Manifest, database: DatabaseEntry, side?: { name: string; dir: string }) {
  const clients = driverClients(manifest);
  const prefix = scriptPrefix(database);
  const dir = side?.dir ?? databaseDir(manifest, database);
  const configModule = `${side?.dir ?? manifest.dbDir}/config.ts`;
  const extraDatabases = manifest.databases.filter((entry) => !entry.primary).map((entry) => connectionFacts(manifest, entry));
  return {
    ...manifest,
    ext: manifest.importExtension,
    clients: clients.all,
    server: clients.server,
    embedded: clients.embedded,
    both: clients.server !== undefined && clients.embedded !== undefined,
    pgliteDir: `${PGLITE_ROOT}/${database.name}`,
    /** A SQLite layer's default DATABASE_URL: a file per database under the clients' data root. */
    defaultUrl: `file:${dataRoots(manifest)[0] ?? ''}${database.name}.db`,
    execute: DIALECT_SPECS[manifest.dialect].execute,
    dir,
    schemaImport: moduleSpecifier(manifest, dir, database.schema),
    configImport: moduleSpecifier(manifest, dir, configModule),
    runScriptImport: moduleSpecifier(manifest, dir, `${manifest.dbDir}/run-script.ts`),
    configImportFromRoot: moduleSpecifier(manifest, '', configModule),
    /** The default environment of a config function: a dual side's filtered view of it. */
    envDefault: side ? `sideEnv('${side.name}')` : 'process.env',
    sideEnvImport: side ? moduleSpecifier(manifest, dir, `${manifest.dbDir}/config.ts`) : null,
    dual: isDual(manifest),
    extraDatabases,
    usesDatabaseNameEnv: extraDatabases.some((entry) => entry.nameEnv !== null),
    database: {
      ...database,
      ...(isOwned(database) ? {} : { config: null, out: null, migrationsTable: null, migrationsSchema: null }),
      owned: isOwned(database),
      configFn: configFunctions(database).get,
      findConfigFn: configFunctions(database).find,
      generateScript: `${prefix}:generate`,
      migrateScript: `${prefix}:migrate`,
      seedScript: `${prefix}:seed`,
      resetScript: `${prefix}:reset`,
      nukeScript: `${prefix}:nuke`,
    },
  };
}
