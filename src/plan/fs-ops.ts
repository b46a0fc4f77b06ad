import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a planned write will replace: enough to put it back byte for byte. */
export interface Original {
  /** The file actually written: a symlinked file is written through, so the link survives. */
  target: string;
  /** Raw bytes, not a string, so restoring never re-encodes anything. Null: file did not exist. */
  bytes: Buffer | null;
  /** Permission bits to keep (an executable script stays executable). Null for a new file. */
  mode: number | null;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Captures the current state of `abs` (`label` is the plan path, for messages). */
export async function readOriginal(abs: string, label: string): Promise<Original> {
  let target = abs;
  try {
    const info = await lstat(abs);
    if (info.isSymbolicLink()) {
      // Editors write through symlinks too; the link's target may live outside
      // the root, but it is the user's own link, so we follow it like they do.
      target = await realpath(abs).catch((error: unknown) => {
        throw errorCode(error) === 'ENOENT' ? new Error(`${label} is a dangling symbolic link`) : error;
      });
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { target, bytes: null, mode: null };
    throw error;
  }
  const handle = await open(target, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${label} exists but is not a regular file`);
    return { target, bytes: await handle.readFile(), mode: info.mode & 0o7777 };
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to a temp file next to `target`, then renames it over `target`.
 * rename(2) within one directory is atomic, so readers see the old file or the
 * new one, never half of either. The temp file never outlives a failure.
 */
export async function atomicWrite(target: string, data: string | Buffer, mode: number | null): Promise<void> {
  // Name kept short: a long basename plus the suffix could exceed NAME_MAX (255).
  const base = path.basename(target).slice(0, 100);
  const temp = path.join(path.dirname(target), `.${base}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' refuses to reuse an existing path, so the cleanup below only ever removes our own file.
  const handle = await open(temp, 'wx');
  try {
    try {
      await handle.writeFile(data);
      // chmod, not open's mode argument: that one is filtered by the umask.
      if (mode !== null) await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Directories from `dir` upwards that do not exist yet, outermost first. */
export async function missingDirectories(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      await stat(current);
      break;
    } catch (error) {
      // Anything but "absent" (e.g. a file in the way) is left for mkdir to report.
      if (errorCode(error) !== 'ENOENT') break;
    }
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  return missing;
}

export async function makeDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * Removes a directory the plan created, unless something else has since put
 * files in it (e.g. drizzle-kit output): those are not ours to delete.
 */
export async function removeDirectoryIfEmpty(dir: string): Promise<void> {
  try {
    await rmdir(dir);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}
