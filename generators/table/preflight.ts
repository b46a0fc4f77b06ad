/**
 * The files a `table` run builds on, checked before anything is planned: a layer whose recorded
 * config, schema barrel or schema file is gone (deleted, moved, a branch without it) gets a
 * one-line error instead of a barrel rewritten with one export, which drizzle-kit would read as
 * every other table dropped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import type { Manifest, OwnedDatabase } from '../../src/model/manifest.js';
import type { Tree } from '../../src/plan/index.js';
import { schemaBarrel, schemaDir } from '../../src/project/schema-files.js';

/** Throws, naming the first file the database's layer records and the repo lacks. */
export function checkLayerFiles(tree: Tree, manifest: Manifest, database: OwnedDatabase): void {
  // Files through the tree (what the plan sees); a folder on disk, which the tree (files only) cannot tell.
  const missing = recordedFiles(manifest, database).find(({ path, folder }) => !(folder ? existsSync(join(tree.root, path)) : tree.exists(path)));
  if (!missing) return;
  const moved = manifest.adopted ? 'run create-db-layer init again to record where it is now' : `correct ${missing.path} in db-layer.json`;
  throw new UserError(`${missing.path} is missing (db-layer.json records it as the ${database.name} database's ${missing.role}): restore it (git checkout -- ${missing.path}), or if the layer moved, ${moved}`);
}

function recordedFiles(manifest: Manifest, database: OwnedDatabase): { path: string; role: string; folder?: true }[] {
  const barrel = schemaBarrel(database);
  return [
    { path: database.config, role: 'drizzle config' },
    // A build-output schema is checked by check's schema-path finding; table builds it first.
    ...(database.schemaSource?.build ? [] : [barrel === undefined ? { path: schemaDir(manifest, database), role: 'schema folder', folder: true as const } : { path: barrel, role: manifest.layout === 'file' ? 'schema file' : 'schema barrel' }]),
  ];
}
