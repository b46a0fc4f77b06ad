/**
 * A repo shaped like seed 001 (the Mythoria admin portal), produced with the CLI alone: an owned
 * primary database and two read-only mirrors synced from upstream repos next to it. It type-checks,
 * migrates the owned database on the real PostgreSQL server, queries all three databases in one
 * process, and its AGENTS.md reads like the seed: inventory, helpers, tables, commands, conventions.
 * The guides stay true: `agents --check` turns red for a table added by hand and green after
 * `agents`, and text written outside the markers survives regeneration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgQuery, pgUrl, trackDatabases } from '../helpers/pg.js';
import { assertOk, DRIZZLE_KIT, expectOk, makeTempRepo, removeTempDirs, run, runCli, runScript, runTsx, scaffold, typecheck } from '../helpers/repo.js';

const dirs: string[] = [];
const databases = trackDatabases();
let workspace: string;
let repo: string;

/** An upstream repo's schema folder, as the webapp and workflow service keep theirs. */
function writeUpstream(folder: string, files: Record<string, string>): void {
  fs.mkdirSync(path.join(workspace, folder), { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(workspace, folder, file), text);
}

const MYTHORIA = {
  'authors.ts': `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const authors = pgTable('authors', {
  id: uuid().primaryKey().defaultRandom(),
  displayName: text().notNull(),
});
`,
  'stories.ts': `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { authors } from './authors';

export const stories = pgTable('stories', {
  id: uuid().primaryKey().defaultRandom(),
  title: text().notNull(),
  authorId: uuid().notNull().references(() => authors.id),
});
`,
  'index.ts': "export * from './authors';\nexport * from './stories';\n",
};

const WORKFLOWS = {
  'runs.ts': `import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const storyGenerationRuns = pgTable('story_generation_runs', {
  id: uuid().primaryKey().defaultRandom(),
  storyId: uuid().notNull(),
  status: text().notNull(),
  tokens: integer().notNull().default(0),
});
`,
};

beforeAll(async () => {
  workspace = makeTempRepo('seed-001-');
  dirs.push(workspace);
  repo = path.join(workspace, 'mythoria-admin');
  writeUpstream('mythoria-webapp/src/db/schema', MYTHORIA);
  writeUpstream('story-generation-workflow/src/db/schema', WORKFLOWS);
  await scaffold(repo, ['--driver', 'pg']);
  const cli = async (args: string[]) => assertOk(`create-db-layer ${args.join(' ')}`, await runCli(args, { cwd: repo }));
  await cli(['connection', 'mythoria', '--mirror', '../mythoria-webapp/src/db/schema']);
  await cli(['connection', 'workflows', '--mirror', '../story-generation-workflow/src/db/schema', '--no-ssl']);
  await cli(['table', 'managers', 'email:varchar(320):notNull:unique', 'name:text:notNull']);
  await cli(['table', 'tickets', 'subject:text:notNull', 'status:enum(open|closed)', 'manager:references:onDelete=set-null', 'storyId:uuid:index']);
}, 240_000);

afterAll(async () => {
  removeTempDirs(dirs);
  await databases.dropAll();
});

describe('a seed-001-shaped repo from the CLI alone', () => {
  it('type-checks and passes check', async () => {
    expectOk('tsc', await typecheck(repo));
    const check = await runCli(['check'], { cwd: repo });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('✓ check: main, mythoria, workflows ok');
  });

  it('migrates the owned database and queries all three in one process', async () => {
    const [main, mythoria, workflows] = [await databases.create(), await databases.create(), await databases.create()];
    // The upstream services apply their own migrations; push stands in for them here.
    for (const [database, schema] of [[mythoria, 'src/db/mythoria/schema/index.ts'], [workflows, 'src/db/workflows/schema/index.ts']] as const) {
      const pushed = await run(process.execPath, [DRIZZLE_KIT, 'push', '--dialect=postgresql', `--schema=${schema}`, `--url=${pgUrl(database)}`, '--casing=snake_case'], {
        cwd: repo,
        timeoutMs: 90_000,
      });
      expectOk(`push ${schema}`, pushed);
    }
    const env = { DATABASE_URL: pgUrl(main), MYTHORIA_DB: mythoria, WORKFLOWS_DB: workflows };
    expectOk('db:migrate', await runScript(repo, 'db:migrate', env));
    await pgQuery(mythoria, "insert into authors (id, display_name) values ('00000000-0000-4000-8000-000000000001', 'Ada')");
    await pgQuery(mythoria, "insert into stories (title, author_id) values ('The Lighthouse', '00000000-0000-4000-8000-000000000001')");
    fs.writeFileSync(
      path.join(repo, 'probe.ts'),
      `import { closeMythoriaDatabaseConnection, closeWorkflowsDatabaseConnection, closeDatabaseConnection, db, managers, mythoriaSchema, tickets, workflowsSchema } from './src/db';

const [story] = await db.mythoria.select().from(mythoriaSchema.stories);
const [manager] = await db.main.insert(managers).values({ email: 'ops@example.com', name: 'Ops' }).returning();
await db.main.insert(tickets).values({ subject: 'Typo', status: 'open', managerId: manager!.id, storyId: story!.id });
await db.workflows.insert(workflowsSchema.storyGenerationRuns).values({ storyId: story!.id, status: 'done', tokens: 42 });
const [ticket] = await db.main.query.tickets.findMany({ with: { manager: true } });
const [run] = await db.workflows.select().from(workflowsSchema.storyGenerationRuns);
await closeWorkflowsDatabaseConnection();
const stillOpen = await db.main.select().from(managers);
console.log(JSON.stringify({ story: story!.title, ticket: ticket!.subject, manager: ticket!.manager?.name, tokens: run!.tokens, afterClose: stillOpen.length }));
await Promise.all([closeDatabaseConnection(), closeMythoriaDatabaseConnection()]);
`,
    );
    const probe = await runTsx(repo, 'probe.ts', [], env);
    expectOk('probe', probe);
    expect(JSON.parse(probe.stdout.trim().split('\n').at(-1)!)).toEqual({ story: 'The Lighthouse', ticket: 'Typo', manager: 'Ops', tokens: 42, afterClose: 1 });
    const migrated = await pgQuery<{ name: string }>(main, "select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') order by 1");
    expect(migrated.map((row) => row.name)).toEqual(['drizzle.__drizzle_migrations', 'public.managers', 'public.tickets']);
  }, 240_000);

  it('writes an AGENTS.md that reads like the seed, true to the repo', async () => {
    const guide = fs.readFileSync(path.join(repo, 'src/db/AGENTS.md'), 'utf8');
    await expect(guide).toMatchFileSnapshot('__snapshots__/seed-001/AGENTS.md');
    await expect(fs.readFileSync(path.join(repo, 'src/db/mythoria/AGENTS.md'), 'utf8')).toMatchFileSnapshot('__snapshots__/seed-001/mythoria-AGENTS.md');
    expect(guide).toContain('| `mythoria` | `MYTHORIA_DB` on the primary server | Mirrored read-only from `../mythoria-webapp/src/db/schema`');
    expect(guide).toMatch(/- `tickets` in `src\/db\/schema\/tickets\.ts`: .*`managerId` uuid, → managers\.id/);
    expect(guide).toContain('`npm run schema:sync`');
    const agentsCheck = await runCli(['agents', '--check'], { cwd: repo });
    expect(agentsCheck.code, agentsCheck.stdout + agentsCheck.stderr).toBe(0);
  });

  it('agents --check turns red for a table added by hand, and agents keeps hand-written notes', async () => {
    const guidePath = path.join(repo, 'src/db/AGENTS.md');
    const notes = '\n## Team notes\n\nTicket SLAs live in docs/sla.md. Keep this paragraph.\n';
    fs.appendFileSync(guidePath, notes);
    expect((await runCli(['agents', '--check'], { cwd: repo })).code, 'notes outside the markers are not staleness').toBe(0);
    fs.writeFileSync(path.join(repo, 'src/db/schema/macros.ts'), "import { pgTable, text } from 'drizzle-orm/pg-core';\n\nexport const macros = pgTable('macros', { code: text().primaryKey() });\n");
    fs.appendFileSync(path.join(repo, 'src/db/schema/index.ts'), "export * from './macros';\n");
    const red = await runCli(['agents', '--check'], { cwd: repo });
    expect(red.code).toBe(1);
    expect(red.stdout).toContain('✗ src/db/AGENTS.md: out of date: inventory, tables-main');
    expect(red.stderr).toMatch(/^create-db-layer: the guides no longer match the repo: run create-db-layer agents/);
    expect((await runCli(['check'], { cwd: repo })).stdout).toContain('✗ [guide] src/db/AGENTS.md: out of date (inventory, tables-main)');
    assertOk('agents', await runCli(['agents'], { cwd: repo }));
    const green = await runCli(['agents', '--check'], { cwd: repo });
    expect(green.code, green.stdout + green.stderr).toBe(0);
    const guide = fs.readFileSync(guidePath, 'utf8');
    expect(guide).toContain('- `macros` in `src/db/schema/macros.ts`: `code` text, primary key');
    expect(guide.endsWith(notes)).toBe(true);
  });
});
