/**
 * A cheaper prettier for the common case: a TypeScript file in a repo with no prettier config.
 * prettier's standalone build and the two plugins TypeScript needs are plain CommonJS, so they
 * load through the V8 code cache (../code-cache.ts); the full `prettier` package is ES modules
 * (no cache on Node 20) and also loads config loaders (yaml, toml, json5, editorconfig…) that a
 * repo without a config never uses. Loading and warming it up cost ~0.5 s of CPU, this ~0.3 s
 * (measured). The output is prettier's own: the same core, the same plugins, the options the
 * full package would resolve (none: its defaults), compared over every template in the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Options } from 'prettier';
import { requireWithCodeCache } from '../code-cache.js';

/** The files prettier 3 searches for a config (its config-searcher.js, checked by a test); package.json only counts with a "prettier" key. */
export const PRETTIER_CONFIG_FILES = [
  'package.json',
  'package.yaml',
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yml',
  '.prettierrc.yaml',
  '.prettierrc.json5',
  '.prettierrc.js',
  'prettier.config.js',
  '.prettierrc.ts',
  'prettier.config.ts',
  '.prettierrc.mjs',
  'prettier.config.mjs',
  '.prettierrc.mts',
  'prettier.config.mts',
  '.prettierrc.cjs',
  'prettier.config.cjs',
  '.prettierrc.cts',
  'prettier.config.cts',
  '.prettierrc.toml',
];

/** Files the standalone build formats: TypeScript, whose parser the full package would infer. */
export const STANDALONE_FILES = /\.(ts|mts|cts)$/;

/**
 * Whether a prettier config or an .editorconfig could apply to `filepath`: any of them in its
 * folder or a parent, up to the file system's root. A superset of what prettier itself reads
 * (it stops .editorconfig at the project root), so a false "no" cannot happen.
 */
export function prettierConfigMayApply(filepath: string): boolean {
  for (let dir = dirname(filepath); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.editorconfig'))) return true;
    for (const name of PRETTIER_CONFIG_FILES) {
      const file = join(dir, name);
      if (existsSync(file) && (name !== 'package.json' || packageJsonConfigures(file))) return true;
    }
    if (dirname(dir) === dir) return false;
  }
}

function packageJsonConfigures(file: string): boolean {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof json === 'object' && json !== null && 'prettier' in json;
  } catch {
    // A package.json prettier cannot read either: let the full package decide.
    return true;
  }
}

type Standalone = typeof import('prettier/standalone');
let standalone: { prettier: Standalone; plugins: unknown[] } | undefined;

/** prettier's format with prettier's defaults, for a file STANDALONE_FILES accepts. */
export async function formatStandalone(text: string, options: Options = {}): Promise<string> {
  standalone ??= loadStandalone();
  return standalone.prettier.format(text, { ...options, parser: 'typescript', plugins: standalone.plugins as Options['plugins'] });
}

function loadStandalone(): NonNullable<typeof standalone> {
  const require = createRequire(import.meta.url);
  const load = (id: string) => requireWithCodeCache(require.resolve(id));
  return { prettier: load('prettier/standalone') as Standalone, plugins: [load('prettier/plugins/typescript'), load('prettier/plugins/estree')] };
}
