/**
 * `npx plop table` in a scaffolded repo: the repo's plopfile.js loads create-db-layer's
 * generators, the questions are answered through a real pseudo-terminal, and the one custom
 * action writes the table and its migration. Without a terminal, plop fails naming the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN_DIR, ROOT, TMP_ROOT, makeTempRepo, removeTempDirs, run, scaffold } from '../helpers/repo.js';

const PLOP = path.join(BIN_DIR, 'plop');
const DRIVER = path.join(ROOT, 'test/helpers/pty-drive.py');
const dirs: string[] = [];
let repo: string;

beforeAll(async () => {
  // plop.load('create-db-layer') resolves the package from the repo upwards, as an install would.
  const link = path.join(TMP_ROOT, 'node_modules', 'create-db-layer');
  fs.mkdirSync(path.dirname(link), { recursive: true });
  if (!fs.existsSync(link)) fs.symlinkSync(ROOT, link, 'dir');
  repo = path.join(makeTempRepo('plop-'), 'app');
  dirs.push(path.dirname(repo));
  await scaffold(repo);
});

afterAll(() => removeTempDirs(dirs));

describe('plop table', () => {
  it('asks for the table interactively and writes it with its migration and seed', async () => {
    const steps = path.join(path.dirname(repo), 'steps.json');
    fs.writeFileSync(
      steps,
      JSON.stringify([
        ['Table name', 'tags\r'],
        ['Field as name', 'label:varchar(40):notNull:unique\r'],
        ['Field as name', 'weight:integer:default=1\r'],
        ['Field as name', '\r'],
        ['Primary key', '\r'],
        ['createdAt', 'n\r'],
        ['seed', 'y\r'],
      ]),
    );
    const result = await run('python3', [DRIVER, steps, PLOP, 'table'], { cwd: repo, timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ table tags added in src/db/schema/tags.ts');
    const table = fs.readFileSync(path.join(repo, 'src/db/schema/tags.ts'), 'utf8');
    expect(table).toContain('label: varchar({ length: 40 }).notNull().unique()');
    expect(table).toContain('weight: integer().default(1)');
    expect(table).not.toContain('createdAt');
    expect(fs.readFileSync(path.join(repo, 'src/db/schema/index.ts'), 'utf8')).toMatch(/export \* from "\.\/tags";/);
    expect(fs.readFileSync(path.join(repo, 'src/db/seed.ts'), 'utf8')).toContain('run: seedTags');
    expect(fs.readdirSync(path.join(repo, 'drizzle')).filter((file) => file.endsWith('.sql'))).toEqual(['0000_create_tags.sql']);
  });

  it('refuses to prompt without a terminal and names the CLI command instead', async () => {
    const result = await run(PLOP, ['table'], { cwd: repo, timeoutMs: 60_000 });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('create-db-layer table <name>');
  });
});
