/**
 * sync's plan: copy a mirror's upstream schema files in, each stamped with the "do not edit"
 * header, delete the ones gone upstream, regenerate the barrel, and record what was written.
 * Local edits stop the sync unless --force: a mirror is read-only, and sync would lose them.
 */
import { readFileSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import { UserError } from '../../src/errors.js';
import type { Manifest, MirrorDatabase } from '../../src/model/manifest.js';
import { localMirrorEdits } from '../../src/mirror/edits.js';
import { isDirectory, listSchemaFiles, mirrorDir, mirrorHeader, sha256 } from '../../src/mirror/files.js';
import type { Tree } from '../../src/plan/index.js';
import { formatFile } from '../../src/render/format.js';

export interface SyncResult {
  database: MirrorDatabase;
  added: string[];
  changed: string[];
  removed: string[];
  /** Things that will not work after the sync (imports reaching outside the mirrored folder). */
  notes: string[];
}

export async function planSync(tree: Tree, manifest: Manifest, database: MirrorDatabase, force: boolean): Promise<SyncResult> {
  const upstreamDir = resolve(tree.root, database.upstream);
  if (!isDirectory(upstreamDir)) {
    throw new UserError(`the upstream of ${database.name}, ${database.upstream}, is not a folder: check out the upstream repo there, or fix "upstream" in db-layer.json`);
  }
  const files = listSchemaFiles(upstreamDir);
  if (files.length === 0) {
    throw new UserError(`${database.upstream} holds no schema files (.ts): point the mirror at the upstream schema folder (e.g. ../webapp/src/db/schema)`);
  }
  const edits = localMirrorEdits(tree, database);
  if (edits.length > 0 && !force) {
    const list = edits.map((edit) => `${edit.file} (${edit.kind})`).join(', ');
    throw new UserError(`${list}: the ${database.name} mirror was changed by hand, and sync would overwrite that; move the change upstream, or rerun with --force to discard it`);
  }

  const dir = mirrorDir(database);
  const result: SyncResult = { database, added: [], changed: [], removed: [], notes: [] };
  const synced: Record<string, string> = {};
  for (const file of files) {
    const upstreamText = readFileSync(resolve(upstreamDir, file), 'utf8');
    const source = posix.join(database.upstream, file);
    const content = `${mirrorHeader(database, source)}${upstreamText}`;
    write(tree, `${dir}/${file}`, content, result);
    synced[`${dir}/${file}`] = sha256(content);
    result.notes.push(...outsideImports(upstreamText, file, source));
  }
  for (const file of [...new Set([...Object.keys(database.syncedFiles), ...edits.map((edit) => edit.file)])]) {
    if (file !== database.schema && !(file in synced) && tree.exists(file)) {
      tree.delete(file);
      result.removed.push(file);
    }
  }
  const barrel = await formatFile(tree.root, database.schema, mirrorBarrel(manifest, database, files));
  write(tree, database.schema, barrel, result);
  synced[database.schema] = sha256(barrel);
  result.database = { ...database, syncedFiles: Object.fromEntries(Object.entries(synced).sort(([a], [b]) => (a < b ? -1 : 1))) };
  return result;
}

function write(tree: Tree, path: string, content: string, result: SyncResult): void {
  const before = tree.read(path);
  if (before === content) return;
  if (before === null) {
    tree.create(path, content);
    result.added.push(path);
  } else {
    tree.update(path, content);
    result.changed.push(path);
  }
}

/** The mirror's barrel: every synced file, in path order, in the repo's import style. */
function mirrorBarrel(manifest: Manifest, database: MirrorDatabase, files: string[]): string {
  const exports = files.map((file) => `export * from './${file.replace(/\.ts$/, manifest.importExtension)}';`);
  return `${mirrorHeader(database, database.upstream)}${exports.join('\n')}\n`;
}

/** A relative import leaving the upstream folder cannot resolve in the mirror. */
function outsideImports(text: string, file: string, source: string): string[] {
  const notes: string[] = [];
  for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g)) {
    const target = posix.normalize(posix.join(posix.dirname(file), specifier!));
    if (target.startsWith('..')) {
      notes.push(`${source} imports ${specifier} from outside the mirrored folder, which will not resolve here: make the upstream schema self-contained, or mirror that module too`);
    }
  }
  return notes;
}

/** `--mirror <dir>` as given (relative to where the command ran), stored relative to the repo root. */
export function upstreamFromFlag(root: string, cwd: string, value: string): string {
  const path = relative(root, resolve(cwd, value)).split(sep).join('/');
  return path === '' ? '.' : path;
}
