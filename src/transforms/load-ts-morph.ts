/**
 * Loads ts-morph with a V8 code cache: the TypeScript compiler it bundles (8.8 MB of JavaScript)
 * and its own two bundles are most of its ~0.5 s import. Node 20 has no module compile cache
 * (module.enableCompileCache is Node 22+), so the compiler is compiled through vm.Script with
 * cachedData, the technique of v8-compile-cache. The cache lives in the OS temp folder, keyed by
 * Node version and the compiler file; V8 itself rejects a cache that does not fit, and then a
 * new one is written. Any problem falls back to a plain import.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

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
    for (const file of [join(dirname(common), 'typescript.js'), common, tsMorph]) preloadWithCodeCache(file);
  } catch {
    // No cache is only slower.
  }
}

/**
 * A file's text. The compiler is 8.8 MB of pure ASCII: decoded as latin1 (the same string for
 * ASCII) it skips UTF-8 validation, about half of the read.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function preloadWithCodeCache(file: string): void {
  const require = createRequire(file);
  if (require.cache[file]) return;
  const stats = statSync(file);
  const key = createHash('sha1').update(`${process.version}:${file}:${stats.size}:${stats.mtimeMs}`).digest('hex').slice(0, 16);
  const cacheFile = join(tmpdir(), `create-db-layer-v8-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readSource(file)), { filename: file, cachedData });
  const compiled = script.runInThisContext() as (...args: unknown[]) => void;
  const module = new Module(file);
  module.filename = file;
  compiled.call(module.exports, module.exports, require, module, file, dirname(file));
  module.loaded = true;
  require.cache[file] = module;
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so the functions this run compiled are in the cache too.
    process.once('exit', () => {
      try {
        writeFileSync(cacheFile, script.createCachedData());
      } catch {
        // A read-only temp folder only costs speed.
      }
    });
  }
}
