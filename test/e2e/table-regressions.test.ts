/**
 * What fuzzing `create-db-layer table` (table-fuzz.test.ts) found: inputs the product accepted but
 * PostgreSQL (or the generated seeds) did not, pinned as regression tests. The parser-only checks
 * need no repo; the others run on a small scaffolded repo of their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldError, parseFields } from '../../src/model/fields.js';
import { DIALECT_SPECS, unsupportedField } from '../../src/model/dialects.js';
import { createPgDatabase, dropPgDatabase } from '../helpers/pg.js';
import { describeRun, makeTempRepo, removeTempDirs, scaffold } from '../helpers/repo.js';
import { copyRepo, describeInProcess, expectOneLineError, runInProcess, runTable } from '../helpers/table.js';

let root = '';

beforeAll(() => {
  root = makeTempRepo('e2e-table-regressions-');
});

afterAll(() => removeTempDirs([root]));

// ---------------------------------------------------------------------------------------------
// what fuzzing found: inputs the product accepts but PostgreSQL (or the generated seed) does not

describe('accepted by the parser, refused by PostgreSQL', () => {
  // Found by this fuzzer and fixed since: the parser now refuses them (regression guards).
  for (const arg of ['startsOn:date:default=someday', 'price:numeric(10,2):default=lots', 'position:serial:default=5']) {
    it(`parseFields refuses ${arg}`, () => {
      expect(() => parseFields([arg])).toThrow(FieldError);
    });
  }

  // Fixed regression: each of these parses and renders, then the migration fails on PostgreSQL 15 (checked
  // statement by statement on the server): varchar(0)/char(0) "length for type varchar must be at
  // least 1"; varchar(10485761) "cannot exceed 10485760"; a time literal default is not validated
  // ("invalid input syntax for type time"); json with unique/index/pk "data type json has no
  // default operator class for access method btree". The parser should refuse them with a
  // FieldError, like integer:default=abc.
  for (const arg of [
    'size:varchar(0)',
    'code:char(0)',
    'body:varchar(10485761)',
    'opensAt:time:default=noon',
  ]) {
    it(`parseFields refuses ${arg}`, () => {
      expect(() => parseFields([arg])).toThrow(FieldError);
    });
  }
  // json with unique/index/pk is a dialect's limit, not the syntax's: refused by the dialect with its
  // own alternative (SQLite stores json as text, which indexes fine).
  for (const arg of ['payload:json:unique', 'payload:json:index', 'payload:json:pk']) {
    it(`PostgreSQL and MySQL refuse ${arg}, each naming what to do; SQLite takes it`, () => {
      const [field] = parseFields([arg]);
      expect(unsupportedField(DIALECT_SPECS.postgresql, field!)).toMatch(/PostgreSQL cannot index.*use jsonb/);
      expect(unsupportedField(DIALECT_SPECS.mysql, field!)).toMatch(/MySQL cannot index.*JSON/);
      expect(unsupportedField(DIALECT_SPECS.sqlite, field!)).toBeUndefined();
    });
  }
});

describe('references, defaults and seeds that once could not work (on a small repo of their own)', () => {
  /** Scaffolded with an `accounts` table; tests that write work on copies of it. */
  let small = '';
  let database = '';
  beforeAll(async () => {
    small = path.join(root, 'small');
    await scaffold(small);
    const result = await runInProcess(small, ['table', 'accounts', 'handle:varchar(64):notNull:unique', 'nickname:text', '--no-generate']);
    expect(result.code, describeInProcess('table accounts', result)).toBe(0);
    database = await createPgDatabase('cdl_table_fuzz_');
  });
  afterAll(async () => {
    if (database) await dropPgDatabase(database);
  });

  async function dryRun(argv: string[]) {
    return runInProcess(small, ['table', ...argv, '--dry-run']);
  }

  /** The values of `key:` in the planned seed file of `table` (from the --dry-run diff). */
  function seedValues(output: string, file: string, key: string): string[] {
    const start = output.indexOf(`+++ b/src/db/seeds/${file}.ts`);
    if (start < 0) return [];
    const end = output.indexOf('\n--- ', start);
    const section = output.slice(start, end < 0 ? undefined : end);
    return [...section.matchAll(new RegExp(`\\b${key}: ("(?:[^"\\\\]|\\\\.)*"|true|false|-?\\d+(?:\\.\\d+)?)`, 'g'))].map(([, value]) => value!);
  }

  // Fixed regression: a self-reference to a table whose key is a custom column is typed by the id strategy:
  // `table nodes code:text:pk parent:references:ref=nodes.code` renders
  // `parentId: uuid().references((): AnyPgColumn => nodes.code)`, and the migration fails:
  // "Key columns "parent_id" and "code" are of incompatible types: uuid and text".
  it('a self-reference to a custom text key is typed text', async () => {
    const result = await dryRun(['nodes', 'code:text:pk', 'parent:references:ref=nodes.code']);
    expect(result.code, describeInProcess('nodes', result)).toBe(0);
    expect(result.stdout).toMatch(/parentId: text\(\)\.references/);
  });

  // Fixed regression: the type of a typed column with ref= is not checked against the referenced column:
  // `ownerId:integer:ref=accounts` (accounts.id is uuid) is accepted, and the migration fails with
  // "foreign key constraint ... cannot be implemented: incompatible types: integer and uuid".
  it('a typed reference whose type differs from the referenced key is refused', async () => {
    const result = await dryRun(['mismatches', 'ownerId:integer:ref=accounts']);
    expectOneLineError('mismatches', result);
  });

  // Fixed regression: ref= to a column that is neither primary key nor unique is accepted
  // (`owner:references:ref=accounts.nickname`); PostgreSQL refuses the foreign key: "there is no
  // unique constraint matching given keys for referenced table".
  it('a reference to a non-unique column is refused', async () => {
    const result = await dryRun(['fans', 'owner:references:ref=accounts.nickname']);
    expectOneLineError('fans', result);
  });

  // Fixed regression: a JSON string default is rendered as a JavaScript string, `.default("hello")`, which
  // drizzle-kit writes as raw JSON text: `DEFAULT 'hello'`, and the migration fails with "invalid
  // input syntax for type json". (`default=42`, `[1,2]`, `null`, `{}` are fine.)
  // A JSON string default rendered as `.default("hello")` became the invalid SQL DEFAULT 'hello';
  // the field syntax cannot carry the quotes a JSON string needs, so it is refused up front.
  it('`note:jsonb:default="hello"` is refused in one line, nothing written', async () => {
    const copy = copyRepo(small, path.join(root, 'small-json-default'));
    const added = await runTable(copy, ['docs', 'note:jsonb:default="hello"']);
    expect(added.code, describeRun('table docs', added)).not.toBe(0);
    expect(added.stderr).toMatch(/^create-db-layer: default ""hello"" does not fit note/);
    expect(fs.existsSync(path.join(copy, 'src/db/schema/docs.ts'))).toBe(false);
  });

  // Fixed regression: a seed's rows are keyed `'<table>-seed-<n>'` whatever the key's length:
  // `table codes code:varchar(4):pk --seed` seeds "codes-seed-1", and db:seed fails with
  // "value too long for type character varying(4)".
  it('seed keys fit a varchar(4) primary key', async () => {
    const result = await dryRun(['codes', 'code:varchar(4):pk', '--seed']);
    expect(result.code, describeInProcess('codes', result)).toBe(0);
    const keys = seedValues(result.stdout, 'codes', 'code');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(JSON.parse(key).length, key).toBeLessThanOrEqual(4);
  });

  // Fixed regression: seed values of numeric(P,S) are `'<n>.50'` whatever P and S: numeric(2,2) holds |x| < 1,
  // so db:seed fails with "numeric field overflow".
  it('seed values fit numeric(2,2)', async () => {
    const result = await dryRun(['ratios', 'share:numeric(2,2):notNull', '--seed']);
    expect(result.code, describeInProcess('ratios', result)).toBe(0);
    const values = seedValues(result.stdout, 'ratios', 'share');
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(Math.abs(Number(JSON.parse(value))), value).toBeLessThan(1);
  });

  // Fixed regression: the 3 seed rows of a table with a unique boolean get true, false, true; the third row is
  // dropped by onConflictDoNothing, so a child's seed pointing at it fails: `table toggles
  // active:boolean:unique:notNull --seed`, then `table switches toggle:references:ref=toggles:notNull
  // --seed`, db:seed -> "violates foreign key constraint switches_toggle_id_toggles_id_fk".
  it('seed values of a unique column are distinct', async () => {
    const result = await dryRun(['toggles', 'active:boolean:unique:notNull', '--seed']);
    expect(result.code, describeInProcess('toggles', result)).toBe(0);
    const values = seedValues(result.stdout, 'toggles', 'active');
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values).size).toBe(values.length);
  });

  // Fixed regression: a seed leaves out every column that has a default, so a unique column with a constant
  // default gets that default in all 3 rows, and rows 2 and 3 are dropped by onConflictDoNothing
  // (then a child's seed pointing at them fails, as the fuzzer first saw with
  // `score:text:notNull:unique:default=x` on a parent of a seeded table).
  it('seed rows set distinct values for a unique column with a default', async () => {
    const result = await dryRun(['tiers', 'label:text:notNull:unique:default=basic', '--seed']);
    expect(result.code, describeInProcess('tiers', result)).toBe(0);
    const values = seedValues(result.stdout, 'tiers', 'label');
    expect(values).toHaveLength(3);
    expect(new Set(values).size).toBe(3);
  });

  // Fixed regression: the seed of a table referencing a unique non-key column fills it with the parent's
  // primary-key values: `table memberships account:references:ref=accounts.handle --seed` seeds
  // accountId = accounts' seeded ids, not their handles, so db:seed violates the foreign key.
  it('a seed referencing accounts.handle uses the seeded handles', async () => {
    const result = await dryRun(['memberships', 'account:references:ref=accounts.handle', '--seed']);
    expect(result.code, describeInProcess('memberships', result)).toBe(0);
    const handles = seedValues(result.stdout, 'accounts', 'handle');
    const references = seedValues(result.stdout, 'memberships', 'accountId');
    expect(handles.length).toBeGreaterThan(0);
    expect(references.length).toBeGreaterThan(0);
    for (const value of references) expect(handles, value).toContain(value);
  });
});
