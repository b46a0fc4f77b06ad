/**
 * seed in an adopted repo: a seed file per table (parents first) and a seed runner of the repo's
 * own, on its own connection helper (a getDb()/closeDb() pair, or an exported db instance), that
 * seeds the real PostgreSQL server twice with the same rows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { adopt, copyFixture, fixture, generateBaseline, runCliIn, type Variant } from '../helpers/adopt.js';
import { pgQuery, pgUrl, trackDatabases } from '../helpers/pg.js';
import { DRIZZLE_KIT, expectOk, removeTempDirs, run, runTsx, typecheck } from '../helpers/repo.js';

const dirs: string[] = [];
const databases = trackDatabases();
afterAll(async () => {
  removeTempDirs(dirs);
  await databases.dropAll();
});

const counts = async (database: string) =>
  (await pgQuery<{ users: string; posts: string }>(database, 'select (select count(*) from users) as users, (select count(*) from posts) as posts'))[0];

describe.each<Variant>(['folder-barrel', 'single-schema-file'])('seed in the adopted %s', (variant) => {
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

    const database = await databases.create('cdl_adopt_seed_');
    const env = { ...fixture(variant).env, DATABASE_URL: pgUrl(database) };
    expectOk('drizzle-kit migrate', await run(process.execPath, [DRIZZLE_KIT, 'migrate'], { cwd: repo, env }));
    for (const round of [1, 2]) {
      expectOk(`seed run ${round}`, await runTsx(repo, runner, [], env));
      expect(await counts(database)).toEqual({ users: '3', posts: '3' });
    }
  });
});
