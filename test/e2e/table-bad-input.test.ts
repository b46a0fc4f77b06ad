/**
 * E2E of the refusals of `create-db-layer table` / `seed`: every bad input is one line on stderr
 * starting `create-db-layer:`, a non-zero exit, and a tree byte-identical to before (everything
 * but node_modules and PGlite data is compared). A drizzle-kit failure after the files were
 * written must put every file back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFiles } from '../helpers/layer.js';
import { assertOk, describeRun, makeTempRepo, readJson, removeTempDirs, runCli, scaffold, typecheck } from '../helpers/repo.js';
import {
  copyRepo,
  expectOneLineError,
  expectTreeUnchanged,
  readRepoFile,
  runSeed,
  runTable,
  snapshotRepo,
  treeDiff,
} from '../helpers/table.js';

let root = '';
/** Scaffolded, with a `users` table (and its seed and migration) to reference and to collide with. */
let repo = '';
const outsideDirs: string[] = [];

beforeAll(async () => {
  root = makeTempRepo('e2e-table-bad-');
  repo = path.join(root, 'app');
  await scaffold(repo);
  assertOk('table users', await runTable(repo, ['users', 'name:text', 'email:varchar(255):notNull:unique', '--seed']));
  expect(migrationFiles(repo)).toEqual(['0000_create_users.sql']);
});

afterAll(() => {
  removeTempDirs([root, ...outsideDirs]);
});

interface Case {
  label: string;
  /** argv after the binary (`table ...` / `seed ...`). */
  argv: string[];
  /** What the one line must say (the problem, and where useful what to write instead). */
  message: RegExp[];
}

const TABLE_CASES: Case[] = [
  { label: 'unknown type', argv: ['table', 'posts', 'title:strng'], message: [/unknown type "strng"/, /use one of text, varchar\(255\)/] },
  { label: 'unknown type, with --dry-run', argv: ['table', 'posts', 'title:strng', '--dry-run'], message: [/unknown type "strng"/] },
  { label: 'unknown modifier', argv: ['table', 'posts', 'title:text:uniq'], message: [/unknown modifier "uniq"/, /use notNull, unique, index/] },
  { label: 'field without a type', argv: ['table', 'posts', 'title'], message: [/has no type/, /title:text/] },
  { label: 'bad type parameters', argv: ['table', 'posts', 'title:varchar(x)'], message: [/bad parameters/, /varchar\(255\)/] },
  { label: 'bad default for the type', argv: ['table', 'posts', 'views:integer:default=many'], message: [/default "many" does not fit views/] },
  { label: 'onDelete without a reference', argv: ['table', 'posts', 'title:text:onDelete=cascade'], message: [/onDelete .* needs a reference/] },
  { label: 'unknown onDelete action', argv: ['table', 'posts', 'author:references:ref=users:onDelete=explode'], message: [/onDelete must be one of cascade, set-null, restrict, no-action/] },
  { label: 'table name "../x" (path-like)', argv: ['table', '../x'], message: [/table name "\.\.\/x"/, /not an identifier/] },
  { label: 'table name "x/y" (path-like)', argv: ['table', 'x/y', 'a:text'], message: [/table name "x\/y"/, /not an identifier/] },
  { label: 'table name "a b"', argv: ['table', 'a b', 'a:text'], message: [/table name "a b"/, /not an identifier/] },
  { label: 'table name "1abc"', argv: ['table', '1abc', 'a:text'], message: [/table name "1abc"/, /not an identifier/] },
  { label: 'table name "posts.ts"', argv: ['table', 'posts.ts', 'a:text'], message: [/table name "posts\.ts"/, /not an identifier/] },
  { label: 'column name "../x"', argv: ['table', 'posts', '../x:text'], message: [/column name "\.\.\/x"/, /not an identifier/] },
  { label: 'column name "a b"', argv: ['table', 'posts', 'a b:text'], message: [/column name "a b"/, /not an identifier/] },
  { label: 'column name "1abc"', argv: ['table', 'posts', '1abc:text'], message: [/column name "1abc"/, /not an identifier/] },
  { label: 'column name "a-b"', argv: ['table', 'posts', 'a-b:text'], message: [/column name "a-b"/, /not an identifier/] },
  { label: 'reserved word as a column (order)', argv: ['table', 'posts', 'order:text'], message: [/"order" is a reserved word in SQL/, /orderName/] },
  { label: 'reserved word as a column, other case (Select)', argv: ['table', 'posts', 'Select:text'], message: [/reserved word in SQL/] },
  { label: 'reserved word as a table (user)', argv: ['table', 'user', 'name:text'], message: [/"user" is a reserved word in SQL/, /choose another table name/] },
  { label: 'reserved word as a table (order)', argv: ['table', 'order', 'total:integer'], message: [/"order" is a reserved word in SQL/] },
  { label: 'duplicate column', argv: ['table', 'posts', 'title:text', 'title:varchar(10)'], message: [/column title is given twice/] },
  { label: 'duplicate column after snake_case (fooBar, foo_bar)', argv: ['table', 'posts', 'fooBar:text', 'foo_bar:text'], message: [/given twice/] },
  { label: 'a column the generator adds (id)', argv: ['table', 'posts', 'id:text'], message: [/column id is generated/, /:pk/] },
  { label: 'a column the generator adds (createdAt)', argv: ['table', 'posts', 'createdAt:timestamp'], message: [/column createdAt is generated/, /--no-timestamps/] },
  { label: 'existing table', argv: ['table', 'users', 'name:text'], message: [/table users already exists in src\/db\/schema\/users\.ts/] },
  { label: 'existing table, other spelling (Users)', argv: ['table', 'Users', 'nickname:text'], message: [/already exists/] },
  {
    label: 'shorthand reference to a missing table (author:references, no authors)',
    argv: ['table', 'posts', 'title:text', 'author:references'],
    message: [/authors, which does not exist/, /create-db-layer table authors/, /ref=<table>/],
  },
  { label: 'ref= to a missing table', argv: ['table', 'posts', 'writer:uuid:ref=writers'], message: [/writers, which does not exist/] },
  { label: 'ref= to a missing column', argv: ['table', 'posts', 'author:references:ref=users.nope'], message: [/users has no column nope/] },
  {
    label: 'onDelete=set-null on a notNull column',
    argv: ['table', 'posts', 'author:references:ref=users:notNull:onDelete=set-null'],
    message: [/onDelete=set-null cannot empty the notNull column authorId/, /drop notNull/],
  },
  { label: '--db naming an unknown database', argv: ['table', 'posts', 'title:text', '--db', 'nope'], message: [/--db nope: no such database/, /known: main/] },
  { label: '--id with an unknown strategy', argv: ['table', 'posts', 'title:text', '--id', 'guid'], message: [/--id must be one of uuid, ulid, nanoid, cuid2, serial, identity/] },
  { label: 'an unknown flag', argv: ['table', 'posts', 'title:text', '--bogus'], message: [/bogus/] },
  { label: 'no table name, no terminal', argv: ['table'], message: [/table needs a name/] },
];

const SEED_CASES: Case[] = [
  { label: 'seed of a missing table', argv: ['seed', 'nope'], message: [/no table nope in the main database/, /create-db-layer table nope/] },
  { label: 'seed without a table', argv: ['seed'], message: [/seed takes one table/] },
  { label: 'seed with two tables', argv: ['seed', 'users', 'posts'], message: [/seed takes one table/] },
  { label: 'seed of a table that has one', argv: ['seed', 'users'], message: [/users already has a seed/] },
  { label: 'seed --db nope', argv: ['seed', 'users', '--db', 'nope'], message: [/--db nope: no such database/] },
];

describe('bad input: one line on stderr, non-zero exit, tree byte-identical', () => {
  // Concurrent (vitest's default limit, 5 at a time): each case only reads the repo. A case that
  // wrongly wrote would also show up in the tree checks of the cases running beside it.
  it.concurrent.each([...TABLE_CASES, ...SEED_CASES])('$label', async ({ label, argv, message }) => {
    const before = snapshotRepo(repo);
    const result = await runCli(argv, { cwd: repo });
    const line = expectOneLineError(label, result);
    for (const pattern of message) expect(line, describeRun(label, result)).toMatch(pattern);
    expectTreeUnchanged(label, repo, before);
    expect(migrationFiles(repo)).toEqual(['0000_create_users.sql']);
  });
});

describe('outside a scaffolded repo (no db-layer.json)', () => {
  for (const command of [['table', 'posts', 'title:text'], ['seed', 'users']]) {
    it(`${command[0]} says how to run init, writes nothing`, async () => {
      const empty = path.join(root, `empty-${command[0]}`);
      fs.mkdirSync(empty, { recursive: true });
      fs.writeFileSync(path.join(empty, 'package.json'), '{ "name": "not-scaffolded" }\n');
      const before = snapshotRepo(empty);
      const line = expectOneLineError(`${command[0]} outside`, await runCli(command, { cwd: empty }));
      expect(line).toMatch(/no db-layer\.json in /);
      expect(line).toMatch(/run "npx create-db-layer" there first, or pass --cwd <repo>/);
      expectTreeUnchanged(`${command[0]} outside`, empty, before);
    });
  }

  it('--cwd pointing at a folder without a manifest is the same error', async () => {
    const empty = path.join(root, 'empty-cwd');
    fs.mkdirSync(empty, { recursive: true });
    const line = expectOneLineError('table --cwd empty', await runCli(['table', 'posts', 'title:text', '--cwd', empty], { cwd: repo }));
    expect(line).toContain(`no db-layer.json in ${empty}`);
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});

describe('drizzle-kit fails after the files were written: every file is restored', () => {
  /** Touches the barrel, a referenced table's relations, seed.ts, and creates a schema and a seed file. */
  const WIDGETS = ['widgets', 'label:text:notNull', 'owner:references:ref=users:onDelete=cascade', '--seed'];

  it('drizzle.config.ts that does not load: error names drizzle-kit, tree byte-identical', async () => {
    const config = path.join(repo, 'drizzle.config.ts');
    const original = fs.readFileSync(config);
    try {
      fs.writeFileSync(config, 'this is %% not a drizzle config {{{\nthrow new Error("drizzle config garbage");\n');
      const before = snapshotRepo(repo);
      const result = await runTable(repo, WIDGETS);
      const dump = describeRun('table widgets with a broken config', result);
      expect(result.code, dump).not.toBe(0);
      // The message carries drizzle-kit's own output, so it is several lines; the first is ours.
      const [first] = result.stderr.split('\n');
      expect(first, dump).toMatch(/^create-db-layer: drizzle-kit generate failed, so every file was restored/);
      expect(result.stderr, dump).toMatch(/drizzle\.config\.ts/);
      expectTreeUnchanged('table widgets with a broken config', repo, before);
    } finally {
      fs.writeFileSync(config, original);
    }
    expect(migrationFiles(repo)).toEqual(['0000_create_users.sql']);
  });

  it('no drizzle-kit to run (a repo outside /work/main resolves no node_modules): one line, tree byte-identical', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-table-outside-'));
    outsideDirs.push(outside);
    const app = path.join(outside, 'app');
    await scaffold(app);
    // no seeds/ folder yet: the rollback must remove the folder it created, not only the files
    expect(fs.existsSync(path.join(app, 'src/db/seeds'))).toBe(false);
    const before = snapshotRepo(app);
    const line = expectOneLineError('table outside node_modules', await runTable(app, ['widgets', 'label:text', '--seed']));
    expect(line).toMatch(/drizzle-kit is not installed/);
    expect(line).toMatch(/npm install|--no-generate/);
    expectTreeUnchanged('table outside node_modules', app, before);
    // ...and with --no-generate the same command works there
    assertOk('table --no-generate outside', await runTable(app, ['widgets', 'label:text', '--seed', '--no-generate']));
    expect(fs.existsSync(path.join(app, 'src/db/seeds/widgets.ts'))).toBe(true);
  });

  // Fixed regression: drizzle-kit 0.31 exits 0 when a schema module throws while loading (it prints the stack
  // and stops). generateMigration() only fails on a non-zero exit or "error" in the last 3 lines
  // (stack frames), so `table` reports "drizzle-kit generate reported no schema change", exits 0
  // and keeps its files next to a schema drizzle-kit cannot load. Repro: append
  // `throw new Error("boom")` to src/db/schema/users.ts, run `create-db-layer table widgets name:text`.
  it('a schema module that throws when drizzle-kit loads it: non-zero exit, tree restored', async () => {
    const copy = copyRepo(repo, path.join(root, 'copy-schema-throws'));
    fs.appendFileSync(path.join(copy, 'src/db/schema/users.ts'), '\nthrow new Error("schema boom");\n');
    const before = snapshotRepo(copy);
    const result = await runTable(copy, ['widgets', 'label:text']);
    expect(result.code, describeRun('table widgets with a throwing schema', result)).not.toBe(0);
    expect(result.stderr).toMatch(/^create-db-layer: /);
    expectTreeUnchanged('table widgets with a throwing schema', copy, before);
  });
});

describe('a layer missing a file db-layer.json records (each on a copy of the repo)', () => {
  // Fixed: a deleted barrel crashed with "unexpected error, please report it" (Tree.update of a
  // missing file); a missing config failed inside drizzle-kit after the files were written.
  it.each([
    ['the schema barrel', 'src/db/schema/index.ts', /src\/db\/schema\/index\.ts is missing \(db-layer\.json records it as the main database's schema barrel\): restore it \(git checkout -- src\/db\/schema\/index\.ts\)/],
    ['the drizzle config', 'drizzle.config.ts', /drizzle\.config\.ts is missing \(db-layer\.json records it as the main database's drizzle config\)/],
    ["a referenced table's file", 'src/db/schema/users.ts', /references table users, which does not exist in the main database/],
  ])('%s deleted: one line naming it, tree byte-identical', async (_, file, message) => {
    const copy = copyRepo(repo, path.join(root, `copy-missing-${path.basename(file, '.ts')}`));
    fs.rmSync(path.join(copy, file));
    const before = snapshotRepo(copy);
    expect(expectOneLineError(`table with ${file} deleted`, await runTable(copy, ['widgets', 'label:text', 'owner:references:ref=users']))).toMatch(message);
    expectTreeUnchanged(`table with ${file} deleted`, copy, before);
  });
});

describe('bad input found by the first test pass (each runs on a copy of the repo)', () => {
  // Fixed regression: "_" passes isIdentifier() (/^[A-Za-z_]\w*$/) but camelCase("_") is "" and camelCase then
  // reads ""[0].toLowerCase(): "unexpected error, please report it" plus a TypeError stack (exit 1)
  // instead of the one-line "not an identifier" error. Same for "__" and for a table named "_".
  it('column name "_": one-line error', async () => {
    const before = snapshotRepo(repo);
    expectOneLineError('table posts _:text', await runTable(repo, ['posts', '_:text']));
    expectTreeUnchanged('table posts _:text', repo, before);
  });

  it('table name "_": one-line error', async () => {
    const before = snapshotRepo(repo);
    expectOneLineError('table _', await runTable(repo, ['_', 'a:text']));
    expectTreeUnchanged('table _', repo, before);
  });

  // Fixed regression: --migration-name is passed to drizzle-kit unchecked. With "../../x" drizzle-kit adds the
  // journal entry "0001_../../x" and a snapshot but cannot write drizzle/0001_../../x.sql; the
  // command then says "drizzle-kit generate reported no schema change" and exits 0, leaving a
  // journal that names a migration file that does not exist (db:migrate fails on it later).
  it('--migration-name ../../x: refused, or a consistent migrations folder', async () => {
    const copy = copyRepo(repo, path.join(root, 'copy-migration-name'));
    const before = snapshotRepo(copy);
    const result = await runTable(copy, ['gizmos', 'name:text', '--migration-name', '../../x']);
    if (result.code !== 0) {
      expectOneLineError('--migration-name ../../x', result);
      expectTreeUnchanged('--migration-name ../../x', copy, before);
      return;
    }
    const journal = readJson<{ entries: Array<{ tag: string }> }>(path.join(copy, 'drizzle/meta/_journal.json'));
    for (const { tag } of journal.entries) {
      expect(fs.existsSync(path.join(copy, 'drizzle', `${tag}.sql`)), `journal tag ${tag} has no drizzle/${tag}.sql`).toBe(true);
    }
  });

  // Fixed regression: a table named like an identifier the table file imports (text, uuid, timestamp, index is
  // caught, pgTable, relations...) renders `import { text } ...; export const text = pgTable(...)`:
  // the file does not type-check and drizzle-kit crashes loading it (exit 0, see above), so the
  // command reports success ("no schema change") and leaves a broken schema. It should either
  // alias the import or refuse the name in one line.
  it('table named "text": refused in one line, or a file that type-checks', async () => {
    const copy = copyRepo(repo, path.join(root, 'copy-table-text'));
    const before = snapshotRepo(copy);
    const result = await runTable(copy, ['text', 'body:text']);
    if (result.code !== 0) {
      expectOneLineError('table text', result);
      expectTreeUnchanged('table text', copy, before);
      return;
    }
    expect(treeDiff(before, snapshotRepo(copy))).toContain('+ src/db/schema/text.ts');
    expect(migrationFiles(copy)).toHaveLength(2);
    const tsc = await typecheck(copy);
    expect(tsc.code, describeRun('tsc', tsc)).toBe(0);
    expect(readRepoFile(copy, 'src/db/schema/index.ts')).toContain('./text');
  });
});
