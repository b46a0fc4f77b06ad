/**
 * resolveSchema: every form of a config's `schema` to the source files a generator edits.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSchema } from '../../../src/adopt/schema-source.js';
import { Tree } from '../../../src/plan/index.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

const TABLE = "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: text().primaryKey() });\n";

function repo(files: Record<string, string>): Tree {
  root = mkdtempSync(path.join(os.tmpdir(), 'cdl-adopt-schema-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return new Tree(root);
}

const FOLDER = {
  'src/db/schema/index.ts': "export * from './users';\nexport * from './posts';\n",
  'src/db/schema/users.ts': TABLE,
  'src/db/schema/posts.ts': TABLE.replaceAll('users', 'posts'),
};

describe('resolveSchema', () => {
  it('a single schema file', () => {
    const tree = repo({ 'src/schema.ts': TABLE });
    expect(resolveSchema(tree, './src/schema.ts', {})).toEqual({ source: { kind: 'file', folder: 'src' }, entry: 'src/schema.ts', files: ['src/schema.ts'], buildPath: undefined });
  });

  it('a barrel, with the modules it exports', () => {
    const tree = repo(FOLDER);
    const resolved = resolveSchema(tree, './src/db/schema/index.ts', {});
    expect(resolved.source).toEqual({ kind: 'barrel', folder: 'src/db/schema' });
    expect(resolved.files).toEqual(['src/db/schema/index.ts', 'src/db/schema/users.ts', 'src/db/schema/posts.ts']);
  });

  it('a folder: its barrel is the entry when it has one', () => {
    const tree = repo(FOLDER);
    const resolved = resolveSchema(tree, './src/db/schema/', {});
    expect(resolved).toMatchObject({ source: { kind: 'folder', folder: 'src/db/schema' }, entry: 'src/db/schema/index.ts' });
    expect(resolved.files.sort()).toEqual(['src/db/schema/index.ts', 'src/db/schema/posts.ts', 'src/db/schema/users.ts']);
  });

  it('a glob, without a barrel: the folder is the entry', () => {
    const tree = repo({ 'src/db/schema/users.ts': TABLE, 'src/db/schema/posts.ts': TABLE, 'src/db/schema/users.test.js': '' });
    const resolved = resolveSchema(tree, './src/db/schema/*.ts', {});
    expect(resolved).toMatchObject({ source: { kind: 'glob', folder: 'src/db/schema' }, entry: 'src/db/schema' });
    expect(resolved.files.sort()).toEqual(['src/db/schema/posts.ts', 'src/db/schema/users.ts']);
  });

  it('a list of files: their common folder', () => {
    const tree = repo(FOLDER);
    const resolved = resolveSchema(tree, ['./src/db/schema/users.ts', './src/db/schema/posts.ts'], {});
    expect(resolved).toMatchObject({ source: { kind: 'array', folder: 'src/db/schema' }, entry: 'src/db/schema/index.ts' });
  });

  it('build output, mapped back to its source through tsconfig outDir/rootDir, with the build script', () => {
    const tree = repo({ ...FOLDER, 'tsconfig.json': '{ "compilerOptions": { "outDir": "./dist", "rootDir": "./src" } }' });
    const resolved = resolveSchema(tree, './dist/db/schema/index.js', { build: 'tsc -p .' });
    expect(resolved).toMatchObject({
      source: { kind: 'barrel', folder: 'src/db/schema', build: { script: 'build', output: 'dist/db/schema/index.js' } },
      entry: 'src/db/schema/index.ts',
      buildPath: 'dist/db/schema/index.js',
    });
  });
});
