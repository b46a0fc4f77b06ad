/**
 * `db:push` on the embedded default: drizzle-kit opens PGlite through drizzle.config.ts, whose
 * data folder (and its parents) may not exist yet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOk, describeRun, makeTempRepo, removeTempDirs, runCli, runScript, scaffold } from '../helpers/repo.js';

const dirs: string[] = [];
let repo: string;

beforeAll(async () => {
  repo = path.join(makeTempRepo('push-'), 'app');
  dirs.push(path.dirname(repo));
  await scaffold(repo);
  assertOk('table tags', await runCli(['table', 'tags', 'label:text:notNull', '--no-generate'], { cwd: repo }));
});

afterAll(() => removeTempDirs(dirs));

describe('db:push on PGlite', () => {
  it('creates the data folder and applies the schema, then finds nothing to change', async () => {
    expect(fs.existsSync(path.join(repo, '.pglite'))).toBe(false);
    const first = await runScript(repo, 'db:push');
    expect(first.code, describeRun('db:push', first)).toBe(0);
    expect(first.stdout + first.stderr).toContain('Changes applied');
    const second = await runScript(repo, 'db:push');
    expect(second.code, describeRun('db:push again', second)).toBe(0);
    expect(second.stdout + second.stderr).toMatch(/No changes detected/i);
  });
});
