/**
 * E2E against the real PostgreSQL server on 127.0.0.1:5432: the same flow as the PGlite suite for the
 * drivers auto, pg and postgres-js (one repo and one fresh database each, DATABASE_URL). The DB_*
 * parts, the production-looking URL guard of db:nuke, malformed variables and unreachable servers
 * are in init-postgres-env.test.ts (split so that each file stays well under a minute or two).
 * Every database this file creates is dropped in afterAll.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUsersTable, firstProbe, migrationFiles, runProbe, writeProbes } from '../helpers/layer.js';
import { pgQuery, pgTables, pgUrl, trackDatabases, userEmails } from '../helpers/pg.js';
import {
  describeRun,
  type EnvPatch,
  expectOk,
  makeTempRepo,
  ownLines,
  readJson,
  removeTempDirs,
  runScript,
  scaffold,
  typecheck,
} from '../helpers/repo.js';

let root = '';
const databases = trackDatabases();

beforeAll(() => {
  root = makeTempRepo('e2e-postgres-');
});

afterAll(async () => {
  removeTempDirs([root]);
  await databases.dropAll();
});

/** A TCP server that accepts connections and never answers: only a connect timeout ends a client's wait. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const DRIVERS = [
  { driver: 'auto', flags: [] as string[], dependency: 'pg', absent: [] as string[] },
  { driver: 'pg', flags: ['--driver', 'pg'], dependency: 'pg', absent: ['@electric-sql/pglite', 'postgres'] },
  { driver: 'postgres-js', flags: ['--driver', 'postgres-js'], dependency: 'postgres', absent: ['@electric-sql/pglite', 'pg'] },
];

describe.each(DRIVERS)('driver $driver, DATABASE_URL set to a fresh database', ({ driver, flags, dependency, absent }) => {
  let repo = '';
  let database = '';
  let env: EnvPatch = {};

  beforeAll(async () => {
    repo = path.join(root, driver);
    database = await databases.create();
    env = { DATABASE_URL: pgUrl(database) };
    await scaffold(repo, flags);
  });

  it(`records the driver and depends on ${dependency}`, () => {
    expect(readJson(path.join(repo, 'db-layer.json'))).toMatchObject({ driver });
    const pkg = readJson<{ dependencies: Record<string, string> }>(path.join(repo, 'package.json'));
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['drizzle-orm', dependency]));
    for (const name of absent) expect(pkg.dependencies, name).not.toHaveProperty([name]);
  });

  it('type-checks with a users table added by hand and scripts that use the layer', async () => {
    // (the bare scaffold, whose empty barrel is the same for every driver, is checked in init-pglite)
    addUsersTable(repo, 'folder');
    writeProbes(repo);
    expectOk('tsc', await typecheck(repo));
  });

  it('db:generate writes one migration; db:migrate creates the table on the server, snake_case', async () => {
    expectOk('db:generate', await runScript(repo, 'db:generate', env));
    expect(migrationFiles(repo)).toHaveLength(1);
    // Once through the real `npm run`, the way users run it.
    expectOk('npm run db:migrate', await runScript(repo, 'db:migrate', env, { viaNpm: true }));
    expect(await pgTables(database)).toEqual(['users']);
    const columns = await pgQuery<{ column_name: string }>(
      database,
      "select column_name from information_schema.columns where table_name = 'users' order by column_name",
    );
    expect(columns.map((row) => row.column_name)).toEqual(['created_at', 'display_name', 'email', 'id', 'login_count']);
    expect(await pgQuery(database, 'select hash from drizzle.__drizzle_migrations')).toHaveLength(1);
    // A server is configured: the embedded database must not have been touched.
    expect(fs.existsSync(path.join(repo, '.pglite'))).toBe(false);
  });

  it('getDatabase(): insert and select, one shared instance, close, reopen and query again', async () => {
    const probe = await runProbe(repo, 'ada@example.test', env);
    expect(probe).toEqual(firstProbe('ada@example.test'));
    expect(await userEmails(database)).toEqual(['ada@example.test']);
  });

  it('db:seed succeeds twice', async () => {
    expectOk('db:seed #1', await runScript(repo, 'db:seed', env));
    expectOk('db:seed #2', await runScript(repo, 'db:seed', env));
    expect(await userEmails(database)).toEqual(['ada@example.test']);
  });

  it('NODE_ENV=production: db:reset and db:nuke refuse with one line, exit non-zero, and the rows stay', async () => {
    for (const script of ['db:reset', 'db:nuke']) {
      const result = await runScript(repo, script, { ...env, NODE_ENV: 'production' });
      expect(result.code, describeRun(script, result)).not.toBe(0);
      const lines = ownLines(result.stderr);
      expect(lines, describeRun(script, result)).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^✗ ${script} refused: .*production`));
    }
    expect(await pgTables(database)).toEqual(['users']);
    expect(await userEmails(database)).toEqual(['ada@example.test']);
  });

  it('db:reset empties the table and keeps the schema and the migration history', async () => {
    expectOk('db:reset', await runScript(repo, 'db:reset', env));
    expect(await pgTables(database)).toEqual(['users']);
    expect(await userEmails(database)).toEqual([]);
    expect(await pgQuery(database, 'select hash from drizzle.__drizzle_migrations')).toHaveLength(1);
  });

  it('db:nuke drops the tables and the migration history; db:migrate rebuilds them', async () => {
    expectOk('db:nuke', await runScript(repo, 'db:nuke', env));
    expect(await pgTables(database)).toEqual([]);
    expect(await pgQuery(database, "select 1 from information_schema.schemata where schema_name = 'drizzle'")).toEqual([]);
    expectOk('db:migrate', await runScript(repo, 'db:migrate', env));
    expect(await pgTables(database)).toEqual(['users']);
    expect(await userEmails(database)).toEqual([]);
  });

  // auto and pg share the node-postgres client code; the explicit drivers cover both clients.
  if (driver !== 'auto') {
    it('DB_CONNECT_TIMEOUT=2 against a server that never answers: db:migrate fails within seconds', async () => {
      const server = await silentServer();
      try {
        const result = await runScript(repo, 'db:migrate', {
          DATABASE_URL: `postgresql://postgres@127.0.0.1:${server.port}/x`,
          DB_CONNECT_TIMEOUT: '2',
        });
        expect(result.code, describeRun('db:migrate', result)).not.toBe(0);
        expect(result.timedOut).toBe(false);
        // The default connect timeout is 10 s: finishing well before proves DB_CONNECT_TIMEOUT is applied.
        expect(result.ms, describeRun('db:migrate', result)).toBeLessThan(9_000);
        expect(result.stderr).toMatch(/✗ db:migrate failed: /);
        expect(result.stderr).toMatch(/timeout/i);
      } finally {
        await server.close();
      }
    });
  }
});
