/**
 * In-process runs of the CLI's main() with a fake terminal, and the failure contract every bad
 * input must meet: its exit code, one stderr line, no stdout, no file touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Io } from '../../../src/command.js';
import { main } from '../../../src/main.js';

export interface FakeIo extends Io {
  stdout: string[];
  stderr: string[];
}

export function fakeIo(cwd: string, tty: { stdin?: boolean; stdout?: boolean } = {}): FakeIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    env: {},
    cwd,
    stdinIsTTY: tty.stdin ?? false,
    stdoutIsTTY: tty.stdout ?? false,
  };
}

/** Every file under dir (relative path -> content), so a test can prove nothing changed. */
export function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        files[`${path.relative(dir, full)}/`] = '';
        walk(full);
      } else {
        files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

/** Runs main in `dir` and checks the failure contract; returns the error line. */
export async function expectFailureIn(dir: string, argv: string[], exitCode: number, io = fakeIo(dir)): Promise<string> {
  const before = snapshotDir(dir);
  const code = await main(argv, io);
  expect({ code, stderr: io.stderr }).toMatchObject({ code: exitCode });
  expect(io.stderr).toHaveLength(1);
  const line = io.stderr[0]!;
  expect(line).toMatch(/^create-db-layer: \S/);
  expect(line).not.toContain('\n');
  expect(io.stdout).toEqual([]);
  expect(snapshotDir(dir)).toEqual(before);
  return line;
}
