/**
 * Formats generated files with prettier and the target's own prettier config (or prettier's
 * defaults), so generated code looks like the code around it. prettier is loaded on first use.
 */
import { join } from 'node:path';

type Prettier = typeof import('prettier');
let prettierModule: Promise<Prettier> | undefined;

const FORMATTED = /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/;

export async function formatFile(root: string, path: string, content: string): Promise<string> {
  if (!FORMATTED.test(path)) return content;
  prettierModule ??= import('prettier');
  const prettier = await prettierModule;
  const filepath = join(root, path);
  const options = (await prettier.resolveConfig(filepath, { editorconfig: true })) ?? {};
  return prettier.format(content, { ...options, filepath });
}
