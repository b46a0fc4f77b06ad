/**
 * Loads ts-morph with a V8 code cache (../code-cache.ts): the TypeScript compiler it bundles
 * (8.8 MB of JavaScript) and its own two bundles are most of its ~0.5 s import.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { requireWithCodeCache } from '../code-cache.js';

/**
 * Puts the compiler in require.cache before anything imports ts-morph. Call it before importing
 * modules that import ts-morph (ES imports are evaluated before the importing module's code).
 */
export function primeTypeScriptCache(): void {
  const require = createRequire(import.meta.url);
  try {
    const tsMorph = require.resolve('ts-morph');
    const common = require.resolve('@ts-morph/common', { paths: [dirname(tsMorph)] });
    // Dependencies first, so each file finds the one before it in require.cache.
    for (const file of [join(dirname(common), 'typescript.js'), common, tsMorph]) requireWithCodeCache(file);
  } catch {
    // No cache is only slower.
  }
}
