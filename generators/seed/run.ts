/**
 * Running `seed`: plan the seed (and missing parent seeds), then write it all at once.
 */
import { databaseDir } from '../../src/model/layer.js';
import type { OwnedDatabase } from '../../src/model/manifest.js';
import type { ParsedArgs } from '../../src/args.js';
import { commitPlan, workingDir, type Io } from '../../src/command.js';
import { UsageError } from '../../src/errors.js';
import { Tree } from '../../src/plan/index.js';
import { findLayerRoot, refuseAdopted, requireManifest, selectOwnedDatabase } from '../../src/project/manifest.js';
import { planSeedFor } from './plan.js';

export async function runSeed(args: ParsedArgs, io: Io): Promise<void> {
  const [table, ...extra] = args.positionals;
  if (table === undefined || extra.length > 0) {
    throw new UsageError('seed takes one table: create-db-layer seed <table>');
  }
  const tree = new Tree(findLayerRoot(workingDir(args, io)));
  const manifest = requireManifest(tree, 'seed');
  if (manifest.dual) refuseAdopted(manifest, 'seed', 'a dual repo\'s seeds need the getSchema() of a scaffolded dual layer; write them with your own helpers');
  const database = selectOwnedDatabase(manifest, args.flags.db as string | undefined, 'seed');
  await executeSeed(tree, { manifest, database, table, dryRun: args.flags['dry-run'] === true, force: args.flags.force === true }, io);
}

export async function executeSeed(
  tree: Tree,
  run: { manifest: ReturnType<typeof requireManifest>; database: OwnedDatabase; table: string; dryRun: boolean; force: boolean },
  io: Io,
): Promise<void> {
  const functionName = await planSeedFor(tree, { manifest: run.manifest, database: run.database, table: run.table, failIfSeeded: true });
  const result = await commitPlan(tree, { dryRun: run.dryRun, force: run.force, conflicts: tree.conflicts() }, io);
  if (result !== 'applied') return;
  const registry = `${databaseDir(run.manifest, run.database)}/seed.ts`;
  io.out(`✓ ${functionName} registered in ${registry}`);
  if (run.manifest.adopted) io.out(`  run the seeds: npx tsx ${registry}`);
}
