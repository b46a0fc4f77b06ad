/**
 * E2E of the published shape: `npm pack` this package, install the tarball into a project outside
 * /work/main (os.tmpdir(), so nothing resolves from our node_modules), and run `npx create-db-layer`
 * there. Reaches the npm registry (or its cache) for create-db-layer's own dependencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertOk, describeRun, readJson, removeTempDirs, run, snapshotTree, type RunResult } from '../helpers/repo.js';

const TIMEOUT = 240_000;

let tmp = '';
let tarball = '';
let project = '';
let app = '';
let init: RunResult;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-tarball-'));
  // --ignore-scripts: `prepare` would rebuild dist/ (rm -rf dist) under the other e2e files running
  // in parallel; `npm test` has just built it.
  const pack = assertOk(
    'npm pack',
    await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, timeoutMs: 120_000 }),
  );
  const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp, packed!.filename);
  expect(fs.existsSync(tarball), tarball).toBe(true);

  project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  assertOk('npm init -y', await run('npm', ['init', '-y'], { cwd: project, timeoutMs: 60_000 }));
  assertOk(
    'npm install <tarball>',
    await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project, timeoutMs: 200_000 }),
  );

  app = path.join(project, 'app');
  fs.mkdirSync(app);
  // `npx --no --`: use the installed bin, never fetch a package of that name from the registry (in a
  // non-TTY npx assumes --yes); `--` because after a leading npx flag npx would also eat `--yes`.
  init = await run('npx', ['--no', '--', 'create-db-layer', '--yes', '--no-install'], { cwd: app, timeoutMs: 120_000 });
}, TIMEOUT);

afterAll(() => removeTempDirs(tmp ? [tmp] : []));

describe('npm pack, npm install <tgz>, npx create-db-layer --yes', () => {
  it(
    'scaffolds into an empty folder: exit 0, the manifest and the layer written',
    () => {
      expect(init.code, describeRun('npx create-db-layer --yes --no-install', init)).toBe(0);
      for (const file of ['db-layer.json', 'src/db/connection.ts', 'src/db/config.ts', 'drizzle.config.ts', 'package.json', 'plopfile.js']) {
        expect(fs.existsSync(path.join(app, file)), file).toBe(true);
      }
      // --no-install: nothing installed in the new folder.
      expect(fs.existsSync(path.join(app, 'node_modules'))).toBe(false);
      expect(readJson(path.join(app, 'db-layer.json'))).toMatchObject({ dialect: 'postgresql', driver: 'auto' });
    },
    TIMEOUT,
  );

  it('the new package.json depends on create-db-layer through a file: spec pointing at the tarball', () => {
    const pkg = readJson<{ devDependencies?: Record<string, string>; dependencies?: Record<string, string> }>(path.join(app, 'package.json'));
    const spec = pkg.devDependencies?.['create-db-layer'];
    expect(spec, JSON.stringify(pkg, null, 2)).toBeDefined();
    expect(spec!.startsWith('file:')).toBe(true);
    const target = spec!.slice('file:'.length);
    // Absolute or relative to the new package.json: either way it must name the installed tarball.
    expect(fs.realpathSync(path.resolve(app, target))).toBe(fs.realpathSync(tarball));
  });

  it('the installed bin reports the package version', async () => {
    const version = await run('npx', ['--no', '--', 'create-db-layer', '--version'], { cwd: app, timeoutMs: 60_000 });
    expect(version.code, describeRun('--version', version)).toBe(0);
    const ownPkg = readJson<{ version: string }>(path.join(ROOT, 'package.json'));
    expect(version.stdout.trim()).toBe(ownPkg.version);
  });

  it('a second npx run in the same folder is a no-op', async () => {
    const before = snapshotTree(app);
    const again = await run('npx', ['--no', '--', 'create-db-layer', '--yes', '--no-install'], { cwd: app, timeoutMs: 120_000 });
    expect(again.code, describeRun('npx create-db-layer (again)', again)).toBe(0);
    expect(again.stdout).toMatch(/already up to date/);
    expect(snapshotTree(app)).toEqual(before);
  });

  // Editors validate db-layer.json through this reference, so the packed package must ship it.
  it("the manifest's $schema resolves to a JSON schema shipped in the installed package", () => {
    const manifest = readJson<{ $schema: string }>(path.join(app, 'db-layer.json'));
    expect(manifest.$schema).toMatch(/create-db-layer/);
    // The app has no node_modules of its own (--no-install); the package sits in the project's.
    const relative = manifest.$schema.replace(/^\.\/node_modules\//, '');
    const schemaFile = path.join(project, 'node_modules', relative);
    expect(fs.existsSync(schemaFile), schemaFile).toBe(true);
    const schema = readJson<{ properties?: Record<string, unknown> }>(schemaFile);
    expect(schema.properties).toHaveProperty(['databases']);
  });
});
