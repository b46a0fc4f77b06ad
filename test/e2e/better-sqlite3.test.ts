/**
 * E2E, SQLite through better-sqlite3 (`--driver better-sqlite3`, never a default): the layer on a
 * local file, two related tables, tsc, migrate, a query with relations, idempotent seeds, reset
 * and nuke. better-sqlite3 compiles from source on install (1.5 min on a quiet machine), so it is
 * installed once into a cache folder under .tmp, keyed by its pinned version, and linked into the
 * temp repo; a failed install fails this file with npm's output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSIONS } from '../../src/versions.js';
import { parseLastJsonLine } from '../helpers/layer.js';
import { expectOk, makeTempRepo, removeTempDirs, run, runCli, runScript, runTsx, scaffold, TMP_ROOT, typecheck } from '../helpers/repo.js';
import { runTable } from '../helpers/table.js';

/**
 * drizzle-orm too: the one this package has would resolve better-sqlite3 from its own real folder,
 * outside the temp repo; the cache's copy (the same pinned version) finds it beside itself.
 */
const PACKAGES = ['better-sqlite3', '@types/better-sqlite3', 'drizzle-orm'] as const;
const CACHE = path.join(TMP_ROOT, `better-sqlite3-${VERSIONS['better-sqlite3']}-drizzle-${VERSIONS['drizzle-orm']}`);

/** The cache folder's node_modules, installed on first use (compiling better-sqlite3). */
async function cachedModules(): Promise<string> {
  const modules = path.join(CACHE, 'node_modules');
  if (PACKAGES.every((name) => fs.existsSync(path.join(modules, name, 'package.json')))) return modules;
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(path.join(CACHE, 'package.json'), '{ "name": "better-sqlite3-cache", "private": true }\n');
  const specs = PACKAGES.map((name) => `${name}@${VERSIONS[name]}`);
  expectOk('npm install better-sqlite3', await run('npm', ['install', '--no-audit', '--no-fund', ...specs], { cwd: CACHE, timeoutMs: 15 * 60_000 }));
  return modules;
}

let root = '';
let repo = '';
beforeAll(async () => {
  const modules = await cachedModules();
  root = makeTempRepo('e2e-better-sqlite3-');
  repo = path.join(root, 'app');
  await scaffold(repo, ['--dialect', 'sqlite', '--driver', 'better-sqlite3']);
  // Linked into the repo, as an install would put them; their own dependencies resolve from the cache.
  for (const name of PACKAGES) {
    fs.mkdirSync(path.dirname(path.join(repo, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(modules, name), path.join(repo, 'node_modules', name), 'dir');
  }
}, 16 * 60_000);
afterAll(() => removeTempDirs([root]));

const PROBE = `import { closeDatabaseConnection, getDatabase } from './src/db/connection';
import { posts, users } from './src/db/schema';

const db = getDatabase();
const [user] = await db.insert(users).values({ email: 'probe@example.com' }).returning();
await db.insert(posts).values({ authorId: user!.id, title: 'Hello' });
const rows = await db.query.posts.findMany({ with: { author: true } });
console.log(JSON.stringify({ posts: rows.filter((row) => row.authorId === user!.id).map((row) => ({ title: row.title, author: row.author.email })), counts: [await db.$count(users), await db.$count(posts)] }));
await closeDatabaseConnection();
`;

describe('create-db-layer --dialect sqlite --driver better-sqlite3', () => {
  it('depends on better-sqlite3 and its types, pinned, and never on libsql', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies['better-sqlite3']).toBe(VERSIONS['better-sqlite3']);
    expect(pkg.devDependencies['@types/better-sqlite3']).toBe(VERSIONS['@types/better-sqlite3']);
    expect(pkg.dependencies['@libsql/client']).toBeUndefined();
  });

  it('adds two related tables, type-checks, migrates the file, queries with relations, seeds, resets and nukes', async () => {
    expectOk('table users', await runTable(repo, ['users', 'email:text:notNull:unique']));
    expectOk('table posts', await runTable(repo, ['posts', 'author:references:ref=users:notNull:onDelete=cascade', 'title:text:notNull', '--seed']));
    fs.writeFileSync(path.join(repo, 'e2e-probe.ts'), PROBE);
    expectOk('tsc', await typecheck(repo));
    expectOk('db:migrate', await runScript(repo, 'db:migrate'));
    expect(fs.existsSync(path.join(repo, '.data/main.db'))).toBe(true);
    expectOk('db:seed', await runScript(repo, 'db:seed'));
    expectOk('db:seed again', await runScript(repo, 'db:seed'));
    const probe = parseLastJsonLine<Record<string, unknown>>('probe', await runTsx(repo, 'e2e-probe.ts'));
    expect(probe).toEqual({ posts: [{ title: 'Hello', author: 'probe@example.com' }], counts: [4, 4] });
    const reset = await runScript(repo, 'db:reset');
    expectOk('db:reset', reset);
    expect(reset.stdout).toContain('emptied 2 table(s)');
    const refused = await runScript(repo, 'db:nuke', { NODE_ENV: 'production' });
    expect(refused.stderr).toContain('db:nuke refused: NODE_ENV is production');
    const remote = await runScript(repo, 'db:migrate', { DATABASE_URL: 'libsql://app.turso.io' });
    expect(remote.stderr.trim()).toBe('✗ db:migrate failed: DATABASE_URL must start with file: (better-sqlite3 opens local files; a libsql or Turso server needs the libsql driver)');
    const nuked = await runScript(repo, 'db:nuke');
    expectOk('db:nuke', nuked);
    expect(nuked.stdout).toContain('dropped 3 table(s)');
    expectOk('db:migrate after nuke', await runScript(repo, 'db:migrate'));
    expectOk('check', await runCli(['check'], { cwd: repo }));
  });
});
