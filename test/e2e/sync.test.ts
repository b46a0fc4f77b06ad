/**
 * E2E of read-only mirrors (issue 4): `connection <name> --mirror <upstream>` and `sync`, from an
 * upstream schema folder made in the test. The mirror's copies carry the "do not edit" header and
 * a regenerated barrel, the repo type-checks, and the mirrored tables (created on the real
 * PostgreSQL server with plain SQL: migrations belong upstream) are queried through db.mythoria.
 * Then upstream changes are synced (added / changed / removed, manifest updated, --dry-run writes
 * nothing), local edits stop sync (and check reports them) until --force, and a sync of several
 * mirrors is all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  layerDiff,
  linkCliBin,
  mirrorHeaderLine,
  readDatabase,
  runConnection,
  runSync,
  UPSTREAM_FILES,
  UPSTREAM_SQL,
  writeFiles,
} from '../helpers/connection.js';
import { parseLastJsonLine } from '../helpers/layer.js';
import { pgQuery, pgTables, pgUrl, trackDatabases } from '../helpers/pg.js';
import {
  assertOk,
  describeRun,
  expectOk,
  makeTempRepo,
  readJson,
  removeTempDirs,
  runCli,
  runScript,
  runTsx,
  scaffold,
  typecheck,
} from '../helpers/repo.js';
import { expectOneLineError, expectTreeUnchanged, readRepoFile, snapshotRepo } from '../helpers/table.js';

let root = '';
/** One repo for the whole file: each step builds on the last (a mirror's life: add, sync, drift, sync). */
let repo = '';
/** The upstream repo's schema folder, and its path as given to --mirror from the repo. */
let upstream = '';
const UPSTREAM_FLAG = '../mythoria-webapp/src/db/schema';
const databases = trackDatabases();

const MIRROR = 'src/db/mythoria/schema';
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  root = makeTempRepo('e2e-sync-');
  repo = path.join(root, 'app');
  upstream = path.join(root, 'mythoria-webapp/src/db/schema');
  writeFiles(upstream, UPSTREAM_FILES);
  await scaffold(repo);
  linkCliBin(repo);
});

afterAll(async () => {
  removeTempDirs([root]);
  await databases.dropAll();
});

/** The files of the mirror folder, sorted. */
const mirrorFiles = () => fs.readdirSync(path.join(repo, MIRROR)).sort();

/** syncedFiles of the manifest must be the sha256 of exactly the files in the mirror folder. */
function expectManifestMatchesMirror(): void {
  const synced = readDatabase(repo, 'mythoria').syncedFiles ?? {};
  expect(Object.keys(synced).sort()).toEqual(mirrorFiles().map((file) => `${MIRROR}/${file}`));
  for (const [file, hash] of Object.entries(synced)) expect(hash, file).toBe(sha256(fs.readFileSync(path.join(repo, file))));
}

const PROBE = 'e2e-mirror-probe.ts';
const PROBE_SOURCE = `import { asc, eq, sql } from 'drizzle-orm';
import { closeMythoriaDatabaseConnection, db, mythoriaSchema, type MythoriaDatabase } from './src/db/index';

const { chapters, stories } = mythoriaSchema;

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

try {
  const mythoria: MythoriaDatabase = db.mythoria;
  const [story] = await mythoria.insert(stories).values({ title: 'The Mirror' }).returning();
  if (!story) throw new Error('insert returned nothing');
  await mythoria.insert(chapters).values([
    { storyId: story.id, position: 2, body: 'Then' },
    { storyId: story.id, position: 1, body: 'Once' },
  ]);
  const rows = await mythoria
    .select({ title: stories.title, position: chapters.position, body: chapters.body })
    .from(chapters)
    .innerJoin(stories, eq(chapters.storyId, stories.id))
    .orderBy(asc(chapters.position));
  const database = String(rowsOf(await mythoria.execute(sql\`select current_database() as name\`))[0]!.name);
  console.log(JSON.stringify({ same: mythoria === db.mythoria, rows, database }));
} finally {
  await closeMythoriaDatabaseConnection();
}
`;

describe('a mirror of an upstream schema folder', () => {
  it('sync before any mirror exists: one line, nothing written', async () => {
    const before = snapshotRepo(repo);
    const line = expectOneLineError('sync (no mirrors)', await runSync(repo));
    expect(line).toMatch(/this layer has no mirrors to sync/);
    expect(line).toMatch(/connection <name> --mirror <upstream schema dir>/);
    expectTreeUnchanged('sync (no mirrors)', repo, before);
  });

  it('connection mythoria --mirror: copies with the header, its own barrel, schema:sync, no drizzle config or migration scripts', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('connection mythoria --mirror', await runConnection(repo, ['mythoria', '--mirror', UPSTREAM_FLAG]));
    expect(result.stdout).toContain(`✓ mirror of ${UPSTREAM_FLAG}; refresh it with npm run schema:sync`);
    expect(result.stderr.trim(), describeRun('connection mythoria', result)).toBe('');
    expect(layerDiff(before, snapshotRepo(repo))).toEqual([
      '~ .env.example',
      '~ db-layer.json',
      '~ package.json',
      '~ src/db/config.ts',
      '~ src/db/index.ts',
      '+ src/db/mythoria/',
      '+ src/db/mythoria/connection.ts',
      '+ src/db/mythoria/schema/',
      '+ src/db/mythoria/schema/chapters.ts',
      '+ src/db/mythoria/schema/index.ts',
      '+ src/db/mythoria/schema/stories.ts',
    ]);

    // each copy: the header, then the upstream file byte for byte
    for (const file of ['stories.ts', 'chapters.ts']) {
      const copy = readRepoFile(repo, `${MIRROR}/${file}`);
      const [first, second, ...rest] = copy.split('\n');
      expect(first).toBe(mirrorHeaderLine(`${UPSTREAM_FLAG}/${file}`));
      expect(second).toMatch(/change it there, then run `create-db-layer sync mythoria`/);
      expect(rest.join('\n')).toBe(UPSTREAM_FILES[file]);
    }
    // the barrel is sync's own (the upstream index.ts is not copied), sorted, with the header
    const barrel = readRepoFile(repo, `${MIRROR}/index.ts`);
    expect(barrel.split('\n')[0]).toBe(mirrorHeaderLine(UPSTREAM_FLAG));
    expect(barrel).toMatch(/export \* from "\.\/chapters";\nexport \* from "\.\/stories";\n$/);

    expect(readDatabase(repo, 'mythoria')).toMatchObject({
      primary: false,
      owner: 'mirror',
      upstream: UPSTREAM_FLAG,
      schema: `${MIRROR}/index.ts`,
      helpers: { get: 'getMythoriaDatabase', close: 'closeMythoriaDatabaseConnection' },
      connection: { databaseName: 'MYTHORIA_DB' },
    });
    expectManifestMatchesMirror();

    const scripts = readJson<{ scripts: Record<string, string> }>(path.join(repo, 'package.json')).scripts;
    expect(scripts['schema:sync']).toBe('create-db-layer sync');
    expect(Object.keys(scripts).filter((name) => name.startsWith('mythoria'))).toEqual([]);
    expect(fs.existsSync(path.join(repo, 'drizzle.mythoria.config.ts'))).toBe(false);
    expect(fs.existsSync(path.join(repo, 'drizzle-mythoria'))).toBe(false);
    // connection helpers only: no migrate / seed / reset / nuke for a database this repo does not own
    for (const script of ['migrate.ts', 'seed.ts', 'reset.ts', 'nuke.ts']) {
      expect(fs.existsSync(path.join(repo, 'src/db/mythoria', script)), script).toBe(false);
    }

    const index = readRepoFile(repo, 'src/db/index.ts');
    expect(index).toMatch(/get mythoria\(\) \{\s*return getMythoriaDatabase\(\);\s*\}/);
    expect(index).toContain('export * as mythoriaSchema from "./mythoria/schema";');
    expect(readRepoFile(repo, 'src/db/config.ts')).toContain('"MYTHORIA_DB"');
  });

  it('type-checks (tsc --noEmit), including a probe that queries through db.mythoria', async () => {
    fs.writeFileSync(path.join(repo, PROBE), PROBE_SOURCE);
    expectOk('tsc', await typecheck(repo));
  });

  it('queries the mirrored tables on the server through db.mythoria (DATABASE_URL + MYTHORIA_DB)', async () => {
    const [primaryDb, mythoriaDb] = await Promise.all([databases.create('cdl_sync_main_'), databases.create('cdl_sync_myth_')]);
    // The upstream repo migrates its database; here we only stand in for it.
    await pgQuery(mythoriaDb, UPSTREAM_SQL);
    const env = { DATABASE_URL: pgUrl(primaryDb), MYTHORIA_DB: mythoriaDb };
    const out = parseLastJsonLine<{ same: boolean; rows: unknown[]; database: string }>(`tsx ${PROBE}`, await runTsx(repo, PROBE, [], env));
    expect(out).toEqual({
      same: true,
      rows: [
        { title: 'The Mirror', position: 1, body: 'Once' },
        { title: 'The Mirror', position: 2, body: 'Then' },
      ],
      database: mythoriaDb,
    });
    expect(await pgQuery(mythoriaDb, 'select count(*)::int as n from chapters')).toEqual([{ n: 2 }]);
    expect(await pgTables(primaryDb)).toEqual([]);
    fs.rmSync(path.join(repo, PROBE));
  });

  it('sync with nothing changed upstream: up to date, nothing written (also through npm run schema:sync)', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('sync', await runSync(repo));
    expect(result.stdout).toContain(`✓ mythoria is up to date with ${UPSTREAM_FLAG}`);
    const script = await runScript(repo, 'schema:sync');
    expectOk('schema:sync', script);
    expect(script.stdout).toContain(`✓ mythoria is up to date with ${UPSTREAM_FLAG}`);
    expectTreeUnchanged('sync (up to date)', repo, before);
  });

  it('init again keeps the mirror: already up to date, nothing rewritten', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('init again', await runCli(['--cwd', repo, '--yes', '--no-install'], { cwd: root }));
    expect(result.stdout).toContain('the database layer is already up to date');
    expect(layerDiff(before, snapshotRepo(repo))).toEqual([]);
  });

  it('upstream edits one file, adds one, deletes one: sync --dry-run shows it and writes nothing', async () => {
    fs.writeFileSync(
      path.join(upstream, 'stories.ts'),
      UPSTREAM_FILES['stories.ts']!.replace("title: text('title').notNull(),", "title: text('title').notNull(),\n  summary: text('summary'),"),
    );
    writeFiles(upstream, {
      'tags.ts': `import { pgTable, text } from 'drizzle-orm/pg-core';

export const tags = pgTable('tags', {
  name: text('name').primaryKey(),
});
`,
    });
    fs.rmSync(path.join(upstream, 'chapters.ts'));
    fs.writeFileSync(path.join(upstream, 'index.ts'), "export * from './stories';\nexport * from './tags';\n");

    const before = snapshotRepo(repo);
    const result = assertOk('sync --dry-run', await runSync(repo, ['--dry-run']));
    expect(result.stdout).toContain(`+++ b/${MIRROR}/tags.ts`);
    expect(result.stdout).toContain(`--- a/${MIRROR}/chapters.ts`);
    expect(result.stdout).toContain("+  summary: text('summary'),");
    expect(result.stdout).toMatch(/dry run: nothing written/);
    expectTreeUnchanged('sync --dry-run', repo, before);
  });

  it('sync reports added / changed / removed, rewrites the barrel and the manifest, and the repo type-checks', async () => {
    const before = snapshotRepo(repo);
    const result = assertOk('sync', await runSync(repo, ['mythoria']));
    expect(result.stdout).toContain(
      `✓ synced mythoria from ${UPSTREAM_FLAG}: added 1: ${MIRROR}/tags.ts; changed 2: ${MIRROR}/stories.ts, ${MIRROR}/index.ts; removed 1: ${MIRROR}/chapters.ts`,
    );
    expect(layerDiff(before, snapshotRepo(repo))).toEqual([
      '~ db-layer.json',
      `- ${MIRROR}/chapters.ts`,
      `~ ${MIRROR}/index.ts`,
      `~ ${MIRROR}/stories.ts`,
      `+ ${MIRROR}/tags.ts`,
    ]);
    expect(mirrorFiles()).toEqual(['index.ts', 'stories.ts', 'tags.ts']);
    expect(readRepoFile(repo, `${MIRROR}/stories.ts`)).toContain("summary: text('summary'),");
    expect(readRepoFile(repo, `${MIRROR}/tags.ts`).split('\n')[0]).toBe(mirrorHeaderLine(`${UPSTREAM_FLAG}/tags.ts`));
    expect(readRepoFile(repo, `${MIRROR}/index.ts`)).toMatch(/export \* from "\.\/stories";\nexport \* from "\.\/tags";\n$/);
    expectManifestMatchesMirror();
    expectOk('tsc after sync', await typecheck(repo));
  });

  it('a local edit to a mirrored file: sync fails naming it, check reports it, sync --force overwrites it', async () => {
    const file = `${MIRROR}/tags.ts`;
    const synced = readRepoFile(repo, file);
    fs.appendFileSync(path.join(repo, file), '\nexport const localOnly = 1;\n');

    const before = snapshotRepo(repo);
    const line = expectOneLineError('sync with a local edit', await runSync(repo));
    expect(line).toContain(`${file} (edited)`);
    expect(line).toMatch(/move the change upstream, or rerun with --force/);
    expectTreeUnchanged('sync with a local edit', repo, before);

    const check = await runCli(['check'], { cwd: repo });
    expect(check.code, describeRun('check', check)).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`✗ \\[mirror\\] ${file.replaceAll('.', '\\.')}: edited by hand in the read-only mirror mythoria`));
    expectTreeUnchanged('check', repo, before);

    const forced = assertOk('sync --force', await runSync(repo, ['--force']));
    expect(forced.stdout).toContain(`changed 1: ${file}`);
    expect(readRepoFile(repo, file)).toBe(synced);
    expect(layerDiff(before, snapshotRepo(repo))).toEqual([`~ ${file}`]);
    expectManifestMatchesMirror();

    const clean = await runCli(['check'], { cwd: repo });
    expect(clean.code, describeRun('check after sync --force', clean)).toBe(0);
    expect(clean.stdout).toMatch(/✓ check: main, mythoria ok/);
  });

  it('a file added by hand to the mirror folder stops sync; --force removes it', async () => {
    const added = `${MIRROR}/local.ts`;
    fs.writeFileSync(path.join(repo, added), 'export const local = 1;\n');
    const before = snapshotRepo(repo);
    const line = expectOneLineError('sync with a hand-added file', await runSync(repo));
    expect(line).toContain(`${added} (added)`);
    expectTreeUnchanged('sync with a hand-added file', repo, before);

    const forced = assertOk('sync --force', await runSync(repo, ['--force']));
    expect(forced.stdout).toContain(`removed 1: ${added}`);
    expect(fs.existsSync(path.join(repo, added))).toBe(false);
    expectManifestMatchesMirror();
  });

  it('a mirrored file deleted by hand stops sync; --force restores it', async () => {
    const deleted = `${MIRROR}/stories.ts`;
    const synced = readRepoFile(repo, deleted);
    fs.rmSync(path.join(repo, deleted));
    const before = snapshotRepo(repo);
    const line = expectOneLineError('sync with a hand-deleted file', await runSync(repo));
    expect(line).toContain(`${deleted} (deleted)`);
    expectTreeUnchanged('sync with a hand-deleted file', repo, before);

    assertOk('sync --force', await runSync(repo, ['--force']));
    expect(readRepoFile(repo, deleted)).toBe(synced);
    expectManifestMatchesMirror();
  });

  it('an upstream folder that is gone, or holds no .ts files: one line, nothing written', async () => {
    const moved = `${upstream}-moved`;
    fs.renameSync(upstream, moved);
    try {
      const before = snapshotRepo(repo);
      const line = expectOneLineError('sync, upstream gone', await runSync(repo));
      expect(line).toMatch(new RegExp(`the upstream of mythoria, ${UPSTREAM_FLAG.replaceAll('.', '\\.')}, is not a folder`));
      expectTreeUnchanged('sync, upstream gone', repo, before);

      fs.mkdirSync(upstream);
      fs.writeFileSync(path.join(upstream, 'README.md'), 'moved\n');
      const empty = expectOneLineError('sync, upstream empty', await runSync(repo));
      expect(empty).toMatch(/holds no schema files/);
      expectTreeUnchanged('sync, upstream empty', repo, before);
    } finally {
      fs.rmSync(upstream, { recursive: true, force: true });
      fs.renameSync(moved, upstream);
    }
  });

  it('two mirrors: a sync that fails on one writes nothing for the other (all or nothing)', async () => {
    const backoffice = path.join(root, 'backoffice/schema');
    writeFiles(backoffice, {
      'staff.ts': `import { pgTable, text } from 'drizzle-orm/pg-core';

export const staff = pgTable('staff', { email: text('email').primaryKey() });
`,
    });
    // from a subfolder of the repo: --mirror is relative to where the command runs, stored relative to the repo
    const added = await runCli(['connection', 'backoffice', '--mirror', '../../backoffice/schema'], { cwd: path.join(repo, 'src') });
    assertOk('connection backoffice (from src/)', added);
    expect(readDatabase(repo, 'backoffice').upstream).toBe('../backoffice/schema');
    expect(readRepoFile(repo, 'src/db/backoffice/schema/staff.ts').split('\n')[0]).toBe(mirrorHeaderLine('../backoffice/schema/staff.ts'));

    // mythoria changes upstream (a sync would write it), backoffice's upstream breaks
    fs.appendFileSync(path.join(upstream, 'tags.ts'), '\nexport type Tag = typeof tags.$inferSelect;\n');
    fs.rmSync(path.join(root, 'backoffice'), { recursive: true });
    const before = snapshotRepo(repo);
    const line = expectOneLineError('sync (backoffice broken)', await runSync(repo));
    expect(line).toMatch(/the upstream of backoffice, \.\.\/backoffice\/schema, is not a folder/);
    expectTreeUnchanged('sync (backoffice broken)', repo, before);

    // the healthy mirror alone still syncs
    const one = assertOk('sync mythoria', await runSync(repo, ['mythoria']));
    expect(one.stdout).toContain(`changed 1: ${MIRROR}/tags.ts`);
    expect(layerDiff(before, snapshotRepo(repo))).toEqual(['~ db-layer.json', `~ ${MIRROR}/tags.ts`]);
  });

  it('an upstream import reaching outside the mirrored folder: synced, with a warning naming it', async () => {
    fs.writeFileSync(
      path.join(upstream, 'tags.ts'),
      "import { pgTable, text } from 'drizzle-orm/pg-core';\nimport { slug } from '../../lib/slug';\n\nexport const tags = pgTable('tags', { name: text('name').primaryKey().$defaultFn(() => slug('x')) });\n",
    );
    const result = await runSync(repo, ['mythoria']);
    expectOk('sync mythoria', result);
    expect(result.stderr).toMatch(/imports \.\.\/\.\.\/lib\/slug from outside the mirrored folder/);
    expect(result.stdout).toContain(`changed 1: ${MIRROR}/tags.ts`);
  });
});
