/**
 * The standalone prettier (src/render/prettier-standalone.ts) stands in for the full package only
 * where that is provably the same: TypeScript files no prettier config or .editorconfig can reach.
 * Its config search must know every name prettier searches, and its output must be the full
 * package's, byte for byte, for everything the templates produce.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { formatterFor } from '../../../src/render/format.js';
import { PRETTIER_CONFIG_FILES, prettierConfigMayApply } from '../../../src/render/prettier-standalone.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-standalone-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every formatted TypeScript file the snapshot tests hold (init and table templates). */
function snapshotFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? snapshotFiles(file) : entry.name.endsWith('.ts.snap') ? [file] : [];
  });
}

describe('prettierConfigMayApply', () => {
  it("searches exactly the config files prettier's own searcher lists", () => {
    const index = fs.readFileSync(createRequire(import.meta.url).resolve('prettier').replace(/index\.cjs$/, 'index.mjs'), 'utf8');
    const list = /var CONFIG_FILES = \[([\s\S]*?)\n\];/.exec(index)?.[1];
    expect(list, 'prettier still has its CONFIG_FILES list').toBeDefined();
    const names = [...list!.matchAll(/(?:name: )?"([^"]+)"/g)].map((match) => match[1]);
    expect(PRETTIER_CONFIG_FILES).toEqual(names);
  });

  it('is false without any config up to the root, and true with one in the folder or a parent', () => {
    const app = path.join(root, 'app');
    fs.mkdirSync(path.join(app, 'src/db'), { recursive: true });
    expect(prettierConfigMayApply(path.join(app, 'src/db/x.ts')), `no prettier config or .editorconfig above ${root}`).toBe(false);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app' }));
    expect(prettierConfigMayApply(path.join(app, 'src/db/x.ts')), 'a package.json without "prettier"').toBe(false);
    for (const name of [...PRETTIER_CONFIG_FILES.filter((file) => file !== 'package.json'), '.editorconfig']) {
      const file = path.join(app, name);
      fs.writeFileSync(file, '');
      expect(prettierConfigMayApply(path.join(app, 'src/db/x.ts')), name).toBe(true);
      fs.rmSync(file);
    }
    fs.writeFileSync(path.join(app, 'src/package.json'), JSON.stringify({ prettier: { semi: false } }));
    expect(prettierConfigMayApply(path.join(app, 'src/db/x.ts')), 'a package.json with "prettier"').toBe(true);
  });
});

describe('formatterFor', () => {
  it('takes the full package where a config applies, or for other files', async () => {
    const styled = path.join(root, 'styled');
    fs.mkdirSync(styled, { recursive: true });
    fs.writeFileSync(path.join(styled, '.prettierrc'), JSON.stringify({ semi: false }));
    expect((await formatterFor(styled, 'x.ts')).options.semi).toBe(false);
    expect((await formatterFor(root, 'x.json')).prettier).toBe(await import('prettier'));
    expect((await formatterFor(root, 'x.ts')).prettier).not.toBe(await import('prettier'));
  });

  it('formats every template output as the full package does, byte for byte', async () => {
    const files = snapshotFiles(path.resolve('test/snapshot'));
    expect(files.length).toBeGreaterThan(100);
    const standalone = await formatterFor(root, 'x.ts');
    const full = await formatterFor(root, 'x.ts', { standalone: false });
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      // As formatted, and unformatted: no indentation, imports in single quotes.
      const unformatted = text.replace(/^\s+/gm, '').replace(/^(import .*|} from .*)$/gm, (line) => line.replaceAll('"', "'"));
      for (const input of [text, unformatted]) {
        expect(await standalone.prettier.format(input, standalone.options), file).toBe(await full.prettier.format(input, full.options));
      }
    }
  });
});
