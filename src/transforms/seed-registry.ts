/**
 * seed.ts: registers a seed function in the `seeds` array, before the seeds of tables that
 * reference its table (parents before children).
 */
import { Node } from './ts-morph.js';
import { UserError } from '../errors.js';
import { ensureNamedImport } from './imports.js';
import type { Transform } from './source.js';

export interface SeedEntry {
  table: string;
  functionName: string;
  module: string;
  /** Tables already registered that must run after this one (they reference it). */
  children: string[];
}

export function registerSeed(entry: SeedEntry): Transform {
  return (file) => {
    const array = file.getVariableDeclaration('seeds')?.getInitializer();
    if (!array || !Node.isArrayLiteralExpression(array)) {
      throw new UserError(`${file.getBaseName()} has no \`const seeds = [...]\` array to register the seed in: restore it (see create-db-layer's seed.ts template), or register the seed by hand`);
    }
    const tableOf = (element: Node) =>
      Node.isObjectLiteralExpression(element) ? element.getProperty('table')?.getLastChild()?.getText().replace(/['"]/g, '') : undefined;
    const elements = array.getElements();
    if (elements.some((element) => tableOf(element) === entry.table)) return;
    ensureNamedImport(file, entry.module, entry.functionName);
    const firstChild = elements.findIndex((element) => entry.children.includes(tableOf(element) ?? ''));
    const text = `{ table: '${entry.table}', run: ${entry.functionName} }`;
    if (firstChild === -1) array.addElement(text);
    else array.insertElement(firstChild, text);
  };
}
