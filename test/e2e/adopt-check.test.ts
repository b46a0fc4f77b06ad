/**
 * `create-db-layer check` on adopted repos (issue 7): silent on every clean fixture, and for each
 * problem teams really run into, planted the way it really happens (two branches generating a
 * migration at once and a merge that keeps both, a table file nobody exported, a deleted dist/...),
 * exit 1 with a `✗ [<check>] <file>: <message>` line naming the file. Each plant runs on its own
 * copy of an adopted fixture; migrations are only ever written by drizzle-kit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adopt,
  copyFixture,
  drizzleKitGenerate,
  findingLines,
  fixture,
  generateBaseline,
  runCliIn,
  VARIANTS,
  type Variant,
} from '../helpers/adopt.js';
import { commitAll, git, gitOk } from '../helpers/git.js';
import { assertOk, describeRun, expectOk, makeTempRepo, removeTempDirs, type RunResult } from '../helpers/repo.js';
import { copyRepo } from '../helpers/table.js';

const dirs: string[] = [];
afterAll(() => removeTempDirs(dirs));

/** The fixture with its baseline migrations, adopted, db-layer.json committed; throws when adoption fails. */
async function adoptFixture(variant: Variant): Promise<string> {
  const repo = await copyFixture(variant);
  dirs.push(repo);
  await generateBaseline(repo, variant);
  assertOk(`create-db-layer --yes --no-install in ${variant}`, await adopt(repo, variant));
  await commitAll(repo, 'adopt create-db-layer');
  return repo;
}

/** One adopted repo per fixture, made on first use; plants work on copies of it. */
const adopted = new Map<Variant, Promise<string>>();
function adoptedRepo(variant: Variant): Promise<string> {
  if (!adopted.has(variant)) adopted.set(variant, adoptFixture(variant));
  return adopted.get(variant)!;
}

async function adoptedCopy(variant: Variant): Promise<string> {
  const copy = copyRepo(await adoptedRepo(variant), makeTempRepo(`adopt-check-${variant}-`));
  dirs.push(copy);
  return copy;
}

const read = (repo: string, file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
const write = (repo: string, file: string, text: string) => fs.writeFileSync(path.join(repo, file), text);
const append = (repo: string, file: string, text: string) => fs.appendFileSync(path.join(repo, file), text);

/** check must fail and print a finding line matching `line`. */
function expectFinding(result: RunResult, line: RegExp): void {
  const dump = describeRun('create-db-layer check', result);
  expect(result.code, dump).toBe(1);
  expect(findingLines(result), dump).toEqual(expect.arrayContaining([expect.stringMatching(line)]));
}

// Tables written the way the folder-barrel team writes them (no semicolons, uuid ids, casing in the config).
const TAGS = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core'

export const tags = pgTable('tags', {
  id: uuid().primaryKey().defaultRandom(),
  label: text().notNull().unique(),
})
`;
const LIKES = `import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core'
import { posts } from './posts'

export const likes = pgTable('likes', {
  id: uuid().primaryKey().defaultRandom(),
  postId: uuid()
    .notNull()
    .references(() => posts.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ mode: 'string' }).notNull().defaultNow(),
})
`;
const BRANCH_TABLES = { tags: TAGS, likes: LIKES };
type BranchTable = keyof typeof BRANCH_TABLES;

/** On a new branch off main: add a table to folder-barrel, let drizzle-kit write its migration, commit. */
async function migrationOnBranch(repo: string, table: BranchTable): Promise<void> {
  await gitOk(repo, ['checkout', '-q', '-b', `add-${table}`, 'main']);
  write(repo, `src/db/schema/${table}.ts`, BRANCH_TABLES[table]);
  append(repo, 'src/db/schema/index.ts', `export * from './${table}'\n`);
  const database = fixture('folder-barrel').databases[0]!;
  assertOk(`drizzle-kit generate (${table})`, await drizzleKitGenerate(repo, 'folder-barrel', database, ['--name', `add_${table}`]));
  await commitAll(repo, `add ${table}`);
}

interface Journal {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

/**
 * Two branches each generated migration 0001 (`first` earlier than `second`); `into` is merged with
 * the other. Both add the same meta/0001_snapshot.json and append to the barrel and the journal, so
 * git stops on conflicts, resolved the way people do: the barrel keeps both exports, the snapshot
 * keeps ours, and the journal keeps both entries (`journal: 'both'`) or just ours ('ours').
 */
async function mergeTwoBranches(repo: string, first: BranchTable, second: BranchTable, into: BranchTable, journal: 'both' | 'ours'): Promise<void> {
  await migrationOnBranch(repo, first);
  await migrationOnBranch(repo, second);
  const other = into === first ? second : first;
  await gitOk(repo, ['checkout', '-q', `add-${into}`]);
  const merge = await git(repo, ['merge', '--no-edit', `add-${other}`]);
  expect(merge.code, describeRun('the merge conflicts', merge)).not.toBe(0);
  const conflicted = (await gitOk(repo, ['diff', '--name-only', '--diff-filter=U'])).split('\n').filter(Boolean);
  const side = async (stage: 2 | 3, file: string) => gitOk(repo, ['show', `:${stage}:${file}`]);
  for (const file of conflicted) {
    if (file.endsWith('/_journal.json')) {
      const ours = JSON.parse(await side(2, file)) as Journal;
      const theirs = JSON.parse(await side(3, file)) as Journal;
      if (journal === 'both') ours.entries.push(...theirs.entries.filter((entry) => !ours.entries.some((own) => own.tag === entry.tag)));
      write(repo, file, JSON.stringify(ours, null, 2));
    } else if (file.endsWith('.json')) {
      await gitOk(repo, ['checkout', '--ours', '--', file]);
    } else {
      const ours = (await side(2, file)).split('\n').filter(Boolean);
      const theirs = (await side(3, file)).split('\n').filter((line) => line && !ours.includes(line));
      write(repo, file, `${[...ours, ...theirs].join('\n')}\n`);
    }
  }
  await commitAll(repo, `merge add-${other}`);
}

describe('create-db-layer check on adopted repos', () => {
  it.each(VARIANTS)('reports nothing on the clean adopted %s', async (variant) => {
    const result = await runCliIn(await adoptedRepo(variant), variant, ['check']);
    expect(findingLines(result), describeRun('check', result)).toEqual([]);
    expectOk('create-db-layer check', result);
  });

  describe('barrel', () => {
    it('names a schema file the barrel does not export', async () => {
      const repo = await adoptedCopy('folder-barrel');
      write(repo, 'src/db/schema/tags.ts', TAGS);
      expectFinding(await runCliIn(repo, 'folder-barrel', ['check']), /^✗ \[barrel\] src\/db\/schema\/tags\.ts: /);
    });

    it('names a barrel export of a file that is gone', async () => {
      const repo = await adoptedCopy('folder-barrel');
      write(repo, 'src/db/schema/tags.ts', TAGS);
      append(repo, 'src/db/schema/index.ts', "export * from './tags'\n");
      await commitAll(repo, 'add tags');
      await gitOk(repo, ['rm', '-q', 'src/db/schema/tags.ts']);
      expectFinding(await runCliIn(repo, 'folder-barrel', ['check']), /^✗ \[barrel\] src\/db\/schema\/index\.ts: .*\.\/tags/);
    });
  });

  describe('config', () => {
    const STOCK_LEVELS = `import { integer, pgTable } from 'drizzle-orm/pg-core';

export const stockLevels = pgTable('stock_levels', {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    quantity: integer('quantity').notNull().default(0),
});
`;

    it('names a barrel file the config array misses', async () => {
      const repo = await adoptedCopy('array-config');
      write(repo, 'src/db/schema/stock-levels.ts', STOCK_LEVELS);
      append(repo, 'src/db/schema/index.ts', "export * from './stock-levels';\n");
      expectFinding(await runCliIn(repo, 'array-config', ['check']), /^✗ \[config\] drizzle\.config\.ts: .*src\/db\/schema\/stock-levels\.ts/);
    });

    it('names a config entry the barrel does not export', async () => {
      const repo = await adoptedCopy('array-config');
      write(repo, 'src/db/schema/index.ts', read(repo, 'src/db/schema/index.ts').replace("export * from './user-profiles';\n", ''));
      expectFinding(await runCliIn(repo, 'array-config', ['check']), /^✗ \[config\] drizzle\.config\.ts: .*user-profiles/);
    });

    it('names a config entry whose file was deleted', async () => {
      const repo = await adoptedCopy('array-config');
      await gitOk(repo, ['rm', '-q', 'src/db/schema/user-profiles.ts']);
      write(repo, 'src/db/schema/index.ts', read(repo, 'src/db/schema/index.ts').replace("export * from './user-profiles';\n", ''));
      expectFinding(await runCliIn(repo, 'array-config', ['check']), /^✗ \[config\] drizzle\.config\.ts: .*src\/db\/schema\/user-profiles\.ts/);
    });
  });

  describe('journal', () => {
    it('names the migration a merge left out of the journal (orphan .sql)', async () => {
      const repo = await adoptedCopy('folder-barrel');
      await mergeTwoBranches(repo, 'tags', 'likes', 'tags', 'ours');
      expectFinding(await runCliIn(repo, 'folder-barrel', ['check']), /^✗ \[journal\] drizzle\/0001_add_likes\.sql: /);
    });

    it('names two migrations numbered 0001 after two branches generated at once', async () => {
      const repo = await adoptedCopy('folder-barrel');
      await mergeTwoBranches(repo, 'tags', 'likes', 'tags', 'both');
      expectFinding(await runCliIn(repo, 'folder-barrel', ['check']), /^✗ \[journal\] drizzle\S*: .*0001/);
    });

    it('names journal entries whose timestamps go backwards', async () => {
      const repo = await adoptedCopy('folder-barrel');
      // likes was generated first, so its entry, appended after tags by the merge, is older.
      await mergeTwoBranches(repo, 'likes', 'tags', 'tags', 'both');
      const journal = JSON.parse(read(repo, 'drizzle/meta/_journal.json')) as Journal;
      expect(journal.entries.map((entry) => entry.tag)).toEqual(['0000_init', '0001_add_tags', '0001_add_likes']);
      expect(journal.entries[2]!.when).toBeLessThan(journal.entries[1]!.when);
      expectFinding(await runCliIn(repo, 'folder-barrel', ['check']), /^✗ \[journal\] drizzle\/meta\/_journal\.json: .*0001_add_likes/);
    });

    it('names a missing snapshot', async () => {
      const repo = await adoptedCopy('folder-barrel');
      await migrationOnBranch(repo, 'tags');
      await gitOk(repo, ['rm', '-q', 'drizzle/meta/0001_snapshot.json']);
      expectFinding(await runCliIn(repo, 'folder-barrel', ['check']), /^✗ \[journal\] drizzle\/meta\/0001_snapshot\.json: /);
    });
  });

  it('migrations-table: names the migrate script that passes another table than the config', async () => {
    const repo = await adoptedCopy('folder-barrel');
    const script = read(repo, 'src/db/migrate.ts');
    expect(script).toContain("migrationsTable: 'schema_migrations'");
    write(repo, 'src/db/migrate.ts', script.replace("migrationsTable: 'schema_migrations'", "migrationsTable: '__drizzle_migrations'"));
    expectFinding(
      await runCliIn(repo, 'folder-barrel', ['check']),
      /^✗ \[migrations-table\] (src\/db\/migrate\.ts|drizzle\.config\.ts): (?=.*schema_migrations)(?=.*__drizzle_migrations)/,
    );
  });

  it('runtime-casing: names the helper whose drizzle() lacks the casing the config migrates with', async () => {
    const repo = await adoptedCopy('folder-barrel');
    const client = read(repo, 'src/db/client.ts');
    expect(client).toContain("drizzle(pool, { schema, casing: 'snake_case' })");
    write(repo, 'src/db/client.ts', client.replace("drizzle(pool, { schema, casing: 'snake_case' })", 'drizzle(pool, { schema })'));
    expectFinding(await runCliIn(repo, 'folder-barrel', ['check']), /^✗ \[runtime-casing\] src\/db\/client\.ts: .*casing: 'snake_case'/);
  });

  it('schema-path: names the config whose schema is build output that does not exist', async () => {
    const repo = await adoptedCopy('dist-config');
    expect(fs.existsSync(path.join(repo, 'dist/db/schema/index.js')), 'the adopted copy was built').toBe(true);
    fs.rmSync(path.join(repo, 'dist'), { recursive: true });
    expectFinding(await runCliIn(repo, 'dist-config', ['check']), /^✗ \[schema-path\] drizzle\.config\.ts: .*dist\/db\/schema\/index\.js/);
  });

  it('cross-database: names the analytics table with a foreign key into the main database', async () => {
    const repo = await adoptedCopy('two-databases');
    write(
      repo,
      'src/db/analytics/schema/signups.ts',
      `import { integer, pgTable, timestamp } from 'drizzle-orm/pg-core'
import { users } from '../../schema/users'

export const signups = pgTable('signups', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  userId: integer()
    .notNull()
    .references(() => users.id),
  signedUpAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
`,
    );
    append(repo, 'src/db/analytics/schema/index.ts', "export * from './signups'\n");
    expectFinding(await runCliIn(repo, 'two-databases', ['check']), /^✗ \[cross-database\] src\/db\/analytics\/schema\/signups\.ts: /);
  });
});
