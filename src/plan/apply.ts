import path from 'node:path';
import {
  atomicWrite,
  makeDirectory,
  missingDirectories,
  readOriginal,
  removeDirectoryIfEmpty,
  removeFile,
  type Original,
} from './fs-ops.js';
import { normalizePlanPath } from './paths.js';
import type { FileChange } from './tree.js';

export interface ApplyOptions {
  /** Called before each file is written; a throw aborts and rolls back (tests inject failures here). */
  beforeWrite?: (change: FileChange, index: number) => void | Promise<void>;
}

export interface AppliedPlan {
  /** Plan paths written, in order. */
  written: string[];
  /** Puts back every file and directory the apply touched. Safe to call more than once. */
  rollback(): Promise<void>;
}

/** The disk no longer matches what the plan was computed from; nothing was written. */
export class StalePlanError extends Error {
  constructor(readonly files: string[]) {
    super(
      `These files changed since the plan was made: ${files.join(', ')}. ` +
        'Nothing was written; run the generator again.',
    );
    this.name = 'StalePlanError';
  }
}

/** Everything needed to undo an apply, recorded as it happens. */
interface Journal {
  files: Original[];
  /** Created directories in creation order, so reversing it removes the deepest first. */
  directories: string[];
}

/**
 * Writes a plan all-or-nothing: verifies every `before`, then writes each file
 * atomically, journalling what it replaced. If any write fails, everything
 * already written is restored and the original error is rethrown.
 */
export async function applyPlan(
  root: string,
  changes: readonly FileChange[],
  options: ApplyOptions = {},
): Promise<AppliedPlan> {
  const originals = await verify(path.resolve(root), changes);
  const journal: Journal = { files: [], directories: [] };
  const written: string[] = [];
  try {
    for (const [index, change] of changes.entries()) {
      await options.beforeWrite?.(change, index);
      const original = originals[index]!;
      if (change.after === null) {
        journal.files.push(original);
        await removeFile(original.target);
        written.push(change.path);
        continue;
      }
      const missing = await missingDirectories(path.dirname(original.target));
      // Journalled before mkdir: a mkdir that fails halfway is still undone.
      journal.directories.push(...missing);
      if (missing.length > 0) await makeDirectory(path.dirname(original.target));
      await atomicWrite(original.target, change.after, original.mode);
      journal.files.push(original);
      written.push(change.path);
    }
  } catch (error) {
    await rollbackThenRethrow(error, () => restore(journal));
  }
  let rolledBack: Promise<void> | undefined;
  return {
    written,
    // Memoized: a second call (or a concurrent one) waits on the same restore.
    rollback: () => (rolledBack ??= restore(journal)),
  };
}

/**
 * Applies, then runs a later step (e.g. drizzle-kit generate). If that step
 * throws, the apply is rolled back so the project is left as it was found.
 */
export async function applyWithRollback(
  root: string,
  changes: readonly FileChange[],
  after: () => Promise<void>,
  options: ApplyOptions = {},
): Promise<AppliedPlan> {
  const applied = await applyPlan(root, changes, options);
  try {
    await after();
  } catch (error) {
    await rollbackThenRethrow(error, () => applied.rollback());
  }
  return applied;
}

/** Checks each file still holds `before` and captures what will be replaced. */
async function verify(root: string, changes: readonly FileChange[]): Promise<Original[]> {
  const seen = new Set<string>();
  const stale: string[] = [];
  const originals: Original[] = [];
  for (const change of changes) {
    const key = normalizePlanPath(change.path);
    // Two writes to one file would journal the first write as "original".
    if (seen.has(key)) throw new Error(`Plan writes ${key} twice`);
    seen.add(key);
    const original = await readOriginal(path.join(root, ...key.split('/')), key);
    const current = original.bytes === null ? null : original.bytes.toString('utf8');
    if (current !== change.before) stale.push(key);
    originals.push(original);
  }
  if (stale.length > 0) throw new StalePlanError(stale);
  return originals;
}

/**
 * Undoes a journal, newest first. Keeps going past individual failures so one
 * stuck file does not leave the others changed, then reports them all.
 */
async function restore(journal: Journal): Promise<void> {
  const failures: unknown[] = [];
  for (const file of [...journal.files].reverse()) {
    try {
      if (file.bytes === null) await removeFile(file.target);
      else await atomicWrite(file.target, file.bytes, file.mode);
    } catch (error) {
      failures.push(error);
    }
  }
  for (const dir of [...journal.directories].reverse()) {
    try {
      await removeDirectoryIfEmpty(dir);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `Rollback incomplete: ${failures.map(message).join('; ')}`);
  }
}

/**
 * Rethrows `error` after rolling back. Only if the rollback itself fails is a
 * different error thrown, because then the project really is half-written and
 * the user must hear about both.
 */
async function rollbackThenRethrow(error: unknown, rollback: () => Promise<void>): Promise<never> {
  try {
    await rollback();
  } catch (rollbackError) {
    throw new AggregateError(
      [error, rollbackError],
      `${message(error)} (and rolling back failed, the project may be partly written: ${message(rollbackError)})`,
    );
  }
  throw error;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
