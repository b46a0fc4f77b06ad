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

/** '.js' when the tsconfig resolves modules the Node way (imports need the emitted extension). */
export function importExtensionFor(tsconfigText: string | null): '' | '.js' {
  if (tsconfigText === null) return '';
  let options: Record<string, unknown> = {};
  try {
    const parsed = parseJsonc(tsconfigText) as { compilerOptions?: Record<string, unknown> };
    options = parsed.compilerOptions ?? {};
  } catch {
    return '';
  }
  const resolution = String(options.moduleResolution ?? options.module ?? '').toLowerCase();
  return NODE_RESOLUTION.includes(resolution) ? '.js' : '';
}
