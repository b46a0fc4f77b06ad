/**
 * Formats generated code with prettier and the target's own prettier config (or prettier's
 * defaults), so it looks like the code around it. A new file is formatted whole; a patched file
 * only where the patch changed it, so a user's own code keeps its formatting and a 500-line
 * barrel is not re-printed for one added line. prettier is loaded on first use.
 */
import { join } from 'node:path';
import { diffLines } from 'diff';

type Prettier = typeof import('prettier');
let prettierModule: Promise<Prettier> | undefined;

const FORMATTED = /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/;

async function options(root: string, path: string) {
  prettierModule ??= import('prettier');
  const prettier = await prettierModule;
  const filepath = join(root, path);
  return { prettier, options: { ...((await prettier.resolveConfig(filepath, { editorconfig: true })) ?? {}), filepath } };
}

/** A whole new file. */
export async function formatFile(root: string, path: string, content: string): Promise<string> {
  if (!FORMATTED.test(path)) return content;
  const { prettier, options: config } = await options(root, path);
  return prettier.format(content, config);
}

/**
 * A patched file: prettier's range formatting over each run of lines the patch added, last
 * first so earlier offsets stay valid. Statements the patch did not touch are left as they are.
 */
export async function formatChange(root: string, path: string, before: string, after: string): Promise<string> {
  if (!FORMATTED.test(path) || before === after) return after;
  const { prettier, options: config } = await options(root, path);
  let text = after;
  for (const range of addedRanges(before, after).reverse()) {
    text = await prettier.format(text, { ...config, rangeStart: range.start, rangeEnd: range.end });
  }
  return text;
}

function addedRanges(before: string, after: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let offset = 0;
  for (const part of diffLines(before, after)) {
    if (part.removed) continue;
    if (part.added) ranges.push({ start: offset, end: offset + part.value.length });
    offset += part.value.length;
  }
  return ranges;
}
