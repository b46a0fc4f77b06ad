/**
 * E2E of `create-db-layer connection` for databases owned here (issue 4): a primary and a
 * `workflows` database, each with its own tables, migrations folder and migrations table, migrated
 * independently on the real PostgreSQL server (two databases of one server, no cross-talk) and on
 * PGlite (two data folders), queried in one process through db.main / db.workflows, closing one
 * pool leaving the other working, idempotent seeds; `--url-env`; and the refusals (one line,
 * non-zero exit, tree byte-identical). Mirrors and `sync` are in sync.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerDiff, readDatabase, runConnection, UPSTREAM_FILES, writeFiles } from '../helpers/connection.js';
import { migrationFiles, parseLastJsonLine, readManifest } from '../helpers/layer.js';
import { pgQuery, pgTables, pgUrl, trackDatabases } from '../helpers/pg.js';
import {
  assertOk,
  describeRun,
  expectOk,
  makeTempRepo,
  ownLines,
  readJson,
  removeTempDirs,
  runCli,
  runScript,
  runTsx,
  scaffold,
  typecheck,
  type EnvPatch,
} from '../helpers/repo.js';
import { expectOneLineError, expectTreeUnchanged, readRepoFile, runSeed, runTable, snapshotRepo } from '../helpers/table.js';

let root = '';
const databases = trackDatabases();

beforeAll(() => {
  root = makeTempRepo('e2e-connection-');
});

afterAll(async () => {
  removeTempDirs([root]);
  await databases.dropAll();
});

type Scripts = Record<string, string>;
const scriptsOf = (repo: string): Scripts => readJson<{ scripts: Scripts }>(path.join(repo, 'package.json')).scripts;

/** The .ts files of a folder of the repo, sorted. */
const tsFiles = (repo: string, dir: string): string[] => fs.readdirSync(path.join(repo, dir)).filter((file) => file.endsWith('.ts')).sort();

const PROBE = 'e2e-databases-probe.ts';

/**
 * Application code using both databases in one process through the layer's entry point: writes
 * to each, reads the workflows relations back, asks each connection which database it is on and
 * which tables it sees, then closes the workflows pool only and keeps using the primary.
 */
const PROBE_SOURCE = `import { eq, sql } from 'drizzle-orm';
import { closeDatabaseConnection, closeWorkflowsDatabaseConnection, db, users, workflowsSchema } from './src/db/index';

const { runs, steps } = workflowsSchema;

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

const TABLES = sql\`select table_name as name from information_schema.tables where table_schema = 'public' order by table_name\`;
const CURRENT = sql\`select current_database() as name\`;

const tag = process.argv[2] ?? 'probe';
const email = \`\${tag}@example.test\`;
try {
  const main = db.main;
  const workflows = db.workflows;
  const sameMain = main === db.main;
  const sameWorkflows = workflows === db.workflows;
  const distinct = (main as unknown) !== (workflows as unknown);

  const [user] = await main.insert(users).values({ email }).returning();
  const [run] = await workflows.insert(runs).values({ status: \`queued-\${tag}\` }).returning();
  if (!user || !run) throw new Error('insert returned nothing');
  await workflows.insert(steps).values([{ name: 'fetch', runId: run.id }, { name: 'store', runId: run.id }]);
  const runWithSteps = await workflows.query.runs.findFirst({ where: eq(runs.id, run.id), with: { steps: true } });

  const mainDatabase = String(rowsOf(await main.execute(CURRENT))[0]!.name);
  const workflowsDatabase = String(rowsOf(await workflows.execute(CURRENT))[0]!.name);
  const mainTables = rowsOf(await main.execute(TABLES)).map((row) => String(row.name));
  const workflowsTables = rowsOf(await workflows.execute(TABLES)).map((row) => String(row.name));

  // Close the workflows pool only: the primary keeps its pool and keeps working.
  await closeWorkflowsDatabaseConnection();
  const mainKept = db.main === main;
  const usersAfterClose = (await db.main.select().from(users).where(eq(users.email, email))).map((row) => row.email);
  // ...and the next db.workflows opens a new connection.
  const reopened = db.workflows;
  const workflowsReopened = reopened !== workflows;
  const runAfterReopen = (await reopened.select().from(runs).where(eq(runs.id, run.id))).map((row) => row.status);

  console.log(
    JSON.stringify({
      sameMain,
      sameWorkflows,
      distinct,
      user: user.email,
      run: runWithSteps ? { status: runWithSteps.status, steps: runWithSteps.steps.map((step) => step.name).sort() } : null,
      mainDatabase,
      workflowsDatabase,
      mainTables,
      workflowsTables,
      mainKept,
      usersAfterClose,
      workflowsReopened,
      runAfterReopen,
    }),
  );
} finally {
  await closeWorkflowsDatabaseConnection();
  await closeDatabaseConnection();
}
`;

interface ProbeOutput {
  sameMain: boolean;
  sameWorkflows: boolean;
  distinct: boolean;
  user: string;
  run: { status: string; steps: string[] } | null;
  mainDatabase: string;
  workflowsDatabase: string;
  mainTables: string[];
  workflowsTables: string[];
  mainKept: boolean;
  usersAfterClose: string[];
  workflowsReopened: boolean;
  runAfterReopen: string[];
}

/** What the probe reports, whatever the driver; the database names only mean something on a server. */
function expectedProbe(tag: string): Omit<ProbeOutput, 'mainDatabase' | 'workflowsDatabase'> {
  return {
    sameMain: true,
    sameWorkflows: true,
    distinct: true,
    user: `${tag}@example.test`,
    run: { status: `queued-${tag}`, steps: ['fetch', 'store'] },
    mainTables: ['users'],
    workflowsTables: ['runs', 'steps'],
    mainKept: true,
    usersAfterClose: [`${tag}@example.test`],
    workflowsReopened: true,
    runAfterReopen: [`queued-${tag}`],
  };
}

async function runDatabasesProbe(repo: string, tag: string, env: EnvPatch): Promise<ProbeOutput> {
  return parseLastJsonLine<ProbeOutput>(`tsx ${PROBE} ${tag}`, await runTsx(repo, PROBE, [tag], env));
}

async function migrationsTables(database: string): Promise<string[]> {
  return (await pgTables(database, 'drizzle')).filter((name) => name.startsWith('__drizzle_migrations'));
}

describe('an owned workflows database beside the primary (driver auto)', () => {
  let repo = '';
  let primaryDb = '';
  let workflowsDb = '';
  let serverEnv: EnvPatch = {};

  beforeAll(async () => {
    repo = path.join(root, 'owned');
    await scaffold(repo);
    [primaryDb, workflowsDb] = await Promise.all([databases.create('cdl_conn_main_'), databases.create('cdl_conn_wf_')]);
    serverEnv = { DATABASE_URL: pgUrl(primaryDb), WORKFLOWS_DB: workflowsDb };
  });

  it('connection workflows --no-ssl: helpers, schema folder, drizzle config, scripts, db.workflows, manifest', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('connection workflows', await runConnection(repo, ['workflows', '--no-ssl']));
    expect(result.stdout).toContain(
      '✓ database workflows added: getWorkflowsDatabase() / closeWorkflowsDatabaseConnection() in src/db/workflows/connection.ts, db.workflows in src/db/index.ts',
    );
    expect(layerDiff(before, snapshotRepo(repo))).toEqual([
      '~ .env.example',
      '~ db-layer.json',
      '+ drizzle.workflows.config.ts',
      '~ package.json',
      '~ src/db/config.ts',
      '~ src/db/index.ts',
      '+ src/db/workflows/',
      '+ src/db/workflows/connection.ts',
      '+ src/db/workflows/migrate.ts',
      '+ src/db/workflows/nuke.ts',
      '+ src/db/workflows/reset.ts',
      '+ src/db/workflows/schema/',
      '+ src/db/workflows/schema/index.ts',
      '+ src/db/workflows/seed.ts',
    ]);

    expect(readDatabase(repo, 'workflows')).toMatchObject({
      primary: false,
      owner: 'owned',
      schema: 'src/db/workflows/schema/index.ts',
      config: 'drizzle.workflows.config.ts',
      out: 'drizzle-workflows',
      migrationsTable: '__drizzle_migrations_workflows',
      helpers: { get: 'getWorkflowsDatabase', close: 'closeWorkflowsDatabaseConnection' },
      connection: { databaseName: 'WORKFLOWS_DB', ssl: false },
    });
    // the primary keeps its own migrations table
    expect(readDatabase(repo, 'main')).toMatchObject({ migrationsTable: '__drizzle_migrations', out: 'drizzle' });

    const scripts = scriptsOf(repo);
    expect(scripts).toMatchObject({
      'workflows-db:generate': 'drizzle-kit generate --config drizzle.workflows.config.ts',
      'workflows-db:migrate': 'tsx src/db/workflows/migrate.ts',
      'workflows-db:push': 'drizzle-kit push --config drizzle.workflows.config.ts',
      'workflows-db:studio': 'drizzle-kit studio --config drizzle.workflows.config.ts',
      'workflows-db:seed': 'tsx src/db/workflows/seed.ts',
      // the primary's scripts are untouched
      'db:migrate': 'tsx src/db/migrate.ts',
      'db:generate': 'drizzle-kit generate',
    });
    expect(scripts).not.toHaveProperty(['schema:sync']);

    const config = readRepoFile(repo, 'drizzle.workflows.config.ts');
    expect(config).toContain('schema: "./src/db/workflows/schema/index.ts"');
    expect(config).toContain('out: "./drizzle-workflows"');
    expect(config).toMatch(/migrations: \{ table: "__drizzle_migrations_workflows", schema: "drizzle" \}/);
    expect(readRepoFile(repo, 'src/db/workflows/connection.ts')).toMatch(/migrationsTable: "__drizzle_migrations_workflows"/);

    const configTs = readRepoFile(repo, 'src/db/config.ts');
    expect(configTs).toMatch(/export function getWorkflowsDatabaseConfig\(/);
    expect(configTs).toContain('"WORKFLOWS_DB"');
    expect(readRepoFile(repo, '.env.example')).toMatch(/^# WORKFLOWS_DB=/m);

    const index = readRepoFile(repo, 'src/db/index.ts');
    expect(index).toMatch(/get workflows\(\) \{\s*return getWorkflowsDatabase\(\);\s*\}/);
    expect(index).toMatch(/closeWorkflowsDatabaseConnection,\s*getWorkflowsDatabase,\s*type Database as WorkflowsDatabase,\s*\} from "\.\/workflows\/connection";/);
    expect(index).toContain('export * as workflowsSchema from "./workflows/schema";');
    // db.main is still there
    expect(index).toMatch(/get main\(\) \{\s*return getDatabase\(\);\s*\}/);
  });

  it('table adds each table to its own database, schema folder and migrations folder', async () => {
    for (const args of [
      ['users', 'email:text:notNull:unique'],
      ['runs', 'status:text:notNull', '--db', 'workflows'],
      ['steps', 'name:text:notNull', 'run:references:notNull:onDelete=cascade', '--db', 'workflows'],
    ]) {
      assertOk(`table ${args.join(' ')}`, await runTable(repo, args));
    }
    expect(migrationFiles(repo)).toEqual(['0000_create_users.sql']);
    expect(migrationFiles(repo, 'drizzle-workflows')).toEqual(['0000_create_runs.sql', '0001_create_steps.sql']);
    expect(tsFiles(repo, 'src/db/schema')).toEqual(['index.ts', 'users.ts']);
    expect(tsFiles(repo, 'src/db/workflows/schema')).toEqual(['index.ts', 'runs.ts', 'steps.ts']);
    // a reference inside one database is a real foreign key, with its relations on both sides
    expect(readRepoFile(repo, 'drizzle-workflows/0001_create_steps.sql')).toMatch(
      /FOREIGN KEY \("run_id"\) REFERENCES "public"\."runs"\("id"\) ON DELETE cascade/,
    );
    expect(readRepoFile(repo, 'src/db/workflows/schema/runs.ts')).toMatch(/steps:\s*many\(steps\)/);
    // each migration creates its own database's tables only
    expect(readRepoFile(repo, 'drizzle/0000_create_users.sql')).not.toMatch(/"runs"|"steps"/);
    expect(readRepoFile(repo, 'drizzle-workflows/0000_create_runs.sql')).not.toContain('"users"');
    // fingerprints are recorded per database
    expect(Object.keys(readDatabase(repo, 'main').migrationHashes ?? {})).toEqual(['0000_create_users.sql']);
    expect(Object.keys(readDatabase(repo, 'workflows').migrationHashes ?? {})).toEqual(['0000_create_runs.sql', '0001_create_steps.sql']);

    const seed = assertOk('seed runs --db workflows', await runSeed(repo, ['runs', '--db', 'workflows']));
    expect(seed.stdout).toContain('src/db/workflows/seeds/runs.ts');
    expect(readRepoFile(repo, 'src/db/workflows/seed.ts')).toMatch(/seedRuns/);
    expect(readRepoFile(repo, 'src/db/seed.ts')).not.toMatch(/seedRuns/);
  });

  it('type-checks (tsc --noEmit), including a probe that uses db.main and db.workflows', async () => {
    fs.writeFileSync(path.join(repo, PROBE), PROBE_SOURCE);
    expectOk('tsc', await typecheck(repo));
  });

  it('db:migrate and workflows-db:migrate each migrate their own database on the server, no cross-talk', async () => {
    expectOk('db:migrate', await runScript(repo, 'db:migrate', serverEnv));
    const workflows = await runScript(repo, 'workflows-db:migrate', serverEnv);
    expectOk('workflows-db:migrate', workflows);
    expect(workflows.stdout).toContain(`→ migrating ${pgUrl(workflowsDb)} from drizzle-workflows/`);

    expect(await pgTables(primaryDb)).toEqual(['users']);
    expect(await pgTables(workflowsDb)).toEqual(['runs', 'steps']);
    expect(await migrationsTables(primaryDb)).toEqual(['__drizzle_migrations']);
    expect(await migrationsTables(workflowsDb)).toEqual(['__drizzle_migrations_workflows']);
    expect(await pgQuery(primaryDb, 'select hash from drizzle.__drizzle_migrations')).toHaveLength(1);
    expect(await pgQuery(workflowsDb, 'select hash from drizzle.__drizzle_migrations_workflows')).toHaveLength(2);
    // nothing went to the embedded databases
    expect(fs.existsSync(path.join(repo, '.pglite'))).toBe(false);

    // again: both up to date, still one history each
    expectOk('workflows-db:migrate #2', await runScript(repo, 'workflows-db:migrate', serverEnv));
    expect(await pgQuery(workflowsDb, 'select hash from drizzle.__drizzle_migrations_workflows')).toHaveLength(2);
    expect(await migrationsTables(primaryDb)).toEqual(['__drizzle_migrations']);
  });

  it('DATABASE_URL set but no WORKFLOWS_DB: workflows-db:migrate fails with one line naming WORKFLOWS_DB', async () => {
    const result = await runScript(repo, 'workflows-db:migrate', { DATABASE_URL: pgUrl(primaryDb) });
    const dump = describeRun('workflows-db:migrate without WORKFLOWS_DB', result);
    expect(result.code, dump).not.toBe(0);
    expect(result.code, dump).not.toBeNull();
    const lines = ownLines(result.stderr);
    expect(lines, dump).toHaveLength(1);
    expect(lines[0], dump).toMatch(/^✗ workflows-db:migrate failed: WORKFLOWS_DB is not set/);
    // and it did not fall back to PGlite or to the primary database
    expect(fs.existsSync(path.join(repo, '.pglite'))).toBe(false);
    expect(await migrationsTables(primaryDb)).toEqual(['__drizzle_migrations']);
  });

  it('one process queries both through db.main / db.workflows; closing the workflows pool leaves the primary working', async () => {
    const out = await runDatabasesProbe(repo, 'server', serverEnv);
    expect(out).toEqual({ ...expectedProbe('server'), mainDatabase: primaryDb, workflowsDatabase: workflowsDb });
    expect((await pgQuery(primaryDb, 'select email from users')).map((row) => row.email)).toEqual(['server@example.test']);
    expect((await pgQuery(workflowsDb, 'select status from runs')).map((row) => row.status)).toEqual(['queued-server']);
  });

  it('workflows-db:seed twice leaves the same rows as once', async () => {
    const counts = async () => {
      const [row] = await pgQuery<{ runs: number; steps: number }>(
        workflowsDb,
        'select (select count(*) from runs)::int as runs, (select count(*) from steps)::int as steps',
      );
      return row!;
    };
    const first = await runScript(repo, 'workflows-db:seed', serverEnv);
    expectOk('workflows-db:seed #1', first);
    expect(first.stdout).toContain('✓ seeded runs');
    const afterFirst = await counts();
    expect(afterFirst.runs).toBe(1 + 3);
    expectOk('workflows-db:seed #2', await runScript(repo, 'workflows-db:seed', serverEnv));
    expect(await counts()).toEqual(afterFirst);
    // the primary's seed has nothing of workflows to run, and the primary keeps its one row
    expect(await pgQuery(primaryDb, 'select email from users')).toHaveLength(1);
  });

  it('init again after connection: already up to date, nothing rewritten', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('init again', await runCli(['--cwd', repo, '--yes', '--no-install'], { cwd: root }));
    expect(result.stdout).toContain('the database layer is already up to date');
    expect(layerDiff(before, snapshotRepo(repo))).toEqual([]);
  });

  it('the same repo on PGlite (no server): two data folders, .pglite/main and .pglite/workflows', async () => {
    // Side by side: creating a PGlite data folder is most of the cost, and the two are independent.
    const [main, workflows] = await Promise.all([runScript(repo, 'db:migrate'), runScript(repo, 'workflows-db:migrate')]);
    expectOk('db:migrate on PGlite', main);
    expectOk('workflows-db:migrate on PGlite', workflows);
    expect(main.stdout).toContain('→ migrating embedded PGlite in .pglite/main from drizzle/');
    expect(workflows.stdout).toContain('→ migrating embedded PGlite in .pglite/workflows from drizzle-workflows/');
    expect(fs.readdirSync(path.join(repo, '.pglite')).sort()).toEqual(['main', 'workflows']);
    // PGlite's data folders are not empty
    for (const dir of ['main', 'workflows']) expect(fs.readdirSync(path.join(repo, '.pglite', dir)).length, dir).toBeGreaterThan(0);

    const out = await runDatabasesProbe(repo, 'pglite', {});
    const { mainDatabase: _main, workflowsDatabase: _workflows, ...rest } = out;
    expect(rest).toEqual(expectedProbe('pglite'));

    // the server databases were not touched by the PGlite runs
    expect((await pgQuery(workflowsDb, 'select status from runs where status like $1', ['queued-%'])).map((row) => row.status)).toEqual([
      'queued-server',
    ]);
  });
});

/**
 * The second repo of this file, shared by the --url-env tests and the refusals: main (users),
 * workflows with its own URL (runs), and a mirror mythoria. The refusals only read it; the
 * --url-env tests only touch the server.
 */
describe('workflows with --url-env WORKFLOWS_URL, and a mirror, in one repo', () => {
  let repo = '';

  beforeAll(async () => {
    repo = path.join(root, 'shared');
    await scaffold(repo);
    writeFiles(path.join(root, 'upstream'), UPSTREAM_FILES);
    fs.mkdirSync(path.join(root, 'empty-upstream/nested'), { recursive: true });
    fs.writeFileSync(path.join(root, 'empty-upstream/README.md'), 'no schema here\n');
    fs.writeFileSync(path.join(root, 'empty-upstream/nested/notes.txt'), 'nor here\n');
    assertOk('table users', await runTable(repo, ['users', 'email:text:notNull:unique', '--no-generate']));
    assertOk('connection workflows --url-env', await runConnection(repo, ['workflows', '--url-env', 'WORKFLOWS_URL']));
    assertOk('table runs --db workflows', await runTable(repo, ['runs', 'status:text:notNull', '--db', 'workflows']));
    assertOk('connection mythoria', await runConnection(repo, ['mythoria', '--mirror', '../upstream']));
  });

  describe('--url-env WORKFLOWS_URL: the workflows database has its own URL', () => {
    it('records and reads WORKFLOWS_URL, not WORKFLOWS_DB', () => {
      expect(readDatabase(repo, 'workflows').connection).toEqual({ url: 'WORKFLOWS_URL' });
      const config = readRepoFile(repo, 'src/db/config.ts');
      expect(config).toContain('"WORKFLOWS_URL"');
      expect(config).not.toContain('WORKFLOWS_DB');
      expect(readRepoFile(repo, '.env.example')).toMatch(/^# WORKFLOWS_URL=/m);
    });

    it('workflows-db:migrate with only WORKFLOWS_URL set migrates that database on the server', async () => {
      const workflowsDb = await databases.create('cdl_conn_url_');
      const result = await runScript(repo, 'workflows-db:migrate', { WORKFLOWS_URL: pgUrl(workflowsDb) });
      expectOk('workflows-db:migrate', result);
      expect(result.stdout).toContain(`→ migrating ${pgUrl(workflowsDb)} from drizzle-workflows/`);
      expect(await pgTables(workflowsDb)).toEqual(['runs']);
      expect(await migrationsTables(workflowsDb)).toEqual(['__drizzle_migrations_workflows']);
      expect(fs.existsSync(path.join(repo, '.pglite'))).toBe(false);
    });

    it('a malformed WORKFLOWS_URL is one line naming it', async () => {
      const result = await runScript(repo, 'workflows-db:migrate', { WORKFLOWS_URL: 'mysql://nope' });
      const dump = describeRun('workflows-db:migrate with a mysql URL', result);
      expect(result.code, dump).not.toBe(0);
      const lines = ownLines(result.stderr);
      expect(lines, dump).toHaveLength(1);
      expect(lines[0], dump).toMatch(/WORKFLOWS_URL must start with postgresql:\/\//);
    });

    // With --env-var (the default) a server configured for the primary makes WORKFLOWS_DB required
    // (tested above); with --url-env a forgotten WORKFLOWS_URL must not silently become a local
    // PGlite folder either. This asks config.ts directly (what workflows-db:migrate opens).
    it('DATABASE_URL set but no WORKFLOWS_URL: refused naming WORKFLOWS_URL, not a silent PGlite fallback', async () => {
      const probe = path.join(root, 'e2e-workflows-config.ts');
      fs.writeFileSync(
        probe,
        `import { getWorkflowsDatabaseConfig } from '${path.join(repo, 'src/db/config')}';\nconsole.log(JSON.stringify(getWorkflowsDatabaseConfig()));\n`,
      );
      const result = await runTsx(repo, probe, [], { DATABASE_URL: pgUrl('cdl_unused') });
      expect(result.code, describeRun('getWorkflowsDatabaseConfig()', result)).not.toBe(0);
      expect(result.stderr).toMatch(/WORKFLOWS_URL/);
    });
  });

  describe('bad input: one line on stderr, non-zero exit, tree byte-identical', () => {
    interface Case {
      label: string;
      argv: string[];
      message: RegExp[];
    }

    const CASES: Case[] = [
      { label: 'duplicate database name', argv: ['connection', 'workflows'], message: [/database workflows already exists in db-layer\.json/, /choose another name/] },
      { label: 'invalid name Work-flows', argv: ['connection', 'Work-flows'], message: [/database name "Work-flows" is not valid/, /e\.g\. workflows/] },
      { label: 'invalid name 1db', argv: ['connection', '1db'], message: [/database name "1db" is not valid/] },
      { label: 'invalid name ../x (path-like)', argv: ['connection', '../x'], message: [/database name "\.\.\/x" is not valid/] },
      { label: 'name of a layer module (schema)', argv: ['connection', 'schema'], message: [/database name "schema" collides with the layer's own schema module/] },
      { label: '--env-var lower case', argv: ['connection', 'billing', '--env-var', 'lower'], message: [/--env-var lower: an environment variable name is upper case/] },
      {
        label: '--env-var and --url-env together',
        argv: ['connection', 'billing', '--env-var', 'BILLING_DB', '--url-env', 'BILLING_URL'],
        message: [/--env-var and --url-env exclude each other/],
      },
      { label: '--mirror to a folder that does not exist', argv: ['connection', 'm', '--mirror', './does-not-exist'], message: [/--mirror \.\/does-not-exist: no such folder; pass the upstream repo's schema folder/] },
      { label: '--mirror to a folder with no .ts files', argv: ['connection', 'm', '--mirror', '../empty-upstream'], message: [/\.\.\/empty-upstream holds no schema files/] },
      { label: 'table --db naming an unknown database', argv: ['table', 'steps', 'name:text', '--db', 'nope'], message: [/--db nope: no such database/, /known: main, workflows, mythoria/] },
      {
        label: 'cross-database reference (primary -> workflows.runs)',
        argv: ['table', 'steps', 'run:references:ref=runs'],
        message: [/runs is in the workflows database/, /foreign key cannot cross databases/, /plain column/, /runId:uuid/],
      },
      {
        label: 'cross-database reference (workflows -> main.users)',
        argv: ['table', 'audits', 'user:references', '--db', 'workflows'],
        message: [/users is in the main database/, /foreign key cannot cross databases/, /plain column/],
      },
      {
        label: 'cross-database reference to a mirror (primary -> mythoria.stories)',
        argv: ['table', 'bookmarks', 'storyId:ref=stories.id'],
        message: [/stories is in the mythoria database/, /cannot cross databases/],
      },
      { label: 'table on a mirror', argv: ['table', 'x', 'a:text', '--db', 'mythoria'], message: [/mythoria is a read-only mirror of \.\.\/upstream/, /sync mythoria/] },
      { label: 'seed on a mirror', argv: ['seed', 'stories', '--db', 'mythoria'], message: [/mythoria is a read-only mirror/] },
      { label: 'sync of a database owned here', argv: ['sync', 'workflows'], message: [/workflows is owned here, not a mirror/, /--mirror/] },
    ];

    // Concurrent: each case only reads the repo (a case that wrongly wrote would also show in the cases beside it).
    it.concurrent.each(CASES)('$label', async ({ label, argv, message }) => {
      const before = snapshotRepo(repo);
      const result = await runCli(argv, { cwd: repo });
      const line = expectOneLineError(label, result);
      for (const pattern of message) expect(line, describeRun(label, result)).toMatch(pattern);
      expectTreeUnchanged(label, repo, before);
    });

    it('connection billing --dry-run prints the plan and writes nothing', async () => {
      const before = snapshotRepo(repo);
      const result = assertOk('connection billing --dry-run', await runConnection(repo, ['billing', '--dry-run']));
      expect(result.stdout).toContain('+++ b/drizzle.billing.config.ts');
      expect(result.stdout).toContain('+++ b/src/db/billing/connection.ts');
      expect(result.stdout).toMatch(/dry run: nothing written/);
      expectTreeUnchanged('connection billing --dry-run', repo, before);
    });

    // connection has no --name flag: without a terminal the error must point at the positional.
    it('no name, no terminal: the error names something that works, not an unknown --name flag', async () => {
      const before = snapshotRepo(repo);
      const line = expectOneLineError('connection (no name)', await runConnection(repo, []));
      expectTreeUnchanged('connection (no name)', repo, before);
      expect(line).not.toMatch(/--name/);
      expect(line).toMatch(/connection needs a name|connection <name>/);
    });

    // A refused absolute path is one line too: the note about how it is stored comes after success.
    it('--mirror with an absolute path to a folder with no .ts files: one line', async () => {
      const before = snapshotRepo(repo);
      const line = expectOneLineError('connection m --mirror <absolute>', await runConnection(repo, ['m', '--mirror', path.join(root, 'empty-upstream')]));
      expect(line).toMatch(/holds no schema files/);
      expectTreeUnchanged('connection m --mirror <absolute>', repo, before);
    });

    it('the manifest still lists the same three databases', () => {
      expect(readManifest(repo).databases.map((database) => database.name)).toEqual(['main', 'workflows', 'mythoria']);
    });
  });
});

describe('outside a scaffolded repo (no db-layer.json)', () => {
  for (const argv of [['connection', 'workflows'], ['sync']]) {
    it(`${argv.join(' ')}: says how to run init, writes nothing`, async () => {
      const empty = path.join(root, `outside-${argv.join('-')}`);
      fs.mkdirSync(empty, { recursive: true });
      fs.writeFileSync(path.join(empty, 'package.json'), '{ "name": "not-scaffolded" }\n');
      const before = snapshotRepo(empty);
      const line = expectOneLineError(argv.join(' '), await runCli(argv, { cwd: empty }));
      expect(line).toMatch(/no db-layer\.json in /);
      expect(line).toMatch(/run "npx create-db-layer" there first, or pass --cwd <repo>/);
      expectTreeUnchanged(argv.join(' '), empty, before);
    });
  }
});
