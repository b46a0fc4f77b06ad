/**
 * What every command shares: the common flags, the run context, and how a plan is committed
 * (conflicts refused without --force, --dry-run printed, otherwise applied once).
 */
import { resolve } from 'node:path';
import type { FlagTable, ParsedArgs } from './args.js';
import { UserError } from './errors.js';
import { applyWithRollback, renderDiff, summarizeChanges, type Tree } from './plan/index.js';

export const COMMON_FLAGS: FlagTable = {
  yes: { type: 'boolean', short: 'y', description: 'accept defaults, never prompt' },
  'dry-run': { type: 'boolean', description: 'print the planned changes as a diff and write nothing' },
  force: { type: 'boolean', description: 'overwrite files that differ from what would be generated' },
  cwd: { type: 'string', valueName: 'dir', description: 'run as if started in <dir>' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Extra help text printed after the usage line. */
  details?: string;
  flags: FlagTable;
  run(args: ParsedArgs, io: Io): Promise<void>;
}

export function workingDir(args: ParsedArgs, io: Io): string {
  return resolve(io.cwd, typeof args.flags.cwd === 'string' ? args.flags.cwd : '.');
}

export interface CommitOptions {
  dryRun: boolean;
  force: boolean;
  /** Files (or package.json entries) that differ from what the generator owns. */
  conflicts: string[];
  /** A later step (drizzle-kit generate...); if it fails, every written file is restored. */
  after?: () => Promise<void>;
}

export type CommitResult = 'up-to-date' | 'dry-run' | 'applied';

export async function commitPlan(tree: Tree, options: CommitOptions, io: Io): Promise<CommitResult> {
  if (options.conflicts.length > 0 && !options.force) {
    const list = options.conflicts.join(', ');
    throw new UserError(
      `${list} already exist${options.conflicts.length === 1 ? 's' : ''} with different content: rerun with --force to overwrite, or --dry-run to see the diff`,
    );
  }
  const changes = tree.changes();
  if (changes.length === 0) return 'up-to-date';
  if (options.dryRun) {
    io.out(await renderDiff(changes));
    io.out(`dry run: nothing written. Planned changes:\n${summarizeChanges(changes)}`);
    return 'dry-run';
  }
  await applyWithRollback(tree.root, changes, options.after ?? (async () => {}));
  io.out(summarizeChanges(changes));
  return 'applied';
}
