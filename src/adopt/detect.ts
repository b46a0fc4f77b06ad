/**
 * Adoption: from a repo that already has Drizzle to the manifest describing it. Reads the configs,
 * their schema files (a sample, so a 500-table repo is read as fast as a 5-table one), the
 * connection helpers and package.json; writes nothing.
 */
import { posix } from 'node:path';
import { UserError } from '../errors.js';
import { serializeManifest, type Manifest, type OwnedDatabase } from '../model/manifest.js';
import { camelCase } from '../model/naming.js';
import { DIALECT_CHOICES, DRIVERS, type Casing, type Dialect, type DriverName, type IdStrategy } from '../model/options.js';
import type { Tree } from '../plan/index.js';
import { compilerOptions, importExtensionFor } from '../project/tsconfig.js';
import { inspectSource } from '../transforms/source.js';
import { findConfigFiles, readConfig, type DetectedConfig } from './configs.js';
import { dualPair, dualSide } from './dual.js';
import type { ImportAlias } from '../project/schema-files.js';
import { inferConventions, type Conventions } from './conventions.js';
import { readFileFacts, type FileFacts } from './file-facts.js';
import { findHelpers, type DetectedHelpers } from './helpers.js';
import { resolveSchema, type ResolvedSchema } from './schema-source.js';

/** Schema files read for conventions: a majority of this many is as good as of all of them. */
const SAMPLE = 40;

const KIT_DIALECTS: Record<string, Dialect> = { postgresql: 'postgresql', sqlite: 'sqlite', turso: 'sqlite', mysql: 'mysql' };

export interface Detection {
  manifest: Manifest;
  databases: DetectedDatabase[];
  conventions: Conventions;
}

export interface DetectedDatabase {
  config: DetectedConfig;
  schema: ResolvedSchema;
  helpers?: DetectedHelpers;
  entry: OwnedDatabase;
}

export interface AdoptOverrides {
  casing?: Casing;
  idStrategy?: IdStrategy;
}

export async function detectRepo(tree: Tree, overrides: AdoptOverrides = {}): Promise<Detection> {
  const packageJson = readPackageJson(tree);
  const scripts = packageJson.scripts ?? {};
  const allConfigs = await Promise.all(findConfigFiles(tree.root).map(({ file, name }) => readConfig(tree, file, name)));
  for (const config of allConfigs) {
    if (config.schema === undefined) {
      throw new UserError(`${config.file}: cannot read its schema path without running it (${config.unresolved.join(', ') || 'no schema property'}): write schema as a string or a list of strings, then run init again`);
    }
  }
  const dialectOf = (config: DetectedConfig) => KIT_DIALECTS[config.dialect ?? ''];
  const bad = allConfigs.find((config) => dialectOf(config) === undefined);
  if (bad) throw new UserError(`${bad.file}: dialect ${bad.dialect ?? '(missing)'} is not one create-db-layer supports: set dialect to postgresql, sqlite, turso or mysql`);
  const pair = dualPair(allConfigs, dialectOf);
  const configs = pair ? [pair[0]] : allConfigs;
  const dialects = [...new Set(configs.map(dialectOf))];
  if (dialects.length > 1) {
    throw new UserError(`the drizzle configs use ${dialects.join(' and ')}: create-db-layer adopts one dialect, or SQLite and PostgreSQL as the two sides of one database; move the other configs aside, then run init again`);
  }
  const dialect = dialects[0]!;
  const aliases = tsconfigAliases(tree);
  const tsconfigExtension = importExtensionFor((path) => (path.startsWith('..') ? null : tree.read(path)));
  const schemas = configs.map((config) => resolveSchema(tree, config.schema!, scripts, aliases));
  const facts = await readFacts(tree, schemas.flatMap((schema) => schema.files));
  const conventionsOf = (fileFacts: FileFacts[], configCasing: string | undefined) =>
    inferConventions({
      facts: fileFacts,
      configCasing,
      tsconfigExtension,
      moduleSystem: packageJson.type === 'module' ? 'esm' : 'commonjs',
      aliases,
      overrides,
    });
  const conventions = conventionsOf(facts, configs[0]!.casing);

  const names = configs.map((config, index) => (index === 0 ? 'main' : camelCase(config.name ?? `db${index}`)));
  const primarySchema = schemas[0]!;
  const primaryFolder = primarySchema.source.kind === 'file' ? posix.dirname(primarySchema.entry) : primarySchema.source.folder;
  // A dual repo's folders are schema/sqlite and schema/postgres: its layer is two levels up.
  const dbDir = pair ? parentOf(parentOf(primaryFolder)) : primarySchema.source.kind === 'file' ? posix.dirname(primarySchema.entry) : parentOf(primaryFolder);
  const databases = configs.map((config, index): DetectedDatabase => {
    const schema = schemas[index]!;
    const folder = schema.source.kind === 'file' ? posix.dirname(schema.entry) : schema.source.folder;
    const others = names.filter((_, other) => other !== index);
    const helpers = findHelpers(tree, pair ? dbDir : parentOf(folder), folder, index === 0 ? { others } : { own: names[index]!, others }, dialect);
    const generate = Object.entries(scripts).find(([, command]) => /drizzle-kit\s+generate/.test(command) && configMatches(command, config.file))?.[0];
    const migrateScript = findMigrateScript(tree, parentOf(folder));
    return {
      config,
      schema,
      helpers,
      entry: {
        name: names[index]!,
        primary: index === 0,
        owner: 'owned',
        schema: schema.entry,
        config: config.file,
        out: (config.out ?? 'drizzle').replace(/^\.\//, '').replace(/\/$/, ''),
        migrationsTable: config.migrationsTable ?? '__drizzle_migrations',
        migrationsSchema: config.migrationsSchema ?? 'drizzle',
        helpers: helpers ? { get: helpers.get, close: helpers.close, module: helpers.module, kind: helpers.kind } : { get: 'db', kind: 'instance' },
        schemaSource: schema.source,
        ...(generate ? { generate } : {}),
        ...(migrateScript ? { migrateScript } : {}),
        env: [...new Set([...config.env, ...(helpers?.env ?? [])])],
      },
    };
  });
  const driver = databases[0]!.helpers?.driver;
  const second = pair ? await secondSide(tree, pair[1], dbDir, { scripts, aliases }, (fileFacts) => conventionsOf(fileFacts, pair[1].casing)) : undefined;
  const manifest: Manifest = {
    version: 1,
    dialect,
    driver: driver && DRIVERS[driver].dialect === dialect ? driver : (DIALECT_CHOICES[dialect].defaultDriver as DriverName),
    ...(second ? { dual: second } : {}),
    dbDir,
    layout: primarySchema.source.kind === 'file' ? 'file' : 'folder',
    casing: conventions.casing,
    idStrategy: conventions.idStrategy,
    enumStyle: conventions.enumStyle,
    timestamps: conventions.timestamps,
    importExtension: conventions.importExtension,
    databases: databases.map((database) => database.entry),
    adopted: true,
    style: conventions.style,
  };
  // Parse what we built: a detection the schema refuses is our bug, caught here rather than in the next command.
  serializeManifest(manifest);
  return { manifest, databases, conventions };
}

/** The PostgreSQL side of a dual repo, with the conventions of its own files. */
async function secondSide(tree: Tree, config: DetectedConfig, dbDir: string, repo: { scripts: Record<string, string>; aliases: ImportAlias[] }, conventionsOf: (facts: FileFacts[]) => Conventions) {
  const schema = resolveSchema(tree, config.schema!, repo.scripts, repo.aliases);
  const folder = schema.source.kind === 'file' ? posix.dirname(schema.entry) : schema.source.folder;
  const helpers = findHelpers(tree, dbDir, folder, { others: [] }, 'postgresql');
  return dualSide(config, schema, conventionsOf(await readFacts(tree, schema.files)), helpers);
}

function readPackageJson(tree: Tree): { type?: string; scripts?: Record<string, string> } {
  const text = tree.read('package.json');
  if (text === null) return {};
  try {
    return JSON.parse(text) as { type?: string; scripts?: Record<string, string> };
  } catch {
    throw new UserError('package.json is not valid JSON: fix it, then run init again');
  }
}

async function readFacts(tree: Tree, files: string[]): Promise<FileFacts[]> {
  const sample = [...new Set(files)].slice(0, SAMPLE);
  const facts: FileFacts[] = [];
  for (const file of sample) {
    const text = tree.read(file);
    if (text !== null) facts.push(await inspectSource(file, text, (source) => readFileFacts(source, file)));
  }
  return facts;
}

/** tsconfig `paths` of the form `@/*` -> `src/*`, their targets made relative to the repo root (they are relative to baseUrl). */
function tsconfigAliases(tree: Tree): ImportAlias[] {
  const options = compilerOptions((path) => tree.read(path), 'tsconfig.json', 0) as { baseUrl?: string; paths?: Record<string, string[]> };
  return Object.entries(options.paths ?? {})
    .map(([pattern, targets]) => [pattern, posix.normalize(posix.join(options.baseUrl ?? '.', targets[0] ?? ''))] as const)
    .filter(([pattern, target]) => pattern.endsWith('*') && target.endsWith('*'))
    .map(([pattern, target]) => ({ prefix: pattern.slice(0, -1), target: target.slice(0, -1) }));
}

function parentOf(folder: string): string {
  const parent = posix.dirname(folder);
  return parent === '' ? '.' : parent;
}

/** A package.json script runs this config: `--config <file>`, or no --config for drizzle.config.*. */
function configMatches(command: string, file: string): boolean {
  const flag = /--config[= ]\s*(\S+)/.exec(command)?.[1]?.replace(/^\.\//, '');
  return flag === undefined ? /^drizzle\.config\.\w+$/.test(file) : flag === file;
}

/** The module of the layer that applies migrations (calls a drizzle migrator's migrate()). */
function findMigrateScript(tree: Tree, dir: string): string | undefined {
  for (const candidate of [`${dir}/migrate.ts`, `${dir}/migrate.mts`, 'scripts/migrate.ts', 'src/migrate.ts', 'migrate.ts']) {
    const text = tree.read(candidate);
    if (text !== null && /drizzle-orm\/[\w-]+\/migrator/.test(text)) return candidate;
  }
  return undefined;
}
