/**
 * `create-db-layer check` on a scaffolded repo with tables: green when clean, and red, with a
 * line naming the file and the fix, for each planted problem. Each case runs on its own copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOk, makeTempRepo, readJson, removeTempDirs, runCli, runScript, scaffold } from '../helpers/repo.js';
import { copyRepo } from '../helpers/table.js';

const dirs: string[] = [];
let base: string;
let root: string;

beforeAll(async () => {
  root = makeTempRepo('check-');
  dirs.push(root);
  base = path.join(root, 'base');
  await scaffold(base);
  assertOk('table users', await runCli(['table', 'users', 'name:text:notNull'], { cwd: base }));
  assertOk('table posts', await runCli(['table', 'posts', 'title:text', 'author:references:ref=users'], { cwd: base }));
});

afterAll(() => removeTempDirs(dirs));

async function checkCopy(name: string, plant: (repo: string) => void) {
  const repo = copyRepo(base, path.join(root, name));
  plant(repo);
  return runCli(['check'], { cwd: repo });
}

const write = (repo: string, file: string, text: string) => fs.writeFileSync(path.join(repo, file), text);
const journalOf = (repo: string) => path.join(repo, 'drizzle/meta/_journal.json');

describe('create-db-layer check', () => {
  it('is green on a freshly scaffolded repo with tables, and db:check runs it', async () => {
    const result = await runCli(['check'], { cwd: base });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ check: main ok');
    expect(readJson<{ scripts: Record<string, string> }>(path.join(base, 'package.json')).scripts['db:check']).toBe('create-db-layer check');
    // table recorded a fingerprint of each migration drizzle-kit wrote for it.
    const hashes = readJson<{ databases: { migrationHashes?: Record<string, string> }[] }>(path.join(base, 'db-layer.json')).databases[0]!.migrationHashes;
    expect(Object.keys(hashes ?? {})).toEqual(['0000_create_users.sql', '0001_create_posts.sql']);
    expect(Object.values(hashes ?? {}).every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
  });

  it.each<[string, (repo: string) => void, RegExp]>([
    [
      'a schema file missing from the barrel',
      (repo) => write(repo, 'src/db/schema/tags.ts', "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const tags = pgTable('tags', { id: text().primaryKey() });\n"),
      /✗ \[barrel\] src\/db\/schema\/tags\.ts: not exported from src\/db\/schema\/index\.ts.*add export \* from '\.\/tags';/,
    ],
    [
      'a barrel export of a missing file',
      (repo) => fs.appendFileSync(path.join(repo, 'src/db/schema/index.ts'), "export * from './gone';\n"),
      /✗ \[barrel\] src\/db\/schema\/index\.ts: exports \.\/gone, which does not exist/,
    ],
    [
      'a config list missing a file the barrel exports',
      (repo) => {
        const config = fs.readFileSync(path.join(repo, 'drizzle.config.ts'), 'utf8');
        write(repo, 'drizzle.config.ts', config.replace(/schema: "[^"]+"/, 'schema: ["./src/db/schema/users.ts"]'));
      },
      /✗ \[config\] drizzle\.config\.ts: schema list misses src\/db\/schema\/posts\.ts/,
    ],
    [
      'a migration not in the journal',
      (repo) => write(repo, 'drizzle/0002_by_hand.sql', 'ALTER TABLE "users" ADD COLUMN "x" text;\n'),
      /✗ \[journal\] drizzle\/0002_by_hand\.sql: not in the journal/,
    ],
    [
      'two migrations with the same number (two branches)',
      (repo) => write(repo, 'drizzle/0001_other_branch.sql', 'SELECT 1;\n'),
      /✗ \[journal\] drizzle: 2 migrations are numbered 0001 .*two branches generated migrations at once/,
    ],
    [
      'journal entries that go back in time',
      (repo) => {
        const journal = JSON.parse(fs.readFileSync(journalOf(repo), 'utf8'));
        journal.entries[1].when = journal.entries[0].when - 1000;
        fs.writeFileSync(journalOf(repo), JSON.stringify(journal));
      },
      /✗ \[journal\] drizzle\/meta\/_journal\.json: 0001_create_posts is dated before 0000_create_users/,
    ],
    [
      'a missing snapshot',
      (repo) => fs.rmSync(path.join(repo, 'drizzle/meta/0001_snapshot.json')),
      /✗ \[journal\] drizzle\/meta\/0001_snapshot\.json: missing for 0001_create_posts/,
    ],
    [
      'a migration edited after it was generated',
      (repo) => fs.appendFileSync(path.join(repo, 'drizzle/0000_create_users.sql'), '\nALTER TABLE "users" ADD COLUMN "sneaky" text;'),
      /✗ \[edited\] drizzle\/0000_create_users\.sql: changed since drizzle-kit generated it.*git checkout -- drizzle\/0000_create_users\.sql/,
    ],
    [
      'a schema change with no migration',
      (repo) => {
        const file = path.join(repo, 'src/db/schema/users.ts');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: text().notNull(),', 'name: text().notNull(),\n  nickname: text(),'));
      },
      /✗ \[pending\] src\/db\/schema\/index\.ts: has changes no migration covers: run db:generate/,
    ],
  ])('is red for %s', async (name, plant, expected) => {
    const result = await checkCopy(name.replace(/\W+/g, '-'), plant);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(expected);
    expect(result.stderr).toMatch(/^create-db-layer: check found \d+ problems? \(listed above\)/);
  });

  it('leaves the real migrations folder alone while checking for a pending migration', async () => {
    const repo = copyRepo(base, path.join(root, 'untouched'));
    const file = path.join(repo, 'src/db/schema/users.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: text().notNull(),', 'name: text().notNull(),\n  nickname: text(),'));
    const before = fs.readdirSync(path.join(repo, 'drizzle')).sort();
    await runCli(['check'], { cwd: repo });
    expect(fs.readdirSync(path.join(repo, 'drizzle')).sort()).toEqual(before);
  });

  it('fingerprints a migration the user generated with db:generate at the next table, and then reports its edit', async () => {
    const repo = copyRepo(base, path.join(root, 'user-generated'));
    const users = path.join(repo, 'src/db/schema/users.ts');
    fs.writeFileSync(users, fs.readFileSync(users, 'utf8').replace('name: text().notNull(),', 'name: text().notNull(),\n  nickname: text(),'));
    assertOk('db:generate', await runScript(repo, 'db:generate'));
    const userMigration = fs.readdirSync(path.join(repo, 'drizzle')).find((file) => file.startsWith('0002_'))!;
    assertOk('table tags', await runCli(['table', 'tags', 'label:text'], { cwd: repo }));
    const hashes = readJson<{ databases: { migrationHashes?: Record<string, string> }[] }>(path.join(repo, 'db-layer.json')).databases[0]!.migrationHashes ?? {};
    expect(Object.keys(hashes)).toContain(userMigration);
    fs.appendFileSync(path.join(repo, 'drizzle', userMigration), '\n-- tweaked by hand\n');
    const result = await runCli(['check'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ [edited] drizzle/${userMigration}: changed since drizzle-kit generated it`);
  });

  it('outside a scaffolded repo says how to run init', async () => {
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    const result = await runCli(['check'], { cwd: empty });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^create-db-layer: no db-layer\.json in .*run "npx create-db-layer" there first/);
  });
});
