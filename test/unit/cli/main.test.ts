import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initCommand } from '../../../generators/init/index.js';
import { COMMANDS } from '../../../src/commands.js';
import { main } from '../../../src/main.js';
import { MANIFEST_FILE } from '../../../src/model/manifest.js';
import { expectFailureIn, fakeIo, snapshotDir } from './harness.js';

const PACKAGE_JSON = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-main-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs main and checks the failure contract: the exit code, one stderr line, no stdout, no file touched. */
const expectFailure = (argv: string[], exitCode: number, io = fakeIo(tmp)) => expectFailureIn(tmp, argv, exitCode, io);

describe('main: --version and --help', () => {
  it.each([['--version'], ['-v'], ['init', '--version'], ['init', '-v']])('%s %s prints the package version', async (...argv) => {
    const io = fakeIo(tmp);
    expect(await main(argv, io)).toBe(0);
    expect(io.stdout).toEqual([PACKAGE_JSON.version]);
    expect(io.stderr).toEqual([]);
  });

  it.each([['--help'], ['-h']])('%s prints the global help listing every command', async (flag) => {
    const io = fakeIo(tmp);
    expect(await main([flag], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    const help = io.stdout.join('\n');
    expect(help).toContain(`create-db-layer ${PACKAGE_JSON.version}`);
    expect(help).toContain('(no command: init)');
    for (const command of Object.values(COMMANDS)) {
      expect(help).toMatch(new RegExp(`^  ${command.name} +${escapeRegExp(command.summary)}$`, 'm'));
    }
    expect(snapshotDir(tmp)).toEqual({});
  });

  it('init --help lists every init flag, with its values, and writes nothing', async () => {
    const io = fakeIo(tmp);
    expect(await main(['init', '--help'], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    const help = io.stdout.join('\n');
    expect(help).toContain(initCommand.usage);
    const flags = Object.entries(initCommand.flags);
    expect(flags.length).toBeGreaterThanOrEqual(12);
    for (const [name, spec] of flags) {
      const spelled = spec.negatable ? `--no-${name}` : `--${name}`;
      const line = help.split('\n').find((row) => row.includes(`${spelled} `) || row.endsWith(spelled));
      expect(line, `init --help does not list ${spelled}`).toBeDefined();
      expect(line).toContain(spec.description);
      if (spec.values) expect(line).toContain(`<${spec.values.join('|')}>`);
      if (spec.short) expect(line).toContain(`-${spec.short}, `);
    }
    expect(help).toContain('--version');
    expect(snapshotDir(tmp)).toEqual({});
  });

  it('--help after a folder shows the init help, not the global one', async () => {
    const io = fakeIo(tmp);
    expect(await main(['app', '--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('--driver <auto|pg|postgres-js|pglite|libsql|better-sqlite3|mysql2>');
    expect(snapshotDir(tmp)).toEqual({});
  });
});

describe('main: init', () => {
  it('leaves a layer file the repo already has alone, and says so', async () => {
    fs.mkdirSync(path.join(tmp, 'app', 'src', 'db'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'app', 'src', 'db', 'index.ts'), 'export const mine = 1;\n');
    const io = fakeIo(tmp);
    expect(await main(['app', '--yes', '--no-install'], io)).toBe(0);
    expect(fs.readFileSync(path.join(tmp, 'app', 'src', 'db', 'index.ts'), 'utf8')).toBe('export const mine = 1;\n');
    expect(io.stdout.join('\n')).toContain('note: kept your existing src/db/index.ts');
  });

  it('table finds the repo from a subfolder, as git finds .git', async () => {
    const repo = path.join(tmp, 'app');
    expect(await main(['app', '--yes', '--no-install'], fakeIo(tmp))).toBe(0);
    const io = fakeIo(path.join(repo, 'src', 'db'));
    expect(await main(['table', 'tags', 'label:text', '--no-generate'], io)).toBe(0);
    expect(fs.existsSync(path.join(repo, 'src', 'db', 'schema', 'tags.ts'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'src', 'db', 'src'))).toBe(false);
  });

  it('seed in a repo whose seed.ts has no seeds array is a one-line error, nothing written', async () => {
    const repo = path.join(tmp, 'app');
    expect(await main(['app', '--yes', '--no-install'], fakeIo(tmp))).toBe(0);
    expect(await main(['table', 'tags', 'label:text', '--no-generate', '--cwd', repo], fakeIo(tmp))).toBe(0);
    fs.writeFileSync(path.join(repo, 'src', 'db', 'seed.ts'), 'console.log("my own seed");\n');
    const before = snapshotDir(repo);
    const io = fakeIo(tmp);
    expect(await main(['seed', 'tags', '--cwd', repo], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^create-db-layer: seed\.ts has no `const seeds = \[\.\.\.\]` array/);
    expect(snapshotDir(repo)).toEqual(before);
  });

  it('keeps a dependency version the repo already has, and says so', async () => {
    fs.mkdirSync(path.join(tmp, 'app'));
    fs.writeFileSync(path.join(tmp, 'app', 'package.json'), JSON.stringify({ name: 'app', dependencies: { 'drizzle-orm': '^0.40.0', pg: '8.23.1' } }));
    const io = fakeIo(tmp);
    expect(await main(['app', '--yes', '--no-install'], io)).toBe(0);
    const written = JSON.parse(fs.readFileSync(path.join(tmp, 'app', 'package.json'), 'utf8'));
    expect(written.dependencies['drizzle-orm']).toBe('^0.40.0');
    const notes = io.stdout.join('\n').split('\n').filter((line) => line.includes('note:'));
    expect(notes).toEqual(['  note: kept your drizzle-orm ^0.40.0; the layer is generated and tested with 0.45.4']);
  });

  it('treats a first positional that is not a command as the folder to scaffold', async () => {
    expect(Object.hasOwn(COMMANDS, 'my-service')).toBe(false);
    const io = fakeIo(tmp);
    expect(await main(['my-service', '--yes', '--no-install'], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual(['my-service']);
    expect(fs.existsSync(path.join(tmp, 'my-service', MANIFEST_FILE))).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'my-service', 'src/db/connection.ts'))).toBe(true);
    const out = io.stdout.join('\n');
    expect(out).toContain('✓ database layer written to my-service');
    expect(out).toContain('npm install'); // --no-install: the next steps say what to run
  });

  it('init <dir> and <dir> scaffold the same files', async () => {
    expect(await main(['init', 'a', '--yes', '--no-install'], fakeIo(tmp))).toBe(0);
    expect(await main(['b', '--yes', '--no-install'], fakeIo(tmp))).toBe(0);
    const a = snapshotDir(path.join(tmp, 'a'));
    const b = snapshotDir(path.join(tmp, 'b'));
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(b['src/db/connection.ts']).toBe(a['src/db/connection.ts']);
  });

  it('resolves the folder against --cwd', async () => {
    fs.mkdirSync(path.join(tmp, 'repo'));
    expect(await main(['--cwd', 'repo', 'app', '--yes', '--no-install'], fakeIo(tmp))).toBe(0);
    expect(fs.existsSync(path.join(tmp, 'repo', 'app', MANIFEST_FILE))).toBe(true);
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const io = fakeIo(tmp);
    expect(await main(['app', '--yes', '--dry-run'], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain('--- /dev/null\n+++ b/db-layer.json');
    expect(out).toContain('dry run: nothing written');
    expect(snapshotDir(tmp)).toEqual({});
  });

  it('does not prompt in a non-interactive shell when every answer is a flag', async () => {
    const argv = ['app', '--driver', 'pg', '--db-dir', 'db', '--layout', 'file', '--casing', 'camelCase', '--id', 'serial', '--no-install'];
    const io = fakeIo(tmp);
    expect(await main(argv, io)).toBe(0);
    expect(io.stderr).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(tmp, 'app', MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({ driver: 'pg', dbDir: 'db', layout: 'file', casing: 'camelCase', idStrategy: 'serial' });
  });

  it('--force overwrites a file that differs from what init generates', async () => {
    const app = path.join(tmp, 'app');
    fs.mkdirSync(path.join(app, 'src/db'), { recursive: true });
    fs.writeFileSync(path.join(app, 'src/db/config.ts'), 'export {};\n');
    expect(await main(['app', '--yes', '--no-install', '--force'], fakeIo(tmp))).toBe(0);
    expect(fs.readFileSync(path.join(app, 'src/db/config.ts'), 'utf8')).toContain('getDatabaseConfig');
  });
});

describe('main: errors exit non-zero with one line and write nothing', () => {
  it.each([
    [{ stdin: false, stdout: false }],
    [{ stdin: true, stdout: false }],
    [{ stdin: false, stdout: true }],
  ])('a non-interactive run without --yes names --dialect, then --driver (tty %o)', async (tty) => {
    const line = await expectFailure(['app'], 2, fakeIo(tmp, tty));
    expect(line).toMatch(/^create-db-layer: --dialect is needed: /);
    expect(line).toContain('--dialect <postgresql|sqlite|mysql|dual>');
    expect(line).toContain('--yes');
    // postgresql has several drivers to choose from; dual has one, so it needs no answer.
    const driver = await expectFailure(['app', '--dialect', 'postgresql'], 2, fakeIo(tmp, tty));
    expect(driver).toMatch(/^create-db-layer: --driver is needed: /);
    expect(driver).toContain('--driver <auto|pg|postgres-js|pglite>');
    expect(line).toContain('--yes');
  });

  it.each([
    [['app', '--driver', 'pg'], '--db-dir'],
    [['app', '--driver', 'pg', '--db-dir', 'db'], '--layout'],
    [['app', '--driver', 'pg', '--db-dir', 'db', '--layout', 'file'], '--casing'],
    [['app', '--driver', 'pg', '--db-dir', 'db', '--layout', 'file', '--casing', 'camelCase'], '--id'],
  ])('a non-interactive run names the first missing answer: %j -> %s', async (argv, flag) => {
    const line = await expectFailure(argv, 2);
    expect(line.startsWith(`create-db-layer: ${flag} is needed`)).toBe(true);
  });

  it.each([
    [['app', '--yes', '--driver', 'mysql'], '--driver must be one of auto, pg, postgres-js, pglite, libsql, better-sqlite3, mysql2 (got "mysql")'],
    [['app', '--yes', '--dialect', 'mysql', '--driver', 'pg'], '--driver pg is a postgresql driver; with --dialect mysql use --driver mysql2'],
    [['app', '--yes', '--dialect', 'sqlite', '--driver', 'pg'], '--driver pg is a postgresql driver; with --dialect sqlite use --driver libsql, better-sqlite3'],
    [['app', '--yes', '--dialect', 'dual', '--driver', 'pg'], '--driver pg does not fit --dialect dual: its SQLite side uses --driver libsql (asynchronous, like PostgreSQL\'s drivers) and its PostgreSQL side is auto (PGlite without a server); leave --driver out'],
    [['app', '--yes', '--dialect', 'dual', '--driver', 'better-sqlite3'], '--driver better-sqlite3 does not fit --dialect dual'],
    [['app', '--yes', '--dialect', 'dual', '--layout', 'file'], '--layout file does not fit --dialect dual: each dialect keeps its tables in its own schema folder'],
    [['app', '--yes', '--dialect', 'dual', '--id', 'identity'], '--id identity does not fit a dual layer'],
    [['app', '--yes', '--driver=sqlite'], '--driver must be one of'],
    [['app', '--yes', '--layout', 'tree'], '--layout must be one of folder, file'],
    [['app', '--yes', '--casing', 'kebab'], '--casing must be one of'],
    [['app', '--yes', '--id', 'guid'], '--id must be one of'],
    [['app', '--yes', '--dialect', 'mssql'], '--dialect must be one of postgresql, sqlite, mysql'],
    [['app', '--yes', '--driver'], '--driver needs a value: one of auto, pg, postgres-js, pglite'],
    [['app', '--yes', '--cwd'], '--cwd needs a value'],
    [['app', '--yes', '--frobnicate'], 'unknown flag --frobnicate for init'],
    [['init', 'app', '--yes', '--frobnicate=1'], 'unknown flag --frobnicate for init'],
    [['app', '--yes', '-x'], 'unknown flag -x'],
    [['app', '--yes=true'], '--yes takes no value (got "true")'],
    [['app', '--yes', '--no-install=false'], '--no-install takes no value'],
    [['app', '--yes', '--no-yes'], 'unknown flag --no-yes'],
    [['app', 'other', '--yes'], 'init takes one folder, got 2: app other'],
    [['app', '--yes', '--db-dir', '../outside'], '--db-dir must stay inside the repository'],
    [['app', '--yes', '--db-dir', '/abs/db'], '--db-dir must be relative to the repository'],
    [['app', '--yes', '--db-dir', '.'], '--db-dir must name a folder inside the repository'],
    [['app', '--yes', '--db-dir', 'src/d b'], '--db-dir may only contain'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const line = await expectFailure(argv, 2);
    expect(line).toContain(`create-db-layer: ${message}`);
  });

  it('refuses a target that is a file (exit 1)', async () => {
    fs.writeFileSync(path.join(tmp, 'app'), 'not a folder\n');
    const line = await expectFailure(['app', '--yes', '--no-install'], 1);
    expect(line).toContain('is a file: give init a folder');
  });

  it('refuses to overwrite a differing file without --force (exit 1)', async () => {
    const app = path.join(tmp, 'app');
    fs.mkdirSync(path.join(app, 'src/db'), { recursive: true });
    fs.writeFileSync(path.join(app, 'src/db/config.ts'), 'export {};\n');
    const line = await expectFailure(['app', '--yes', '--no-install'], 1);
    expect(line).toBe(
      'create-db-layer: src/db/config.ts already exists with different content: rerun with --force to overwrite, or --dry-run to see the diff',
    );
  });

  it('refuses a user script that differs from the layer script without --force (exit 1)', async () => {
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'app', scripts: { 'db:migrate': 'knex migrate:latest' } }, null, 2)}\n`);
    const line = await expectFailure(['app', '--yes', '--no-install'], 1);
    expect(line).toContain('package.json scripts.db:migrate already exists');
  });

  const BAD_PACKAGE_JSON = [
    ['not JSON', '{ "name": "app", }\n'],
    ['"scripts" not an object', '{ "name": "app", "scripts": [] }\n'],
  ];

  it.each(BAD_PACKAGE_JSON)('leaves everything untouched when package.json is %s', async (_, text) => {
    fs.mkdirSync(path.join(tmp, 'app'));
    fs.writeFileSync(path.join(tmp, 'app', 'package.json'), text);
    const before = snapshotDir(tmp);
    expect(await main(['app', '--yes', '--no-install'], fakeIo(tmp))).not.toBe(0);
    expect(snapshotDir(tmp)).toEqual(before);
  });

  it.each(BAD_PACKAGE_JSON)('refuses a package.json that is %s with one line (exit 1)', async (_, text) => {
    fs.mkdirSync(path.join(tmp, 'app'));
    fs.writeFileSync(path.join(tmp, 'app', 'package.json'), text);
    const line = await expectFailure(['app', '--yes', '--no-install'], 1);
    expect(line).toContain('package.json');
  });

  it.each([
    ['not json', '{ nope', 'db-layer.json is not valid JSON'],
    ['a bad field', JSON.stringify({ version: 1, dialect: 'postgresql', driver: 'oracle' }), 'db-layer.json: driver: invalid option'],
  ])('refuses a manifest with %s (exit 1)', async (_, text, message) => {
    fs.mkdirSync(path.join(tmp, 'app'));
    fs.writeFileSync(path.join(tmp, 'app', MANIFEST_FILE), text);
    const line = await expectFailure(['app', '--yes', '--no-install'], 1);
    expect(line).toContain(`create-db-layer: ${message}`);
    expect(line).toMatch(/; fix it or restore it from git$/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
