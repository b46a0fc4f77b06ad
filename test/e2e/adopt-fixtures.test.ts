/**
 * The adoption fixtures themselves are sound, before create-db-layer touches them: each one, copied
 * into a git repo, type-checks with its own tsconfig, gets its baseline migrations from the real
 * drizzle-kit (one per config), and those migrations apply to an empty database (PGlite, the
 * PostgreSQL server for throwing-config, libsql for SQLite). If this file fails, the adoption
 * tests prove nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  changedBaselineFiles,
  closePglite,
  copyFixture,
  drizzleKitGenerate,
  fixture,
  FIXTURES_DIR,
  generateBaseline,
  newMigrations,
  sqlMigrations,
  VARIANTS,
} from '../helpers/adopt.js';
import { changedPaths } from '../helpers/git.js';
import { describeRun, DRIZZLE_KIT, expectOk, removeTempDirs, run, typecheck } from '../helpers/repo.js';

const dirs: string[] = [];
afterAll(async () => {
  await closePglite();
  removeTempDirs(dirs);
});

describe('adoption fixtures', () => {
  it('are exactly the folders of test/fixtures/adopt, with no migrations and no node_modules', () => {
    expect(fs.readdirSync(FIXTURES_DIR).sort()).toEqual([...VARIANTS].sort());
    for (const variant of VARIANTS) {
      const root = path.join(FIXTURES_DIR, variant);
      expect(fs.existsSync(path.join(root, 'node_modules')), variant).toBe(false);
      for (const database of fixture(variant).databases) {
        expect(fs.existsSync(path.join(root, database.out)), `${variant}: ${database.out} must be generated, not committed`).toBe(false);
        expect(fs.existsSync(path.join(root, database.config)), `${variant}: ${database.config}`).toBe(true);
      }
    }
  });

  it.each(VARIANTS)('%s type-checks, generates its baseline with drizzle-kit and migrates an empty database', async (variant) => {
    const repo = await copyFixture(variant);
    dirs.push(repo);
    expectOk(`tsc --noEmit (${variant})`, await typecheck(repo, ['--noEmit']));

    await generateBaseline(repo, variant);
    expect(await changedPaths(repo), 'the baseline is committed').toEqual([]);
    for (const database of fixture(variant).databases) {
      expect(sqlMigrations(repo, database), `${variant}: ${database.config}`).toEqual(['0000_init.sql']);
      expect(fs.existsSync(path.join(repo, database.out, 'meta/0000_snapshot.json'))).toBe(true);
      // The schema and the baseline agree: a second generate finds nothing to do.
      const again = await drizzleKitGenerate(repo, variant, database);
      expect(again.stdout, describeRun('second generate', again)).toContain('No schema changes');
      expect(await applyMigrations(repo, variant, database), `${variant}: tables of ${database.name}`).toEqual(database.tables);
    }
  });

  it('the harness sees a new migration, an edited one and a rewritten journal entry', async () => {
    const repo = await copyFixture('single-schema-file');
    dirs.push(repo);
    const baseline = await generateBaseline(repo, 'single-schema-file');
    const database = fixture('single-schema-file').databases[0]!;
    expect(newMigrations(repo, 'single-schema-file', baseline)).toEqual({ main: [] });

    const schema = path.join(repo, 'src/db/schema.ts');
    fs.writeFileSync(schema, fs.readFileSync(schema, 'utf8').replace('lastName: text("last_name"),', 'lastName: text("last_name"),\n  bio: text("bio"),'));
    expectOk('generate', await drizzleKitGenerate(repo, 'single-schema-file', database, ['--name', 'add_bio']));
    expect(newMigrations(repo, 'single-schema-file', baseline)).toEqual({ main: ['0001_add_bio.sql'] });
    expect(changedBaselineFiles(repo, 'single-schema-file', baseline), 'appending to the journal is no change').toEqual([]);

    // Tampering, to prove the detector: what the adoption tests must never see.
    fs.appendFileSync(path.join(repo, 'drizzle/0000_init.sql'), '\n-- edited\n');
    const journalFile = path.join(repo, 'drizzle/meta/_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ when: number }> };
    journal.entries[0]!.when += 1;
    fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
    expect(changedBaselineFiles(repo, 'single-schema-file', baseline)).toEqual(['drizzle/0000_init.sql', 'drizzle/meta/_journal.json']);
  });

  it('throwing-config really throws without DATABASE_URL, as its name promises', async () => {
    const repo = await copyFixture('throwing-config');
    dirs.push(repo);
    const result = await run(process.execPath, [DRIZZLE_KIT, 'generate'], { cwd: repo });
    expect(result.code, describeRun('generate without DATABASE_URL', result)).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('DATABASE_URL is not set');
    expect(fs.existsSync(path.join(repo, 'migrations'))).toBe(false);
  });
});
