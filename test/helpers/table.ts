/**
 * Helpers of the `table` / `seed` e2e suites (test/e2e/table-*.test.ts), on top of ./repo.ts:
 * running the two commands (as a child process, or in-process through `main()` for the fuzz
 * batches), byte-level snapshots of a repo that skip what the tests do not own (node_modules,
 * PGlite data), the one-line error contract, and a seeded PRNG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { describeRun, runCli, type EnvPatch, type RunResult } from './repo.js';

// ---------------------------------------------------------------------------------------------
// running the commands

/** `create-db-layer table ...args` with cwd = the repo (child process, stdin /dev/null). */
export function runTable(repo: string, args: readonly string[], env: EnvPatch = {}): Promise<RunResult> {
  return runCli(['table', ...args], { cwd: repo, env, timeoutMs: 90_000 });
}

/** `create-db-layer seed ...args` with cwd = the repo. */
export function runSeed(repo: string, args: readonly string[], env: EnvPatch = {}): Promise<RunResult> {
  return runCli(['seed', ...args], { cwd: repo, env, timeoutMs: 90_000 });
}

/** Like RunResult, for a run of `main()` inside the test process. */
export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

type Main = (argv: readonly string[], io: {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}) => Promise<number>;

let mainModule: Promise<{ main: Main }> | undefined;

/**
 * The CLI's own `main(argv, io)` from src/ (the same argv parsing, generators and plan writer as
 * the binary, minus the ~0.3 s of node start-up and ts-morph/prettier imports per run), with a
 * non-interactive io rooted at `cwd`. For the fuzz batches; every other test spawns the binary.
 */
export async function runInProcess(cwd: string, argv: readonly string[]): Promise<InProcessResult> {
  mainModule ??= import('../../src/main.js') as Promise<{ main: Main }>;
  const { main } = await mainModule;
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const code = await main(argv, {
    out: (text) => (stdout += `${text}\n`),
    err: (text) => (stderr += `${text}\n`),
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr, ms: Date.now() - started };
}

export function describeInProcess(label: string, result: InProcessResult): string {
  return `${label}: exit ${result.code} in ${result.ms} ms\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

// ---------------------------------------------------------------------------------------------
// the error contract

/**
 * A failed run that printed exactly one line on stderr, starting `create-db-layer:`; returns it.
 * (Exit code: 1 for a refused operation, 2 for bad usage; any non-zero passes.)
 */
export function expectOneLineError(label: string, result: RunResult | InProcessResult): string {
  const dump = 'signal' in result ? describeRun(label, result) : describeInProcess(label, result);
  expect(result.code, dump).not.toBe(0);
  expect(result.code, dump).not.toBeNull();
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines, dump).toHaveLength(1);
  expect(lines[0], dump).toMatch(/^create-db-layer: \S/);
  return lines[0]!;
}

// ---------------------------------------------------------------------------------------------
// trees

/** Top-level folders a repo snapshot skips: dependencies and PGlite data (rewritten by every open). */
export const SNAPSHOT_SKIP = new Set(['node_modules', '.pglite']);

/**
 * Every file and folder of the repo except SNAPSHOT_SKIP, as relative POSIX path -> bytes
 * (folders as `dir/` -> empty). Two snapshots are equal with toEqual iff the trees are
 * byte-identical; `treeDiff` names what differs.
 */
export function snapshotRepo(repo: string): Map<string, Buffer> {
  const tree = new Map<string, Buffer>();
  const walk = (absolute: string, relative: string): void => {
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (relative === '' && SNAPSHOT_SKIP.has(entry.name)) continue;
      const childAbsolute = path.join(absolute, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) tree.set(childRelative, Buffer.from(`-> ${fs.readlinkSync(childAbsolute)}`));
      else if (entry.isDirectory()) {
        tree.set(`${childRelative}/`, Buffer.alloc(0));
        walk(childAbsolute, childRelative);
      } else tree.set(childRelative, fs.readFileSync(childAbsolute));
    }
  };
  walk(repo, '');
  return tree;
}

/** The paths added, removed or changed between two snapshots (`+ a`, `- b`, `~ c`), sorted. */
export function treeDiff(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const changes: string[] = [];
  for (const [file, bytes] of after) {
    const old = before.get(file);
    if (old === undefined) changes.push(`+ ${file}`);
    else if (!old.equals(bytes)) changes.push(`~ ${file}`);
  }
  for (const file of before.keys()) if (!after.has(file)) changes.push(`- ${file}`);
  return changes.sort((a, b) => (a.slice(2) < b.slice(2) ? -1 : 1));
}

/** Asserts the repo is byte-identical to `before` (node_modules and .pglite aside). */
export function expectTreeUnchanged(label: string, repo: string, before: Map<string, Buffer>): void {
  expect(treeDiff(before, snapshotRepo(repo)), `${label}: the tree changed`).toEqual([]);
}

/** A copy of the repo (without node_modules and PGlite data) for tests that may leave it broken. */
export function copyRepo(repo: string, target: string): string {
  fs.cpSync(repo, target, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(repo, source).split(path.sep)[0] ?? '';
      return !SNAPSHOT_SKIP.has(relative);
    },
  });
  return target;
}

/** File contents of a repo path. */
export function readRepoFile(repo: string, file: string): string {
  return fs.readFileSync(path.join(repo, file), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// randomness

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). The same seed always gives the same stream. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience draws over a PRNG. */
export class Random {
  constructor(readonly next: () => number) {}
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}
