/**
 * Runs the target's own drizzle-kit: the local binary (npx would add ~0.5 s), with the
 * database's config, stdin closed so a prompt fails instead of hanging.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import type { GateGo } from './gate.js';

/** node_modules/drizzle-kit/bin.cjs in the repo or a parent (workspaces hoist it). */
export function findDrizzleKit(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', 'drizzle-kit', 'bin.cjs');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) return undefined;
  }
}

export interface KitResult {
  code: number;
  output: string;
}

/** Runs the repo's drizzle-kit; `cwd` (default the repo) is where it looks for a config. */
export async function runDrizzleKit(
  root: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; early?: EarlyKit } = {},
): Promise<KitResult> {
  const { cwd = root, timeoutMs = 120_000, early } = options;
  const bin = findDrizzleKit(root);
  if (!bin) {
    early?.cancel();
    throw new UserError(`drizzle-kit is not installed in ${root}: install the dependencies first (npm install), or pass --no-generate`);
  }
  // The early process if it takes the go; undefined when it never started drizzle-kit (it died
  // or failed to start before the go), and then drizzle-kit is started here as it always was.
  const released = await early?.release({ bin, cwd, args: [...args] }, timeoutMs);
  if (released) return released;
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: kitEnv() });
  return timed(watch(child), args, timeoutMs);
}

/** drizzle-kit's environment: ours, without colours in the output we show and test. */
function kitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, FORCE_COLOR: '0' };
}

interface Watched {
  child: ChildProcess;
  /** The exit code with stdout and stderr as one text; rejects if the process cannot start. */
  done: Promise<KitResult>;
}

/** Collects a child's output and exit from the moment it is spawned, so nothing is missed. */
function watch(child: ChildProcess): Watched {
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const done = new Promise<KitResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
  return { child, done };
}

/** The result, or a UserError (and the child killed) after `timeoutMs`. */
function timed({ child, done }: Watched, args: readonly string[], timeoutMs: number): Promise<KitResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new UserError(`drizzle-kit ${args[0]} did not finish in ${timeoutMs / 1000} s (was it waiting for an answer, e.g. a rename prompt?): run it yourself to see`));
    }, timeoutMs);
  });
  return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A drizzle-kit process started before the files it will read are written, waiting behind
 * ./gate.ts. Why: its Node start-up and drizzle-orm load (~0.3 s) then overlap the generator's
 * own work instead of following it.
 */
export interface EarlyKit {
  /**
   * The go signal: call only once every file is written. Resolves with drizzle-kit's result as
   * runDrizzleKit would, or undefined when the process never started drizzle-kit (then nothing
   * ran, and the caller runs drizzle-kit itself).
   */
  release(go: GateGo, timeoutMs: number): Promise<KitResult | undefined>;
  /** Closes the gate without the go: the process exits without running drizzle-kit. Idempotent. */
  cancel(): void;
  /** The process's exit code and whole output, whether it ran drizzle-kit or not (for tests). */
  readonly exited: Promise<KitResult>;
  readonly pid: number | undefined;
}

/**
 * Starts drizzle-kit's process early, gated (see ./gate.ts); `dir` is where the repo's
 * drizzle-kit is looked for to warm up its dependencies. Undefined when there is no gate to run
 * (from sources, in tests: the gate is built JavaScript) or no drizzle-kit: the caller then
 * runs drizzle-kit after writing, as before.
 *
 * Fail-closed: the child runs drizzle-kit only on release(). cancel(), our process exiting or
 * dying, all close the control pipe, and the child then exits without running anything. Until
 * release() the child and its pipes do not keep our process alive.
 */
export function startEarlyKit(dir: string): EarlyKit | undefined {
  const gate = fileURLToPath(new URL('./gate.js', import.meta.url));
  const bin = findDrizzleKit(dir);
  if (!bin || !existsSync(gate)) return undefined;
  const child = spawn(process.execPath, [gate, bin], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: kitEnv() });
  const control = child.stdio[3] as Socket;
  const handles = [child, child.stdout as Socket, child.stderr as Socket, control];
  for (const handle of handles) handle.unref();
  const watched = watch(child);
  // A child that fails to start or dies early only means drizzle-kit is run the old way.
  watched.done.catch(() => {});
  control.on('error', () => {});
  let acked = '';
  control.setEncoding('utf8');
  control.on('data', (chunk: string) => (acked += chunk));
  let state: 'waiting' | 'released' | 'cancelled' = 'waiting';
  return {
    async release(go, timeoutMs) {
      if (state !== 'waiting') return undefined;
      state = 'released';
      for (const handle of handles) handle.ref();
      control.write(`go ${JSON.stringify(go)}\n`);
      // The gate acks before it runs drizzle-kit, then closes the pipe.
      if (!control.closed) await new Promise<void>((resolve) => control.once('close', () => resolve()));
      if (acked !== 'started\n') {
        // It exited (or never started) without running drizzle-kit: nothing ran.
        child.kill('SIGKILL');
        return undefined;
      }
      return timed(watched, go.args, timeoutMs);
    },
    cancel() {
      if (state !== 'waiting') return;
      state = 'cancelled';
      control.end();
    },
    exited: watched.done,
    pid: child.pid,
  };
}

/**
 * `drizzle-kit generate` for one config; returns the migration files it wrote (new .sql files
 * in `out`). A failure is a UserError carrying drizzle-kit's own output. `early`: a process
 * started by startEarlyKit, released here (so call this only once the schema is written). `env`:
 * the variables the config reads, named in the error when one is unset and drizzle-kit says so.
 */
export async function generateMigration(root: string, options: { config: string; out: string; name?: string; early?: EarlyKit; env?: readonly string[] }): Promise<string[]> {
  const before = new Set(listSql(join(root, options.out)));
  const args = ['generate', '--config', options.config, ...(options.name ? ['--name', options.name] : [])];
  const result = await runDrizzleKit(root, args, { early: options.early });
  if (!generateSucceeded(result)) {
    throw new UserError(`drizzle-kit generate failed, so every file was restored${missingEnvHint(options.config, options.env ?? [], result.output)}:\n${result.output.trim()}`);
  }
  return listSql(join(root, options.out))
    .filter((file) => !before.has(file))
    .map((file) => join(options.out, file));
}

/**
 * What to do when the config stopped drizzle-kit because a variable it reads is unset (a config
 * throwing without DATABASE_URL, say): generate never connects, so any value does.
 */
export function missingEnvHint(config: string, env: readonly string[], output: string): string {
  const missing = env.filter((name) => !process.env[name] && new RegExp(`\\b${name}\\b`).test(output));
  if (missing.length === 0) return '';
  const list = missing.join(' and ');
  return `. ${config} needs ${list}, which ${missing.length === 1 ? 'is' : 'are'} not set here: drizzle-kit generate never connects, so any value will do (${missing[0]}=… before the command, or in the .env the config loads), or pass --no-generate`;
}

/**
 * drizzle-kit 0.31 exits 0 even when a schema module throws while it loads it, so success is
 * what it says on success: a migration written, or nothing to migrate.
 */
export function generateSucceeded(result: KitResult): boolean {
  return result.code === 0 && /Your SQL migration file|No schema changes, nothing to migrate/.test(result.output);
}

/** The migration files in a folder, sorted; none when it does not exist. */
export function listSql(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.sql')).sort() : [];
}
