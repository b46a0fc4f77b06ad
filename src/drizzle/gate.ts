/**
 * The gate in front of an early drizzle-kit process (see startEarlyKit in ./kit.ts). Run as
 * `node gate.js <drizzle-kit bin.cjs>` with a control pipe on fd 3.
 *
 * Why it exists: `table` spends ~0.3 s before its files are written, and drizzle-kit spends about
 * as long starting Node and loading drizzle-orm before it reads them. Starting drizzle-kit's
 * process at the beginning overlaps the two, but drizzle-kit must never read half-written files.
 * So this process only warms up code that reads nothing of the repo, then waits: it loads
 * drizzle-orm, and reads and compiles (never runs) drizzle-kit's own 3.7 MB bundle.
 *
 * FAIL-CLOSED: drizzle-kit's own code runs only after the parent writes exactly one line
 * `go <json>` (bin, cwd, args) on fd 3, which it does after the plan is written. The pipe closing
 * without that line (the parent cancelled, failed, rolled back, exited or was killed), a read
 * error, or any other line: this process exits at once without running drizzle-kit.
 */
import { readFileSync, realpathSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';

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

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => unknown;
/** drizzle-kit's bin compiled before the go (see compileBin): the path it was guessed at, its real path, its module wrapper. */
let compiled: { bin: string; file: string; wrapper: ModuleWrapper } | undefined;

// After the pipe is being read; a go that arrives meanwhile is handled once each step is done,
// and the steps after it are skipped.
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
  setImmediate(() => {
    if (released) return;
    try {
      compiled = compileBin(guessedBin);
    } catch {
      // Only speed again: drizzle-kit is then loaded by Node after the go, as it always was.
    }
  });
});

/**
 * drizzle-kit's bin compiled as Node compiles a CommonJS module, without running a line of it:
 * reading and compiling its 3.7 MB took ~0.13 s after the go (measured). Not with a V8 code
 * cache: on Node 20 a script restored from one loses its dynamic import() callback, and
 * drizzle-kit imports drizzle-orm/version with import().
 */
function compileBin(bin: string): NonNullable<typeof compiled> {
  // Node loads the main module from its real path (node_modules are often symlinks): so do we,
  // and import() resolves from there, as in a module Node compiled itself.
  const file = realpathSync(bin);
  // A shebang is only valid at the very start of a script, and the wrapper comes before it.
  const source = readFileSync(file, 'utf8').replace(/^#!/, '//');
  const script = new Script(Module.wrap(source), { filename: file, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  return { bin, file, wrapper: script.runInThisContext() as ModuleWrapper };
}

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
  if (compiled?.bin === go.bin) {
    hideLoaderWarning();
    useCompiledBin(compiled.wrapper, compiled.file);
  }
  (Module as unknown as { runMain(main?: string): void }).runMain(go.bin);
}

type Extensions = Record<string, (module: Module, filename: string) => void>;

/**
 * Makes Node's loading of drizzle-kit's bin (at its real path `file`) as the main module (require.main, module cache, paths, all as
 * always) run the wrapper compiled before the go instead of reading and compiling the file
 * again. Only the compile step of that one file changes; the hook removes itself on first use.
 */
function useCompiledBin(wrapper: ModuleWrapper, file: string): void {
  const extensions = (Module as unknown as { _extensions: Extensions })._extensions;
  const loadJs = extensions['.js']!;
  extensions['.js'] = function (module, filename) {
    if (filename !== file) return loadJs.call(this, module, filename);
    extensions['.js'] = loadJs;
    // Node's own `require` for this module (its factory is internal): a module body that
    // returns the `require` Node passes it.
    const compile = (module as unknown as { _compile(content: string, filename: string): NodeJS.Require })._compile;
    const require = compile.call(module, 'return require;', filename);
    wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
  };
}

/**
 * The compiled bin's import() goes through vm's USE_MAIN_CONTEXT_DEFAULT_LOADER, which Node 20
 * announces once as an experimental feature on stderr. That line is about our loading, not
 * drizzle-kit's work, and would show in its output: only that warning is dropped.
 */
function hideLoaderWarning(): void {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const message = typeof warning === 'string' ? warning : warning.message;
    if (message.startsWith('vm.USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
}
