/**
 * Names: what a user may call things, and how one name is spelled in each place it appears.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** `workflows` -> `Workflows`, `story_runs` -> `StoryRuns`. */
export function pascalCase(name: string): string {
  return name
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** `story_runs` -> `storyRuns`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** A repo-relative directory in POSIX form, or an error message saying what to write instead. */
export function checkRelativeDir(value: string): string | undefined {
  const normalized = value.replaceAll('\\', '/').replace(/\/+$/, '');
  if (normalized === '' || normalized === '.') return 'must name a folder inside the repository, like src/db';
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) return `must be relative to the repository (got "${value}")`;
  if (normalized.split('/').some((part) => part === '..' || part === '')) {
    return `must stay inside the repository, without ".." or empty parts (got "${value}")`;
  }
  if (!/^[\w./-]+$/.test(normalized)) return `may only contain letters, digits, "_", "-", "." and "/" (got "${value}")`;
  return undefined;
}

export function normalizeRelativeDir(value: string): string {
  return value.replaceAll('\\', '/').replace(/\/+$/, '').replace(/^\.\//, '');
}
