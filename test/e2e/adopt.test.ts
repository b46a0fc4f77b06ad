/**
 * The adoption contract (issue 7), on every fixture of test/fixtures/adopt: in a repo that already
 * has Drizzle, `create-db-layer --yes` detects the setup and writes only db-layer.json (`--dry-run`
 * prints the detection and writes nothing); `table` then adds a table in the repo's own style
 * (snapshots of the new file and of each patched file's diff, and a style check against the
 * fixture's house style in helpers/adopt-style.ts), the repo still type-checks,
 * drizzle-kit adds exactly one migration to the affected database and leaves every existing one
 * byte-identical, the migrations apply, and `check` is green.
 *
 * Each fixture's steps run in order on one repo; a failed step fails the ones after it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adopt,
  applyMigrations,
  changedBaselineFiles,
  closePglite,
  copyFixture,
  findingLines,
  fixture,
  generateBaseline,
  isMigrationFile,
  newMigrations,
  tableDatabases,
  runCliIn,
  tableDatabase,
  VARIANTS,
  type MigrationHashes,
  type Variant,
} from '../helpers/adopt.js';
import { addedLines, styleProblems } from '../helpers/adopt-style.js';
import { changedPaths, commitAll, fileDiff, isTracked } from '../helpers/git.js';
import { describeRun, expectOk, removeTempDirs, typecheck } from '../helpers/repo.js';

const dirs: string[] = [];
afterAll(async () => {
  await closePglite();
  removeTempDirs(dirs);
});

const COMMENTS = ['table', 'comments', 'body:text:notNull', 'post:references', 'status:enum(visible|hidden)', '--yes'];

describe.each(VARIANTS)('adopting %s', (variant: Variant) => {
  let repo = '';
  let baseline: MigrationHashes = {};
  const snapshot = (file: string) => `__snapshots__/adopt/${variant}/${file}`;

  it('starts from the fixture with its baseline migrations committed', async () => {
    repo = await copyFixture(variant);
    dirs.push(repo);
    baseline = await generateBaseline(repo, variant);
    expect(Object.keys(baseline).length).toBeGreaterThan(0);
  });

  it('--dry-run prints the detected setup and writes nothing', async () => {
    const result = await adopt(repo, variant, ['--dry-run']);
    expectOk('create-db-layer --yes --no-install --dry-run', result);
    for (const database of fixture(variant).databases) {
      expect(result.stdout, describeRun('dry run', result)).toContain(database.dialect);
      expect(result.stdout, describeRun('dry run', result)).toContain(database.config);
    }
    expect(await changedPaths(repo)).toEqual([]);
  });

  it('writes db-layer.json and nothing else', async () => {
    const result = await adopt(repo, variant);
    expectOk('create-db-layer --yes --no-install', result);
    expect(await changedPaths(repo), describeRun('adopt', result)).toEqual(['db-layer.json']);
    await expect(fs.readFileSync(path.join(repo, 'db-layer.json'), 'utf8')).toMatchFileSnapshot(snapshot('db-layer.json'));
    await commitAll(repo, 'adopt create-db-layer');
  });

  it("adds a table in the repo's own style, with exactly one new migration", async () => {
    const target = tableDatabase(variant);
    const args = target.name === fixture(variant).databases[0]!.name ? COMMENTS : [...COMMENTS, '--db', target.name];
    const result = await runCliIn(repo, variant, args);
    expectOk(`create-db-layer ${args.join(' ')}`, result);

    // The new and patched files, migrations aside (their names and contents are drizzle-kit's).
    const changed = (await changedPaths(repo)).filter((file) => !isMigrationFile(variant, file));
    expect(changed.length, describeRun('table', result)).toBeGreaterThan(0);
    const addedCode: Record<string, string> = {};
    for (const file of changed) {
      if (await isTracked(repo, file)) {
        const diff = await fileDiff(repo, file);
        addedCode[file] = addedLines(diff);
        await expect(diff).toMatchFileSnapshot(snapshot(`table/${file}.diff`));
      } else {
        addedCode[file] = fs.readFileSync(path.join(repo, file), 'utf8');
        await expect(addedCode[file]).toMatchFileSnapshot(snapshot(`table/${file}.snap`));
      }
    }
    expect(styleProblems(variant, addedCode), 'the new table reads like its neighbours').toEqual([]);

    expectOk('tsc --noEmit', await typecheck(repo, ['--noEmit']));

    const added = newMigrations(repo, variant, baseline);
    const affected = tableDatabases(variant);
    for (const database of fixture(variant).databases) {
      expect(added[database.name], `new migrations of ${database.name}`).toHaveLength(affected.includes(database) ? 1 : 0);
    }
    expect(changedBaselineFiles(repo, variant, baseline), 'baseline migrations must stay byte-identical').toEqual([]);

    for (const database of fixture(variant).databases) {
      const tables = affected.includes(database) ? [...database.tables, 'comments'].sort() : database.tables;
      expect(await applyMigrations(repo, variant, database), `tables of ${database.name}`).toEqual(tables);
    }
  });

  it('passes check afterwards', async () => {
    const result = await runCliIn(repo, variant, ['check']);
    expect(findingLines(result), describeRun('check', result)).toEqual([]);
    expectOk('create-db-layer check', result);
  });
});
