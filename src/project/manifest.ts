/**
 * Reading the manifest of a scaffolded repo, with errors that say how to get one.
 */
import { UserError } from '../errors.js';
import { MANIFEST_FILE, parseManifest, type DatabaseEntry, type Manifest } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';

export function requireManifest(tree: Tree, command: string): Manifest {
  const text = tree.read(MANIFEST_FILE);
  if (text === null) {
    throw new UserError(`no ${MANIFEST_FILE} in ${tree.root}: ${command} works in a repo scaffolded by create-db-layer; run "npx create-db-layer" there first, or pass --cwd <repo>`);
  }
  try {
    return parseManifest(text);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
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
