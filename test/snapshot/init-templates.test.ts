/**
 * What init generates, one snapshot file per generated file, so a template change shows up in
 * review as a diff of real code. Update with `npx vitest run test/snapshot -u` and read the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planInit } from '../../generators/init/plan.js';
import { INIT_DEFAULTS, type InitAnswers } from '../../src/model/init-answers.js';
import { MANIFEST_FILE, parseManifest } from '../../src/model/manifest.js';
import { kitDialect } from '../../src/model/dialects.js';
import { DRIVERS, keysOf, LAYOUTS } from '../../src/model/options.js';
import { Tree, type FileChange } from '../../src/plan/index.js';
import { VERSIONS } from '../../src/versions.js';

/** A root that does not exist: nothing is read from the target, and no prettier config above it applies. */
const ROOT = path.resolve('/__create-db-layer-snapshot__/app');
const SELF_SPEC = 'file:../create-db-layer';
const NODENEXT_TSCONFIG = `${JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }, null, 2)}\n`;

/** Plans init into an in-memory repo holding only `disk` (plan path -> content). */
async function plan(answers: Partial<InitAnswers>, disk: Record<string, string> = {}): Promise<FileChange[]> {
  const tree = new Tree(ROOT, (abs) => {
    const key = path.relative(ROOT, abs).split(path.sep).join('/');
    return disk[key] ?? null;
  });
  const result = await planInit(tree, {
    answers: { ...INIT_DEFAULTS, ...answers },
    packageManager: 'npm',
    selfSpec: SELF_SPEC,
    force: false,
  });
  expect(result.conflicts).toEqual([]);
  const changes = tree.changes();
  for (const change of changes) expect(change.before, `${change.path} was read from disk`).toBeNull();
  return changes;
}

const SNAPSHOTS = path.join(import.meta.dirname, '__snapshots__', 'init');

async function snapshotAll(name: string, changes: FileChange[]): Promise<void> {
  for (const change of changes) {
    await expect(change.after).toMatchFileSnapshot(`__snapshots__/init/${name}/${change.path}.snap`);
  }
  // vitest never reports an obsolete file snapshot: a file init stopped generating must go too.
  const dir = path.join(SNAPSHOTS, name);
  const onDisk = fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  expect(onDisk.sort(), `obsolete snapshots in ${path.relative(process.cwd(), dir)}: delete them`).toEqual(
    changes.map((change) => `${change.path}.snap`).sort(),
  );
}

// init never deletes, so every change has content.
const byPath = (changes: FileChange[]) => Object.fromEntries(changes.map((change) => [change.path, change.after!]));

/** Relative module specifiers of every import/export ... from '...' in a TypeScript file. */
function relativeSpecifiers(source: string): string[] {
  return [...source.matchAll(/\bfrom\s+(['"])(\.[^'"]*)\1/g)].map((match) => match[2]!);
}

/** `text` as a pattern in which each ' matches either quote: prettier (or the target's config) picks them. */
function code(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll("'", `["']`));
}

const FOLDER_FILES = [
  '.env.example',
  '.github/workflows/db-check.yml',
  '.gitignore',
  'db-layer.json',
  'drizzle.config.ts',
  'package.json',
  'plopfile.js',
  'src/db/AGENTS.md',
  'src/db/config.ts',
  'src/db/connection.ts',
  'src/db/index.ts',
  'src/db/migrate.ts',
  'src/db/nuke.ts',
  'src/db/reset.ts',
  'src/db/run-script.ts',
  'src/db/schema/index.ts',
  'src/db/seed.ts',
  'tsconfig.json',
];

describe('init templates: driver x layout', () => {
  for (const driver of keysOf(DRIVERS)) {
    for (const layout of keysOf(LAYOUTS)) {
      it(`${driver}-${layout}`, async () => {
        const changes = await plan({ dialect: DRIVERS[driver].dialect, driver, layout });
        const files = changes.map((change) => change.path);
        const schemaFile = layout === 'folder' ? 'src/db/schema/index.ts' : 'src/db/schema.ts';
        expect(files).toEqual(FOLDER_FILES.map((file) => (file === 'src/db/schema/index.ts' ? schemaFile : file)).sort());
        await snapshotAll(`${driver}-${layout}`, changes);

        const out = byPath(changes);
        const manifest = parseManifest(out[MANIFEST_FILE]!);
        expect(manifest).toMatchObject({ driver, layout, importExtension: '' });
        expect(manifest.databases[0]!.schema).toBe(schemaFile);
        // No extensions without NodeNext; the folder barrel is imported as its folder.
        for (const file of files.filter((file) => file.endsWith('.ts'))) {
          for (const specifier of relativeSpecifiers(out[file]!)) expect(specifier, file).not.toMatch(/\.(js|ts)$/);
        }
        // ./schema is the folder's barrel or the single schema.ts: the same specifier either way.
        expect(out['src/db/connection.ts']).toMatch(code("import * as schema from './schema';"));
        // Every package the code imports is a pinned dependency.
        const pkg = JSON.parse(out['package.json']!) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
        for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
          if (name === 'create-db-layer') expect(version).toBe(SELF_SPEC);
          else expect(version, name).toBe(VERSIONS[name as keyof typeof VERSIONS]);
        }
        const clients = DRIVERS[driver] as { server?: string; embedded?: string };
        expect('pg' in pkg.dependencies).toBe(clients.server === 'node-postgres');
        expect('postgres' in pkg.dependencies).toBe(clients.server === 'postgres-js');
        expect('@electric-sql/pglite' in pkg.dependencies).toBe(clients.embedded === 'pglite');
        expect(out['.gitignore']!.includes('.pglite/')).toBe(clients.embedded === 'pglite');
        expect('@libsql/client' in pkg.dependencies).toBe(clients.server === 'libsql');
        expect(out['.gitignore']!.includes('.data/')).toBe(clients.embedded === 'libsql' || clients.embedded === 'better-sqlite3');
        expect('better-sqlite3' in pkg.dependencies).toBe(clients.embedded === 'better-sqlite3');
        expect('@types/better-sqlite3' in pkg.devDependencies).toBe(clients.embedded === 'better-sqlite3');
        expect('mysql2' in pkg.dependencies).toBe(clients.server === 'mysql2');
        expect(out['drizzle.config.ts']).toMatch(code(`dialect: '${kitDialect({ dialect: DRIVERS[driver].dialect, driver })}'`));
        expect(kitDialect({ dialect: DRIVERS[driver].dialect, driver })).toBe({ sqlite: driver === 'better-sqlite3' ? 'sqlite' : 'turso', mysql: 'mysql', postgresql: 'postgresql' }[DRIVERS[driver].dialect]);
      });
    }
  }
});

describe('init templates: --dialect dual', () => {
  it('writes each dialect\'s modules and drizzle config, and the shared modules choosing one by DB_TYPE', async () => {
    const changes = await plan({ dialect: 'dual', driver: 'libsql' });
    await snapshotAll('dual-folder', changes);
    const out = byPath(changes);
    const files = changes.map((change) => change.path);
    for (const side of ['sqlite', 'postgres']) {
      for (const module of ['config', 'connection', 'reset', 'nuke']) expect(files).toContain(`src/db/${side}/${module}.ts`);
      expect(files).toContain(`src/db/schema/${side}/index.ts`);
      // Each side reads DATABASE_URL only when DB_TYPE selects it.
      expect(out[`src/db/${side}/config.ts`]).toMatch(code(`env: Env = sideEnv('${side}')`));
    }
    expect(out['drizzle.config.ts']).toMatch(code("schema: './src/db/schema/sqlite/index.ts'"));
    expect(out['drizzle.config.pg.ts']).toMatch(code("out: './drizzle-pg'"));
    const manifest = parseManifest(out[MANIFEST_FILE]!);
    expect(manifest).toMatchObject({ dialect: 'sqlite', driver: 'libsql', enumStyle: 'text', dual: { dialect: 'postgresql', driver: 'auto', config: 'drizzle.config.pg.ts', out: 'drizzle-pg' } });
    const pkg = JSON.parse(out['package.json']!) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.scripts['db:generate']).toBe('drizzle-kit generate && drizzle-kit generate --config drizzle.config.pg.ts');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@electric-sql/pglite', '@libsql/client', 'drizzle-orm', 'pg']);
    expect(out['.gitignore']!.split('\n')).toEqual(expect.arrayContaining(['.data/', '.pglite/']));
    for (const file of files.filter((file) => file.endsWith('.ts'))) {
      for (const specifier of relativeSpecifiers(out[file]!)) expect(specifier, file).not.toMatch(/\.(js|ts)$/);
    }
  });
});

describe('init templates: variants of the default (auto, folder)', () => {
  it('a NodeNext tsconfig makes every relative import end in .js', async () => {
    const changes = await plan({}, { 'tsconfig.json': NODENEXT_TSCONFIG });
    await snapshotAll('auto-folder-nodenext', changes);
    const out = byPath(changes);
    expect(out['tsconfig.json'], 'an existing tsconfig.json is left alone').toBeUndefined();
    expect(parseManifest(out[MANIFEST_FILE]!).importExtension).toBe('.js');
    expect(out['src/db/connection.ts']).toMatch(code("import * as schema from './schema/index.js';"));
    expect(out['src/db/index.ts']).toMatch(code("export * from './schema/index.js';"));
    expect(out['drizzle.config.ts']).toMatch(code("from './src/db/config.js';"));
    let count = 0;
    for (const [file, content] of Object.entries(out).filter(([file]) => file.endsWith('.ts'))) {
      for (const specifier of relativeSpecifiers(content)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/\.js$/);
        count++;
      }
    }
    expect(count).toBeGreaterThan(10);
    // The repo already has a tsconfig, so init adds no compiler of its own.
    const pkg = JSON.parse(out['package.json']!) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.typescript).toBeUndefined();
  });

  it('--casing camelCase reaches every Drizzle instance and drizzle-kit', async () => {
    const changes = await plan({ casing: 'camelCase' });
    await snapshotAll('auto-folder-camelCase', changes);
    const base = byPath(await plan({}));
    const out = byPath(changes);
    expect(changedFiles(base, out)).toEqual(['db-layer.json', 'drizzle.config.ts', 'src/db/AGENTS.md', 'src/db/connection.ts']);
    expect(out['drizzle.config.ts']).toMatch(code("casing: 'camelCase'"));
    expect(out['src/db/connection.ts']!.match(/casing: ["']camelCase["']/g)).toHaveLength(2);
    expect(out['src/db/connection.ts']).not.toContain('snake_case');
  });

  it('--id ulid adds the ulid dependency', async () => {
    const changes = await plan({ idStrategy: 'ulid' });
    await snapshotAll('auto-folder-ulid', changes);
    const base = byPath(await plan({}));
    const out = byPath(changes);
    expect(changedFiles(base, out)).toEqual(['db-layer.json', 'package.json', 'src/db/AGENTS.md']);
    const pkg = JSON.parse(out['package.json']!) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.ulid).toBe(VERSIONS.ulid);
    expect(JSON.parse(base['package.json']!).dependencies.ulid).toBeUndefined();
  });

  it('is deterministic', async () => {
    expect(await plan({})).toEqual(await plan({}));
  });
});

function changedFiles(base: Record<string, string>, other: Record<string, string>): string[] {
  const paths = [...new Set([...Object.keys(base), ...Object.keys(other)])].sort();
  return paths.filter((file) => base[file] !== other[file]);
}
