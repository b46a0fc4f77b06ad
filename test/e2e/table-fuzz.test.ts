/**
 * Fuzz-style e2e of `create-db-layer table`, driven by a seeded PRNG (the same cases every run):
 *
 * - VALID: a few hundred random field lists (every type, parameters, modifiers, defaults, enums,
 *   references to earlier tables and to the table itself, custom and composite keys, id
 *   strategies, with and without timestamps and seeds). The parser must accept all of them; the
 *   first TABLES become tables of ONE scaffolded repo with --no-generate (the first few through the
 *   binary, the rest through the CLI's own main() in-process, for speed), then ONE drizzle-kit
 *   generate, tsc, migrate on PGlite, a column-by-column check of the database, db:seed twice,
 *   and a second generate that must find nothing to do.
 * - INVALID: a few hundred corrupted field lists (unknown types, bad parameters, bad names,
 *   reserved words, bad defaults, set-null on notNull...). parseFields must throw a FieldError for
 *   each, main() must refuse each in one line with the tree untouched, and a sample goes through
 *   the binary.
 *
 * The generator (test/helpers/fuzz.ts) only produces what PostgreSQL accepts; the inputs the
 * product accepts but PostgreSQL (or the generated seeds) did not are pinned as regression tests
 * in table-regressions.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldError, parseFields } from '../../src/model/fields.js';
import { CORRUPTIONS } from '../helpers/fuzz-corruptions.js';
import { Generator, type TableSpec } from '../helpers/fuzz.js';
import { migrationFiles, parseLastJsonLine } from '../helpers/layer.js';
import {
  DRIZZLE_KIT,
  describeRun,
  makeTempRepo,
  removeTempDirs,
  run,
  runScript,
  runTsx,
  scaffold,
  typecheck,
} from '../helpers/repo.js';
import {
  Random,
  describeInProcess,
  expectOneLineError,
  expectTreeUnchanged,
  mulberry32,
  runInProcess,
  runTable,
  snapshotRepo,
} from '../helpers/table.js';

const SEED = 0x5eed_0003;
/** Tables actually written into the repo (each is one valid field list). */
const TABLES = 40;
/** Valid field lists checked by the parser (the first TABLES of them are also written). */
const VALID_LISTS = 300;
/** Tables added through the spawned binary instead of in-process main(). */
const THROUGH_BINARY = 4;
const INVALID_LISTS = 300;

// ---------------------------------------------------------------------------------------------
// the repo and the run

let root = '';
let repo = '';
const generator = new Generator(SEED);
const validLists: TableSpec[] = [];

beforeAll(async () => {
  root = makeTempRepo('e2e-table-fuzz-');
  repo = path.join(root, 'app');
  await scaffold(repo);
  for (let n = 0; n < VALID_LISTS; n++) {
    // each list may reference the tables before it among the first TABLES (those exist in the repo)
    validLists.push(generator.table(validLists.slice(0, Math.min(n, TABLES))));
  }
});

afterAll(() => removeTempDirs([root]));

const CHECK = 'e2e-fuzz-check.ts';
const CHECK_SOURCE = `import { sql } from 'drizzle-orm';
import { closeDatabaseConnection, getDatabase } from './src/db/connection';

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

const db = getDatabase();
try {
  const columns: Record<string, string[]> = {};
  for (const row of rowsOf(await db.execute(sql\`select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position\`))) {
    (columns[String(row.table_name)] ??= []).push(String(row.column_name));
  }
  const foreignKeys: Record<string, number> = {};
  for (const row of rowsOf(await db.execute(sql\`select table_name, count(*)::int as n from information_schema.table_constraints where table_schema = 'public' and constraint_type = 'FOREIGN KEY' group by table_name\`))) {
    foreignKeys[String(row.table_name)] = Number(row.n);
  }
  const counts: Record<string, number> = {};
  for (const table of Object.keys(columns)) {
    counts[table] = Number(rowsOf(await db.execute(sql.raw(\`select count(*)::int as n from "\${table}"\`)))[0]!.n);
  }
  console.log(JSON.stringify({ columns, foreignKeys, counts }));
} finally {
  await closeDatabaseConnection();
}
`;

interface Check {
  columns: Record<string, string[]>;
  foreignKeys: Record<string, number>;
  counts: Record<string, number>;
}

function tables(): TableSpec[] {
  return validLists.slice(0, TABLES);
}

describe(`valid: ${VALID_LISTS} random field lists, ${TABLES} of them written into one repo`, () => {
  it('the parser accepts every list and names every column as expected', () => {
    for (const spec of validLists) {
      const args = spec.fieldArgs;
      let parsed;
      try {
        parsed = parseFields(args);
      } catch (error) {
        throw new Error(`parseFields(${JSON.stringify(args)}) threw: ${(error as Error).message}`);
      }
      expect(parsed.map((field) => field.name), JSON.stringify(args)).toEqual(spec.fields.map((field) => field.ts));
      for (const [index, field] of spec.fields.entries()) {
        if (field.ref) expect(parsed[index]!.ref, field.arg).toBeDefined();
      }
    }
    // the generator covers what it claims to
    const args = validLists.flatMap((spec) => spec.fields.map((field) => field.arg));
    for (const type of ['text', 'varchar(', 'char(', 'integer', 'bigint', 'smallint', 'serial', 'boolean', 'real', 'double', 'numeric(', 'date', 'time', 'timestamp', 'timestamptz', 'json', 'jsonb', 'uuid', 'enum(', 'references']) {
      expect(args.some((arg) => arg.split(':')[1]!.startsWith(type)), type).toBe(true);
    }
    for (const modifier of ['notNull', 'unique', 'index', 'pk', 'default=', 'ref=', 'onDelete=cascade', 'onDelete=set-null', 'onDelete=restrict', 'onDelete=no-action']) {
      expect(args.some((arg) => arg.split(':').slice(2).some((part) => part.startsWith(modifier))), modifier).toBe(true);
    }
    expect(args.length).toBeGreaterThan(VALID_LISTS * 2);
  });

  it(`adds ${TABLES} tables with --no-generate (${THROUGH_BINARY} through the binary, the rest through main())`, async () => {
    const written = tables();
    expect(written.filter((spec) => spec.seed).length).toBeGreaterThan(3);
    expect(written.filter((spec) => spec.foreignKeys > 0).length).toBeGreaterThan(10);
    for (const [index, spec] of written.entries()) {
      if (index < THROUGH_BINARY) {
        const result = await runTable(repo, spec.argv);
        expect(result.code, describeRun(`table ${spec.argv.join(' ')}`, result)).toBe(0);
        expect(result.stderr).toBe('');
      } else {
        const result = await runInProcess(repo, ['table', ...spec.argv]);
        expect(result.code, describeInProcess(`table ${spec.argv.join(' ')}`, result)).toBe(0);
        expect(result.stderr).toBe('');
      }
    }
    expect(migrationFiles(repo)).toEqual([]);
    const schemaFiles = fs.readdirSync(path.join(repo, 'src/db/schema')).filter((file) => file !== 'index.ts');
    expect(schemaFiles).toHaveLength(TABLES);
  });

  it('one drizzle-kit generate writes one migration creating every table', async () => {
    const result = await run(process.execPath, [DRIZZLE_KIT, 'generate', '--name', 'fuzz'], { cwd: repo, timeoutMs: 120_000 });
    expect(result.code, describeRun('drizzle-kit generate', result)).toBe(0);
    expect(migrationFiles(repo)).toEqual(['0000_fuzz.sql']);
    const sql = fs.readFileSync(path.join(repo, 'drizzle/0000_fuzz.sql'), 'utf8');
    for (const spec of tables()) expect(sql, spec.dbName).toContain(`CREATE TABLE "${spec.dbName}"`);
  });

  it('type-checks (tsc --noEmit)', async () => {
    fs.writeFileSync(path.join(repo, CHECK), CHECK_SOURCE);
    const result = await typecheck(repo);
    expect(result.code, describeRun('tsc', result)).toBe(0);
  });

  it('migrates on PGlite; every table has exactly the expected columns and foreign keys', async () => {
    const migrated = await runScript(repo, 'db:migrate');
    expect(migrated.code, describeRun('db:migrate', migrated)).toBe(0);
    const check = parseLastJsonLine<Check>(`tsx ${CHECK}`, await runTsx(repo, CHECK));
    expect(Object.keys(check.columns).sort()).toEqual(tables().map((spec) => spec.dbName).sort());
    for (const spec of tables()) {
      expect(check.columns[spec.dbName], spec.argv.join(' ')).toEqual(spec.columns);
      expect(check.foreignKeys[spec.dbName] ?? 0, spec.argv.join(' ')).toBe(spec.foreignKeys);
    }
  });

  it('db:seed twice leaves the same rows; every seeded table has rows', async () => {
    const first = await runScript(repo, 'db:seed');
    expect(first.code, describeRun('db:seed #1', first)).toBe(0);
    const afterFirst = parseLastJsonLine<Check>(`tsx ${CHECK}`, await runTsx(repo, CHECK)).counts;
    const second = await runScript(repo, 'db:seed');
    expect(second.code, describeRun('db:seed #2', second)).toBe(0);
    const afterSecond = parseLastJsonLine<Check>(`tsx ${CHECK}`, await runTsx(repo, CHECK)).counts;
    expect(afterSecond).toEqual(afterFirst);
    for (const spec of tables().filter((table) => table.seed)) expect(afterFirst[spec.dbName], spec.name).toBeGreaterThan(0);
  });

  it('a second drizzle-kit generate finds nothing to do', async () => {
    const result = await run(process.execPath, [DRIZZLE_KIT, 'generate', '--name', 'again'], { cwd: repo, timeoutMs: 120_000 });
    expect(result.code, describeRun('drizzle-kit generate again', result)).toBe(0);
    expect(result.stdout).toMatch(/No schema changes/);
    expect(migrationFiles(repo)).toEqual(['0000_fuzz.sql']);
  });
});

describe(`invalid: ${INVALID_LISTS} corrupted field lists`, () => {
  const random = new Random(mulberry32(SEED ^ 0xbad));
  const operators = Object.keys(CORRUPTIONS);
  let invalid: Array<{ index: number; operator: string; fields: string[] }> = [];
  // validLists is filled by the top-level beforeAll, which runs first
  beforeAll(() => {
    invalid = Array.from({ length: INVALID_LISTS }, (_, index) => {
      const operator = operators[index % operators.length]!;
      const base = random.pick(validLists);
      return { index, operator, fields: CORRUPTIONS[operator]!(base.fieldArgs, random) };
    });
  });

  it('parseFields throws a FieldError for every one', () => {
    expect(new Set(invalid.map((entry) => entry.operator)).size).toBe(operators.length);
    for (const { operator, fields } of invalid) {
      let thrown: unknown;
      try {
        parseFields(fields);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `${operator}: parseFields(${JSON.stringify(fields)}) did not throw`).toBeDefined();
      expect(thrown, `${operator}: ${JSON.stringify(fields)} threw ${String(thrown)}`).toBeInstanceOf(FieldError);
      expect((thrown as Error).message, JSON.stringify(fields)).not.toContain('\n');
    }
  });

  it('main() refuses every one in one line, writing nothing', async () => {
    const before = snapshotRepo(repo);
    for (const { index, operator, fields } of invalid) {
      const argv = ['table', `broken${index}s`, ...fields, '--no-generate'];
      const result = await runInProcess(repo, argv);
      expectOneLineError(`${operator}: ${JSON.stringify(argv)}`, result);
    }
    expectTreeUnchanged('main() on invalid lists', repo, before);
  });

  it('a sample through the binary (and the table-level refusals): one line, non-zero, nothing written', async () => {
    const existing = tables()[5]!;
    const referenced = tables().find((spec) => spec.key?.ts === 'id')!;
    // one corrupted list of every other operator, and the refusals that need the repo
    const sample = operators.filter((_, index) => index % 2 === 0).map((operator) => invalid.find((entry) => entry.operator === operator)!);
    const argvs: string[][] = [
      ...sample.map(({ index, fields }) => ['table', `viaBinary${index}s`, ...fields]),
      ['table', 'user', 'name:text'],
      ['table', existing.dbName, 'name:text'],
      ['table', 'ghosts', 'phantom:references'],
      ['table', 'ghosts', `owner:references:ref=${referenced.name}:notNull:onDelete=set-null`],
    ];
    const before = snapshotRepo(repo);
    // three at a time: they only read the repo
    for (let start = 0; start < argvs.length; start += 3) {
      const batch = argvs.slice(start, start + 3);
      const results = await Promise.all(batch.map((argv) => runTable(repo, argv.slice(1))));
      for (const [offset, result] of results.entries()) expectOneLineError(JSON.stringify(batch[offset]), result);
    }
    expectTreeUnchanged('binary on invalid input', repo, before);
  });
});
