/**
 * String-in / string-out harness for the ts-morph transforms: run a transform the way the
 * generators do (transformSource, then prettier with the target's config), and check that running
 * it again changes nothing, on the raw output and on the formatted file as it lands on disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { formatFile } from '../../../src/render/format.js';
import { transformSource, type Transform } from '../../../src/transforms/source.js';

/** A root that does not exist: no prettier config applies, so prettier's defaults do (double quotes). */
export const DEFAULT_ROOT = path.resolve('/__create-db-layer-transforms__/app');

/** A target repo with its own prettier config (single quotes, wide lines); remove it with `dispose`. */
export function targetWithPrettierConfig(config: object = { singleQuote: true, printWidth: 120 }): { root: string; dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cdl-transforms-'));
  writeFileSync(path.join(root, '.prettierrc.json'), JSON.stringify(config));
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export async function run(file: string, text: string, transforms: Transform | Transform[]): Promise<string> {
  return transformSource(file, text, Array.isArray(transforms) ? transforms : [transforms]);
}

/**
 * Transforms `text` and formats the result as planTable / planSeedFor do; asserts that a second
 * run is a no-op, both on the transform's raw output and on the formatted file.
 */
export async function patch(file: string, text: string, transforms: Transform | Transform[], root = DEFAULT_ROOT): Promise<string> {
  const raw = await run(file, text, transforms);
  expect(await run(file, raw, transforms), 'second run on the raw output changes nothing').toBe(raw);
  const formatted = await formatFile(root, file, raw);
  const again = await formatFile(root, file, await run(file, formatted, transforms));
  expect(again, 'second run on the formatted file changes nothing').toBe(formatted);
  return formatted;
}

/** Asserts that the transform leaves `text` exactly as it is (and says so twice). */
export async function expectUnchanged(file: string, text: string, transforms: Transform | Transform[]): Promise<void> {
  const once = await run(file, text, transforms);
  expect(once).toBe(text);
  expect(await run(file, once, transforms)).toBe(text);
}
