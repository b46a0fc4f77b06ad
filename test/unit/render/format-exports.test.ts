/**
 * formatChangeHere's shortcut for barrels (formatAddedExports): an added `export * from` line is
 * formatted alone instead of prettier range-formatting the whole 500-line barrel. It must give
 * exactly what prettier's range formatting gives, for every barrel and config it accepts, and
 * step aside (undefined) for what it cannot vouch for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffLines } from 'diff';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { formatAddedExports, formatChangeHere } from '../../../src/render/format.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-format-exports-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const CONFIGS: Record<string, object> = {
  defaults: {},
  single: { singleQuote: true },
  noSemi: { semi: false },
  singleNoSemi: { singleQuote: true, semi: false },
  narrow: { printWidth: 20 },
  tabs: { useTabs: true },
};

const HEADERS = ['', '/**\n * Schema barrel.\n */\n', '/**/\n// two\n/* one line */\n/*\n  x */\n\n'];

const BODIES = [
  ["export * from './a';", "export * from './c';"],
  ['export * from "./a";', 'export * from "./c";'],
  ["export * from './a'", "export * from './c'"],
  ['export * from "./a"', '', 'export * from "./c"'],
];

const INSERTED = ["export * from './b';", 'export * from "./b"'];

/** formatChangeHere before the shortcut: prettier's range format of each added run of lines, last first. */
async function reference(dir: string, file: string, before: string, after: string): Promise<string> {
  const options = { ...((await prettier.resolveConfig(path.join(dir, file), { editorconfig: true })) ?? {}), filepath: path.join(dir, file) };
  const ranges: { start: number; end: number }[] = [];
  let offset = 0;
  for (const part of diffLines(before, after)) {
    if (part.removed) continue;
    if (part.added) ranges.push({ start: offset, end: offset + part.value.length });
    offset += part.value.length;
  }
  let text = after;
  for (const range of ranges.reverse()) text = await prettier.format(text, { ...options, rangeStart: range.start, rangeEnd: range.end });
  return text;
}

describe('formatChangeHere on a barrel gaining one export', () => {
  for (const [name, config] of Object.entries(CONFIGS)) {
    it(`gives prettier's range format (${name})`, async () => {
      const dir = path.join(root, name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '.prettierrc.json'), JSON.stringify(config));
      let shortcuts = 0;
      for (const header of HEADERS) {
        for (const body of BODIES) {
          for (const inserted of INSERTED) {
            for (const at of [0, 1, body.length]) {
              for (const finalNewline of ['\n', '']) {
                const before = header + body.join('\n') + finalNewline;
                const lines = [...body];
                lines.splice(at, 0, inserted);
                const after = header + lines.join('\n') + finalNewline;
                const start = (header + lines.slice(0, at).join('\n') + (at > 0 ? '\n' : '')).length;
                const end = start + inserted.length + 1;
                const expected = await reference(dir, 'index.ts', before, after);
                const label = JSON.stringify({ before, after });
                expect(await formatChangeHere(dir, 'index.ts', before, after), label).toBe(expected);
                const options = { ...((await prettier.resolveConfig(path.join(dir, 'index.ts'), { editorconfig: true })) ?? {}), filepath: path.join(dir, 'index.ts') };
                if ((await formatAddedExports(prettier, options, after, { start, end: Math.min(end, after.length) })) !== undefined) shortcuts++;
              }
            }
          }
        }
      }
      expect(shortcuts, 'the shortcut is taken for plain barrels').toBeGreaterThan(40);
    });
  }
});

describe('formatAddedExports steps aside', () => {
  const options = { filepath: path.join(root, 'index.ts') };
  const text = "export * from './a';\nexport * from './b';\n";
  const range = { start: 21, end: 42 };

  it('takes a plain barrel', async () => {
    expect(await formatAddedExports(prettier, options, text, range)).toBe('export * from \'./a\';\nexport * from "./b";\n');
  });

  it.each([
    ['other code', "import x from 'y';\n" + text, { start: 40, end: 61 }, options],
    ['CRLF', text.replace(/\n/g, '\r\n'), { start: 22, end: 44 }, options],
    ['a BOM', `\uFEFF${text}`, { start: 22, end: 43 }, options],
    ['a comment after code', "export * from './a'; // a\nexport * from './b';\n", { start: 26, end: 47 }, options],
    ['an unclosed comment', "/*\nexport * from './a';\nexport * from './b';\n", { start: 24, end: 45 }, options],
    ['CRLF output', text, range, { ...options, endOfLine: 'crlf' as const }],
    ['a forced parser', text, range, { ...options, parser: 'babel' }],
    ['plugins', text, range, { ...options, plugins: ['x'] }],
    ['pragmas', text, range, { ...options, requirePragma: true }],
    ['a JavaScript file', text, range, { filepath: path.join(root, 'index.js') }],
    ['an indented line', "export * from './a';\n  export * from './b';\n", { start: 21, end: 44 }, options],
  ])('for %s', async (_, input, at, config) => {
    expect(await formatAddedExports(prettier, config, input, at)).toBeUndefined();
  });
});
