/**
 * No migration was edited after drizzle-kit wrote it: each file whose hash the generators
 * recorded in db-layer.json still has that hash.
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { hashFile } from '../drizzle/hashes.js';
import type { OwnedDatabase } from '../model/manifest.js';
import type { Finding } from './findings.js';

export function checkEditedMigrations(root: string, database: OwnedDatabase): Finding[] {
  return Object.entries(database.migrationHashes ?? {}).flatMap(([file, hash]) => {
    const path = posix.join(database.out, file);
    if (!existsSync(join(root, path)) || hashFile(join(root, path)) === hash) return [];
    return [
      {
        check: 'edited',
        file: path,
        message: `changed since drizzle-kit generated it, so databases that already ran it differ from new ones: restore it (git checkout -- ${path}) and put the change in a new migration (drizzle-kit generate --custom for hand-written SQL)`,
      },
    ];
  });
}
