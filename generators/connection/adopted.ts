/**
 * `connection <name>` in an adopted repo: a second database the way the repo would write one by
 * hand. Its own drizzle config beside the repo's (same dialect and casing), an empty schema barrel
 * `table --db <name>` grows, and a helper module on the repo's driver, then the manifest entry that
 * adoption would have detected for them. Nothing of the repo's own is touched but `.env.example`,
 * which gains the new variable when the repo keeps one.
 */
import { posix } from 'node:path';
import { readConfig } from '../../src/adopt/configs.js';
import { UsageError, UserError } from '../../src/errors.js';
import { checkDatabaseName, type ConnectionRequest } from './plan.js';
import { moduleSpecifier } from '../../src/model/layer.js';
import { MANIFEST_FILE, serializeManifest, type Manifest, type OwnedDatabase } from '../../src/model/manifest.js';
import { envName, kebabCase, pascalCase } from '../../src/model/naming.js';
import type { Tree } from '../../src/plan/index.js';
import { formatFile } from '../../src/render/format.js';
import { renderTemplate } from '../../src/render/templates.js';

/** How each driver an adopted repo may use opens and closes a client, from the URL in `url`. */
const CLIENTS: Record<string, { drizzleModule: string; clientImport: string; createClient: (authToken?: string) => string; closeCall: string; drizzleOptions?: string }> = {
  pg: { drizzleModule: 'drizzle-orm/node-postgres', clientImport: "import { Pool } from 'pg';", createClient: () => 'new Pool({ connectionString: url })', closeCall: 'end()' },
  'postgres-js': { drizzleModule: 'drizzle-orm/postgres-js', clientImport: "import postgres from 'postgres';", createClient: () => 'postgres(url)', closeCall: 'end()' },
  libsql: {
    drizzleModule: 'drizzle-orm/libsql',
    clientImport: "import { createClient } from '@libsql/client';",
    createClient: (authToken) => `createClient({ url, authToken: process.env.${authToken} })`,
    closeCall: 'close()',
  },
  // drizzle's mysql2 driver needs the mode once it is given a schema.
  mysql2: { drizzleModule: 'drizzle-orm/mysql2', clientImport: "import mysql from 'mysql2/promise';", createClient: () => 'mysql.createPool({ uri: url })', closeCall: 'end()', drizzleOptions: "mode: 'default'" },
};

/** Plans the files and the manifest entry (its URL in request.urlEnv, default <NAME>_DATABASE_URL); returns the new entry. */
export async function planAdoptedConnection(tree: Tree, manifest: Manifest, request: ConnectionRequest): Promise<OwnedDatabase> {
  refuseForAdopted(manifest, request);
  checkDatabaseName(manifest, request.name);
  const client = CLIENTS[manifest.driver];
  if (!client) {
    throw new UserError(`connection writes a helper for the pg, postgres-js, libsql or mysql2 driver, and no helper of this repo says which it uses (${manifest.driver}): export one (export const db = drizzle(…)), run create-db-layer init again, then connection`);
  }
  const primary = manifest.databases.find((database) => database.primary) as OwnedDatabase;
  const config = await readConfig(tree, primary.config);
  const { name } = request;
  const variable = request.urlEnv ?? `${envName(name)}_DATABASE_URL`;
  const authToken = manifest.driver === 'libsql' ? `${envName(name)}_AUTH_TOKEN` : undefined;
  const dir = `${manifest.dbDir}/${kebabCase(name)}`;
  // Laid out as the repo lays out its own: a schema folder with its barrel, or one schema.ts.
  const schema = manifest.layout === 'file' ? `${dir}/schema.ts` : `${dir}/schema/index.ts`;
  const helperModule = `${dir}/index.ts`;
  const configFile = `drizzle.${name}.config.ts`;
  const entry: OwnedDatabase = {
    name,
    primary: false,
    owner: 'owned',
    schema,
    config: configFile,
    out: `drizzle-${kebabCase(name)}`,
    migrationsTable: '__drizzle_migrations',
    migrationsSchema: 'drizzle',
    helpers: { get: `get${pascalCase(name)}Db`, close: `close${pascalCase(name)}Db`, module: helperModule, kind: 'function' },
    schemaSource: manifest.layout === 'file' ? { kind: 'file', folder: dir } : { kind: 'barrel', folder: `${dir}/schema` },
    env: [variable, ...(authToken ? [authToken] : [])],
  };
  const casing = config.casing === 'snake_case' || config.casing === 'camelCase' ? config.casing : undefined;
  const create = async (path: string, template: string, context: object) => tree.create(path, await formatFile(tree.root, path, renderTemplate(template, context)));
  await create(configFile, 'adopted/connection/config.ts', { name, kitDialect: config.dialect ?? manifest.dialect, schema, out: entry.out, casing, variable, authToken });
  await create(schema, 'adopted/connection/schema-index.ts', { name });
  await create(helperModule, 'adopted/connection/helper.ts', {
    name,
    variable,
    get: entry.helpers.get,
    close: entry.helpers.close,
    drizzleModule: client.drizzleModule,
    clientImport: client.clientImport,
    createClient: client.createClient(authToken),
    closeCall: client.closeCall,
    // As the config migrates: a drizzle() without the config's casing names columns unlike the tables.
    drizzleOptions: ['schema', ...(casing ? [`casing: '${casing}'`] : []), ...(client.drizzleOptions ? [client.drizzleOptions] : [])].join(', '),
    schemaModule: moduleSpecifier(manifest, posix.dirname(helperModule), schema),
  });
  addToEnvExample(tree, entry.env!);
  tree.update(MANIFEST_FILE, serializeManifest({ ...manifest, databases: [...manifest.databases, entry] }));
  return entry;
}

/** The repo's .env.example, when it keeps one, names the new variables (empty). */
function addToEnvExample(tree: Tree, variables: string[]): void {
  const text = tree.read('.env.example');
  if (text === null) return;
  const missing = variables.filter((variable) => !new RegExp(`^\\s*${variable}\\s*=`, 'm').test(text));
  if (missing.length === 0) return;
  tree.update('.env.example', `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${missing.map((variable) => `${variable}=`).join('\n')}\n`);
}

/** What connection cannot do for an adopted repo, refused before anything is planned. */
export function refuseForAdopted(manifest: Manifest, flags: Pick<ConnectionRequest, 'upstream' | 'envVar' | 'ssl'>): void {
  if (manifest.dual) throw new UsageError('connection adds a database of one dialect; this adopted repo is one database in two dialects: add the new one\'s drizzle configs and run create-db-layer init again');
  if (flags.upstream !== undefined) throw new UsageError('--mirror needs the connection modules of a layer create-db-layer scaffolded; in this adopted repo, add the mirror\'s drizzle config (or schema folder) yourself');
  if (flags.envVar !== undefined || flags.ssl !== undefined) {
    throw new UsageError(`--${flags.envVar !== undefined ? 'env-var' : flags.ssl ? 'ssl' : 'no-ssl'} configures a scaffolded layer's shared server settings; in this adopted repo the database gets its own URL: drop it (--url-env names the variable)`);
  }
}
