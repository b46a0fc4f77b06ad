import type { FileChange } from './tree.js';

/**
 * Unified diff of a plan, one patch per file, in git's header style
 * (`--- a/path` / `+++ b/path`, `/dev/null` for new files) so --dry-run output
 * reads like `git diff` and pipes into the usual diff viewers. The diff package is imported here,
 * not with the module: only --dry-run needs it, and its 19 modules cost every command ~20 ms.
 */
export async function renderDiff(changes: readonly FileChange[]): Promise<string> {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import('diff');
  return changes
    .map((change) =>
      createTwoFilesPatch(
        change.before === null ? '/dev/null' : `a/${change.path}`,
        change.after === null ? '/dev/null' : `b/${change.path}`,
        change.before ?? '',
        change.after ?? '',
        undefined,
        undefined,
        // No "Index:"/"====" preamble: git does not print one either.
        { context: 3, headerOptions: FILE_HEADERS_ONLY },
      ),
    )
    .join('');
}

const verb = (change: FileChange) => (change.after === null ? 'delete' : change.before === null ? 'create' : 'update');

/** One line per change (`  create path` / `  update path` / `  delete path`), for the default, non-diff output. */
export function summarizeChanges(changes: readonly FileChange[]): string {
  return changes.map((change) => `  ${verb(change)} ${change.path}`).join('\n');
}
