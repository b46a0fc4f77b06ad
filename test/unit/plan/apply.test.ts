import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, applyWithRollback, StalePlanError, Tree, type FileChange } from '../../../src/plan/index.js';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cdl-apply-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every entry under root: directories, file bytes + mode, symlink targets. */
async function snapshot(dir = root): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const abs = path.join(dir, name);
    const rel = path.relative(root, abs);
    const info = await lstat(abs);
    if (info.isSymbolicLink()) result[rel] = `link -> ${await readlink(abs)}`;
    else if (info.isDirectory()) Object.assign(result, { [rel]: 'dir' }, await snapshot(abs));
    else result[rel] = `file ${(info.mode & 0o7777).toString(8)} ${(await readFile(abs)).toString('base64')}`;
  }
  return result;
}

const read = (rel: string) => readFile(path.join(root, rel), 'utf8');
const modeOf = async (rel: string) => (await stat(path.join(root, rel))).mode & 0o777;

/**
 * Existing: an executable script, package.json, src/index.ts and an unrelated
 * file. The plan updates three files and creates files in two new nested
 * directory chains (drizzle/meta/, src/db/schema/).
 */
async function seedProject(): Promise<FileChange[]> {
  await mkdir(path.join(root, 'bin'));
  await mkdir(path.join(root, 'src'));
  await writeFile(path.join(root, 'bin/run.sh'), '#!/bin/sh\necho old\n');
  await chmod(path.join(root, 'bin/run.sh'), 0o755);
  await writeFile(path.join(root, 'package.json'), '{ "name": "app" }\n');
  await writeFile(path.join(root, 'src/index.ts'), 'export {};\n');
  await writeFile(path.join(root, 'README.md'), 'untouched\n');
  const tree = new Tree(root);
  tree.update('bin/run.sh', '#!/bin/sh\necho new\n');
  tree.create('drizzle/meta/_journal.json', '{}\n');
  tree.update('package.json', '{ "name": "app", "type": "module" }\n');
  tree.create('src/db/schema/users.ts', 'export const users = 1;\n');
  tree.update('src/index.ts', "export * from './db/schema/users.js';\n");
  return tree.changes();
}

/** The disk shows `change` as applied. */
async function isWritten(change: FileChange): Promise<boolean> {
  return (await read(change.path).catch(() => null)) === change.after;
}

describe('applyPlan', () => {
  it('writes every change, creating nested directories, keeping file modes', async () => {
    const changes = await seedProject();
    const applied = await applyPlan(root, changes);
    expect(applied.written).toEqual(changes.map((c) => c.path));
    for (const change of changes) expect(await read(change.path)).toBe(change.after);
    expect((await stat(path.join(root, 'src/db/schema'))).isDirectory()).toBe(true);
    expect(await modeOf('bin/run.sh')).toBe(0o755);
    expect(Object.keys(await snapshot()).filter((p) => p.endsWith('.tmp'))).toEqual([]);
    // Re-planning the same output finds nothing to do.
    const again = new Tree(root);
    for (const change of changes) again.create(change.path, change.after!);
    expect(again.changes()).toEqual([]);
  });

  it('writes through a symlinked file, keeping the link', async () => {
    await writeFile(path.join(root, 'real.ts'), 'old\n');
    await symlink('real.ts', path.join(root, 'link.ts'));
    const before = await snapshot();
    const applied = await applyPlan(root, [{ path: 'link.ts', before: 'old\n', after: 'new\n' }]);
    expect((await lstat(path.join(root, 'link.ts'))).isSymbolicLink()).toBe(true);
    expect(await read('real.ts')).toBe('new\n');
    await applied.rollback();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a plan that writes one path twice', async () => {
    const change: FileChange = { path: 'a.ts', before: null, after: 'x' };
    await expect(applyPlan(root, [change, { ...change, path: './a.ts' }])).rejects.toThrow(/a\.ts twice/);
    expect(await snapshot()).toEqual({});
  });
});

describe('applyPlan atomicity', () => {
  // Index 1 creates drizzle/meta/_journal.json; the last index updates src/index.ts.
  it.each([0, 1, 2, 3, 4])('restores the exact tree when the write at index %i fails', async (failAt) => {
    const changes = await seedProject();
    expect(changes).toHaveLength(5);
    const before = await snapshot();
    const injected = new Error(`injected at ${failAt}`);
    const error = await applyPlan(root, changes, {
      beforeWrite: async (change, index) => {
        expect(change).toBe(changes[index]);
        if (index !== failAt) return;
        // The earlier writes really happened, so the rollback has work to undo.
        for (const done of changes.slice(0, index)) expect(await isWritten(done)).toBe(true);
        throw injected;
      },
    }).catch((e: unknown) => e);
    expect(error).toBe(injected);
    expect(await snapshot()).toEqual(before);
  });

  it('restores the exact tree when a real write fails (a file stands where a directory should)', async () => {
    const changes = await seedProject();
    const before = await snapshot();
    const blocked: FileChange = { path: 'README.md/extra.ts', before: null, after: 'x' };
    await expect(applyPlan(root, [...changes, blocked])).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(await snapshot()).toEqual(before);
  });

  it('removes its temp file and restores the tree when the final rename fails', async () => {
    const changes = [...(await seedProject()), { path: 'src/late.ts', before: null, after: 'x' }];
    const before = await snapshot();
    const last = changes.length - 1;
    const error = await applyPlan(root, changes, {
      // A directory appears where the last file goes after verification: rename fails.
      beforeWrite: async (change, index) => {
        if (index === last) await mkdir(path.join(root, change.path, 'child'), { recursive: true });
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    await rm(path.join(root, changes[last]!.path), { recursive: true });
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing when a file changed since planning', async () => {
    const changes = await seedProject();
    await writeFile(path.join(root, 'package.json'), '{ "name": "edited" }\n');
    await writeFile(path.join(root, 'src/db-new.ts'), 'appeared');
    const before = await snapshot();
    const stale = [...changes, { path: 'src/db-new.ts', before: null, after: 'x' }];
    const error = await applyPlan(root, stale).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StalePlanError);
    expect((error as StalePlanError).files).toEqual(['package.json', 'src/db-new.ts']);
    expect((error as Error).message).toContain('package.json');
    expect(await snapshot()).toEqual(before);
  });
});

describe('rollback', () => {
  it('restores the tree after a successful apply, and a second call is harmless', async () => {
    const changes = await seedProject();
    const before = await snapshot();
    const applied = await applyPlan(root, changes);
    expect(await snapshot()).not.toEqual(before);
    await applied.rollback();
    expect(await snapshot()).toEqual(before);
    await applied.rollback();
    expect(await snapshot()).toEqual(before);
    expect(await modeOf('bin/run.sh')).toBe(0o755);
  });

  it('keeps a created directory that now holds files it did not write', async () => {
    const changes = await seedProject();
    const applied = await applyPlan(root, changes);
    await writeFile(path.join(root, 'drizzle/meta/0000_snapshot.json'), 'from drizzle-kit');
    await applied.rollback();
    const after = await snapshot();
    expect(after['drizzle/meta/0000_snapshot.json']).toBeDefined();
    expect(after['drizzle/meta/_journal.json']).toBeUndefined();
    expect(after['src/db']).toBeUndefined();
  });
});

describe('applyWithRollback', () => {
  it('rolls back and rethrows when the later step fails', async () => {
    const changes = await seedProject();
    const before = await snapshot();
    const failure = new Error('drizzle-kit failed');
    let ranAfterWrites = false;
    const error = await applyWithRollback(root, changes, async () => {
      ranAfterWrites = await isWritten(changes[changes.length - 1]!);
      throw failure;
    }).catch((e: unknown) => e);
    expect(ranAfterWrites).toBe(true);
    expect(error).toBe(failure);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the writes when the later step succeeds', async () => {
    const changes = await seedProject();
    const applied = await applyWithRollback(root, changes, async () => {});
    expect(applied.written).toHaveLength(changes.length);
    for (const change of changes) expect(await isWritten(change)).toBe(true);
  });
});

describe('deletions', () => {
  it('deletes planned files, and a failure after the delete restores them byte for byte', async () => {
    await mkdir(path.join(root, 'schema'), { recursive: true });
    await writeFile(path.join(root, 'schema/a-old.ts'), 'export const old = 1;\n', { mode: 0o644 });
    await writeFile(path.join(root, 'schema/kept.ts'), 'export const kept = 1;\n');
    const tree = new Tree(root);
    tree.delete('schema/a-old.ts');
    tree.delete('schema/never-existed.ts');
    tree.create('schema/b-new.ts', 'export const fresh = 1;\n');
    expect(tree.exists('schema/a-old.ts')).toBe(false);
    const changes = tree.changes();
    expect(changes.map((change) => [change.path, change.after === null])).toEqual([
      ['schema/a-old.ts', true],
      ['schema/b-new.ts', false],
    ]);
    const before = await snapshot();
    const failure = new Error('later step failed');
    await expect(applyPlan(root, changes, { beforeWrite: (_, index) => { if (index === 1) throw failure; } })).rejects.toBe(failure);
    expect(await snapshot()).toEqual(before);
    const applied = await applyPlan(root, changes);
    expect(Object.keys(await snapshot())).toEqual(['schema', 'schema/b-new.ts', 'schema/kept.ts']);
    await applied.rollback();
    expect(await snapshot()).toEqual(before);
  });
});
