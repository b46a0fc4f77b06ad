/**
 * Running `connection`: answers from argv (or prompts), the plan, and for a mirror its first
 * sync, committed together.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ParsedArgs } from '../../src/args.js';
import { guidePath, planGuides } from '../../src/agents/guide.js';
import { commitPlan, workingDir, type Io } from '../../src/command.js';
import { UsageError, UserError } from '../../src/errors.js';
import { isDirectory } from '../../src/mirror/files.js';
import { databaseDir, driverClients, scriptPrefix, SYNC_SCRIPT } from '../../src/model/layer.js';
import { isOwned, MANIFEST_FILE, serializeManifest, type Manifest } from '../../src/model/manifest.js';
import { Tree } from '../../src/plan/index.js';
import { findLayerRoot, requireManifest } from '../../src/project/manifest.js';
import { planAdoptedConnection, refuseForAdopted } from './adopted.js';
import { detectPackageManager, PACKAGE_MANAGERS } from '../../src/project/package-manager.js';
import { answerMode, ask, choose } from '../../src/prompt.js';
import { planSync, upstreamFromFlag } from '../sync/plan.js';
import { checkDatabaseName, checkEnvName, planConnection, refuseDualLayer, refuseServerOnlyFlags, type ConnectionRequest } from './plan.js';

export async function runConnection(args: ParsedArgs, io: Io): Promise<void> {
  if (args.positionals.length > 1) throw new UsageError(`connection takes one database name (got ${args.positionals.join(' ')})`);
  const tree = new Tree(findLayerRoot(workingDir(args, io)));
  const manifest = requireManifest(tree, 'connection');
  const flag = (name: string) => args.flags[name] as string | undefined;
  if (manifest.adopted) {
    refuseForAdopted(manifest, { upstream: flag('mirror'), envVar: flag('env-var'), ssl: args.flags.ssl as boolean | undefined });
  } else {
    refuseDualLayer(manifest);
    refuseServerOnlyFlags(manifest, { envVar: flag('env-var'), ssl: args.flags.ssl as boolean | undefined });
  }
  if (flag('env-var') !== undefined && flag('url-env') !== undefined) {
    throw new UsageError('--env-var and --url-env exclude each other: the database either shares the primary server (--env-var) or has its own URL (--url-env)');
  }
  for (const name of ['env-var', 'url-env']) if (flag(name) !== undefined) checkEnvName(name, flag(name)!);
  const mode = answerMode(args.flags.yes === true, io);
  const needsName = new UsageError('connection needs a name: create-db-layer connection <name> (see create-db-layer connection --help)');
  if (args.positionals[0] === undefined && !mode.interactive) throw needsName;
  const name = args.positionals[0] ?? (await ask({ flag: 'name', message: 'Database name (e.g. workflows)', fallback: '', validate: validator(manifest) }, mode));
  if (name === '') throw needsName;
  checkDatabaseName(manifest, name);
  if (manifest.adopted) return executeConnection(tree, manifest, { name, urlEnv: flag('url-env'), force: args.flags.force === true }, { dryRun: args.flags['dry-run'] === true }, io);
  let mirror = flag('mirror');
  if (mirror === undefined && args.positionals.length === 0 && mode.interactive) {
    const kind = await choose<'owned' | 'mirror'>({ flag: 'mirror', message: 'Who owns its schema?', fallback: 'owned', choices: OWNER_CHOICES }, mode);
    if (kind === 'mirror') mirror = await ask({ flag: 'mirror', message: 'Upstream schema folder (e.g. ../webapp/src/db/schema)', fallback: '' }, mode);
  }
  if (mirror === '') throw new UsageError('--mirror needs the upstream schema folder, e.g. --mirror ../webapp/src/db/schema');
  const request: ConnectionRequest = {
    name,
    upstream: mirror === undefined ? undefined : upstreamFromFlag(tree.root, workingDir(args, io), mirror),
    envVar: flag('env-var'),
    urlEnv: flag('url-env'),
    ssl: args.flags.ssl as boolean | undefined,
    force: args.flags.force === true,
  };
  if (mirror !== undefined && !isDirectory(resolve(workingDir(args, io), mirror))) {
    throw new UserError(`--mirror ${mirror}: no such folder; pass the upstream repo's schema folder, e.g. --mirror ../webapp/src/db/schema`);
  }
  await executeConnection(tree, manifest, request, { dryRun: args.flags['dry-run'] === true }, io);
  // Said after success, so a refused run stays one line.
  if (mirror !== undefined && isAbsolute(mirror)) io.out(`  note: --mirror ${mirror} is stored relative to the repo, as ${request.upstream}`);
}

const OWNER_CHOICES = {
  owned: { summary: 'this repo: migrations generated and applied here' },
  mirror: { summary: 'an upstream repo: copied in by sync, read-only' },
};

function validator(manifest: Manifest): (value: string) => string | undefined {
  return (value) => {
    try {
      checkDatabaseName(manifest, value.trim());
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
}

async function executeAdoptedConnection(tree: Tree, manifest: Manifest, request: ConnectionRequest, options: { dryRun: boolean }, io: Io): Promise<void> {
  const database = await planAdoptedConnection(tree, manifest, request);
  // The guide describes every database: refreshed when the repo has one (create-db-layer agents writes it).
  const updated = { ...manifest, databases: [...manifest.databases, database] };
  if (tree.exists(guidePath(updated))) await planGuides(tree, updated);
  const outcome = await commitPlan(tree, { dryRun: options.dryRun, force: request.force, conflicts: tree.conflicts() }, io);
  if (outcome !== 'applied') return;
  const exec = PACKAGE_MANAGERS[detectPackageManager(tree.root)].exec('create-db-layer');
  io.out(`✓ database ${database.name} added: ${database.helpers.get}() / ${database.helpers.close}() in ${database.helpers.module}, its drizzle config ${database.config}`);
  io.out(`  set ${database.env!.join(' and ')}; add tables: ${exec} table <name> … --db ${database.name} (migrations go to ${database.out}/)`);
}

/** Adds the database, the adopted repo's way when its layer was adopted (plop's connection comes here too). */
export async function executeConnection(tree: Tree, manifest: Manifest, request: ConnectionRequest, options: { dryRun: boolean }, io: Io): Promise<void> {
  if (manifest.adopted) return executeAdoptedConnection(tree, manifest, request, options, io);
  const packageManager = PACKAGE_MANAGERS[detectPackageManager(tree.root)];
  const updated = await planConnection(tree, manifest, request, (bin) => packageManager.exec(bin));
  const database = updated.databases.at(-1)!;
  const notes: string[] = [];
  let final = updated;
  if (!isOwned(database)) {
    const synced = await planSync(tree, updated, database, request.force);
    notes.push(...synced.notes);
    final = { ...updated, databases: updated.databases.map((entry) => (entry.name === database.name ? synced.database : entry)) };
    tree.update(MANIFEST_FILE, serializeManifest(final));
  }
  await planGuides(tree, final);
  const outcome = await commitPlan(tree, { dryRun: options.dryRun, force: request.force, conflicts: tree.conflicts() }, io);
  for (const note of notes) io.err(`! ${note}`);
  if (outcome !== 'applied') return;
  const dir = databaseDir(updated, database);
  io.out(`✓ database ${database.name} added: ${database.helpers.get}() / ${database.helpers.close}() in ${dir}/connection.ts, db.${database.name} in ${updated.dbDir}/index.ts`);
  if (isOwned(database)) {
    io.out(`  add tables: create-db-layer table <name> … --db ${database.name}; apply them: ${packageManager.run(`${scriptPrefix(database)}:migrate`)}`);
    const variable = database.connection?.url ?? database.connection?.databaseName;
    if (driverClients(updated).server) io.out(`  set ${variable} in .env when the layer uses a server (see .env.example)`);
  } else {
    io.out(`✓ mirror of ${database.upstream}; refresh it with ${packageManager.run(SYNC_SCRIPT)}`);
  }
}
