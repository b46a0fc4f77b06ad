/**
 * `create-db-layer check` on a layer with more than one database: green when each database is
 * consistent on its own, red for a foreign key planted across databases (drizzle-kit would emit a
 * key to a table the other database does not have).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOk, makeTempRepo, removeTempDirs, runCli, scaffold } from '../helpers/repo.js';
import { copyRepo } from '../helpers/table.js';

const dirs: string[] = [];
let base: string;
let root: string;

beforeAll(async () => {
  root = makeTempRepo('check-databases-');
  dirs.push(root);
  base = path.join(root, 'base');
  await scaffold(base);
  assertOk('table users', await runCli(['table', 'users', 'name:text:notNull'], { cwd: base }));
  assertOk('connection workflows', await runCli(['connection', 'workflows'], { cwd: base }));
  assertOk('table runs', await runCli(['table', 'runs', 'status:text:notNull', '--db', 'workflows'], { cwd: base }));
});

afterAll(() => removeTempDirs(dirs));

describe('check with two databases', () => {
  it('is green, naming every database it checked', async () => {
    const result = await runCli(['check'], { cwd: base });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ check: main, workflows ok');
  });

  it('--db checks one database', async () => {
    const result = await runCli(['check', '--db', 'workflows'], { cwd: base });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ check: workflows ok');
  });

  it('is red for a foreign key from one database into another, naming the file and the fix', async () => {
    const repo = copyRepo(base, path.join(root, 'cross'));
    const runs = path.join(repo, 'src/db/workflows/schema/runs.ts');
    const text = fs.readFileSync(runs, 'utf8');
    fs.writeFileSync(
      runs,
      `import { users as owner } from '../../schema/users';\n${text.replace('status: text().notNull(),', 'status: text().notNull(),\n  userId: uuid().references(() => owner.id),')}`,
    );
    const result = await runCli(['check'], { cwd: repo });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(
      /✗ \[cross-database\] src\/db\/workflows\/schema\/runs\.ts: references owner from the main database, and a foreign key cannot cross databases: drop the \.references\(\)/,
    );
  });

  it('accepts a plain column holding another database\'s key', async () => {
    const repo = copyRepo(base, path.join(root, 'plain'));
    const result = await runCli(['table', 'steps', 'userId:uuid:index', '--db', 'workflows'], { cwd: repo });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const check = await runCli(['check'], { cwd: repo });
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});
