import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSelfSpec } from '../../../src/project/self-spec.js';

/** A readFile over an in-memory map of absolute paths. */
function files(map: Record<string, unknown>) {
  return (file: string) => {
    const value = map[path.resolve(file)];
    return value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
  };
}

const noFiles = files({});
const base = { version: '0.1.0', env: {} };

describe('resolveSelfSpec', () => {
  it('returns CREATE_DB_LAYER_SPEC verbatim', () => {
    const spec = resolveSelfSpec({
      ...base,
      packageRoot: '/home/me/.npm/_npx/abc/node_modules/create-db-layer',
      targetDir: '/work/app',
      env: { CREATE_DB_LAYER_SPEC: 'github:me/create-db-layer#main' },
      readFile: noFiles,
    });
    expect(spec).toBe('github:me/create-db-layer#main');
  });

  it('points at a source checkout with a relative POSIX path', () => {
    const fromExample = { ...base, packageRoot: '/src/create-db-layer', readFile: noFiles };
    expect(resolveSelfSpec({ ...fromExample, targetDir: '/src/create-db-layer/examples/pg' })).toBe('file:../..');
    expect(resolveSelfSpec({ ...fromExample, targetDir: '/work/app' })).toBe('file:../../src/create-db-layer');
  });

  it('points at the tarball npx installed from, as an absolute path', () => {
    const project = '/home/me/.npm/_npx/f8fa2b4f9b887925';
    const readFile = files({
      [`${project}/package.json`]: {
        dependencies: { 'create-db-layer': 'file:../../../../dl/create-db-layer-0.1.0.tgz' },
        _npx: { packages: ['./dl/create-db-layer-0.1.0.tgz'] },
      },
    });
    const spec = resolveSelfSpec({
      ...base,
      packageRoot: `${project}/node_modules/create-db-layer`,
      targetDir: '/work/app',
      readFile,
    });
    expect(spec).toBe('file:/home/dl/create-db-layer-0.1.0.tgz');
  });

  it('resolves a devDependency file: folder against the project that installed it', () => {
    const readFile = files({
      '/tmp/t1/package.json': { devDependencies: { 'create-db-layer': 'file:vendor/create-db-layer' } },
    });
    const spec = resolveSelfSpec({
      ...base,
      packageRoot: '/tmp/t1/node_modules/create-db-layer',
      targetDir: '/tmp/t1/app',
      readFile,
    });
    expect(spec).toBe('file:/tmp/t1/vendor/create-db-layer');
  });

  it('finds the outer project of a pnpm layout', () => {
    const readFile = files({
      '/p/package.json': { dependencies: { 'create-db-layer': 'file:/x/create-db-layer-0.1.0.tgz' } },
    });
    const spec = resolveSelfSpec({
      ...base,
      packageRoot: '/p/node_modules/.pnpm/create-db-layer@file+x_abc/node_modules/create-db-layer',
      targetDir: '/p',
      readFile,
    });
    expect(spec).toBe('file:/x/create-db-layer-0.1.0.tgz');
  });

  it('asks the innermost installing package first', () => {
    const readFile = files({
      '/p/package.json': { dependencies: { 'create-db-layer': '^0.1.0' } },
      '/p/node_modules/tool/package.json': { dependencies: { 'create-db-layer': 'file:vendor/cdl.tgz' } },
    });
    const spec = resolveSelfSpec({
      ...base,
      packageRoot: '/p/node_modules/tool/node_modules/create-db-layer',
      targetDir: '/p',
      readFile,
    });
    expect(spec).toBe('file:/p/node_modules/tool/vendor/cdl.tgz');
  });

  it('uses ^version for a registry install', () => {
    const readFile = files({ '/home/me/.npm/_npx/abc/package.json': { dependencies: { 'create-db-layer': '^0.1.0' } } });
    const spec = resolveSelfSpec({
      ...base,
      version: '0.2.3',
      packageRoot: '/home/me/.npm/_npx/abc/node_modules/create-db-layer',
      targetDir: '/work/app',
      readFile,
    });
    expect(spec).toBe('^0.2.3');
  });

  it('uses ^version when the installing project cannot be read', () => {
    const readFile = files({ '/g/lib/package.json': '{ broken' });
    const spec = resolveSelfSpec({
      ...base,
      packageRoot: '/g/lib/node_modules/create-db-layer',
      targetDir: '/work/app',
      readFile,
    });
    expect(spec).toBe('^0.1.0');
  });

  it('ignores an empty CREATE_DB_LAYER_SPEC', () => {
    const spec = resolveSelfSpec({
      ...base,
      packageRoot: '/src/cdl',
      targetDir: '/src/cdl/examples/a',
      env: { CREATE_DB_LAYER_SPEC: '' },
      readFile: noFiles,
    });
    expect(spec).toBe('file:../..');
  });
});
