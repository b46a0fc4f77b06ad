import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'create-db-layer';

export interface SelfSpecInput {
  /** directory holding create-db-layer's own package.json */
  packageRoot: string;
  /** create-db-layer's own version, used for a registry install */
  version: string;
  /** the repository being scaffolded, whose package.json gets the spec */
  targetDir: string;
  env: Record<string, string | undefined>;
  /** file contents or null when missing; injectable so tests need no real install */
  readFile?: (file: string) => string | null;
}

function readFileOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The dependency spec for create-db-layer in the target's package.json. The
 * target's plopfile.js does `plop.load('create-db-layer')`, so the package
 * must be installable from there; until it is published `^version` would 404,
 * so whenever we were started from a local checkout or tarball, point at it.
 *
 * Order: CREATE_DB_LAYER_SPEC (documented escape hatch) → source checkout
 * (relative `file:`) → the `file:` spec of whoever installed us (absolute) →
 * `^version` from the registry.
 */
export function resolveSelfSpec(input: SelfSpecInput): string {
  const override = input.env.CREATE_DB_LAYER_SPEC;
  if (override) return override;

  const root = path.resolve(input.packageRoot);
  const segments = root.split(/[\\/]/);
  if (!segments.includes('node_modules')) {
    // A checkout moves together with the repos made from it (examples/, e2e
    // temp dirs inside it), so a relative path keeps them portable.
    const relative = path.relative(path.resolve(input.targetDir), root);
    return `file:${relative.split(path.sep).join('/') || '.'}`;
  }

  const readFile = input.readFile ?? readFileOrNull;
  for (const projectDir of installingProjects(segments)) {
    const spec = dependencySpec(readFile(path.join(projectDir, 'package.json')));
    if (spec === undefined) continue;
    if (!spec.startsWith('file:')) break;
    // npm saves `file:` specs relative to the installing project (npx:
    // ~/.npm/_npx/<hash>); from the target that relative path means nothing.
    return `file:${resolveFileSpec(spec, projectDir)}`;
  }
  return `^${input.version}`;
}

/**
 * Directories that contain a node_modules on the way to packageRoot, innermost
 * first: npm/npx install into the innermost one; pnpm's
 * node_modules/.pnpm/<id>/node_modules layout needs the outer project.
 */
function installingProjects(segments: string[]): string[] {
  const dirs: string[] = [];
  segments.forEach((segment, index) => {
    if (segment === 'node_modules') dirs.unshift(segments.slice(0, index).join(path.sep) || path.sep);
  });
  return dirs;
}

/** This package's spec in a package.json text; undefined when absent or unreadable. */
function dependencySpec(text: string | null): string | undefined {
  if (text === null) return undefined;
  try {
    const pkg = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    for (const group of ['dependencies', 'devDependencies']) {
      const deps = pkg[group] as Record<string, unknown> | undefined;
      const spec = deps?.[PACKAGE_NAME];
      if (typeof spec === 'string') return spec;
    }
  } catch {
    // A broken package.json in an npx cache is not the user's problem: fall back.
  }
  return undefined;
}

function resolveFileSpec(spec: string, projectDir: string): string {
  const absolute = spec.startsWith('file://')
    ? fileURLToPath(spec)
    : path.resolve(projectDir, spec.slice('file:'.length));
  return absolute.split(path.sep).join('/');
}
