/**
 * Names: what a user may call things, and how one name is spelled in each place it appears.
 */

// Starting with a letter: camelCase('_x') would lose the underscore, and `_` alone names nothing.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

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

/** drizzle-orm's own snake_case conversion (casing.js), so index and enum names match its column names. */
export function snakeCase(name: string): string {
  const words = name.replace(/['\u2019]/g, '').match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [];
  return words.map((word) => word.toLowerCase()).join('_');
}

/** `storyData` -> `STORY_DATA`: the prefix of a database's own environment variables. */
export function envName(name: string): string {
  return snakeCase(name).toUpperCase();
}

/** `blogPosts` -> `blog-posts`: schema file names. */
export function kebabCase(name: string): string {
  return snakeCase(name).replaceAll('_', '-');
}

const IRREGULAR_SINGULARS: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  movies: 'movie',
  cookies: 'cookie',
  zombies: 'zombie',
  pies: 'pie',
  ties: 'tie',
};

/** Words whose singular is the word itself. */
const UNCOUNTABLE = new Set(['news', 'series', 'species', 'data', 'media', 'metadata', 'equipment', 'information', 'staff', 'feedback']);

/** English singular of a table name's last word, for type names: posts -> post, categories -> category. */
export function singular(name: string): string {
  const match = /^(.*?)([A-Za-z][a-z]*)$/.exec(name);
  const [head, word] = match ? [match[1]!, match[2]!] : ['', name];
  const lower = word.toLowerCase();
  const irregular = IRREGULAR_SINGULARS[lower];
  const keepCase = (replacement: string) => (word[0] === word[0]!.toUpperCase() ? pascalCase(replacement) : replacement);
  if (irregular) return head + keepCase(irregular);
  if (UNCOUNTABLE.has(lower)) return name;
  if (/[^aeiou]ies$/.test(lower)) return head + word.slice(0, -3) + 'y';
  if (/(ss|sh|ch|x|z|us)es$/.test(lower)) return head + word.slice(0, -2);
  if (/(us|ss|is)$/.test(lower)) return name;
  if (/s$/.test(lower)) return head + word.slice(0, -1);
  return name;
}

/** English plural, for the `user:references` shorthand: user -> users, category -> categories. */
export function plural(name: string): string {
  const lower = name.toLowerCase();
  const irregular = Object.entries(IRREGULAR_SINGULARS).find(([, one]) => lower.endsWith(one));
  if (irregular && lower === irregular[1]) return irregular[0];
  if (/[^aeiou]y$/.test(lower)) return `${name.slice(0, -1)}ies`;
  if (/(s|sh|ch|x|z)$/.test(lower)) return `${name}es`;
  return `${name}s`;
}
