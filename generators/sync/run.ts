/**
 * Running `sync`: plan every selected mirror, write the manifest once, commit it all at once.
 */
import type { ParsedArgs } from '../../src/args.js';
import { planGuides } from '../../src/agents/guide.js';
import { commitPlan, workingDir, type Io } from '../../src/command.js';
import { UsageError, UserError } from '../../src/errors.js';
import { isOwned, MANIFEST_FILE, serializeManifest, type Manifest, type MirrorDatabase } from '../../src/model/manifest.js';
import { Tree } from '../../src/plan/index.js';
import { findLayerRoot, requireManifest } from '../../src/project/manifest.js';
import { planSync, type SyncResult } from './plan.js';

export async function runSync(args: ParsedArgs, io: Io): Promise<void> {
  if (args.positionals.length > 1) throw new UsageError(`sync takes at most one database name (got ${args.positionals.join(' ')})`);
  const tree = new Tree(findLayerRoot(workingDir(args, io)));
  const manifest = requireManifest(tree, 'sync');
  const mirrors = selectMirrors(manifest, args.positionals[0]);
  await executeSync(tree, manifest, mirrors, { dryRun: args.flags['dry-run'] === true, force: args.flags.force === true }, io);
}

function mirrorNames(manifest: Manifest): string {
  return manifest.databases.filter((database) => !isOwned(database)).map((database) => database.name).join(', ');
}

function selectMirrors(manifest: Manifest, name: string | undefined): MirrorDatabase[] {
  if (name !== undefined) {
    const database = manifest.databases.find((entry) => entry.name === name);
    if (!database) throw new UserError(`no database ${name} in db-layer.json; mirrors: ${mirrorNames(manifest) || 'none'}`);
    if (isOwned(database)) {
      throw new UserError(`${name} is owned here, not a mirror, so there is nothing to sync: only databases added with create-db-layer connection <name> --mirror <dir> sync`);
    }
    return [database];
  }
  const mirrors = manifest.databases.filter((database): database is MirrorDatabase => !isOwned(database));
  if (mirrors.length === 0) throw new UserError('this layer has no mirrors to sync: add one with create-db-layer connection <name> --mirror <upstream schema dir>');
  return mirrors;
}

/** Plans and commits the sync of `mirrors`; also the last step of `connection --mirror`. */
export async function executeSync(
  tree: Tree,
  manifest: Manifest,
  mirrors: MirrorDatabase[],
  options: { dryRun: boolean; force: boolean },
  io: Io,
): Promise<void> {
  const results: SyncResult[] = [];
  for (const mirror of mirrors) results.push(await planSync(tree, manifest, mirror, options.force));
  const synced = new Map(results.map((result) => [result.database.name, result.database]));
  const updated = { ...manifest, databases: manifest.databases.map((database) => synced.get(database.name) ?? database) };
  tree.update(MANIFEST_FILE, serializeManifest(updated));
  await planGuides(tree, updated);
  const outcome = await commitPlan(tree, { dryRun: options.dryRun, force: options.force, conflicts: tree.conflicts() }, io);
  for (const note of results.flatMap((result) => result.notes)) io.err(`! ${note}`);
  if (outcome !== 'applied' && outcome !== 'up-to-date') return;
  for (const result of results) io.out(describe(result));
}

function describe(result: SyncResult): string {
  const { added, changed, removed } = result;
  const name = result.database.name;
  if (added.length + changed.length + removed.length === 0) return `✓ ${name} is up to date with ${result.database.upstream}`;
  const list = (verb: string, files: string[]) => (files.length === 0 ? [] : [`${verb} ${files.length}: ${files.join(', ')}`]);
  return `✓ synced ${name} from ${result.database.upstream}: ${[...list('added', added), ...list('changed', changed), ...list('removed', removed)].join('; ')}`;
}
