/**
 * addBarrelExport has two ways to make its edit: on a ts-morph SourceFile (when a file gets other
 * transforms too) and on the text alone (`onText`, what transformSource uses when it is the
 * file's only transform, to skip ts-morph's wrapping of a 500-line barrel). Both must give the
 * same text, byte for byte.
 */
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { addBarrelExport } from '../../../src/transforms/barrel.js';
import { transformSource } from '../../../src/transforms/source.js';
import { loadTsMorph } from '../../../src/transforms/ts-morph.js';

const FILE = 'src/db/schema/index.ts';

const BARRELS = [
  '',
  'export {};\n',
  '/**\n * Schema barrel.\n */\nexport {};\n',
  '// header\nexport {}',
  "export * from './a';\nexport * from './c';\n",
  'export * from "./a"\nexport * from "./c"',
  "/** header */\nexport * from './a';\n\n// users\nexport * from './users';\nexport * from './relations';\n",
  "export * from './posts';\n",
  "export { posts } from './posts';\nexport * as x from './x';\n",
  "export * from './a';\r\nexport * from './z';\r\n",
  "import { a } from './a';\nexport const b = a;\n",
];

const SPECIFIERS = ['./b', './posts', './zz', './0', './relations'];

/** As transformSource would, without its text path. (Transforms get ts-morph's values once it is loaded.) */
function viaTsMorph(text: string, specifier: string): string {
  loadTsMorph();
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const file = project.createSourceFile(`/${FILE}`, text);
  addBarrelExport(specifier)(file);
  return file.getFullText();
}

describe('addBarrelExport on the text and on a SourceFile', () => {
  it('edits alike', async () => {
    for (const text of BARRELS) {
      for (const specifier of SPECIFIERS) {
        const transform = addBarrelExport(specifier);
        expect(transform.onText, 'the barrel edit has a text form').toBeDefined();
        const label = JSON.stringify({ text, specifier });
        expect(await transformSource(FILE, text, [transform]), label).toBe(viaTsMorph(text, specifier));
      }
    }
  });
});
