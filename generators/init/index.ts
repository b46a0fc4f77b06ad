/**
 * `create-db-layer [init] [dir]`: scaffold a database layer into a new or existing repository.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import type { ParsedArgs } from '../../src/args.js';
import { COMMON_FLAGS, commitPlan, workingDir, type Command, type Io } from '../../src/command.js';
import { UsageError, UserError } from '../../src/errors.js';
import { INIT_DEFAULTS, INIT_DIALECTS, initDrivers, InitAnswersSchema, type InitAnswers, type InitDialect } from '../../src/model/init-answers.js';
import { isDual, layerSides } from '../../src/model/dual.js';
import { MANIFEST_FILE, parseManifest, type Manifest } from '../../src/model/manifest.js';
import { checkRelativeDir } from '../../src/model/naming.js';
import { CASINGS, DRIVERS, ID_STRATEGIES, keysOf, LAYOUTS } from '../../src/model/options.js';
import { Tree } from '../../src/plan/index.js';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../../src/package-info.js';
import { detectPackageManager, PACKAGE_MANAGERS, type PackageManager } from '../../src/project/package-manager.js';
import { resolveSelfSpec } from '../../src/project/self-spec.js';
import { answerMode, ask, choose, type AnswerMode } from '../../src/prompt.js';
import { findConfigFiles, findNestedConfigs } from '../../src/adopt/configs.js';
import type { Casing, IdStrategy } from '../../src/model/options.js';

const FLAGS = {
  ...COMMON_FLAGS,
  install: { type: 'boolean', negatable: true, description: 'skip installing dependencies (--no-install)' },
  ci: { type: 'boolean', negatable: true, description: 'no .github/workflows/db-check.yml running db:check (--no-ci)' },
  dialect: { type: 'string', values: keysOf(INIT_DIALECTS), description: 'SQL dialect: postgresql, sqlite, mysql, or dual (SQLite and PostgreSQL, chosen by DB_TYPE) (default postgresql)' },
  driver: { type: 'string', values: keysOf(DRIVERS), description: 'how the layer connects (default auto for postgresql: PGlite without a server; libsql for sqlite and dual, or better-sqlite3; mysql2 for mysql)' },
  'db-dir': { type: 'string', valueName: 'dir', description: 'folder of the layer, relative to the repo (default src/db)' },
  layout: { type: 'string', values: keysOf(LAYOUTS), description: 'schema/ folder with a barrel, or one schema.ts (default folder)' },
  casing: { type: 'string', values: keysOf(CASINGS), description: 'database column naming (default snake_case)' },
  id: { type: 'string', values: keysOf(ID_STRATEGIES), description: 'primary-key strategy of new tables (default uuid)' },
  adopt: { type: 'boolean', negatable: true, description: 'in a repo with a drizzle config: record it in db-layer.json and change nothing else (default); --no-adopt scaffolds over it' },
  'add-scripts': { type: 'boolean', description: 'when adopting: also add the missing package.json scripts (db:generate, db:check…)' },
  'add-plopfile': { type: 'boolean', description: 'when adopting: also write plopfile.js, so `npx plop table` works' },
} as const;

export const initCommand: Command = {
  name: 'init',
  usage: 'create-db-layer [init] [dir] [flags]',
  summary: 'scaffold a Drizzle database layer into [dir] (default: the current folder)',
  flags: FLAGS,
  run: runInit,
};

async function runInit(args: ParsedArgs, io: Io): Promise<void> {
  if (args.positionals.length > 1) {
    throw new UsageError(`init takes one folder, got ${args.positionals.length}: ${args.positionals.join(' ')}`);
  }
  const root = resolve(workingDir(args, io), args.positionals[0] ?? '.');
  assertUsableRoot(root);
  const tree = new Tree(root);
  const existing = readManifest(tree);
  // An adopted repo re-runs adoption: a config added since then becomes a database.
  if ((existing?.adopted || (!existing && findConfigFiles(tree.root).length > 0)) && args.flags.adopt !== false) return adoptRepo(tree, args, io, existing);
  if (!existing && args.flags.adopt !== false) refuseNestedConfigs(root, io.cwd);
  const answers = await resolveAnswers(args, existing, answerMode(args.flags.yes === true, io));
  const packageManager = detectPackageManager(root);
  const force = args.flags.force === true;
  const selfSpec = resolveSelfSpec({ packageRoot: PACKAGE_ROOT, version: PACKAGE_VERSION, targetDir: root, env: io.env });
  const { planInit } = await import('./plan.js');
  const plan = await planInit(tree, { answers, packageManager, selfSpec, force, ci: args.flags.ci !== false });

  const result = await commitPlan(tree, { dryRun: args.flags['dry-run'] === true, force, conflicts: plan.conflicts }, io);
  const where = relative(io.cwd, root) || '.';
  if (result === 'up-to-date') {
    io.out(`✓ ${where}: the database layer is already up to date`);
    return;
  }
  if (result === 'dry-run') return;
  io.out(`✓ database layer written to ${where}`);
  for (const note of plan.notes) io.out(`  note: ${note}`);

  const commands = PACKAGE_MANAGERS[packageManager];
  if (args.flags.install !== false) install(root, packageManager);
  io.out(nextSteps(plan.manifest, packageManager, where, args.flags.install === false ? commands.install.join(' ') : undefined));
}

/** init in a repo that has Drizzle already: detect, print what was found, write only the manifest. */
async function adoptRepo(tree: Tree, args: ParsedArgs, io: Io, recorded: Manifest | undefined): Promise<void> {
  for (const flag of ['dialect', 'driver', 'db-dir', 'layout'] as const) {
    if (args.flags[flag] !== undefined) {
      throw new UsageError(`--${flag} scaffolds a new layer, but this repo has a drizzle config to adopt: drop --${flag}, or pass --no-adopt to scaffold over it`);
    }
  }
  // Imported here, not above: every command imports this module, few adopt (or scaffold).
  const [{ detectRepo }, { detectionReport }, { planAdoption }, { primeTypeScriptCache }] = await Promise.all([
    import('../../src/adopt/detect.js'),
    import('../../src/adopt/report.js'),
    import('./adopt.js'),
    import('../../src/transforms/load-ts-morph.js'),
  ]);
  // Detection reads configs and schema files with ts-morph: load it through the code cache, as table does.
  primeTypeScriptCache();
  const detection = await detectRepo(tree, {
    casing: args.flags.casing as Casing | undefined,
    idStrategy: args.flags.id as IdStrategy | undefined,
  });
  io.out(detectionReport(detection));
  const selfSpec = resolveSelfSpec({ packageRoot: PACKAGE_ROOT, version: PACKAGE_VERSION, targetDir: tree.root, env: io.env });
  const packageManager = detectPackageManager(tree.root);
  const { notes } = await planAdoption(tree, detection, recorded, {
    addScripts: args.flags['add-scripts'] === true,
    addPlopfile: args.flags['add-plopfile'] === true,
    packageManager,
    selfSpec,
  });
  const result = await commitPlan(tree, { dryRun: args.flags['dry-run'] === true, force: args.flags.force === true, conflicts: tree.conflicts() }, io);
  if (result === 'up-to-date') io.out(`✓ ${MANIFEST_FILE} already records this layer`);
  if (result !== 'applied') return;
  io.out(`✓ adopted: ${MANIFEST_FILE} records the layer; no other file changed${notes.length > 0 ? ` except package.json/plopfile (${notes.join('; ')})` : ''}`);
  const exec = PACKAGE_MANAGERS[packageManager].exec('create-db-layer');
  io.out(`\nNext:\n  ${exec} table posts title:text:notNull   # a table in this repo's own style\n  ${exec} check`);
}

/** A monorepo's database package has the config: adopt it there, not scaffold a second layer here. */
function refuseNestedConfigs(root: string, cwd: string): void {
  const nested = findNestedConfigs(root);
  if (nested.length === 0) return;
  const dirs = [...new Set(nested.map((file) => posix.dirname(file)))];
  const where = relative(cwd, join(root, dirs[0]!)) || '.';
  throw new UserError(
    `${nested.slice(0, 3).join(', ')}${nested.length > 3 ? '…' : ''}: ${dirs.length === 1 ? 'that folder has' : 'those folders have'} a drizzle config already: adopt it by running create-db-layer there (create-db-layer --cwd ${where}), or pass --no-adopt to scaffold a new layer here anyway`,
  );
}

function assertUsableRoot(root: string): void {
  const stats = statSync(root, { throwIfNoEntry: false });
  if (stats && !stats.isDirectory()) throw new UserError(`${root} is a file: give init a folder`);
}

function readManifest(tree: Tree): Manifest | undefined {
  const text = tree.read(MANIFEST_FILE);
  try {
    return text === null ? undefined : parseManifest(text);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/** Each answer from its flag, else the manifest of an earlier run, else --yes / a prompt. */
async function resolveAnswers(args: ParsedArgs, manifest: Manifest | undefined, mode: AnswerMode): Promise<InitAnswers> {
  const flag = (name: keyof typeof FLAGS) => (typeof args.flags[name] === 'string' ? (args.flags[name] as string) : undefined);
  const pick = async <T extends string>(name: keyof typeof FLAGS, recorded: T | undefined, question: () => Promise<T>) =>
    (flag(name) as T | undefined) ?? recorded ?? (await question());
  const recordedDialect: InitDialect | undefined = manifest && (isDual(manifest) ? 'dual' : manifest.dialect);
  // --driver pg says postgresql as clearly as --dialect would (unless it fits the recorded dialect: libsql in a dual layer).
  const driverFlag = flag('driver');
  const fitsRecorded = recordedDialect !== undefined && initDrivers(recordedDialect).some((name) => name === driverFlag);
  const impliedDialect = driverFlag !== undefined && driverFlag in DRIVERS && !fitsRecorded ? DRIVERS[driverFlag as keyof typeof DRIVERS].dialect : undefined;
  const dialect = await pick<InitDialect>('dialect', impliedDialect ?? recordedDialect, () =>
    choose({ flag: 'dialect', message: 'SQL dialect', choices: INIT_DIALECTS, fallback: INIT_DEFAULTS.dialect }, mode),
  );
  // The recorded driver only when the dialect stays; a dialect's drivers are the only choices.
  const recordedDriver = recordedDialect === dialect ? manifest?.driver : undefined;
  const dialectDrivers: Record<string, { summary: string }> = Object.fromEntries(initDrivers(dialect).map((name) => [name, DRIVERS[name]]));
  const raw = {
    dialect,
    driver: await pick('driver', recordedDriver, () =>
      choose<string>({ flag: 'driver', message: 'Driver', choices: dialectDrivers, fallback: INIT_DIALECTS[dialect]?.defaultDriver ?? INIT_DEFAULTS.driver }, mode),
    ),
    dbDir: await pick('db-dir', manifest?.dbDir, () =>
      ask({ flag: 'db-dir', message: 'Folder of the database layer', fallback: INIT_DEFAULTS.dbDir, validate: checkRelativeDir }, mode),
    ),
    layout: await pick('layout', manifest?.layout, () =>
      choose({ flag: 'layout', message: 'Schema layout', choices: LAYOUTS, fallback: INIT_DEFAULTS.layout }, mode),
    ),
    casing: await pick('casing', manifest?.casing, () =>
      choose({ flag: 'casing', message: 'Column naming in the database', choices: CASINGS, fallback: INIT_DEFAULTS.casing }, mode),
    ),
    idStrategy: await pick('id', manifest?.idStrategy, () =>
      choose({ flag: 'id', message: 'Primary keys of new tables', choices: ID_STRATEGIES, fallback: INIT_DEFAULTS.idStrategy }, mode),
    ),
  };
  const parsed = InitAnswersSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
  return parsed.data;
}

function install(root: string, packageManager: PackageManager): void {
  const [bin, ...rest] = PACKAGE_MANAGERS[packageManager].install;
  const result = spawnSync(bin!, rest, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    throw new UserError(
      `the layer is written, but "${PACKAGE_MANAGERS[packageManager].install.join(' ')}" failed${result.error ? ` (${result.error.message})` : ''}: fix the install and run it again in ${root}`,
    );
  }
}

/** Where tables are written by hand: the schema file or folder (each dialect's folder in a dual layer). */
function schemaPlaces(manifest: Manifest): string {
  if (manifest.layout === 'file') return join(manifest.dbDir, 'schema.ts');
  return layerSides(manifest).map((side) => `${posix.dirname(side.database.schema)}/`).join(' and ');
}

function nextSteps(manifest: Manifest, packageManager: PackageManager, where: string, pendingInstall?: string): string {
  const run = PACKAGE_MANAGERS[packageManager].run;
  const steps = [
    ...(where === '.' ? [] : [`cd ${where}`]),
    ...(pendingInstall ? [pendingInstall] : []),
    `${PACKAGE_MANAGERS[packageManager].exec('create-db-layer')} table posts title:text:notNull   # or add a table to ${schemaPlaces(manifest)} by hand`,
    run('db:generate'),
    run('db:migrate'),
    run('db:seed'),
  ];
  return `\nNext:\n${steps.map((step) => `  ${step}`).join('\n')}`;
}
