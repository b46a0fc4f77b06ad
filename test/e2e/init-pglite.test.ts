/**
 * E2E, embedded default: a repo scaffolded with `--yes` needs no server. Scaffold, type-check, add a
 * table by hand, db:generate, db:migrate on PGlite, query through getDatabase(), and exercise the
 * seed / reset / nuke scripts and their production guards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUsersTable, firstProbe, IMPORT_ONLY, migrationFiles, readManifest, readUsers, ROWS, runProbe, writeProbes } from '../helpers/layer.js';
import {
  describeRun,
  expectOk,
  makeTempRepo,
  ownLines,
  removeTempDirs,
  runScript,
  runTsx,
  scaffold,
  typecheck,
} from '../helpers/repo.js';

let root = '';
/** The main repo; its default data folder (.pglite/main) is reused by the --layout file test below. */
let repo = '';
beforeAll(() => {
  root = makeTempRepo('e2e-pglite-');
  repo = path.join(root, 'app');
});
afterAll(() => removeTempDirs([root]));

describe('init --yes (driver auto, no server): PGlite in .pglite/main', () => {
  beforeAll(async () => {
    await scaffold(repo);
  });

  it('writes the layer and a manifest that records the defaults', () => {
    for (const file of [
      'db-layer.json',
      'drizzle.config.ts',
      '.env.example',
      'plopfile.js',
      'src/db/config.ts',
      'src/db/connection.ts',
      'src/db/index.ts',
      'src/db/schema/index.ts',
      'src/db/migrate.ts',
      'src/db/seed.ts',
      'src/db/reset.ts',
      'src/db/nuke.ts',
    ]) {
      expect(fs.existsSync(path.join(repo, file)), file).toBe(true);
    }
    const manifest = readManifest(repo);
    expect(manifest).toMatchObject({ dialect: 'postgresql', driver: 'auto', dbDir: 'src/db', layout: 'folder' });
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(pkg.scripts)).toEqual(
      expect.arrayContaining(['db:generate', 'db:migrate', 'db:push', 'db:studio', 'db:seed', 'db:reset', 'db:nuke']),
    );
    const gitignore = fs.readFileSync(path.join(repo, '.gitignore'), 'utf8').split('\n');
    expect(gitignore).toContain('.env');
    expect(gitignore.some((line) => line === '.pglite/' || line === '.pglite' || line === '/.pglite/')).toBe(true);
  });

  it('type-checks as scaffolded', async () => {
    const result = await typecheck(repo);
    expectOk('tsc', result);
  });

  it('type-checks with a users table added by hand and scripts that use the layer', async () => {
    addUsersTable(repo, 'folder');
    writeProbes(repo);
    const result = await typecheck(repo);
    expectOk('tsc', result);
  });

  it('db:generate writes a migration for the table, in snake_case', async () => {
    const result = await runScript(repo, 'db:generate');
    expectOk('db:generate', result);
    const files = migrationFiles(repo);
    expect(files).toHaveLength(1);
    const sql = fs.readFileSync(path.join(repo, 'drizzle', files[0]!), 'utf8');
    expect(sql).toContain('CREATE TABLE "users"');
    expect(sql).toContain('"display_name" text');
    expect(sql).toContain('"login_count" integer');
    expect(fs.existsSync(path.join(repo, 'drizzle/meta/_journal.json'))).toBe(true);
  });

  it('db:migrate applies it to PGlite in .pglite/main without any server', async () => {
    // Through the real `npm run` once, the way users run it.
    const result = await runScript(repo, 'db:migrate', {}, { viaNpm: true });
    expectOk('npm run db:migrate', result);
    expect(fs.existsSync(path.join(repo, '.pglite/main'))).toBe(true);
  });

  it('getDatabase(): insert and select, one shared instance, close, reopen and query again', async () => {
    const probe = await runProbe(repo, 'ada@example.test');
    expect(probe).toEqual(firstProbe('ada@example.test'));
  });

  it('nothing connects at import time: importing src/db/index with an unreachable DATABASE_URL exits 0', async () => {
    const result = await runTsx(repo, IMPORT_ONLY, [], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/x', DB_CONNECT_TIMEOUT: '2' });
    expectOk('import only', result);
    expect(JSON.parse(ownLines(result.stdout).at(-1)!)).toMatchObject({ db: 'object', getDatabase: 'function', tables: expect.arrayContaining(['users']) });
    expect(result.stderr).not.toMatch(/ECONNREFUSED|error/i);
  });

  it('nothing opens PGlite at import time: a fresh PGLITE_DIR is not created by importing', async () => {
    const dataDir = path.join(repo, '.pglite/never-opened');
    const result = await runTsx(repo, IMPORT_ONLY, [], { PGLITE_DIR: dataDir });
    expectOk('import only', result);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('db:seed (no seeds registered yet) succeeds twice', async () => {
    for (const run of [1, 2]) {
      const result = await runScript(repo, 'db:seed');
      expectOk(`db:seed #${run}`, result);
      expect(result.stdout).toMatch(/connected to embedded PGlite/);
    }
  });

  it('NODE_ENV=production: db:reset and db:nuke refuse with one line, exit non-zero, and the rows stay', async () => {
    for (const script of ['db:reset', 'db:nuke']) {
      const result = await runScript(repo, script, { NODE_ENV: 'production' });
      expect(result.code, describeRun(script, result)).not.toBe(0);
      const lines = ownLines(result.stderr);
      expect(lines, describeRun(script, result)).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^✗ ${script} refused: .*production`));
    }
    // The seeds above and the refusals touched nothing.
    expect(await readUsers(repo)).toEqual(['ada@example.test']);
  });

  it('db:reset empties the table and keeps the schema', async () => {
    expectOk('db:reset', await runScript(repo, 'db:reset'));
    // Selecting still works (the table exists) and finds nothing.
    expect(await readUsers(repo)).toEqual([]);
  });

  it('db:nuke drops the tables, db:migrate rebuilds them empty', async () => {
    expectOk('db:nuke', await runScript(repo, 'db:nuke'));
    const gone = await runTsx(repo, ROWS);
    expect(gone.code, describeRun('rows after nuke', gone)).not.toBe(0);
    expect(gone.stderr).toMatch(/users/);
    expectOk('db:migrate', await runScript(repo, 'db:migrate'));
    expect(await readUsers(repo)).toEqual([]);
  });
});

/**
 * The file layout reuses the main repo's data folder through PGLITE_DIR (absolute): a fresh PGlite
 * folder costs ~4 s, reopening one ~0.5 s. It starts with db:nuke, so it does not depend on what
 * ran before (run alone, the folder is simply created).
 */
describe('init --yes --layout file', () => {
  it('one src/db/schema.ts; type-checks, generates, migrates (PGLITE_DIR) and queries', async () => {
    const fileRepo = path.join(root, 'file-layout');
    const env = { PGLITE_DIR: path.join(repo, '.pglite/main') };
    await scaffold(fileRepo, ['--layout', 'file']);
    expect(fs.existsSync(path.join(fileRepo, 'src/db/schema.ts'))).toBe(true);
    expect(fs.existsSync(path.join(fileRepo, 'src/db/schema'))).toBe(false);
    expect(readManifest(fileRepo).layout).toBe('file');
    addUsersTable(fileRepo, 'file');
    writeProbes(fileRepo);
    expectOk('tsc', await typecheck(fileRepo));
    expectOk('db:generate', await runScript(fileRepo, 'db:generate', env));
    expect(migrationFiles(fileRepo)).toHaveLength(1);
    expectOk('db:nuke', await runScript(fileRepo, 'db:nuke', env));
    expectOk('db:migrate', await runScript(fileRepo, 'db:migrate', env));
    const probe = await runProbe(fileRepo, 'file-layout@example.test', env);
    expect(probe).toMatchObject({
      same: true,
      sameAsDbMain: true,
      inserted: ['file-layout@example.test'],
      reopenedIsNew: true,
      afterReopen: ['file-layout@example.test'],
      total: 1,
    });
    // PGLITE_DIR was honoured: nothing under the repo's default folder.
    expect(fs.existsSync(path.join(fileRepo, '.pglite'))).toBe(false);
  });
});
