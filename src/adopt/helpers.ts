/**
 * The connection helpers a repo already has: an exported function returning a Drizzle instance
 * (`getDb()`), or an exported instance (`export const db = drizzle(…)`), a function that closes it,
 * the driver it opens and the variables it reads. Looked for only in the few files where layers
 * keep them (the layer folder and the usual `db`/`lib` modules), never across the whole repo.
 */
import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Tree } from '../plan/index.js';
import { DRIVERS, type Dialect, type DriverName } from '../model/options.js';
import { envVariables } from './configs.js';

export interface DetectedHelpers {
  module: string;
  get: string;
  close?: string;
  /** `getDb()` (function) or `db` (instance). */
  kind: 'function' | 'instance';
  driver?: DriverName;
  env: string[];
}

/** drizzle-orm entry point -> our driver name (PGlite and node-postgres are separate drivers unless combined). */
const DRIVER_MODULES: Record<string, DriverName> = {
  'drizzle-orm/node-postgres': 'pg',
  'drizzle-orm/postgres-js': 'postgres-js',
  'drizzle-orm/pglite': 'pglite',
  'drizzle-orm/libsql': 'libsql',
  'drizzle-orm/mysql2': 'mysql2',
};

/** `names`: the database's own name for a second database (its helpers carry it: getAnalyticsDb); for the primary, the others' names, to pass over their helpers. */
export function findHelpers(tree: Tree, dbDir: string, schemaFolder: string, names: { own?: string; others: string[] }, dialect?: Dialect): DetectedHelpers | undefined {
  const candidates = [...filesIn(tree, dbDir).filter((file) => !file.startsWith(`${schemaFolder}/`)), ...['src/db.ts', 'src/lib/db.ts', 'src/db/index.ts', 'src/db/client.ts', 'lib/db.ts', 'db.ts']];
  for (const file of [...new Set(candidates)]) {
    const text = tree.read(file);
    if (text === null || !/from\s+['"]drizzle-orm\/[\w-]+['"]/.test(text) || !/\bdrizzle\s*\(/.test(text)) continue;
    const found = helpersIn(text, names);
    if (!found) continue;
    const modules = [...text.matchAll(/from\s+['"](drizzle-orm\/[\w-]+)['"]/g)].map((match) => match[1]!);
    const drivers = [...new Set(modules.map((module) => DRIVER_MODULES[module]).filter((driver): driver is DriverName => driver !== undefined))];
    // A dual repo keeps each dialect's helpers in its own module: skip the other dialect's.
    if (dialect && drivers.length > 0 && !drivers.some((candidate) => DRIVERS[candidate].dialect === dialect)) continue;
    // PGlite without a server, node-postgres with one: our `auto`.
    const driver = drivers.includes('pg') && drivers.includes('pglite') ? 'auto' : drivers[0];
    return { module: file, ...found, driver, env: envVariables(text) };
  }
  return undefined;
}

function filesIn(tree: Tree, dir: string): string[] {
  try {
    return readdirSync(join(tree.root, dir))
      .filter((file) => /\.(ts|mts|cts)$/.test(file) && !file.endsWith('.d.ts') && !/\.(test|spec)\./.test(file))
      .map((file) => posix.join(dir, file));
  } catch {
    return [];
  }
}

function helpersIn(text: string, names: { own?: string; others: string[] }): { get: string; close?: string; kind: 'function' | 'instance' } | undefined {
  const functions = [...text.matchAll(/export\s+(?:async\s+)?function\s+(\w+)\s*\([^)]*\)[^{]*\{/g)].map((match) => ({ name: match[1]!, body: bodyAt(text, match.index + match[0].length) }));
  const arrows = [...text.matchAll(/export\s+const\s+(\w+)\s*=\s*(?:async\s*)?\([^)]*\)[^=]*=>\s*/g)].map((match) => ({ name: match[1]!, body: text.slice(match.index + match[0].length, match.index + match[0].length + 400) }));
  // A second database's helpers carry its name (getAnalyticsDb); the primary's do not.
  const mentions = (fn: { name: string }, name: string) => fn.name.toLowerCase().includes(name.toLowerCase());
  const named = (fn: { name: string }) => (names.own === undefined ? !names.others.some((other) => mentions(fn, other)) : mentions(fn, names.own));
  const all = [...functions, ...arrows].filter(named);
  const get = all.find((fn) => /\bdrizzle\s*\(/.test(fn.body) || /^(get|use|create)\w*(Db|Database|Client)$/.test(fn.name));
  const close = all.find((fn) => /^(close|disconnect|end|shutdown)\w*/i.test(fn.name));
  if (get) return { get: get.name, close: close?.name, kind: 'function' };
  const instance = [...text.matchAll(/export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*drizzle\s*\(/g)].map((match) => match[1]!).find((name) => named({ name }));
  return instance ? { get: instance, close: close?.name, kind: 'instance' } : undefined;
}

/** The text of a block from just after its `{` to its matching `}`. */
function bodyAt(text: string, start: number): string {
  let depth = 1;
  for (let index = start; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return text.slice(start, index);
  }
  return text.slice(start);
}
