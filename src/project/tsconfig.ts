import { posix } from 'node:path';

/**
 * Reads the little the generators need from a target's tsconfig.json without loading TypeScript:
 * whether relative imports must end in `.js` (node16/nodenext resolution).
 */

/** JSON with comments and trailing commas, as tsconfig.json allows. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const next = text[index + 1];
    if (inString) {
      out += char;
      if (char === '\\') out += text[++index] ?? '';
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '/' && next === '/') {
      while (index < text.length && text[index] !== '\n') index++;
      out += '\n';
    } else if (char === '/' && next === '*') {
      index = text.indexOf('*/', index + 2);
      if (index === -1) break;
      index++;
    } else {
      out += char;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

const NODE_RESOLUTION = ['node16', 'nodenext'];

type ReadFile = (path: string) => string | null;

/**
 * '.js' when the tsconfig resolves modules the Node way (imports need the emitted extension).
 * Follows `extends` (relative paths and packages in node_modules), the child winning.
 */
export function importExtensionFor(read: ReadFile, path = 'tsconfig.json'): '' | '.js' {
  const options = compilerOptions(read, path, 0);
  const resolution = String(options.moduleResolution ?? options.module ?? '').toLowerCase();
  return NODE_RESOLUTION.includes(resolution) ? '.js' : '';
}

export function compilerOptions(read: ReadFile, path: string, depth: number): Record<string, unknown> {
  const text = depth > 8 ? null : read(path);
  if (text === null) return {};
  let parsed: { extends?: string | string[]; compilerOptions?: Record<string, unknown> };
  try {
    parsed = parseJsonc(text) as typeof parsed;
  } catch {
    return {};
  }
  const bases = typeof parsed.extends === 'string' ? [parsed.extends] : (parsed.extends ?? []);
  const inherited = bases.map((base) => compilerOptions(read, resolveExtends(path, base), depth + 1));
  return Object.assign({}, ...inherited, parsed.compilerOptions ?? {});
}

function resolveExtends(from: string, base: string): string {
  const dir = posix.dirname(from);
  const withJson = base.endsWith('.json') ? base : `${base}.json`;
  if (base.startsWith('.')) return posix.normalize(posix.join(dir, withJson));
  return posix.normalize(posix.join(dir, 'node_modules', withJson));
}
