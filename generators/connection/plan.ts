/**
 * connection's plan: a new database in the manifest, its own folder of modules (connection and,
 * when owned here, scripts, schema barrel and drizzle config), config.ts and .env.example
 * re-rendered for every database, db.<name> in index.ts, and its package.json scripts.
 */
import { UserError } from '../../src/errors.js';
import { databaseDir, layerContext, layerScripts, moduleSpecifier } from '../../src/model/layer.js';
import { MANIFEST_FILE, serializeManifest, type DatabaseEntry, type Manifest } from '../../src/model/manifest.js';
import { envName, pascalCase, snakeCase } from '../../src/model/naming.js';
import type { Tree } from '../../src/plan/index.js';
import { applyScriptOverrides, mergePackageJson } from '../../src/project/package-json.js';
import { formatChange, formatFile } from '../../src/render/format.js';
import { layerTemplate } from '../../src/model/dialects.js';
import { isDual } from '../../src/model/dual.js';
import { renderTemplate } from '../../src/render/templates.js';
import { addDatabaseAccessor } from '../../src/transforms/database-accessor.js';
import { transformSource } from '../../src/transforms/source.js';

export interface ConnectionRequest {
  name: string;
  /** Upstream schema folder, relative to the repo root: a read-only mirror. */
  upstream?: string;
  /** Variable naming the database on the primary server (default <NAME>_DB). */
  envVar?: string;
  /** Variable holding a separate URL instead. */
  urlEnv?: string;
  ssl?: boolean;
  force: boolean;
}

/** Names that would collide with the layer's own folders or accessors. */
const TAKEN_NAMES = new Set(['schema', 'seeds', 'config', 'connection', 'index']);

/**
 * A dual layer is one database in two dialects, each with its own folder, config and migrations;
 * a second database would need a pair of its own, which connection does not write.
 */
export function refuseDualLayer(manifest: Manifest): void {
  if (!isDual(manifest)) return;
  throw new UserError(
    'connection does not support a dual-dialect layer (--dialect dual) yet: add the tables to its one database (create-db-layer table), or give the second database its own single-dialect layer in another folder (create-db-layer <dir> --db-dir <dir>)',
    2,
  );
}

/**
 * --env-var and --ssl describe a database on the primary's server (PostgreSQL, MySQL); a SQLite
 * database is its own file (or libsql server), named by its own URL variable, so they are refused.
 */
export function refuseServerOnlyFlags(manifest: Manifest, request?: { envVar?: string; ssl?: boolean }): void {
  if (manifest.dialect !== 'sqlite') return;
  if (request?.envVar !== undefined) throw new UserError(`--env-var names a database on the primary server; a ${manifest.dialect} database has its own URL: use --url-env <NAME>`, 2);
  if (request?.ssl !== undefined) throw new UserError(`--ssl/--no-ssl are server settings; a ${manifest.dialect} database's URL says how it connects`, 2);
}

export function checkDatabaseName(manifest: Manifest, name: string): void {
  if (!/^[a-z][A-Za-z0-9]*$/.test(name)) {
    throw new UserError(`database name "${name}" is not valid: use letters and digits starting with a lowercase letter, e.g. workflows or backoffice`, 2);
  }
  if (manifest.databases.some((database) => database.name === name)) {
    throw new UserError(`database ${name} already exists in ${MANIFEST_FILE}: choose another name`);
  }
  if (TAKEN_NAMES.has(name)) throw new UserError(`database name "${name}" collides with the layer's own ${name} module: choose another name`, 2);
}

export function checkEnvName(flag: string, value: string): void {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(value)) {
    throw new UserError(`--${flag} ${value}: an environment variable name is upper case letters, digits and _, e.g. WORKFLOWS_DB`, 2);
  }
}

/** The manifest entry of the new database. */
export function newDatabaseEntry(manifest: Manifest, request: ConnectionRequest): DatabaseEntry {
  const { name } = request;
  const dir = `${manifest.dbDir}/${name}`;
  const base = {
    name,
    primary: false,
    schema: manifest.layout === 'folder' || request.upstream ? `${dir}/schema/index.ts` : `${dir}/schema.ts`,
    helpers: { get: `get${pascalCase(name)}Database`, close: `close${pascalCase(name)}DatabaseConnection` },
    connection: connectionEnv(manifest, request),
  };
  if (request.upstream !== undefined) return { ...base, owner: 'mirror', upstream: request.upstream, syncedFiles: {} };
  return {
    ...base,
    owner: 'owned',
    config: `drizzle.${name}.config.ts`,
    out: `drizzle-${name}`,
    // Its own table, so two databases on one server never share a migration history.
    migrationsTable: `__drizzle_migrations_${snakeCase(name)}`,
    migrationsSchema: 'drizzle',
  };
}

export async function planConnection(tree: Tree, manifest: Manifest, request: ConnectionRequest, packageManagerExec: (bin: string) => string): Promise<Manifest> {
  refuseDualLayer(manifest);
  refuseServerOnlyFlags(manifest, request);
  checkDatabaseName(manifest, request.name);
  const database = newDatabaseEntry(manifest, request);
  const updated: Manifest = { ...manifest, databases: [...manifest.databases, database] };
  const primary = manifest.databases.find((entry) => entry.primary) ?? manifest.databases[0]!;
  const render = async (template: string, path: string, layer: Manifest, entry: DatabaseEntry) =>
    formatFile(tree.root, path, renderTemplate(layerTemplate(layer, template), { ...layerContext(layer, entry), exec: packageManagerExec }));

  // config.ts and .env.example describe every database: re-rendered, unless edited since init.
  for (const [path, template] of [[`${manifest.dbDir}/config.ts`, 'layer/config.ts'], ['.env.example', 'layer/env.example']] as const) {
    const before = await render(template, path, manifest, primary);
    const after = await render(template, path, updated, primary);
    if (tree.read(path) === before) tree.update(path, after);
    else tree.create(path, after);
  }

  const dir = databaseDir(updated, database);
  tree.create(`${dir}/connection.ts`, await render('layer/connection.ts', `${dir}/connection.ts`, updated, database));
  if (database.owner === 'owned') {
    for (const script of ['migrate', 'reset', 'nuke']) {
      tree.create(`${dir}/${script}.ts`, await render(`layer/${script}.ts`, `${dir}/${script}.ts`, updated, database));
    }
    tree.createIfMissing(`${dir}/seed.ts`, await render('layer/seed.ts', `${dir}/seed.ts`, updated, database));
    const schemaTemplate = updated.layout === 'folder' ? 'layer/schema-index.ts' : 'layer/schema-file.ts';
    tree.createIfMissing(database.schema, await render(schemaTemplate, database.schema, updated, database));
    tree.create(database.config, await render('layer/drizzle.config.ts', database.config, updated, database));
  }

  const index = `${manifest.dbDir}/index.ts`;
  const indexText = tree.read(index);
  if (indexText !== null) {
    const patched = await transformSource(index, indexText, [
      addDatabaseAccessor({
        name: database.name,
        get: database.helpers.get,
        // connection writes both helpers itself (only an adopted repo's may lack a close).
        close: database.helpers.close!,
        connectionModule: moduleSpecifier(updated, manifest.dbDir, `${dir}/connection.ts`),
        schemaModule: moduleSpecifier(updated, manifest.dbDir, database.schema),
        typeName: `${pascalCase(database.name)}Database`,
        schemaNamespace: `${database.name}Schema`,
      }),
    ]);
    tree.update(index, await formatChange(tree.root, index, indexText, patched));
  }

  const packageJson = tree.read('package.json');
  if (packageJson === null) throw new UserError('no package.json in the repo: run create-db-layer init first');
  const scripts = layerScripts(updated);
  const merged = mergePackageJson(packageJson, { scripts, dependencies: {}, devDependencies: {} });
  // A script still as we wrote it for the previous databases (db:migrate:all) is ours to update.
  const previous = layerScripts(manifest);
  const current = (JSON.parse(packageJson) as { scripts?: Record<string, string> }).scripts ?? {};
  const conflicts = merged.conflicts.filter((entry) => {
    const name = entry.replace(/^scripts\./, '');
    return previous[name] === undefined || current[name] !== previous[name];
  });
  if (conflicts.length > 0 && !request.force) {
    throw new UserError(`package.json ${conflicts.join(', ')} already exist with other commands: rename them, or rerun with --force to overwrite`);
  }
  const content = merged.conflicts.length > 0 ? applyScriptOverrides(merged.content, request.force ? scripts : ours(scripts, conflicts)) : merged.content;
  if (content !== packageJson) tree.update('package.json', content);
  tree.update(MANIFEST_FILE, serializeManifest(updated));
  return updated;
}

/** The scripts to write when the user's own versions of `conflicts` must be kept. */
function ours(scripts: Record<string, string>, conflicts: string[]): Record<string, string> {
  const kept = new Set(conflicts.map((entry) => entry.replace(/^scripts\./, '')));
  return Object.fromEntries(Object.entries(scripts).filter(([name]) => !kept.has(name)));
}

/** How the new database finds its server: a PostgreSQL database name or URL variable, a SQLite URL variable. */
function connectionEnv(manifest: Manifest, request: ConnectionRequest): DatabaseEntry['connection'] {
  const prefix = envName(request.name);
  if (manifest.dialect === 'sqlite') return { url: request.urlEnv ?? `${prefix}_DATABASE_URL` };
  return {
    ...(request.urlEnv ? { url: request.urlEnv } : { databaseName: request.envVar ?? `${prefix}_DB` }),
    ...(request.ssl === undefined ? {} : { ssl: request.ssl }),
  };
}
