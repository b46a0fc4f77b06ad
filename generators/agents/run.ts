/**
 * Running `agents`: render every guide from the repo, then write it (or, with --check, compare).
 */
import type { ParsedArgs } from '../../src/args.js';
import { commitPlan, workingDir, type Io } from '../../src/command.js';
import { planGuides, staleGuides } from '../../src/agents/guide.js';
import { UsageError, UserError } from '../../src/errors.js';
import { Tree } from '../../src/plan/index.js';
import { findLayerRoot, requireManifest } from '../../src/project/manifest.js';

export async function runAgents(args: ParsedArgs, io: Io): Promise<void> {
  if (args.positionals.length > 0) throw new UsageError(`agents takes no arguments (got ${args.positionals.join(' ')})`);
  const tree = new Tree(findLayerRoot(workingDir(args, io)));
  const manifest = requireManifest(tree, 'agents');
  if (args.flags.check === true) {
    const stale = await staleGuides(tree, manifest);
    for (const guide of stale) io.out(`✗ ${guide.file}: out of date: ${guide.sections.join(', ')}`);
    if (stale.length > 0) throw new UserError('the guides no longer match the repo: run create-db-layer agents to refresh them');
    io.out('✓ the AGENTS.md guides match the repo');
    return;
  }
  await planGuides(tree, manifest);
  const result = await commitPlan(tree, { dryRun: args.flags['dry-run'] === true, force: args.flags.force === true, conflicts: [] }, io);
  if (result === 'up-to-date') io.out('✓ the AGENTS.md guides are up to date');
  else if (result === 'applied') io.out('✓ AGENTS.md guides written');
}
