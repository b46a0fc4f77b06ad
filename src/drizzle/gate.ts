/**
 * The gate in front of an early drizzle-kit process (see startEarlyKit in ./kit.ts). Run as
 * `node gate.js <drizzle-kit bin.cjs>` with a control pipe on fd 3.
 *
 * Why it exists: `table` spends ~0.3 s before its files are written, and drizzle-kit spends about
 * as long starting Node and loading drizzle-orm before it reads them. Starting drizzle-kit's
 * process at the beginning overlaps the two, but drizzle-kit must never read half-written files.
 * So this process only warms up code that reads nothing of the repo (drizzle-orm), then waits.
 *
 * FAIL-CLOSED: drizzle-kit's own code runs only after the parent writes exactly one line
 * `go <json>` (bin, cwd, args) on fd 3, which it does after the plan is written. The pipe closing
 * without that line (the parent cancelled, failed, rolled back, exited or was killed), a read
 * error, or any other line: this process exits at once without running drizzle-kit.
 */
import Module, { createRequire } from 'node:module';
import { Socket } from 'node:net';

/** What the parent sends with the go signal: exactly what `node <bin> ...args` in `cwd` would get. */
export interface GateGo {
  bin: string;
  cwd: string;
  args: string[];
}

/** drizzle-orm entry points generate loads (pg-core for the schema files): only code, no repo file. */
const WARM_UP = ['drizzle-orm', 'drizzle-orm/pg-core', 'drizzle-orm/relations', 'drizzle-orm/casing', 'drizzle-orm/version'];

const guessedBin = process.argv[2];
const control = new Socket({ fd: 3, readable: true, writable: true });
let released = false;
let received = '';

/** Anything but a well-formed go line: leave without running anything. */
function close(): void {
  if (!released) process.exit(0);
}

control.setEncoding('utf8');
control.on('data', (chunk: string) => {
  if (released) return;
  received += chunk;
  const end = received.indexOf('\n');
  if (end === -1) return;
  const go = parseGo(received.slice(0, end));
  if (!go) return close();
  released = true;
  // The ack tells the parent drizzle-kit did start here (no ack before the pipe closes: the
  // parent runs drizzle-kit itself, as before). Then the pipe is closed, so it holds nothing open.
  control.end('started\n', () => {
    control.destroy();
    runDrizzleKit(go);
  });
});
control.on('end', close);
control.on('close', close);
control.on('error', close);

// After the pipe is being read; a go that arrives meanwhile is handled once this is done.
setImmediate(() => {
  if (released || !guessedBin) return;
  const require = createRequire(guessedBin);
  for (const id of WARM_UP) {
    try {
      require(id);
    } catch {
      // Warming up is only speed; drizzle-kit reports a missing drizzle-orm itself.
    }
  }
});

function parseGo(line: string): GateGo | undefined {
  if (!line.startsWith('go ')) return undefined;
  try {
    const go = JSON.parse(line.slice(3)) as Partial<GateGo>;
    const valid = typeof go.bin === 'string' && typeof go.cwd === 'string' && Array.isArray(go.args) && go.args.every((arg) => typeof arg === 'string');
    return valid ? (go as GateGo) : undefined;
  } catch {
    return undefined;
  }
}

/** As `node <bin> ...args` in cwd: Node's own entry-point loader, so require.main is drizzle-kit. */
function runDrizzleKit(go: GateGo): void {
  process.chdir(go.cwd);
  process.argv = [process.execPath, go.bin, ...go.args];
  (Module as unknown as { runMain(main?: string): void }).runMain(go.bin);
}
