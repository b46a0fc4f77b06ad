/**
 * Local edits to a mirror: files sync wrote that no longer hash as written, files added to the
 * mirrored folder by hand, and synced files deleted by hand.
 */
import { join } from 'node:path';
import type { MirrorDatabase } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import { isDirectory, listSchemaFiles, mirrorDir, sha256 } from './files.js';

export interface MirrorEdit {
  file: string;
  kind: 'edited' | 'added' | 'deleted';
}

export function localMirrorEdits(tree: Tree, database: MirrorDatabase): MirrorEdit[] {
  const dir = mirrorDir(database);
  const local = isDirectory(join(tree.root, dir)) ? listSchemaFiles(join(tree.root, dir)).map((file) => `${dir}/${file}`) : [];
  const edits: MirrorEdit[] = [];
  for (const file of [...local, database.schema]) {
    const text = tree.read(file);
    const recorded = database.syncedFiles[file];
    if (text === null) continue;
    if (recorded === undefined) edits.push({ file, kind: 'added' });
    else if (sha256(text) !== recorded) edits.push({ file, kind: 'edited' });
  }
  for (const file of Object.keys(database.syncedFiles)) {
    if (!tree.exists(file)) edits.push({ file, kind: 'deleted' });
  }
  return edits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
