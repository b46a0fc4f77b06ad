/**
 * init's plan: every file of a new database layer, computed in memory from the answers and
 * the repo as it is. Pure apart from reading the target through the Tree.
 */
import { basename } from 'node:path';
import { planGuides } from '../../src/agents/guide.js';
import { serializeManifest, MANIFEST_FILE, parseManifest, type Manifest } from '../../src/model/manifest.js';
import type { InitAnswers } from '../../src/model/init-answers.js';
import { DIALECT_SPECS, layerTemplate } from '../../src/model/dialects.js';
import { dualEntry, isDual, sideSchema } from '../../src/model/dual.js';
import { dataRoots, layerContext, layerScripts, layerPackages } from '../../src/model/layer.js';
import { ID_STRATEGIES } from '../../src/model/options.js';
import type { Tree } from '../../src/plan/index.js';
import { appendGitignore } from '../../src/project/gitignore.js';
import { applyScriptOverrides, mergePackageJson } from '../../src/project/package-json.js';
import { PACKAGE_MANAGERS, type PackageManager } from '../../src/project/package-manager.js';
import { importExtensionFor } from '../../src/project/tsconfig.js';
import { formatFile } from '../../src/render/format.js';
import { renderTemplate } from '../../src/render/templates.js';
import { VERSIONS, type PinnedPackage } from '../../src/versions.js';
import { dualLayerFiles } from './dual.js';

/** The CI job that runs db:check, like seed 004's "check for uncommitted migrations" step. */
export const CI_WORKFLOW = '.github/workflows/db-check.yml';

export interface InitPlanInput {
  answers: InitAnswers;
  packageManager: PackageManager;
  /** How the target depends on create-db-layer itself (its plopfile loads our generators). */
  selfSpec: string;
  force: boolean;
  /** Write .github/workflows/db-check.yml (--no-ci opts out). */
  ci?: boolean;
}

export interface InitPlan {
  manifest: Manifest;
  /** Files and package.json entries that differ from what init owns. */
  conflicts: string[];
  /** Things the user should know that are not errors (a kept dependency version). */
  notes: string[];
}

/** The manifest init records: the answers, plus what an earlier run recorded (other databases). */
export function initManifest(tree: Tree, answers: InitAnswers): Manifest {
  const existingText = tree.read(MANIFEST_FILE);
  const existing = existingText === null ? undefined : parseManifest(existingText);
  const dual = answers.dialect === 'dual';
  // A dual layer's primary database is its SQLite side; `dual` records the PostgreSQL side.
  const dialect = answers.dialect === 'dual' ? 'sqlite' : answers.dialect;
  const schema = dual ? sideSchema(answers.dbDir, 'sqlite') : answers.layout === 'folder' ? `${answers.dbDir}/schema/index.ts` : `${answers.dbDir}/schema.ts`;
  const primary = {
    name: 'main',
    primary: true,
    owner: 'owned' as const,
    config: 'drizzle.config.ts',
    out: 'drizzle',
    migrationsTable: '__drizzle_migrations',
    migrationsSchema: 'drizzle',
    helpers: { get: 'getDatabase', close: 'closeDatabaseConnection' },
    ...existing?.databases.find((database) => database.primary),
    schema,
  };
  return {
    version: 1,
    enumStyle: DIALECT_SPECS[dialect].defaultEnumStyle,
    timestamps: true,
    importExtension: importExtensionFor((path) => (path.startsWith('..') ? null : tree.read(path))),
    ...existing,
    dialect,
    driver: answers.driver,
    dual: dual ? { ...dualEntry(answers.dbDir), migrationHashes: existing?.dual?.migrationHashes } : undefined,
    dbDir: answers.dbDir,
    layout: answers.layout,
    casing: answers.casing,
    idStrategy: answers.idStrategy,
    databases: [primary, ...(existing?.databases.filter((database) => !database.primary) ?? [])],
  };
}

/** A file of the layer: the template rendering it, and what it renders with. */
export interface LayerFile {
  template: string;
  context: object;
}

/** Layer files: `own` files are init's (a differing one is a conflict), `grow` files belong to later generators once they exist. */
function layerFiles(manifest: Manifest, extra: object): { own: Record<string, LayerFile>; grow: Record<string, LayerFile> } {
  if (isDual(manifest)) return dualLayerFiles(manifest, extra);
  const dir = manifest.dbDir;
  const schemaTemplate = manifest.layout === 'folder' ? 'layer/schema-index.ts' : 'layer/schema-file.ts';
  const context = { ...layerContext(manifest, manifest.databases[0]!), ...extra };
  const file = (template: string): LayerFile => ({ template: layerTemplate(manifest, template), context });
  return {
    own: {
      [`${dir}/config.ts`]: file('layer/config.ts'),
      [`${dir}/connection.ts`]: file('layer/connection.ts'),
      [`${dir}/run-script.ts`]: file('layer/run-script.ts'),
      [`${dir}/migrate.ts`]: file('layer/migrate.ts'),
      [`${dir}/reset.ts`]: file('layer/reset.ts'),
      [`${dir}/nuke.ts`]: file('layer/nuke.ts'),
      'drizzle.config.ts': file('layer/drizzle.config.ts'),
      '.env.example': file('layer/env.example'),
    },
    grow: {
      [`${dir}/index.ts`]: file('layer/index.ts'),
      [`${dir}/seed.ts`]: file('layer/seed.ts'),
      [manifest.databases[0]!.schema]: file(schemaTemplate),
      'tsconfig.json': file('layer/tsconfig.json'),
    },
  };
}

export async function planInit(tree: Tree, input: InitPlanInput): Promise<InitPlan> {
  const firstRun = !tree.exists(MANIFEST_FILE);
  const manifest = initManifest(tree, input.answers);
  const extra = { exec: (bin: string) => PACKAGE_MANAGERS[input.packageManager].exec(bin) };
  const render = (file: LayerFile, path: string) => formatFile(tree.root, path, renderTemplate(file.template, file.context));

  const files = layerFiles(manifest, extra);
  for (const [path, file] of Object.entries(files.own)) tree.create(path, await render(file, path));
  const kept: string[] = [];
  for (const [path, file] of Object.entries(files.grow)) {
    if (!tree.exists(path)) tree.createIfMissing(path, await render(file, path));
    else if (path !== 'tsconfig.json' && tree.read(path) !== (await render(file, path))) kept.push(path);
  }

  // package.json first: merging it is what validates it.
  const { conflicts, notes } = planPackageJson(tree, manifest, input);
  const isModule = /"type"\s*:\s*"module"/.test(tree.read('package.json') ?? '');
  const plopfile = isModule ? 'plopfile.js' : 'plopfile.mjs';
  tree.create(plopfile, await render({ template: 'layer/plopfile.js', context: extra }, plopfile));

  if (input.ci !== false) {
    const commands = PACKAGE_MANAGERS[input.packageManager];
    const ci = { setup: commands.ci.setup, install: commands.ci.install, check: commands.run('db:check') };
    tree.createIfMissing(CI_WORKFLOW, renderTemplate('layer/db-check.yml', { ci }));
  }
  await planGuides(tree, manifest);

  const gitignore = appendGitignore(tree.read('.gitignore'), ['.env', ...dataRoots(manifest)]);
  if (gitignore !== null) writeMerged(tree, '.gitignore', gitignore);
  tree.create(MANIFEST_FILE, serializeManifest(manifest));
  // Files the generators grow are never reset; one that is not ours yet may lack what they patch.
  const keptNotes = !firstRun ? [] : kept.map((path) => `kept your existing ${path}; compare it with the template if a later command cannot patch it`);
  return { manifest, conflicts: [...tree.conflicts(), ...conflicts], notes: [...keptNotes, ...notes] };
}

function planPackageJson(tree: Tree, manifest: Manifest, input: InitPlanInput): { conflicts: string[]; notes: string[] } {
  const packages = layerPackages(manifest);
  const pinned = (names: readonly string[]) =>
    Object.fromEntries(names.map((name) => [name, VERSIONS[name as PinnedPackage]]));
  // A repo without a tsconfig gets ours, and the compiler and Node types it needs.
  const needsTypeScript = tree.changes().some((change) => change.path === 'tsconfig.json' && change.before === null);
  const scripts = layerScripts(manifest);
  const existing = tree.read('package.json');
  const dependencies = pinned([...packages.dependencies, ...ID_STRATEGIES[manifest.idStrategy].dependencies]);
  const devDependencies = pinned([...packages.devDependencies, 'plop', '@types/node', ...(needsTypeScript ? ['typescript'] : [])]);
  const merged = mergePackageJson(existing, {
    name: basename(tree.root).toLowerCase().replace(/[^a-z0-9._-]+/g, '-'),
    type: 'module',
    scripts,
    dependencies,
    devDependencies: { ...devDependencies, 'create-db-layer': input.selfSpec },
  });
  const content = input.force && merged.conflicts.length > 0 ? applyScriptOverrides(merged.content, scripts) : merged.content;
  writeMerged(tree, 'package.json', content);
  return {
    conflicts: merged.conflicts.map((entry) => `package.json ${entry}`),
    notes: keptVersions(existing, { ...dependencies, ...devDependencies }),
  };
}

/** A dependency the repo already has keeps its version; say so when it is not the one the layer is tested with. */
function keptVersions(existing: string | null, wanted: Record<string, string>): string[] {
  if (existing === null) return [];
  const json = JSON.parse(existing) as Record<string, Record<string, string> | undefined>;
  const have = { ...json.devDependencies, ...json.dependencies };
  return Object.entries(wanted)
    .filter(([name, version]) => have[name] !== undefined && have[name] !== version)
    .map(([name, version]) => `kept your ${name} ${have[name]}; the layer is generated and tested with ${version}`);
}

/** A file init merges into (package.json, .gitignore): never a conflict, created when missing. */
function writeMerged(tree: Tree, path: string, content: string): void {
  if (tree.exists(path)) tree.update(path, content);
  else tree.create(path, content);
}
