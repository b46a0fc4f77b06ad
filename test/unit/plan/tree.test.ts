import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tree, defaultReader } from '../../../src/plan/index.js';

const ROOT = path.resolve('/project');

/** A disk made of a Map, recording which plan paths were read (to check caching). */
function memoryTree(files: Record<string, string> = {}) {
  const disk = new Map(Object.entries(files));
  const reads: string[] = [];
  const tree = new Tree(ROOT, (abs) => {
    const rel = path.relative(ROOT, abs).split(path.sep).join('/');
    reads.push(rel);
    return disk.get(rel) ?? null;
  });
  return { tree, reads };
}

describe('Tree.create', () => {
  it('plans a new file when disk has none', () => {
    const { tree } = memoryTree();
    tree.create('src/db/config.ts', 'new\n');
    expect(tree.changes()).toEqual([{ path: 'src/db/config.ts', before: null, after: 'new\n' }]);
    expect(tree.conflicts()).toEqual([]);
    expect(tree.isEmpty()).toBe(false);
  });

  it('plans nothing when disk content is identical', () => {
    const { tree } = memoryTree({ 'a.ts': 'same' });
    tree.create('a.ts', 'same');
    expect(tree.changes()).toEqual([]);
    expect(tree.conflicts()).toEqual([]);
    expect(tree.isEmpty()).toBe(true);
  });

  it('plans an update and records a conflict when disk differs', () => {
    const { tree } = memoryTree({ 'a.ts': 'user edit' });
    tree.create('a.ts', 'generated');
    expect(tree.changes()).toEqual([{ path: 'a.ts', before: 'user edit', after: 'generated' }]);
    expect(tree.conflicts()).toEqual(['a.ts']);
  });

  it('keeps the latest content when a path is written twice', () => {
    const { tree } = memoryTree();
    tree.create('a.ts', 'first');
    tree.create('a.ts', 'second');
    expect(tree.changes()).toEqual([{ path: 'a.ts', before: null, after: 'second' }]);
  });

  it('drops the change and the conflict when a later write matches disk again', () => {
    const { tree } = memoryTree({ 'a.ts': 'disk' });
    tree.create('a.ts', 'generated');
    tree.create('a.ts', 'disk');
    expect(tree.changes()).toEqual([]);
    expect(tree.conflicts()).toEqual([]);
    expect(tree.isEmpty()).toBe(true);
  });

  it('keeps a conflict when the conflicting file is patched afterwards', () => {
    const { tree } = memoryTree({ 'a.ts': 'disk' });
    tree.create('a.ts', 'generated');
    tree.update('a.ts', 'generated + patch');
    expect(tree.conflicts()).toEqual(['a.ts']);
    expect(tree.read('a.ts')).toBe('generated + patch');
  });
});

describe('Tree.createIfMissing', () => {
  it('does nothing when the file exists on disk, even with other content', () => {
    const { tree } = memoryTree({ 'src/db/index.ts': 'grown barrel' });
    expect(tree.createIfMissing('src/db/index.ts', 'fresh barrel')).toBe(false);
    expect(tree.changes()).toEqual([]);
    expect(tree.conflicts()).toEqual([]);
  });

  it('plans the file when it is missing', () => {
    const { tree } = memoryTree();
    expect(tree.createIfMissing('src/db/index.ts', 'fresh')).toBe(true);
    expect(tree.changes()).toEqual([{ path: 'src/db/index.ts', before: null, after: 'fresh' }]);
  });

  it('does not reset a file the plan already created', () => {
    const { tree } = memoryTree();
    tree.create('src/db/index.ts', 'planned');
    expect(tree.createIfMissing('src/db/index.ts', 'other')).toBe(false);
    expect(tree.read('src/db/index.ts')).toBe('planned');
  });
});

describe('Tree.update', () => {
  it('patches an existing file without a conflict', () => {
    const { tree } = memoryTree({ 'package.json': '{}' });
    tree.update('package.json', '{"a":1}');
    expect(tree.changes()).toEqual([{ path: 'package.json', before: '{}', after: '{"a":1}' }]);
    expect(tree.conflicts()).toEqual([]);
  });

  it('plans nothing for identical content', () => {
    const { tree } = memoryTree({ 'package.json': '{}' });
    tree.update('package.json', '{}');
    expect(tree.isEmpty()).toBe(true);
  });

  it('patches a planned file, keeping it a create', () => {
    const { tree } = memoryTree();
    tree.create('src/db/index.ts', 'a');
    tree.update('src/db/index.ts', 'a\nb');
    expect(tree.changes()).toEqual([{ path: 'src/db/index.ts', before: null, after: 'a\nb' }]);
  });

  it('throws for a file that exists nowhere', () => {
    const { tree } = memoryTree();
    expect(() => tree.update('missing.ts', 'x')).toThrow(/missing\.ts.*does not exist/);
  });
});

describe('Tree reading and paths', () => {
  it('reads planned content first, then disk, and caches disk reads', () => {
    const { tree, reads } = memoryTree({ 'a.ts': 'disk' });
    expect(tree.read('a.ts')).toBe('disk');
    expect(tree.read('./a.ts')).toBe('disk');
    expect(reads).toEqual(['a.ts']);
    tree.update('a.ts', 'planned');
    expect(tree.read('a.ts')).toBe('planned');
    expect(tree.exists('a.ts')).toBe(true);
    expect(tree.exists('b.ts')).toBe(false);
  });

  it('treats spellings of one path as one file', () => {
    const { tree } = memoryTree();
    tree.create('./src//db/x.ts', 'one');
    tree.create('src/db/../db/x.ts', 'two');
    expect(tree.changes()).toEqual([{ path: 'src/db/x.ts', before: null, after: 'two' }]);
  });

  it('sorts changes and conflicts by path', () => {
    const { tree } = memoryTree({ 'src/z.ts': 'old', 'README.md': 'old' });
    for (const p of ['src/z.ts', 'package.json', 'src/a.ts', 'README.md']) tree.create(p, 'new');
    expect(tree.changes().map((c) => c.path)).toEqual(['README.md', 'package.json', 'src/a.ts', 'src/z.ts']);
    expect(tree.conflicts()).toEqual(['README.md', 'src/z.ts']);
  });

  const bad = ['/etc/passwd', '../outside.ts', 'src/../../outside.ts', '..', '.', '', 'C:/x.ts', 'a\\..\\..\\b', 'src/'];
  it.each(bad)('rejects %j in every method', (p) => {
    const { tree, reads } = memoryTree();
    expect(() => tree.create(p, 'x')).toThrow();
    expect(() => tree.createIfMissing(p, 'x')).toThrow();
    expect(() => tree.update(p, 'x')).toThrow();
    expect(() => tree.read(p)).toThrow();
    expect(() => tree.exists(p)).toThrow();
    expect(reads).toEqual([]);
    expect(tree.isEmpty()).toBe(true);
  });
});

describe('defaultReader', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads utf8, returns null for missing files and paths under a file, rethrows others', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cdl-tree-'));
    await writeFile(path.join(dir, 'a.txt'), 'héllo');
    await mkdir(path.join(dir, 'folder'));
    expect(defaultReader(path.join(dir, 'a.txt'))).toBe('héllo');
    expect(defaultReader(path.join(dir, 'missing.txt'))).toBeNull();
    expect(defaultReader(path.join(dir, 'a.txt', 'child'))).toBeNull();
    expect(() => defaultReader(path.join(dir, 'folder'))).toThrow(/EISDIR/);
    const tree = new Tree(dir);
    tree.create('a.txt', 'héllo');
    tree.create('b/c.txt', 'new');
    expect(tree.changes()).toEqual([{ path: 'b/c.txt', before: null, after: 'new' }]);
  });
});
