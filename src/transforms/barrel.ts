/**
 * schema/index.ts: one `export * from './<table>'` per table file, kept sorted.
 */
import type { ExportDeclaration } from 'ts-morph';
import type { Transform } from './source.js';

const isStarExport = (declaration: ExportDeclaration) =>
  declaration.getModuleSpecifierValue() !== undefined && !declaration.hasNamedExports() && declaration.getNamespaceExport() === undefined;

/** Modules that must stay exported last (a central relations file reads every table). */
const LAST = /\/relations(\.js)?$/;

export function addBarrelExport(specifier: string): Transform {
  return (file) => {
    const declarations = file.getExportDeclarations();
    if (declarations.some((declaration) => declaration.getModuleSpecifierValue() === specifier)) return;
    // `export {};` only marks an empty barrel as a module; the first real export takes its place
    // (replacing its text, not the statement, keeps the comment above it).
    const statement = `export * from '${specifier}';`;
    const empty = declarations.find(isEmptyExport);
    if (empty) {
      file.replaceText([empty.getStart(), empty.getEnd()], statement);
      return;
    }
    const stars = file.getExportDeclarations().filter(isStarExport);
    const next = stars.find((declaration) => {
      const other = declaration.getModuleSpecifierValue()!;
      return LAST.test(other) || other.localeCompare(specifier) > 0;
    });
    if (next) {
      // Inserted as text at the export's start, after its leading comments: a header comment
      // above the first export stays the file's header.
      file.insertText(next.getStart(), `${statement}\n`);
      return;
    }
    const index = stars.length > 0 ? stars.at(-1)!.getChildIndex() + 1 : file.getStatements().length;
    file.insertStatements(index, statement);
  };
}

/** `export {};`: no module, no names. */
export function isEmptyExport(declaration: ExportDeclaration): boolean {
  return declaration.getModuleSpecifierValue() === undefined && declaration.getNamedExports().length === 0;
}
