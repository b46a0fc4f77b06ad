/**
 * git in the e2e temp repos: a fixed identity and no user or system config, so commits, merges and
 * status read the same on every machine.
 */
import { assertOk, run, type EnvPatch, type RunResult } from './repo.js';

const GIT_ENV: EnvPatch = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'fixture@example.test',
  GIT_COMMITTER_NAME: 'Fixture Author',
  GIT_COMMITTER_EMAIL: 'fixture@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** `git ...args` in the repo with a fixed identity and no user config. */
export function git(repo: string, args: readonly string[]): Promise<RunResult> {
  return run('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: GIT_ENV });
}

export async function gitOk(repo: string, args: readonly string[]): Promise<string> {
  return assertOk(`git ${args.join(' ')}`, await git(repo, args)).stdout;
}

export async function commitAll(repo: string, message: string): Promise<void> {
  await gitOk(repo, ['add', '-A']);
  await gitOk(repo, ['commit', '-q', '--allow-empty', '-m', message]);
}

/** Paths git sees as changed or new since the last commit (untracked files one by one), sorted. */
export async function changedPaths(repo: string): Promise<string[]> {
  const out = await gitOk(repo, ['status', '--porcelain', '--untracked-files=all', '--no-renames']);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
}

/** `git diff` of one tracked file against the last commit, without the hash lines (they only restate the content). */
export async function fileDiff(repo: string, file: string): Promise<string> {
  const out = await gitOk(repo, ['diff', '--no-color', '--no-ext-diff', 'HEAD', '--', file]);
  return out
    .split('\n')
    .filter((line) => !line.startsWith('diff --git ') && !line.startsWith('index '))
    .join('\n');
}

export async function isTracked(repo: string, file: string): Promise<boolean> {
  return (await git(repo, ['ls-files', '--error-unmatch', '--', file])).code === 0;
}
