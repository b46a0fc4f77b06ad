/**
 * `connection <name>` in an adopted repo, on each driver adoption records (pg, libsql, mysql2): it
 * writes the new database's drizzle config, an empty schema (barrel or schema.ts, as the repo lays
 * out its own) and a helper module in the repo's style, and records it in db-layer.json, touching
 * nothing else. Then `table --db <name>` grows it, drizzle-kit migrates a real database (the
 * PostgreSQL server, a libsql file, MariaDB), a seed written for it runs twice through the new
 * helper with the same rows, and check is green. Refusals are one line with nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adopt, copyFixture, fixture, generateBaseline, runCliIn, type Variant } from '../helpers/adopt.js';
import { changedPaths, commitAll } from '../helpers/git.js';
import { mysqlQuery, mysqlUrl, trackDatabases as trackMysqlDatabases } from '../helpers/mysql.js';
import { pgQuery, pgUrl, trackDatabases } from '../helpers/pg.js';
import { describeRun, DRIZZLE_KIT, expectOk, removeTempDirs, run, runTsx, typecheck, type EnvPatch } from '../helpers/repo.js';

const dirs: string[] = [];
const pgDatabases = trackDatabases();
const mysqlDatabases = trackMysqlDatabases();
afterAll(async () => {
  removeTempDirs(dirs);
  await Promise.all([pgDatabases.dropAll(), mysqlDatabases.dropAll()]);
});

/** A fresh database for the new connection: the variable its helper reads, and a row count. */
async function target(variant: Variant, repo: string): Promise<{ env: EnvPatch; count(): Promise<number> }> {
  const COUNT = 'select count(*) as n from page_views';
  if (variant === 'sqlite-libsql') {
    return {
      env: { ANALYTICS_DATABASE_URL: 'file:analytics.db' },
      async count() {
        const { createClient } = await import('@libsql/client');
        const client = createClient({ url: `file:${repo}/analytics.db` });
        try {
          return Number((await client.execute(COUNT)).rows[0]!.n);
        } finally {
          client.close();
        }
      },
    };
  }
  if (variant === 'mysql') {
    const database = await mysqlDatabases.create('cdl_adopt_conn_');
    return { env: { ANALYTICS_DATABASE_URL: mysqlUrl(database) }, count: async () => Number((await mysqlQuery(database, COUNT))[0]!.n) };
  }
  const database = await pgDatabases.create('cdl_adopt_conn_');
  return { env: { ANALYTICS_DATABASE_URL: pgUrl(database) }, count: async () => Number((await pgQuery(database, COUNT))[0]!.n) };
}

const snapshot = (variant: Variant, file: string) => `__snapshots__/adopt-connection/${variant}/${file}.snap`;

describe.each<Variant>(['folder-barrel', 'sqlite-libsql', 'mysql'])('connection in the adopted %s', (variant) => {
  it('adds a database in the repo\'s style that table grows, drizzle-kit migrates and a seed fills twice', async () => {
    const repo = await copyFixture(variant);
    dirs.push(repo);
    await generateBaseline(repo, variant);
    expectOk('adopt', await adopt(repo, variant));
    await commitAll(repo, 'adopt');

    const added = await runCliIn(repo, variant, ['connection', 'analytics', '--yes']);
    expectOk('connection analytics', added);
    // The mysql fixture keeps one schema.ts: so does its new database.
    const schema = variant === 'mysql' ? 'src/db/analytics/schema.ts' : 'src/db/analytics/schema/index.ts';
    const files = ['drizzle.analytics.config.ts', 'src/db/analytics/index.ts', schema];
    expect((await changedPaths(repo)).sort(), describeRun('connection', added)).toEqual(['db-layer.json', ...files].sort());
    for (const file of files) await expect(fs.readFileSync(path.join(repo, file), 'utf8')).toMatchFileSnapshot(snapshot(variant, file));
    const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'db-layer.json'), 'utf8')) as { databases: Array<Record<string, unknown>> };
    expect(manifest.databases.at(-1)).toMatchObject({ name: 'analytics', primary: false, config: 'drizzle.analytics.config.ts', helpers: { get: 'getAnalyticsDb', close: 'closeAnalyticsDb', module: 'src/db/analytics/index.ts', kind: 'function' } });
    expectOk('tsc --noEmit after connection', await typecheck(repo, ['--noEmit']));

    const table = await runCliIn(repo, variant, ['table', 'page_views', 'path:text:notNull', 'hits:integer:notNull:default=0', '--db', 'analytics', '--yes']);
    expectOk('table page_views --db analytics', table);
    expect(table.stdout).toMatch(/✓ migration drizzle-analytics\/0000_create_page_views\.sql/);
    expect(table.stdout).toContain('apply it: npx drizzle-kit migrate --config drizzle.analytics.config.ts');
    const seeded = await runCliIn(repo, variant, ['seed', 'page_views', '--db', 'analytics', '--yes']);
    expectOk('seed page_views --db analytics', seeded);
    const runner = /npx tsx (\S+)/.exec(seeded.stdout)?.[1];
    expect(runner, describeRun('seed', seeded)).toBeDefined();
    expectOk('tsc --noEmit after table and seed', await typecheck(repo, ['--noEmit']));

    const database = await target(variant, repo);
    const env = { ...fixture(variant).env, ...database.env };
    expectOk('drizzle-kit migrate --config drizzle.analytics.config.ts', await run(process.execPath, [DRIZZLE_KIT, 'migrate', '--config', 'drizzle.analytics.config.ts'], { cwd: repo, env }));
    for (const round of [1, 2]) {
      expectOk(`seed run ${round}`, await runTsx(repo, runner!, [], env));
      expect(await database.count()).toBe(3);
    }
    // The helper is what the app uses: a query through it, then its close ends the process cleanly.
    fs.writeFileSync(
      path.join(repo, 'query.ts'),
      `import { closeAnalyticsDb, getAnalyticsDb } from './src/db/analytics'\nimport { pageViews } from './${schema.replace(/\.ts$/, '')}'\n\nconst rows = await getAnalyticsDb().select().from(pageViews)\nconsole.log(JSON.stringify(rows.map((row) => row.path).sort()))\nawait closeAnalyticsDb()\n`,
    );
    const queried = await runTsx(repo, 'query.ts', [], env);
    expectOk('query through getAnalyticsDb()', queried);
    expect(JSON.parse(queried.stdout.trim().split('\n').at(-1)!)).toHaveLength(3);
    fs.rmSync(path.join(repo, 'query.ts'));

    const check = await runCliIn(repo, variant, ['check']);
    expectOk('check', check);
    expect(check.stdout).toContain('main, analytics ok');
  });
});

describe('connection refusals in an adopted repo', () => {
  it.each([
    ['a name already recorded', ['connection', 'main'], /database main already exists in db-layer\.json/],
    ['--mirror', ['connection', 'upstream', '--mirror', '../webapp/src/db/schema'], /--mirror needs the connection modules of a layer create-db-layer scaffolded/],
    ['--env-var', ['connection', 'reports', '--env-var', 'REPORTS_DB'], /--env-var configures a scaffolded layer's shared server settings.*--url-env/],
  ])('%s: one line, nothing written', async (_, args, message) => {
    const repo = await copyFixture('folder-barrel');
    dirs.push(repo);
    expectOk('adopt', await adopt(repo, 'folder-barrel'));
    await commitAll(repo, 'adopt');
    const result = await runCliIn(repo, 'folder-barrel', [...args, '--yes']);
    expect(result.code, describeRun(args.join(' '), result)).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(await changedPaths(repo)).toEqual([]);
  });
});
