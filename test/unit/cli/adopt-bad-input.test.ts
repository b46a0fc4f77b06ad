/**
 * Adoption's bad input: a repo whose Drizzle layer cannot be read as it is gets a one-line error
 * that says what to do, a non-zero exit, and no file touched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import { MANIFEST_FILE } from '../../../src/model/manifest.js';
import { expectFailureIn, fakeIo } from './harness.js';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-adopt-bad-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TABLE = "import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: serial('id').primaryKey() });\n";

function repo(files: Record<string, string>): void {
  for (const [file, text] of Object.entries({ 'package.json': '{ "name": "app", "type": "module" }', 'src/db/schema.ts': TABLE, ...files })) {
    fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
    fs.writeFileSync(path.join(tmp, file), text);
  }
}

const config = (body: string) => `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ ${body} });\n`;

describe('init adopting a repo it cannot read as it is', () => {
  it.each([
    ['a schema computed at run time', { 'drizzle.config.ts': config("dialect: 'postgresql', schema: findSchemaFiles()") }, /drizzle\.config\.ts: cannot read its schema path without running it \(schema\): write schema as a string or a list of strings/],
    ['no schema at all', { 'drizzle.config.ts': config("dialect: 'postgresql'") }, /no schema property/],
    ['an unsupported dialect', { 'drizzle.config.ts': config("dialect: 'singlestore', schema: './src/db/schema.ts'") }, /dialect singlestore is not one create-db-layer supports: set dialect to postgresql, sqlite, turso or mysql/],
    [
      'configs of two dialects that are not a SQLite + PostgreSQL pair',
      { 'drizzle.config.ts': config("dialect: 'postgresql', schema: './src/db/schema.ts'"), 'drizzle.mysql.config.ts': config("dialect: 'mysql', schema: './src/db/schema.ts'") },
      /the drizzle configs use postgresql and mysql: create-db-layer adopts one dialect/,
    ],
    ['a package.json that is not JSON', { 'drizzle.config.ts': config("dialect: 'postgresql', schema: './src/db/schema.ts'"), 'package.json': '{ "name": ' }, /package\.json is not valid JSON: fix it, then run init again/],
  ])('%s', async (_, files, message) => {
    repo(files);
    expect(await expectFailureIn(tmp, ['--yes'], 1)).toMatch(message);
  });

  it.each(['--dialect', '--driver', '--db-dir', '--layout'])('%s describes a new layer and is refused when adopting', async (flag) => {
    repo({ 'drizzle.config.ts': config("dialect: 'postgresql', schema: './src/db/schema.ts'") });
    const value = { '--dialect': 'sqlite', '--driver': 'pg', '--db-dir': 'db', '--layout': 'file' }[flag]!;
    expect(await expectFailureIn(tmp, ['--yes', flag, value], 2)).toContain(`drop ${flag}, or pass --no-adopt to scaffold over it`);
  });

  it('a readable repo is adopted: only db-layer.json is written', async () => {
    repo({ 'drizzle.config.ts': config("dialect: 'postgresql', schema: './src/db/schema.ts'") });
    const io = fakeIo(tmp);
    expect(await main(['--yes'], io)).toBe(0);
    expect(fs.readdirSync(tmp).sort()).toEqual(['db-layer.json', 'drizzle.config.ts', 'package.json', 'src']);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, MANIFEST_FILE), 'utf8'))).toMatchObject({ adopted: true, layout: 'file', idStrategy: 'serial' });
  });
});

describe('commands that need what an adopted repo lacks (a helper), in an adopted repo', () => {
  it.each([
    // No helper says which driver the repo uses, so connection cannot write one like it.
    [['connection', 'analytics', '--yes'], /connection writes a helper for the pg, postgres-js, libsql or mysql2 driver, and no helper of this repo says which it uses .*export one/],
    // The repo has no helper returning a Drizzle instance, so a seed runner could not reach it.
    [['seed', 'users', '--yes'], /no helper returning this database's Drizzle instance was found: export one/],
  ])('%j is refused with what to do instead', async (argv, message) => {
    repo({ 'drizzle.config.ts': config("dialect: 'postgresql', schema: './src/db/schema.ts'") });
    expect(await main(['--yes'], fakeIo(tmp))).toBe(0);
    expect(await expectFailureIn(tmp, argv, 1)).toMatch(message);
  });

  it('a monorepo root whose database package has the config: init names the package and --cwd instead of scaffolding a second layer', async () => {
    repo({ 'packages/db/drizzle.config.ts': config("dialect: 'postgresql', schema: './src/schema.ts'"), 'packages/db/src/schema.ts': TABLE });
    const message = await expectFailureIn(tmp, ['--yes', '--no-install'], 1);
    expect(message).toMatch(/packages\/db\/drizzle\.config\.ts: that folder has a drizzle config already: .*create-db-layer --cwd packages\/db.*--no-adopt/);
    expect(fs.existsSync(path.join(tmp, MANIFEST_FILE))).toBe(false);
    // Where it points: the package adopts.
    expect(await main(['--yes', '--cwd', 'packages/db'], fakeIo(tmp))).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'packages/db', MANIFEST_FILE), 'utf8'))).toMatchObject({ adopted: true });
  });

  it('configs in node_modules, dot folders and build output are not the repo\'s own', async () => {
    repo({ 'node_modules/pkg/drizzle.config.ts': '', '.cache/drizzle.config.ts': '', 'dist/drizzle.config.js': '' });
    const { findNestedConfigs } = await import('../../../src/adopt/configs.js');
    expect(findNestedConfigs(tmp)).toEqual([]);
    fs.mkdirSync(path.join(tmp, 'apps/api/db'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'apps/api/db/drizzle.config.ts'), '');
    fs.mkdirSync(path.join(tmp, 'a/b/c/d'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'a/b/c/d/drizzle.config.ts'), '');
    expect(findNestedConfigs(tmp)).toEqual(['apps/api/db/drizzle.config.ts']);
  });
});
