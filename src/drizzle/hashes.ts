/**
 * Migration fingerprints: the sha256 of each .sql file as drizzle-kit wrote it, recorded in the
 * manifest by the generators that run drizzle-kit, so `check` can tell when one was edited.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { migrationRecord, type DualSideName } from '../model/dual.js';
import { isOwned, MANIFEST_FILE, parseManifest, serializeManifest } from '../model/manifest.js';
import { atomicWrite } from '../plan/fs-ops.js';
import { listSql } from './kit.js';

export function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Adds the hashes of `files` (repo-relative, just written by drizzle-kit) to the database's
 * entry in db-layer.json, written the way plans are (temp file, then rename). Migrations the
 * user generated with db:generate have no hash yet: they are recorded as they are now (trust on
 * first use), so an edit made after this run is reported too.
 */
export async function recordMigrationHashes(root: string, databaseName: string, files: readonly string[], side?: DualSideName): Promise<void> {
  if (files.length === 0) return;
  const manifestPath = join(root, MANIFEST_FILE);
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
  const database = manifest.databases.find((entry) => entry.name === databaseName);
  if (!database || !isOwned(database)) return;
  // A dual layer's second dialect records its own migrations beside its own folder.
  const record = migrationRecord(manifest, database, side);
  const hashes = { ...record.migrationHashes };
  const unrecorded = listSql(join(root, record.out)).filter((file) => hashes[file] === undefined).map((file) => posix.join(record.out, file));
  for (const file of [...unrecorded, ...files]) hashes[posix.basename(file)] = hashFile(join(root, file));
  record.migrationHashes = Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => a.localeCompare(b)));
  await atomicWrite(manifestPath, serializeManifest(manifest), null);
}
