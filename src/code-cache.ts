/**
 * Requires a large CommonJS file with a V8 code cache: the TypeScript compiler ts-morph bundles
 * (8.8 MB), prettier's standalone build and its plugins. Node 20 has no module compile cache
 * (module.enableCompileCache is Node 22+), so the file is compiled through vm.Script with
 * cachedData, the technique of v8-compile-cache. The cache lives in the OS temp folder, keyed by
 * Node version and the file; V8 itself rejects a cache that does not fit, and then a new one is
 * written. Any problem falls back to a plain require.
 *
 * Only for code without import(): on Node 20 a script restored from a code cache loses its
 * dynamic import callback.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Caches to write: files compiled without a usable cache, with the script that compiled them. */
const unsaved = new Map<string, Script>();

/** module.exports of `file`, loaded through the code cache and put in require.cache. */
export function requireWithCodeCache(file: string): unknown {
  const require = createRequire(file);
  const cached = require.cache[file];
  if (cached) return cached.exports;
  try {
    preload(file, require);
  } catch {
    // No cache is only slower.
  }
  return require(file);
}

/**
 * Writes the caches this thread still owes, with every function compiled so far. Runs at exit;
 * a worker thread, which may be terminated without one, calls it once its work is done.
 */
export function writeCodeCaches(): void {
  for (const [cacheFile, script] of unsaved) {
    try {
      writeFileSync(cacheFile, script.createCachedData());
    } catch {
      // A read-only temp folder only costs speed.
    }
  }
  unsaved.clear();
}

function preload(file: string, require: NodeJS.Require): void {
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
    if (unsaved.size === 0) process.once('exit', writeCodeCaches);
    unsaved.set(cacheFile, script);
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
