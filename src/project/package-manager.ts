import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManagerCommands {
  /** argv that installs the dependencies already listed in package.json */
  install: string[];
  /** shell command that runs a package.json script, e.g. for "next steps" output */
  run(script: string): string;
  /** shell command that runs a binary from the local node_modules */
  exec(bin: string): string;
  /** GitHub Actions: steps that install the manager itself, and the lockfile-exact install */
  ci: { setup: string[]; install: string };
}

// Options are data (DESIGN.md principle 3): one row per manager instead of
// `if (pm === 'pnpm')` ladders scattered through the CLI.
export const PACKAGE_MANAGERS: Record<PackageManager, PackageManagerCommands> = {
  npm: {
    install: ['npm', 'install'],
    run: (script) => `npm run ${script}`,
    exec: (bin) => `npx ${bin}`,
    ci: { setup: [], install: 'npm ci' },
  },
  pnpm: {
    install: ['pnpm', 'install'],
    run: (script) => `pnpm ${script}`,
    exec: (bin) => `pnpm exec ${bin}`,
    ci: { setup: ['pnpm/action-setup@v4'], install: 'pnpm install --frozen-lockfile' },
  },
  yarn: {
    install: ['yarn', 'install'],
    run: (script) => `yarn ${script}`,
    // `yarn <bin>` works in both classic and berry; `yarn exec` differs between them.
    exec: (bin) => `yarn ${bin}`,
    ci: { setup: [], install: 'yarn install --frozen-lockfile' },
  },
  bun: {
    install: ['bun', 'install'],
    run: (script) => `bun run ${script}`,
    exec: (bin) => `bunx ${bin}`,
    ci: { setup: ['oven-sh/setup-bun@v2'], install: 'bun install --frozen-lockfile' },
  },
};

// Checked in this order inside one directory: a repo that still carries a stale
// package-lock.json next to pnpm-lock.yaml is almost always a pnpm repo.
const LOCKFILES: ReadonlyArray<readonly [file: string, manager: PackageManager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

function isPackageManager(name: string): name is PackageManager {
  return Object.hasOwn(PACKAGE_MANAGERS, name);
}

/**
 * Reads the corepack `packageManager` field ("pnpm@9.1.0+sha512..."). Returns
 * undefined for a missing/unreadable package.json or an unknown manager, so a
 * broken file never stops detection (it is reported later, by the code that
 * actually patches package.json).
 */
function fromPackageManagerField(dir: string): PackageManager | undefined {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof pkg !== 'object' || pkg === null) return undefined;
    const field = (pkg as Record<string, unknown>).packageManager;
    if (typeof field !== 'string') return undefined;
    const name = field.split('@')[0]?.trim() ?? '';
    return isPackageManager(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which package manager the repository at `dir` uses. Walks up to the
 * filesystem root because monorepos keep the lockfile (and the
 * `packageManager` field) at the workspace root, not in each package.
 * In one directory the explicit `packageManager` field wins over lockfiles:
 * it is the declared intent (corepack enforces it), while a lockfile can be a
 * leftover. The first directory that gives an answer wins; default npm.
 */
export function detectPackageManager(dir: string): PackageManager {
  let current = path.resolve(dir);
  for (;;) {
    const declared = fromPackageManagerField(current);
    if (declared) return declared;
    for (const [file, manager] of LOCKFILES) {
      if (existsSync(path.join(current, file))) return manager;
    }
    const parent = path.dirname(current);
    if (parent === current) return 'npm';
    current = parent;
  }
}

/**
 * Runs a package.json script of the repo at `root` with its package manager (a build step before
 * drizzle-kit reads build output); a failure is a UserError with the script's own output.
 */
export function runPackageScript(root: string, script: string): void {
  const [bin, ...args] = PACKAGE_MANAGERS[detectPackageManager(root)].run(script).split(' ');
  const result = spawnSync(bin!, args, { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new UserError(`the ${script} script failed (drizzle-kit reads its output), so every file was restored:\n${output || result.error?.message}`);
  }
}
