/**
 * E2E of the init command line: every bad flag or value is one line on stderr and leaves the folder
 * byte-identical; init is idempotent; in a repo with its own files it only merges package.json and
 * appends to .gitignore; conflicts, --force and --dry-run behave as the plan/apply contract says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUsersTable, migrationFiles, readManifest, runProbe, writeProbes } from '../helpers/layer.js';
import { createPgDatabase, pgTables, pgUrl, trackDatabases } from '../helpers/pg.js';
import {
  describeRun,
  expectOk,
  makeTempRepo,
  removeTempDirs,
  runCli,
  type RunResult,
  runScript,
  scaffold,
  snapshotTree,
  treePaths,
  typecheck,
} from '../helpers/repo.js';

let root = '';
const databases = trackDatabases();
let counter = 0;

beforeAll(() => {
  root = makeTempRepo('e2e-cli-');
});

afterAll(async () => {
  removeTempDirs([root]);
  await databases.dropAll();
});

/** A fresh folder under this file's temp root. */
function freshDir(name: string): string {
  const dir = path.join(root, `${String(++counter).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The one stderr line of a failed run, asserted to look like `create-db-layer: ...`. */
function expectOneErrorLine(result: RunResult, expectFn: typeof expect = expect): string {
  expectFn(result.code, describeRun('create-db-layer', result)).not.toBe(0);
  expectFn(result.code, describeRun('create-db-layer', result)).not.toBeNull();
  expectFn(result.timedOut).toBe(false);
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expectFn(lines, describeRun('create-db-layer', result)).toHaveLength(1);
  expectFn(lines[0]).toMatch(/^create-db-layer: /);
  return lines[0]!;
}

interface BadCase {
  name: string;
  /** argv after `init`-less `create-db-layer` */
  args: string[];
  /** substrings the error line must contain: the flag, the bad value, the allowed values */
  mentions: string[];
}

const DRIVERS = ['auto', 'pg', 'postgres-js', 'pglite'];

const BAD_CASES: BadCase[] = [
  { name: '--driver mysql', args: ['app', '--yes', '--no-install', '--driver', 'mysql'], mentions: ['--driver', 'mysql', ...DRIVERS] },
  { name: '--dialect oracle', args: ['app', '--yes', '--no-install', '--dialect', 'oracle'], mentions: ['--dialect', 'oracle', 'postgresql'] },
  { name: '--layout tree', args: ['app', '--yes', '--no-install', '--layout', 'tree'], mentions: ['--layout', 'tree', 'folder', 'file'] },
  { name: '--casing kebab', args: ['app', '--yes', '--no-install', '--casing', 'kebab'], mentions: ['--casing', 'kebab', 'snake_case', 'camelCase'] },
  {
    name: '--id int',
    args: ['app', '--yes', '--no-install', '--id', 'int'],
    mentions: ['--id', 'int', 'uuid', 'ulid', 'nanoid', 'cuid2', 'serial', 'identity'],
  },
  { name: '--bogus', args: ['app', '--yes', '--no-install', '--bogus'], mentions: ['--bogus'] },
  { name: '--bogus=1 before the folder', args: ['--bogus=1', 'app', '--yes'], mentions: ['--bogus'] },
  { name: '--db-dir ../outside', args: ['app', '--yes', '--no-install', '--db-dir', '../outside'], mentions: ['--db-dir', '../outside'] },
  { name: '--db-dir /abs', args: ['app', '--yes', '--no-install', '--db-dir', '/abs'], mentions: ['--db-dir', '/abs'] },
  { name: '--driver with no value', args: ['app', '--yes', '--no-install', '--driver'], mentions: ['--driver', ...DRIVERS] },
  { name: '--driver followed by a flag', args: ['app', '--driver', '--yes', '--no-install'], mentions: ['--driver', ...DRIVERS] },
  { name: '--driver= (empty)', args: ['app', '--yes', '--no-install', '--driver='], mentions: ['--driver', ...DRIVERS] },
  { name: '--yes=no (a boolean with a value)', args: ['app', '--yes=no', '--no-install'], mentions: ['--yes'] },
  { name: 'two folders', args: ['app', 'other', '--yes', '--no-install'], mentions: ['app', 'other'] },
  { name: 'a folder that is an existing file', args: ['afile', '--yes', '--no-install'], mentions: ['afile'] },
  // stdin is /dev/null in runCli: not a TTY, so a missing answer must be an error naming a flag, not a hang.
  { name: 'no --yes in a non-interactive shell', args: ['app', '--no-install'], mentions: ['--yes'] },
];

describe('bad flags and values: one stderr line, non-zero exit, folder untouched', () => {
  it.concurrent.for(BAD_CASES)('$name', async ({ args, mentions }, { expect }) => {
    const parent = freshDir('bad');
    // An existing target with a file of its own, a file named like a folder, and nothing else.
    fs.mkdirSync(path.join(parent, 'app'));
    fs.writeFileSync(path.join(parent, 'app/README.md'), '# app\n');
    fs.writeFileSync(path.join(parent, 'afile'), 'not a folder\n');
    const before = snapshotTree(parent);
    const result = await runCli(args, { cwd: parent, timeoutMs: 20_000 });
    const line = expectOneErrorLine(result, expect);
    for (const mention of mentions) expect(line, line).toContain(mention);
    expect(result.stdout).toBe('');
    expect(snapshotTree(parent)).toEqual(before);
    expect(fs.existsSync(path.join(root, 'outside'))).toBe(false);
  });

  it('a bad value for a folder that does not exist yet does not create it', async () => {
    const parent = freshDir('bad-new');
    const result = await runCli(['new-app', '--yes', '--no-install', '--driver', 'mysql'], { cwd: parent });
    expectOneErrorLine(result);
    expect(snapshotTree(parent)).toEqual({});
  });
});

describe('init twice', () => {
  it.each([
    ['defaults', [] as string[]],
    ['--driver postgres-js --layout file --casing camelCase --id serial --db-dir lib/database', ['--driver', 'postgres-js', '--layout', 'file', '--casing', 'camelCase', '--id', 'serial', '--db-dir', 'lib/database']],
  ])('the second run (%s) is a no-op: "already up to date", nothing changed', async (_label, flags) => {
    const repo = path.join(freshDir('twice'), 'app');
    await scaffold(repo, flags);
    const before = snapshotTree(repo);
    const mtimes = treePaths(before)
      .filter((file) => !file.endsWith('/'))
      .map((file) => fs.statSync(path.join(repo, file)).mtimeMs);
    const again = await runCli([repo, '--yes', '--no-install', ...flags], { cwd: root });
    expect(again.code, describeRun('init (again)', again)).toBe(0);
    expect(again.stdout).toMatch(/already up to date/);
    expect(again.stderr).toBe('');
    expect(snapshotTree(repo)).toEqual(before);
    const mtimesAfter = treePaths(before)
      .filter((file) => !file.endsWith('/'))
      .map((file) => fs.statSync(path.join(repo, file)).mtimeMs);
    expect(mtimesAfter).toEqual(mtimes);
  });
});

/** A repo with its own package.json (4-space indent, its own key order), .gitignore, README, .env, code. */
function writeExistingRepo(repo: string): void {
  fs.mkdirSync(path.join(repo, 'lib'), { recursive: true });
  fs.writeFileSync(
    path.join(repo, 'package.json'),
    `${JSON.stringify(
      {
        name: 'my-service',
        version: '1.2.3',
        description: 'has its own everything',
        author: 'me',
        scripts: { test: 'node --test', start: 'node lib/index.js', 'db:custom': 'echo mine' },
        dependencies: { express: '^4.19.0', 'drizzle-orm': '^0.40.0' },
        devDependencies: { eslint: '^9.0.0' },
        private: true,
      },
      null,
      4,
    )}\n`,
  );
  // No trailing newline, and .env already ignored.
  fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n.env\n*.log');
  fs.writeFileSync(path.join(repo, 'README.md'), '# My service\n\nDo not touch.\n');
  fs.writeFileSync(path.join(repo, '.env'), 'SECRET=keep-me\n');
  fs.writeFileSync(path.join(repo, 'lib/index.js'), "console.log('hi');\n");
}

describe('init in a repo with its own files', () => {
  it('changes nothing but merging package.json and appending .gitignore; a second run is a no-op', async () => {
    const repo = freshDir('existing');
    writeExistingRepo(repo);
    const before = snapshotTree(repo);
    const originalPkg = JSON.parse(before['package.json']!.toString('utf8')) as Record<string, Record<string, string> | string | boolean>;

    const result = await runCli(['--yes', '--no-install'], { cwd: repo });
    expect(result.code, describeRun('init', result)).toBe(0);
    const after = snapshotTree(repo);

    // Every file that was there is byte-identical, except the two that may change.
    for (const file of treePaths(before)) {
      if (file === 'package.json' || file === '.gitignore') continue;
      expect(after[file], file).toEqual(before[file]);
    }

    // .gitignore: the original text, then the new entries; nothing listed twice.
    const gitignore = after['.gitignore']!.toString('utf8');
    expect(gitignore.startsWith('node_modules\n.env\n*.log\n')).toBe(true);
    const lines = gitignore.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(lines).toContain('.env');
    expect(lines.some((line) => line.startsWith('.pglite'))).toBe(true);
    expect(new Set(lines).size, gitignore).toBe(lines.length);

    // package.json: same indentation and trailing newline, original keys in their order, original
    // entries kept, ours added.
    const pkgText = after['package.json']!.toString('utf8');
    expect(pkgText).toMatch(/^\{\n {4}"name": "my-service",\n/);
    expect(pkgText.endsWith('}\n')).toBe(true);
    const pkg = JSON.parse(pkgText) as Record<string, Record<string, string>>;
    expect(Object.keys(pkg).filter((key) => key in originalPkg)).toEqual(Object.keys(originalPkg));
    for (const key of ['name', 'version', 'description', 'author', 'private']) expect(pkg[key], key).toEqual(originalPkg[key]);
    expect(pkg.scripts).toMatchObject(originalPkg.scripts as Record<string, string>);
    expect(Object.keys(pkg.scripts!).slice(0, 3)).toEqual(['test', 'start', 'db:custom']);
    for (const script of ['db:generate', 'db:migrate', 'db:push', 'db:studio', 'db:seed', 'db:reset', 'db:nuke']) {
      expect(pkg.scripts, script).toHaveProperty([script]);
    }
    // A dependency the repo already had keeps its own range (merged, not replaced).
    expect(pkg.dependencies).toMatchObject({ express: '^4.19.0', 'drizzle-orm': '^0.40.0' });
    expect(pkg.dependencies).toHaveProperty(['pg']);
    expect(pkg.devDependencies).toMatchObject({ eslint: '^9.0.0' });
    expect(pkg.devDependencies).toHaveProperty(['drizzle-kit']);

    // New files are the layer's own.
    expect(treePaths(after)).toEqual(expect.arrayContaining(['db-layer.json', 'src/db/config.ts', 'src/db/connection.ts']));

    const again = await runCli(['--yes', '--no-install'], { cwd: repo });
    expect(again.code, describeRun('init (again)', again)).toBe(0);
    expect(again.stdout).toMatch(/already up to date/);
    expect(snapshotTree(repo)).toEqual(after);
  });

  it('an ESM repo with a NodeNext tsconfig gets .js imports that tsc, drizzle-kit and tsx accept (real server)', async () => {
    const repo = freshDir('nodenext');
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    fs.writeFileSync(
      path.join(repo, 'package.json'),
      `${JSON.stringify({ name: 'svc', version: '1.0.0', type: 'module', scripts: { start: 'node dist/index.js' } }, null, 2)}\n`,
    );
    const tsconfig = `{
  // the service's own config, with comments and a trailing comma
  "compilerOptions": {
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "target": "ES2022",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": ["node"],
  },
  "include": ["src", "*.ts"]
}
`;
    fs.writeFileSync(path.join(repo, 'tsconfig.json'), tsconfig);
    fs.writeFileSync(path.join(repo, 'src/index.ts'), 'export const hello = (): string => "hi";\n');
    await scaffold(repo);
    expect(fs.readFileSync(path.join(repo, 'tsconfig.json'), 'utf8')).toBe(tsconfig);
    expect(readManifest(repo).importExtension).toBe('.js');
    expect(fs.readFileSync(path.join(repo, 'src/db/connection.ts'), 'utf8')).toMatch(/from ["']\.\/config\.js["']/);
    expectOk('tsc (as scaffolded)', await typecheck(repo));
    addUsersTable(repo, 'folder');
    writeProbes(repo);
    expectOk('tsc (with users)', await typecheck(repo));
    const database = await createPgDatabase();
        const env = { DATABASE_URL: pgUrl(database) };
    expectOk('db:generate', await runScript(repo, 'db:generate', env));
    expect(migrationFiles(repo)).toHaveLength(1);
    expectOk('db:migrate', await runScript(repo, 'db:migrate', env));
    expect(await pgTables(database)).toEqual(['users']);
    expect(await runProbe(repo, 'esm@example.test', env)).toMatchObject({ same: true, afterReopen: ['esm@example.test'], total: 1 });
  });
});

describe('conflicts, --force and --dry-run', () => {
  let reference = '';

  beforeAll(async () => {
    // What init writes with the defaults, to compare against.
    reference = path.join(freshDir('reference'), 'app');
    await scaffold(reference);
  });

  function conflictingRepo(): string {
    const repo = freshDir('conflict');
    fs.mkdirSync(path.join(repo, 'src/db'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'src/db/config.ts'), 'export const mine = 1;\n');
    fs.writeFileSync(path.join(repo, 'README.md'), '# mine\n');
    return repo;
  }

  it('an existing src/db/config.ts with other content is an error naming it, and nothing is written', async () => {
    const repo = conflictingRepo();
    const before = snapshotTree(repo);
    const result = await runCli(['--yes', '--no-install'], { cwd: repo });
    const line = expectOneErrorLine(result);
    expect(line).toContain('src/db/config.ts');
    expect(line).toContain('--force');
    expect(snapshotTree(repo)).toEqual(before);
  });

  it('--dry-run --force shows the overwrite as a diff and writes nothing', async () => {
    const repo = conflictingRepo();
    const before = snapshotTree(repo);
    const result = await runCli(['--yes', '--no-install', '--dry-run', '--force'], { cwd: repo });
    expect(result.code, describeRun('init --dry-run --force', result)).toBe(0);
    expect(result.stdout).toContain('--- a/src/db/config.ts');
    expect(result.stdout).toContain('+++ b/src/db/config.ts');
    expect(result.stdout).toMatch(/^-export const mine = 1;$/m);
    expect(snapshotTree(repo)).toEqual(before);
  });

  it('--force overwrites it with the generated file and writes the rest of the layer', async () => {
    const repo = conflictingRepo();
    const result = await runCli(['--yes', '--no-install', '--force'], { cwd: repo });
    expect(result.code, describeRun('init --force', result)).toBe(0);
    expect(fs.readFileSync(path.join(repo, 'src/db/config.ts'))).toEqual(fs.readFileSync(path.join(reference, 'src/db/config.ts')));
    expect(fs.readFileSync(path.join(repo, 'src/db/connection.ts'))).toEqual(fs.readFileSync(path.join(reference, 'src/db/connection.ts')));
    expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# mine\n');
    expect(fs.existsSync(path.join(repo, 'db-layer.json'))).toBe(true);
  });

  it('--dry-run into a new folder prints a unified diff of every file and creates nothing', async () => {
    const parent = freshDir('dry-new');
    const result = await runCli(['app', '--yes', '--no-install', '--dry-run'], { cwd: parent });
    expect(result.code, describeRun('init --dry-run', result)).toBe(0);
    for (const file of treePaths(snapshotTree(reference)).filter((name) => !name.endsWith('/'))) {
      expect(result.stdout, file).toContain(`+++ b/${file}`);
    }
    expect(result.stdout).toContain('--- /dev/null');
    expect(result.stdout).toMatch(/^@@ -0,0 \+1,\d+ @@$/m);
    expect(snapshotTree(parent)).toEqual({});
  });

  it('--dry-run in a repo with its own package.json shows the merge as -/+ lines and changes nothing', async () => {
    const repo = freshDir('dry-existing');
    writeExistingRepo(repo);
    const before = snapshotTree(repo);
    const result = await runCli(['--yes', '--no-install', '--dry-run'], { cwd: repo });
    expect(result.code, describeRun('init --dry-run', result)).toBe(0);
    expect(result.stdout).toContain('--- a/package.json');
    expect(result.stdout).toContain('+++ b/package.json');
    expect(result.stdout).toMatch(/^\+ {8}"db:migrate": /m);
    expect(result.stdout).toContain('--- a/.gitignore');
    expect(result.stdout).not.toContain('README.md');
    expect(snapshotTree(repo)).toEqual(before);
  });
});
