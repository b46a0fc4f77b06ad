/**
 * The early drizzle-kit process of `table` is FAIL-CLOSED (src/drizzle/gate.ts, startEarlyKit in
 * src/drizzle/kit.ts): started before the files are written, it runs drizzle-kit only on the
 * explicit go that follows the writes. Cancelled, with its parent killed, or sent anything but a
 * well-formed go, it exits without running drizzle-kit: no output, no migration. Released, it is
 * drizzle-kit as before. The gate is built JavaScript, so this uses dist/ (npm test builds first).
 *
 * Each case starts from a repo with a schema change drizzle-kit has not turned into a migration
 * yet, so a drizzle-kit that ran would leave a .sql file behind.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as kit from '../../dist/src/drizzle/kit.js';
import { assertOk, DRIZZLE_KIT, makeTempRepo, removeTempDirs, ROOT, runCli, scaffold } from '../helpers/repo.js';

const GATE = path.join(ROOT, 'dist/src/drizzle/gate.js');
const dirs: string[] = [];
let repo: string;

beforeAll(async () => {
  const parent = makeTempRepo('early-kit-');
  dirs.push(parent);
  repo = path.join(parent, 'app');
  await scaffold(repo);
  // The schema gains a table, its migration not generated: pending work for drizzle-kit.
  assertOk('table --no-generate', await runCli(['table', 'posts', 'title:text:notNull', '--no-generate'], { cwd: repo }));
  fs.mkdirSync(path.join(repo, 'drizzle'), { recursive: true });
  fs.cpSync(path.join(repo, 'drizzle'), path.join(parent, 'drizzle-before'), { recursive: true });
});
// Every case starts with the change pending, whatever the one before it did.
afterEach(() => {
  fs.rmSync(path.join(repo, 'drizzle'), { recursive: true, force: true });
  fs.cpSync(path.join(path.dirname(repo), 'drizzle-before'), path.join(repo, 'drizzle'), { recursive: true });
});
afterAll(() => removeTempDirs(dirs));

const migrations = () => kit.listSql(path.join(repo, 'drizzle'));

/** Waits until the gate has started and warmed up, so a cancel is not merely early. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms = 10_000): Promise<void> {
  for (const started = Date.now(); isAlive(pid); ) {
    if (Date.now() - started > ms) throw new Error(`process ${pid} still running after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the early drizzle-kit process', () => {
  it('cancelled before the go: exits 0 without output and writes no migration', async () => {
    const before = migrations();
    const early = kit.startEarlyKit(repo)!;
    expect(early, 'the built gate is there').toBeDefined();
    await settle();
    early.cancel();
    expect(await early.exited).toEqual({ code: 0, output: '' });
    expect(migrations()).toEqual(before);
  });

  it('with its parent killed before the go: exits without running drizzle-kit', async () => {
    const before = migrations();
    const script = `import { startEarlyKit } from ${JSON.stringify(path.join(ROOT, 'dist/src/drizzle/kit.js'))};
const early = startEarlyKit(process.cwd());
console.log(early.pid);
setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
    expect(pid).toBeGreaterThan(0);
    await settle();
    expect(isAlive(pid), 'the gate waits while its parent lives').toBe(true);
    parent.kill('SIGKILL');
    await waitForExit(pid);
    expect(migrations()).toEqual(before);
  });

  it('sent anything but a well-formed go line: exits 0 without output', async () => {
    const before = migrations();
    for (const line of ['nope\n', 'go not-json\n', `go ${JSON.stringify({ bin: DRIZZLE_KIT, cwd: repo })}\n`, 'go\n']) {
      const gate = spawn(process.execPath, [GATE, DRIZZLE_KIT], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
      let output = '';
      gate.stdout!.on('data', (chunk) => (output += chunk));
      gate.stderr!.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => {
        gate.on('close', resolve);
        (gate.stdio[3] as NodeJS.WritableStream).write(line);
      });
      expect({ line, code, output }).toEqual({ line, code: 0, output: '' });
    }
    expect(migrations()).toEqual(before);
  });

  it('released: runs drizzle-kit generate as runDrizzleKit does and writes the migration', async () => {
    const before = migrations();
    const early = kit.startEarlyKit(repo)!;
    await settle();
    const written = await kit.generateMigration(repo, { config: 'drizzle.config.ts', out: 'drizzle', name: 'early', early });
    const name = `${String(before.length).padStart(4, '0')}_early.sql`;
    expect(written).toEqual([`drizzle/${name}`]);
    expect(migrations()).toEqual([...before, name]);
    const result = await early.exited;
    expect(kit.generateSucceeded(result), result.output).toBe(true);
    // Released once: a cancel afterwards changes nothing.
    early.cancel();
    expect(fs.readFileSync(path.join(repo, 'drizzle', name), 'utf8')).toMatch(/CREATE TABLE "posts"/);
  });

  it('released: drizzle-kit prints exactly what it prints without the gate (its bin compiled before the go)', async () => {
    const args = ['generate', '--config', 'drizzle.config.ts', '--name', 'same'];
    const early = kit.startEarlyKit(repo)!;
    await settle();
    const released = await kit.runDrizzleKit(repo, args, { early });
    fs.rmSync(path.join(repo, 'drizzle'), { recursive: true, force: true });
    fs.cpSync(path.join(path.dirname(repo), 'drizzle-before'), path.join(repo, 'drizzle'), { recursive: true });
    const plain = await kit.runDrizzleKit(repo, args);
    expect(kit.generateSucceeded(released), released.output).toBe(true);
    expect(released).toEqual(plain);
  });

  it('released into a failing drizzle-kit: the error is drizzle-kit\'s own, as without the gate', async () => {
    const file = path.join(repo, 'src/db/schema/posts.ts');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${original}\nthrow new Error('boom from posts');\n`);
    try {
      const early = kit.startEarlyKit(repo)!;
      const released = kit.generateMigration(repo, { config: 'drizzle.config.ts', out: 'drizzle', early });
      const plain = kit.generateMigration(repo, { config: 'drizzle.config.ts', out: 'drizzle' });
      const [a, b] = await Promise.allSettled([released, plain]);
      expect(a.status).toBe('rejected');
      expect(b.status).toBe('rejected');
      const message = (result: PromiseSettledResult<unknown>) => ((result as PromiseRejectedResult).reason as Error).message;
      expect(message(a)).toMatch(/^drizzle-kit generate failed, so every file was restored:\n[\s\S]*boom from posts/);
      expect(message(a)).toBe(message(b));
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
