import path from 'node:path';

/**
 * Normalizes a plan path: POSIX, relative to the project root, never escaping it.
 *
 * Every path that enters a plan goes through here, so a template or a manifest
 * value can never make the writer touch a file outside the target repository.
 * The normalized form is also the key of the plan, so `./src//a.ts` and
 * `src/a.ts` are the same file.
 */
export function normalizePlanPath(input: string): string {
  if (typeof input !== 'string' || input === '') {
    throw new Error('Plan path must be a non-empty string');
  }
  if (input.includes('\0')) {
    throw new Error(`Plan path contains a NUL byte: ${JSON.stringify(input)}`);
  }
  // A backslash is a separator on Windows, so `..\\x` would escape the root there.
  if (input.includes('\\')) {
    throw new Error(`Plan path must use POSIX separators: ${input}`);
  }
  if (path.posix.isAbsolute(input) || /^[A-Za-z]:/.test(input)) {
    throw new Error(`Plan path must be relative to the project root: ${input}`);
  }
  const normalized = path.posix.normalize(input);
  if (normalized === '.' || normalized === '..' || normalized.startsWith('../')) {
    throw new Error(`Plan path escapes the project root: ${input}`);
  }
  if (normalized.endsWith('/')) {
    throw new Error(`Plan path names a directory, not a file: ${input}`);
  }
  return normalized;
}

/** Absolute location of a plan path under `root` (validated first). */
export function resolvePlanPath(root: string, planPath: string): string {
  return path.join(path.resolve(root), ...normalizePlanPath(planPath).split('/'));
}
