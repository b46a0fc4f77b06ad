/**
 * Shared helpers of the e2e suite: temp repos under /work/main/.tmp (so a scaffolded repo resolves
 * drizzle-orm, pg, tsx, drizzle-kit... from this package's node_modules without installing), child
 * processes with a clean environment, the CLI, and tree snapshots. PostgreSQL databases are in
 * ./pg.ts; the scaffolded layer (db-layer.json, a hand-written users table, probe scripts) in
 * ./layer.ts.
 *
 * Nothing here is mocked: the CLI is the built `dist/src/cli.js` (`npm test` builds first), scripts
 * run through `npm run`, type checks through the real `tsc`.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import { expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TMP_ROOT = path.join(ROOT, '.tmp');
export const CLI = path.join(ROOT, 'dist/src/cli.js');
export const BIN_DIR = path.join(ROOT, 'node_modules/.bin');
export const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
export const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
export const DRIZZLE_KIT = path.join(ROOT, 'node_modules/drizzle-kit/bin.cjs');

// ---------------------------------------------------------------------------------------------
// processes

export interface RunResult {
  /** exit code; null when killed (see `signal`, `timedOut`) */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** wall time in milliseconds */
  ms: number;
}

/** Variables to set; `undefined` removes a variable. */
export type EnvPatch = Record<string, string | undefined>;

export interface RunOptions {
  cwd: string;
  env?: EnvPatch;
  /** 'null' (default): stdin is /dev/null, so the child is never a TTY; a string is piped in. */
  stdin?: 'null' | { text: string };
  timeoutMs?: number;
}

/**
 * Variables of the parent that would make runs depend on who started the suite: the database
 * settings the layer reads, libpq's PG* defaults (pg and postgres-js honour them), NODE_ENV (vitest
 * sets it to "test"), and the npm_* variables `npm test` exports (npm_config_local_prefix and
 * friends would leak /work/main into nested npm/npx runs).
 */
const INHERITED_NOISE = /^(npm_|INIT_CWD$|DATABASE_URL$|DB_|PGLITE_DIR$|NODE_ENV$|PG[A-Z]+$|CREATE_DB_LAYER_)/;

/** The environment of a child: the parent's minus INHERITED_NOISE, PATH led by our node_modules/.bin, then `patch`. */
export function childEnv(patch: EnvPatch = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!INHERITED_NOISE.test(key)) env[key] = value;
  }
  env.PATH = `${BIN_DIR}${path.delimiter}${process.env.PATH ?? ''}`;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a command to completion (never throws on a non-zero exit); kills its whole process group on timeout. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const stdio: StdioOptions = [typeof options.stdin === 'object' ? 'pipe' : 'ignore', 'pipe', 'pipe'];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio,
      // Own process group, so a timeout also ends npm's grandchildren (sh -> tsx -> node).
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (typeof options.stdin === 'object') child.stdin!.end(options.stdin.text);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? 90_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A readable dump of a run, for assertion messages. */
export function describeRun(label: string, result: RunResult): string {
  return [
    `${label}: exit ${result.code}${result.signal ? ` (${result.signal})` : ''}${result.timedOut ? ' TIMED OUT' : ''} in ${result.ms} ms`,
    `--- stdout\n${result.stdout}`,
    `--- stderr\n${result.stderr}`,
  ].join('\n');
}

/** Throws with the full output unless the run exited 0. */
/** Exit 0, or a failed expectation showing the command's output. */
export function expectOk(label: string, result: RunResult): void {
  expect(result.code, describeRun(label, result)).toBe(0);
}

export function assertOk(label: string, result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(describeRun(label, result));
  return result;
}

/**
 * The lines a program printed itself: drops npm's own chatter (`npm warn ...` from the machine's
 * npmrc, `npm error ...`, the `> pkg@1.0.0 script` banner) and blank lines.
 */
export function ownLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !/^npm (warn|error|notice|WARN|ERR!)/.test(line) && !line.startsWith('> '));
}

// ---------------------------------------------------------------------------------------------
// temp dirs and the CLI

/** A new empty folder under /work/main/.tmp (git-ignored). */
export function makeTempRepo(prefix = 'e2e-'): string {
  fs.mkdirSync(TMP_ROOT, { recursive: true });
  return fs.mkdtempSync(path.join(TMP_ROOT, prefix));
}

/** Removes temp folders; set KEEP_E2E_TMP=1 to keep them for debugging. */
export function removeTempDirs(dirs: readonly string[]): void {
  if (process.env.KEEP_E2E_TMP) return;
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Runs the built CLI: `node dist/src/cli.js ...args`, stdin /dev/null unless given. */
export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], { timeoutMs: 60_000, ...options });
}

/** `create-db-layer <repo> --yes --no-install ...flags`, which must succeed. */
export async function scaffold(repo: string, flags: readonly string[] = []): Promise<RunResult> {
  fs.mkdirSync(path.dirname(repo), { recursive: true });
  const result = await runCli([repo, '--yes', '--no-install', ...flags], { cwd: path.dirname(repo) });
  return assertOk(`create-db-layer ${[repo, ...flags].join(' ')}`, result);
}

/**
 * Runs the repo's package.json script `name` the way `npm run` does (`sh -c <script>` in the repo,
 * with node_modules/.bin on PATH; ours, since temp repos install nothing), without npm's own
 * startup (~0.3 s a run, and the e2e files run dozens). A missing script is an error. Pass
 * `{ viaNpm: true }` to go through the real `npm run`.
 */
export function runScript(
  repo: string,
  name: string,
  env: EnvPatch = {},
  options: { viaNpm?: boolean; timeoutMs?: number } = {},
): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  if (options.viaNpm) return run('npm', ['run', name], { cwd: repo, env, timeoutMs });
  const scripts = readJson<{ scripts?: Record<string, string> }>(path.join(repo, 'package.json')).scripts ?? {};
  const script = scripts[name];
  if (script === undefined) throw new Error(`${repo}/package.json has no script "${name}" (has: ${Object.keys(scripts).join(', ')})`);
  const PATH = [path.join(repo, 'node_modules/.bin'), BIN_DIR, process.env.PATH ?? ''].join(path.delimiter);
  return run('sh', ['-c', script], { cwd: repo, env: { ...env, PATH }, timeoutMs });
}

/** Runs a TypeScript file of the repo with tsx (cwd: the repo). */
export function runTsx(repo: string, file: string, args: readonly string[] = [], env: EnvPatch = {}): Promise<RunResult> {
  return run(process.execPath, [TSX_CLI, file, ...args], { cwd: repo, env, timeoutMs: 60_000 });
}

/** `tsc -p <repo>` (the generated tsconfig has noEmit); exit 0 means the repo type-checks. */
export function typecheck(repo: string, extraArgs: readonly string[] = []): Promise<RunResult> {
  return run(process.execPath, [TSC, '-p', repo, ...extraArgs], { cwd: repo, timeoutMs: 90_000 });
}

// ---------------------------------------------------------------------------------------------
// trees

/**
 * Every file (and folder, as `path/` -> empty) under dir, by relative POSIX path, with its bytes;
 * symlinks as `-> target`. Compare two snapshots with toEqual for a byte-identical check. A
 * missing dir gives {}.
 */
export function snapshotTree(dir: string): Record<string, Buffer> {
  const tree: Record<string, Buffer> = {};
  const walk = (absolute: string, relative: string): void => {
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const childAbsolute = path.join(absolute, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) tree[childRelative] = Buffer.from(`-> ${fs.readlinkSync(childAbsolute)}`);
      else if (entry.isDirectory()) {
        tree[`${childRelative}/`] = Buffer.alloc(0);
        walk(childAbsolute, childRelative);
      } else tree[childRelative] = fs.readFileSync(childAbsolute);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return tree;
}

/** The paths of a snapshot, for readable assertions. */
export function treePaths(tree: Record<string, Buffer>): string[] {
  return Object.keys(tree).sort();
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
