/**
 * Facts derived from the manifest that several generators need: script names, import
 * specifiers, the clients a driver opens. Derived here once so no template recomputes them.
 */
import type { DatabaseEntry, Manifest } from './manifest.js';
import { CLIENTS, DRIVERS, type ClientName } from './options.js';

/** Folder of embedded (PGlite) data, per database, under one git-ignored root. */
export const PGLITE_ROOT = '.pglite';

export function scriptPrefix(database: DatabaseEntry): string {
  return database.primary ? 'db' : `${database.name}-db`;
}

/** The package.json scripts of one database, by script name. */
export function databaseScripts(manifest: Manifest, database: DatabaseEntry): Record<string, string> {
  const prefix = scriptPrefix(database);
  const configFlag = database.config === 'drizzle.config.ts' ? '' : ` --config ${database.config}`;
  const tsx = (file: string) => `tsx ${manifest.dbDir}/${file}.ts`;
  return {
    [`${prefix}:generate`]: `drizzle-kit generate${configFlag}`,
    [`${prefix}:migrate`]: tsx('migrate'),
    [`${prefix}:push`]: `drizzle-kit push${configFlag}`,
    [`${prefix}:studio`]: `drizzle-kit studio${configFlag}`,
    [`${prefix}:seed`]: tsx('seed'),
    [`${prefix}:reset`]: tsx('reset'),
    [`${prefix}:nuke`]: tsx('nuke'),
    [`${prefix}:check`]: database.primary ? 'create-db-layer check' : `create-db-layer check --db ${database.name}`,
  };
}

/** A relative import of a module in the layer, spelled the way the target's module resolution wants. */
export function moduleSpecifier(manifest: Manifest, fromDir: string, modulePath: string): string {
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
  const all = [driver.server, driver.embedded].filter((client): client is ClientName => client !== undefined);
  return { server: driver.server, embedded: driver.embedded, all };
}

/** Packages the generated code imports at run time, and the tools its scripts run. */
export function layerPackages(manifest: Manifest): { dependencies: string[]; devDependencies: string[] } {
  const clients = driverClients(manifest).all.map((name) => CLIENTS[name]);
  return {
    dependencies: ['drizzle-orm', ...clients.flatMap((client) => client.dependencies)],
    devDependencies: ['drizzle-kit', 'tsx', ...clients.flatMap((client) => client.devDependencies)],
  };
}

/** Everything a layer template may use, for one database. */
export function layerContext(manifest: Manifest, database: DatabaseEntry) {
  const clients = driverClients(manifest);
  const prefix = scriptPrefix(database);
  return {
    ...manifest,
    ext: manifest.importExtension,
    clients: clients.all,
    server: clients.server,
    embedded: clients.embedded,
    both: clients.server !== undefined && clients.embedded !== undefined,
    pgliteDir: `${PGLITE_ROOT}/${database.name}`,
    schemaImport: moduleSpecifier(manifest, manifest.dbDir, database.schema),
    configImportFromRoot: moduleSpecifier(manifest, '', `${manifest.dbDir}/config.ts`),
    database: {
      ...database,
      generateScript: `${prefix}:generate`,
      migrateScript: `${prefix}:migrate`,
      seedScript: `${prefix}:seed`,
      resetScript: `${prefix}:reset`,
      nukeScript: `${prefix}:nuke`,
    },
  };
}
