/**
 * Runs the target's own drizzle-kit: the local binary (npx would add ~0.5 s), with the
 * database's config, stdin closed so a prompt fails instead of hanging.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';

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
export function runDrizzleKit(root: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<KitResult> {
  const { cwd = root, timeoutMs = 120_000 } = options;
  const bin = findDrizzleKit(root);
  if (!bin) {
    return Promise.reject(new UserError(`drizzle-kit is not installed in ${root}: install the dependencies first (npm install), or pass --no-generate`));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new UserError(`drizzle-kit ${args[0]} did not finish in ${timeoutMs / 1000} s (was it waiting for an answer, e.g. a rename prompt?): run it yourself to see`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/**
 * `drizzle-kit generate` for one config; returns the migration files it wrote (new .sql files
 * in `out`). A failure is a UserError carrying drizzle-kit's own output.
 */
export async function generateMigration(root: string, options: { config: string; out: string; name?: string }): Promise<string[]> {
  const before = new Set(listSql(join(root, options.out)));
  const args = ['generate', '--config', options.config, ...(options.name ? ['--name', options.name] : [])];
  const result = await runDrizzleKit(root, args);
  if (!generateSucceeded(result)) {
    throw new UserError(`drizzle-kit generate failed, so every file was restored:\n${result.output.trim()}`);
  }
  return listSql(join(root, options.out))
    .filter((file) => !before.has(file))
    .map((file) => join(options.out, file));
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
