/**
 * seed in an adopted repo: a seed file per table (parents first) and a seed runner of the repo's
 * own, on its own connection helper (a getDb()/closeDb() pair, or an exported db instance), that
 * seeds a real database twice with the same rows: the PostgreSQL server, a libsql file for the
 * Turso repo, the MariaDB server for the mysql2 repo.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { adopt, copyFixture, fixture, generateBaseline, runCliIn, type Variant } from '../helpers/adopt.js';
import { mysqlQuery, mysqlUrl, trackDatabases as trackMysqlDatabases } from '../helpers/mysql.js';
import { pgQuery, pgUrl, trackDatabases } from '../helpers/pg.js';
import { DRIZZLE_KIT, expectOk, removeTempDirs, run, runTsx, typecheck, type EnvPatch } from '../helpers/repo.js';

const dirs: string[] = [];
const databases = trackDatabases();
const mysqlDatabases = trackMysqlDatabases();
afterAll(async () => {
  removeTempDirs(dirs);
  await Promise.all([databases.dropAll(), mysqlDatabases.dropAll()]);
});

interface Counts {
  users: number;
  posts: number;
}

/** A fresh database for the repo: the variables its config and helper read, and the rows it ends with. */
interface SeedTarget {
  env: EnvPatch;
  counts(): Promise<Counts>;
}

const COUNT = 'select (select count(*) from users) as users, (select count(*) from posts) as posts';
const numbers = (row: Record<string, unknown> | undefined): Counts => ({ users: Number(row?.users), posts: Number(row?.posts) });

async function seedTarget(variant: Variant, repo: string): Promise<SeedTarget> {
  if (variant === 'sqlite-libsql') {
    // What a Turso team points TURSO_DATABASE_URL at in development: a local file (git-ignored).
    const url = 'file:local.db';
    return {
      env: { TURSO_DATABASE_URL: url },
      async counts() {
        const { createClient } = await import('@libsql/client');
        const client = createClient({ url: `file:${repo}/local.db` });
        try {
          return numbers((await client.execute(COUNT)).rows[0]);
        } finally {
          client.close();
        }
      },
    };
  }
  if (variant === 'mysql') {
    const database = await mysqlDatabases.create('cdl_adopt_seed_');
    return { env: { DATABASE_URL: mysqlUrl(database) }, counts: async () => numbers((await mysqlQuery(database, COUNT))[0]) };
  }
  const database = await databases.create('cdl_adopt_seed_');
  return { env: { DATABASE_URL: pgUrl(database) }, counts: async () => numbers((await pgQuery(database, COUNT))[0]) };
}

describe.each<Variant>(['folder-barrel', 'single-schema-file', 'sqlite-libsql', 'mysql', 'drizzle-guide'])('seed in the adopted %s', (variant) => {
  it('writes seeds and a seed runner on the repo\'s helper; seeding twice leaves the same rows', async () => {
    const repo = await copyFixture(variant);
    dirs.push(repo);
    await generateBaseline(repo, variant);
    expectOk('adopt', await adopt(repo, variant));

    const seeded = await runCliIn(repo, variant, ['seed', 'posts', '--yes']);
    expectOk('seed posts', seeded);
    expect(seeded.stdout).toContain('run the seeds: npx tsx ');
    const runner = /npx tsx (\S+)/.exec(seeded.stdout)![1]!;
    expectOk('tsc --noEmit', await typecheck(repo, ['--noEmit']));

    const target = await seedTarget(variant, repo);
    const env = { ...fixture(variant).env, ...target.env };
    expectOk('drizzle-kit migrate', await run(process.execPath, [DRIZZLE_KIT, 'migrate'], { cwd: repo, env }));
    for (const round of [1, 2]) {
      expectOk(`seed run ${round}`, await runTsx(repo, runner, [], env));
      expect(await target.counts()).toEqual({ users: 3, posts: 3 });
    }
  });
});
