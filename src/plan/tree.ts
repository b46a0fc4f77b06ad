import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizePlanPath, resolvePlanPath } from './paths.js';

/**
 * One planned file write. `before` is the disk content at planning time, null for a new file;
 * `after` is null for a file the plan deletes.
 */
export interface FileChange {
  path: string;
  before: string | null;
  after: string | null;
}

export type DiskReader = (absPath: string) => string | null;

/** Reads a file as utf8; a missing file (or a missing/non-directory parent) is `null`. */
export const defaultReader: DiskReader = (absPath) => {
  try {
    return readFileSync(absPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
};

interface PlannedFile {
  /** null: the file is deleted. */
  content: string | null;
  // Sticky: once a generator claimed ownership of a file that differs on disk,
  // later patches of that file do not make the overwrite any less of a conflict.
  conflict: boolean;
}

/**
 * In-memory view of the project: disk plus the writes a generator plans.
 *
 * Generators only ever read and write through the tree, so a run either produces
 * a complete plan (applied once by applyPlan, or printed for --dry-run) or
 * nothing at all. Disk is read lazily and cached, so `before` in every change is
 * the content the plan was computed from — applyPlan re-checks it before writing.
 */
export class Tree {
  readonly root: string;
  private readonly readDisk: DiskReader;
  private readonly diskCache = new Map<string, string | null>();
  private readonly planned = new Map<string, PlannedFile>();

  constructor(root: string, readDisk: DiskReader = defaultReader) {
    this.root = path.resolve(root);
    this.readDisk = readDisk;
  }

  /** Planned content if the plan touched the file, else what is on disk (null if missing). */
  read(filePath: string): string | null {
    const key = normalizePlanPath(filePath);
    const planned = this.planned.get(key);
    return planned ? planned.content : this.disk(key);
  }

  exists(filePath: string): boolean {
    return this.read(filePath) !== null;
  }

  /**
   * Plans a file the generator owns. Identical disk content plans nothing; a
   * differing existing file is planned as an update and reported by
   * `conflicts()`, so the caller can refuse it unless --force.
   */
  create(filePath: string, content: string): void {
    const key = normalizePlanPath(filePath);
    const onDisk = this.disk(key);
    this.plan(key, content, onDisk !== null && onDisk !== content);
  }

  /**
   * Plans a file only when it exists neither on disk nor in the plan — for files
   * later generators grow (barrels), which re-running a generator must not reset.
   * Returns whether anything was planned.
   */
  createIfMissing(filePath: string, content: string): boolean {
    const key = normalizePlanPath(filePath);
    if (this.read(key) !== null) return false;
    this.plan(key, content, false);
    return true;
  }

  /**
   * Patches an existing or already planned file. Never a conflict: the generator
   * edits the user's file on purpose. Updating a file that exists nowhere is a
   * generator bug (it would silently create it), so it throws.
   */
  update(filePath: string, content: string): void {
    const key = normalizePlanPath(filePath);
    const previous = this.planned.get(key);
    if (!previous && this.disk(key) === null) {
      throw new Error(`Cannot update ${key}: the file does not exist (use create)`);
    }
    this.plan(key, content, previous?.conflict ?? false);
  }

  /**
   * Plans removing a file (a mirrored schema file gone upstream). Deleting a file that exists
   * nowhere plans nothing.
   */
  delete(filePath: string): void {
    this.plan(normalizePlanPath(filePath), null, false);
  }

  /** Every planned write whose content differs from disk, sorted by path. */
  changes(): FileChange[] {
    return [...this.planned.keys()]
      .sort(comparePaths)
      .map((key) => ({ path: key, before: this.disk(key), after: this.planned.get(key)!.content }));
  }

  /** Paths planned with `create` over an existing file with different content, sorted. */
  conflicts(): string[] {
    return [...this.planned]
      .filter(([, file]) => file.conflict)
      .map(([key]) => key)
      .sort(comparePaths);
  }

  isEmpty(): boolean {
    return this.planned.size === 0;
  }

  /** Records the latest content; a write that ends identical to disk is no change at all. */
  private plan(key: string, content: string | null, conflict: boolean): void {
    if (content === this.disk(key)) {
      this.planned.delete(key);
    } else {
      this.planned.set(key, { content, conflict });
    }
  }

  private disk(key: string): string | null {
    if (!this.diskCache.has(key)) {
      this.diskCache.set(key, this.readDisk(resolvePlanPath(this.root, key)));
    }
    return this.diskCache.get(key) ?? null;
  }
}

// Plain code-unit order: stable across locales, so dry-run output and diffs are reproducible.
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
