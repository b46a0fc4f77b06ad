/**
 * `table` in an adopted repo whose drizzle config throws without DATABASE_URL (throwing-config):
 * without the variable, drizzle-kit generate fails, every file is restored, and the error names
 * the variable and what to do; with any value, the same command generates the migration (generate
 * never connects).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { adopt, copyFixture, generateBaseline } from '../helpers/adopt.js';
import { changedPaths, commitAll } from '../helpers/git.js';
import { describeRun, expectOk, removeTempDirs, runCli } from '../helpers/repo.js';

const dirs: string[] = [];
afterAll(() => removeTempDirs(dirs));

describe('table where the config needs a variable that is not set', () => {
  it('says which variable and that any value will do, and leaves the repo as it was', async () => {
    const repo = await copyFixture('throwing-config');
    dirs.push(repo);
    await generateBaseline(repo, 'throwing-config');
    expectOk('adopt', await adopt(repo, 'throwing-config'));
    await commitAll(repo, 'adopt');

    const args = ['table', 'tags', 'label:text:notNull', '--yes'];
    const failed = await runCli(args, { cwd: repo, env: { DATABASE_URL: undefined } });
    expect(failed.code, describeRun('table without DATABASE_URL', failed)).toBe(1);
    expect(failed.stderr).toMatch(/restored\. drizzle\.config\.ts needs DATABASE_URL, which is not set here: .*any value will do.*--no-generate/);
    expect(await changedPaths(repo)).toEqual([]);

    const generated = await runCli(args, { cwd: repo, env: { DATABASE_URL: 'postgres://nobody@localhost:1/none' } });
    expectOk('table with a placeholder DATABASE_URL', generated);
    expect(generated.stdout).toMatch(/migration migrations\/0001_create_tags\.sql/);
  });
});
