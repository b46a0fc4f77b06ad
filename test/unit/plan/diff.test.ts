import { describe, expect, it } from 'vitest';
import { renderDiff, summarizeChanges, type FileChange } from '../../../src/plan/index.js';

const lines = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`).join('\n') + '\n';

const created: FileChange = { path: 'src/db/config.ts', before: null, after: 'export const a = 1;\nexport const b = 2;\n' };
const modified: FileChange = {
  path: 'package.json',
  before: lines(1, 10),
  after: lines(1, 10).replace('line 5\n', 'line five\n'),
};

describe('renderDiff', () => {
  it('diffs a new file against /dev/null', async () => {
    expect(await renderDiff([created])).toBe(
      [
        '--- /dev/null',
        '+++ b/src/db/config.ts',
        '@@ -0,0 +1,2 @@',
        '+export const a = 1;',
        '+export const b = 2;',
        '',
      ].join('\n'),
    );
  });

  it('diffs a modified file with three lines of context', async () => {
    expect(await renderDiff([modified])).toBe(
      [
        '--- a/package.json',
        '+++ b/package.json',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        '',
      ].join('\n'),
    );
  });

  it('concatenates one patch per change, in the given order', async () => {
    expect(await renderDiff([created, modified])).toBe(await renderDiff([created]) + await renderDiff([modified]));
    expect(await renderDiff([])).toBe('');
  });
});

describe('renderDiff of a deletion', () => {
  it('diffs the removed file against /dev/null', async () => {
    const patch = await renderDiff([{ path: 'src/db/old.ts', before: 'a\n', after: null }]);
    expect(patch).toContain('--- a/src/db/old.ts\n+++ /dev/null\n');
    expect(patch).toContain('-a\n');
  });
});

describe('summarizeChanges', () => {
  it('lists creates, updates and deletes', () => {
    const deleted = { path: 'src/db/old.ts', before: 'x\n', after: null };
    expect(summarizeChanges([created, modified, deleted])).toBe('  create src/db/config.ts\n  update package.json\n  delete src/db/old.ts');
    expect(summarizeChanges([])).toBe('');
  });
});
