/**
 * Mirrors are read-only: every file sync wrote must still hash as sync wrote it, and nothing
 * may be added by hand to the mirrored schema folder.
 */
import type { MirrorDatabase } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import { localMirrorEdits } from '../mirror/edits.js';
import type { Finding } from './findings.js';

export function checkMirrorEdits(tree: Tree, database: MirrorDatabase): Finding[] {
  return localMirrorEdits(tree, database).map((edit) => ({
    check: 'mirror',
    file: edit.file,
    message: `${edit.kind} by hand in the read-only mirror ${database.name}: make the change in ${database.upstream}, then run create-db-layer sync ${database.name} --force`,
  }));
}
