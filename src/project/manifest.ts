/**
 * Reading the manifest of a scaffolded repo, with errors that say how to get one.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import type { Options as PrettierOptions } from 'prettier';
import { isOwned, MANIFEST_FILE, parseManifest, type DatabaseEntry, type Manifest, type OwnedDatabase, type Style } from '../model/manifest.js';
import { setFormatFallback } from '../render/format.js';
import type { Tree } from '../plan/index.js';

/**
 * The repo a command runs in: the nearest folder, from `dir` up, holding db-layer.json (as git
 * finds .git), so `create-db-layer table` works from any subfolder. `dir` itself when none does.
 */
export function findLayerRoot(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, MANIFEST_FILE))) return current;
    if (dirname(current) === current) return dir;
  }
}

export function requireManifest(tree: Tree, command: string): Manifest {
  const text = tree.read(MANIFEST_FILE);
  if (text === null) {
    throw new UserError(`no ${MANIFEST_FILE} in ${tree.root}: ${command} works in a repo scaffolded by create-db-layer; run "npx create-db-layer" there first, or pass --cwd <repo>`);
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(text);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  // An adopted repo without a prettier config gets new code in its own style, not prettier's defaults.
  if (manifest.style) setFormatFallback(prettierOptionsFor(manifest.style));
  return manifest;
}

/** The prettier options that print code the way an adopted repo writes it. */
export function prettierOptionsFor(style: Style): PrettierOptions {
  return {
    singleQuote: style.quotes === 'single',
    semi: style.semicolons,
    ...(style.indent === 'tab' ? { useTabs: true } : { tabWidth: style.indent }),
    trailingComma: style.trailingCommas === false ? 'none' : 'all',
    printWidth: style.printWidth ?? 80,
  };
}

/** The database named by --db, or the primary one. */
export function selectDatabase(manifest: Manifest, name: string | undefined): DatabaseEntry {
  if (name === undefined) return manifest.databases.find((database) => database.primary) ?? manifest.databases[0]!;
  const found = manifest.databases.find((database) => database.name === name);
  if (!found) {
    throw new UserError(`--db ${name}: no such database in ${MANIFEST_FILE}; known: ${manifest.databases.map((database) => database.name).join(', ')}`);
  }
  return found;
}

/**
 * The database named by --db (or the primary one) for a command that changes its schema: a
 * mirror's schema belongs to its upstream repo, so those commands refuse it.
 */
export function selectOwnedDatabase(manifest: Manifest, name: string | undefined, command: string): OwnedDatabase {
  const database = selectDatabase(manifest, name);
  if (!isOwned(database)) {
    throw new UserError(
      `${command} --db ${database.name}: ${database.name} is a read-only mirror of ${database.upstream}; change the schema upstream, then run create-db-layer sync ${database.name}`,
    );
  }
  return database;
}

/**
 * Commands that build on modules only a scaffolded layer has (config.ts, the seed runner) refuse
 * an adopted repo with what to do instead, rather than scaffolding half a layer beside its own.
 */
export function refuseAdopted(manifest: Manifest, command: string, instead: string): void {
  if (manifest.adopted) throw new UserError(`${command} needs the modules of a layer create-db-layer scaffolded, and this repo's layer was adopted: ${instead}`);
}
