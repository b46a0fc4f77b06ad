/**
 * E2E of how the generated layer reads its environment, against the real PostgreSQL server on
 * 127.0.0.1:5432 (driver auto): the DB_* parts, db:nuke's guard against production-looking URLs
 * (with a real database named cdl_prod_*), malformed variables, and unreachable servers. Every
 * database this file creates is dropped in afterAll.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUsersTable, runProbe, writeProbes } from '../helpers/layer.js';
import { pgQuery, pgTables, pgUrl, trackDatabases, userEmails } from '../helpers/pg.js';
import {
  describeRun,
  type EnvPatch,
  expectOk,
  makeTempRepo,
  ownLines,
  removeTempDirs,
  type RunResult,
  runScript,
  scaffold,
} from '../helpers/repo.js';

let root = '';
const databases = trackDatabases();

beforeAll(() => {
  root = makeTempRepo('e2e-postgres-env-');
});

afterAll(async () => {
  removeTempDirs([root]);
  await databases.dropAll();
});

describe('driver auto, other ways to point at a server', () => {
  let repo = '';

  beforeAll(async () => {
    repo = path.join(root, 'auto-config');
    await scaffold(repo);
    addUsersTable(repo, 'folder');
    writeProbes(repo);
    expectOk('db:generate', await runScript(repo, 'db:generate'));
  });

  it('DB_HOST/DB_PORT/DB_USER/DB_PASSWORD/DB_NAME: migrates and queries; the password is never printed', async () => {
    const database = await databases.create();
    // Trust auth ignores the password; it is there to prove the URL built from parts is encoded.
    const env = { DB_HOST: '127.0.0.1', DB_PORT: '5432', DB_USER: 'postgres', DB_PASSWORD: 'p@ss:w/rd s3cret', DB_NAME: database };
    const migrate = await runScript(repo, 'db:migrate', env);
    expectOk('db:migrate', migrate);
    expect(migrate.stdout + migrate.stderr).not.toContain('s3cret');
    expect(await pgTables(database)).toEqual(['users']);
    const probe = await runProbe(repo, 'parts@example.test', env);
    expect(probe).toMatchObject({ same: true, reopenedIsNew: true, afterReopen: ['parts@example.test'], total: 1 });
    expect(await userEmails(database)).toEqual(['parts@example.test']);
    const seed = await runScript(repo, 'db:seed', env);
    expectOk('db:seed', seed);
    expect(seed.stdout + seed.stderr).not.toContain('s3cret');
    expect(fs.existsSync(path.join(repo, '.pglite'))).toBe(false);
  });

  it('db:nuke refuses a database whose URL contains "prod"; its tables and rows survive', async () => {
    const database = await databases.create('cdl_prod_');
    const env = { DATABASE_URL: pgUrl(database) };
    expectOk('db:migrate', await runScript(repo, 'db:migrate', env));
    await runProbe(repo, 'keep@example.test', env);
    const result = await runScript(repo, 'db:nuke', env);
    expect(result.code, describeRun('db:nuke', result)).not.toBe(0);
    const lines = ownLines(result.stderr);
    expect(lines, describeRun('db:nuke', result)).toHaveLength(1);
    expect(lines[0]).toMatch(/^✗ db:nuke refused: .*"prod".*production/);
    expect(await pgTables(database)).toEqual(['users']);
    expect(await userEmails(database)).toEqual(['keep@example.test']);
    expect(await pgQuery(database, 'select hash from drizzle.__drizzle_migrations')).toHaveLength(1);
  });

  it.concurrent.for([
    ['.com', 'postgresql://app@db.example.com:5432/app'],
    ['rds.amazonaws', 'postgresql://app@main.cluster-abc.rds.amazonaws.internal:5432/app'],
  ] as const)('db:nuke refuses a URL containing %s before connecting', async ([hint, url], { expect }) => {
    const result = await runScript(repo, 'db:nuke', { DATABASE_URL: url, DB_CONNECT_TIMEOUT: '2' });
    expect(result.code, describeRun('db:nuke', result)).not.toBe(0);
    const lines = ownLines(result.stderr);
    expect(lines, describeRun('db:nuke', result)).toHaveLength(1);
    expect(lines[0]).toMatch(/^✗ db:nuke refused: /);
    expect(lines[0]).toContain(`"${hint}"`);
  });

  it.concurrent.for([
    ['DB_PORT=abc', 'DB_PORT', { DB_HOST: '127.0.0.1', DB_USER: 'postgres', DB_NAME: 'cdl_never_created', DB_PORT: 'abc' }],
    ['DB_HOST without DB_NAME', 'DB_NAME', { DB_HOST: '127.0.0.1', DB_USER: 'postgres' }],
    ['DB_HOST without DB_USER', 'DB_USER', { DB_HOST: '127.0.0.1', DB_NAME: 'cdl_never_created' }],
    ['DATABASE_URL=not a url', 'DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_URL=mysql://...', 'DATABASE_URL', { DATABASE_URL: 'mysql://root@127.0.0.1:3306/app' }],
    // The database does not exist: a connection attempt would fail differently, so these prove the
    // variable is checked before anything connects.
    ['DB_POOL_SIZE=0', 'DB_POOL_SIZE', { DATABASE_URL: pgUrl('cdl_never_created'), DB_POOL_SIZE: '0' }],
    ['DB_SSL=maybe', 'DB_SSL', { DATABASE_URL: pgUrl('cdl_never_created'), DB_SSL: 'maybe' }],
  ] as Array<[string, string, EnvPatch]>)('%s: db:migrate exits 1 with one line naming the variable', async ([, variable, env], { expect }) => {
    const result = await runScript(repo, 'db:migrate', env);
    expect(result.code, describeRun('db:migrate', result)).toBe(1);
    const lines = ownLines(result.stderr);
    expect(lines, describeRun('db:migrate', result)).toHaveLength(1);
    expect(lines[0]).toMatch(/^✗ db:migrate failed: /);
    expect(lines[0]).toContain(variable);
    expect(lines[0]).not.toMatch(/undefined|ECONNREFUSED|does not exist/);
  });

  /** One run shared by the two tests below: nothing listens on port 1, so the connection is refused. */
  let unreachable: Promise<RunResult> | undefined;
  const runUnreachable = (): Promise<RunResult> =>
    (unreachable ??= runScript(repo, 'db:migrate', { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/x', DB_CONNECT_TIMEOUT: '2' }));

  it('an unreachable server (port 1) fails with a non-zero exit in a few seconds', async () => {
    const result = await runUnreachable();
    expect(result.code, describeRun('db:migrate', result)).not.toBe(0);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.stderr).toMatch(/✗ db:migrate failed: /);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it('an unreachable server is reported in one line that names the cause', async () => {
    const result = await runUnreachable();
    const lines = ownLines(result.stderr);
    expect(lines, describeRun('db:migrate', result)).toHaveLength(1);
    expect(lines[0]).toMatch(/^✗ db:migrate failed: .*ECONNREFUSED/);
  });
});
