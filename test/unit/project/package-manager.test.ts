import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_MANAGERS, detectPackageManager } from '../../../src/project/package-manager.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'cdl-pm-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function touch(file: string, content = '') {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

describe('detectPackageManager', () => {
  it.each([
    ['pnpm-lock.yaml', 'pnpm'],
    ['yarn.lock', 'yarn'],
    ['bun.lockb', 'bun'],
    ['bun.lock', 'bun'],
    ['package-lock.json', 'npm'],
    ['npm-shrinkwrap.json', 'npm'],
  ] as const)('%s means %s', (lockfile, manager) => {
    touch(path.join(root, lockfile));
    expect(detectPackageManager(root)).toBe(manager);
  });

  it('defaults to npm when nothing says otherwise', () => {
    // Assumes no lockfile above the OS temp dir, as on any sane machine.
    touch(path.join(root, 'package.json'), '{"name":"x"}');
    expect(detectPackageManager(root)).toBe('npm');
  });

  it('walks up to the workspace root of a monorepo', () => {
    touch(path.join(root, 'pnpm-lock.yaml'));
    const app = path.join(root, 'packages', 'api', 'src');
    mkdirSync(app, { recursive: true });
    touch(path.join(root, 'packages', 'api', 'package.json'), '{"name":"api"}');
    expect(detectPackageManager(app)).toBe('pnpm');
  });

  it('lets the nearest directory with an answer win', () => {
    touch(path.join(root, 'yarn.lock'));
    touch(path.join(root, 'nested', 'bun.lock'));
    expect(detectPackageManager(path.join(root, 'nested'))).toBe('bun');
  });

  it('reads the packageManager field, also from a parent directory', () => {
    touch(path.join(root, 'package.json'), JSON.stringify({ packageManager: 'pnpm@9.1.0+sha512.abc' }));
    const child = path.join(root, 'apps', 'web');
    mkdirSync(child, { recursive: true });
    expect(detectPackageManager(root)).toBe('pnpm');
    expect(detectPackageManager(child)).toBe('pnpm');
  });

  it('prefers the declared packageManager over a stray lockfile in the same directory', () => {
    touch(path.join(root, 'package.json'), JSON.stringify({ packageManager: 'yarn@4.2.0' }));
    touch(path.join(root, 'package-lock.json'));
    expect(detectPackageManager(root)).toBe('yarn');
  });

  it('ignores an unknown packageManager and an unreadable package.json', () => {
    touch(path.join(root, 'package.json'), JSON.stringify({ packageManager: 'deno@2.0.0' }));
    touch(path.join(root, 'yarn.lock'));
    touch(path.join(root, 'broken', 'package.json'), '{ nope');
    expect(detectPackageManager(path.join(root, 'broken'))).toBe('yarn');
  });

  it('prefers pnpm-lock.yaml over a leftover package-lock.json', () => {
    touch(path.join(root, 'package-lock.json'));
    touch(path.join(root, 'pnpm-lock.yaml'));
    expect(detectPackageManager(root)).toBe('pnpm');
  });
});

describe('PACKAGE_MANAGERS', () => {
  it('knows how each manager installs, runs scripts and executes binaries', () => {
    const table = Object.fromEntries(
      Object.entries(PACKAGE_MANAGERS).map(([name, pm]) => [
        name,
        [pm.install.join(' '), pm.run('db:migrate'), pm.exec('plop')],
      ]),
    );
    expect(table).toEqual({
      npm: ['npm install', 'npm run db:migrate', 'npx plop'],
      pnpm: ['pnpm install', 'pnpm db:migrate', 'pnpm exec plop'],
      yarn: ['yarn install', 'yarn db:migrate', 'yarn plop'],
      bun: ['bun install', 'bun run db:migrate', 'bunx plop'],
    });
  });
});
