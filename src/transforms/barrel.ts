/**
 * schema/index.ts: one `export * from './<table>'` per table file, kept sorted, written in the
 * barrel's own quote and semicolon style. It reads the compiler nodes directly: wrapping every
 * statement of a 500-table barrel in ts-morph nodes took a quarter of a second.
 */
import { ts } from 'ts-morph';
import type { Transform } from './source.js';

/** Modules that must stay exported last (a central relations file reads every table). */
const LAST = /\/relations(\.js)?$/;

interface ModuleExport {
  specifier: string;
  /** `export * from '...'` (not `export { x } from` or `export * as x from`). */
  star: boolean;
  start: number;
  end: number;
  text: string;
}

export function addBarrelExport(specifier: string): Transform {
  return (file) => {
    const source = file.compilerNode;
    const exports = moduleExports(source);
    if (exports.some((entry) => entry.specifier === specifier)) return;
    const stars = exports.filter((entry) => entry.star);
    const statement = styled(specifier, stars[0]);
    // `export {};` only marks an empty barrel as a module; the first real export takes its place
    // (replacing its text keeps the comment above it).
    const empty = source.statements.find(isEmptyExport);
    if (empty) {
      file.replaceText([empty.getStart(source), empty.end], statement);
      return;
    }
    const next = stars.find((entry) => LAST.test(entry.specifier) || entry.specifier.localeCompare(specifier) > 0);
    // Before the next export, after its leading comments: a header comment stays on top.
    if (next) file.insertText(next.start, `${statement}\n`);
    else if (stars.length > 0) file.insertText(stars.at(-1)!.end, `\n${statement}`);
    else file.insertText(source.end, `${source.text.endsWith('\n') || source.text === '' ? '' : '\n'}${statement}\n`);
  };
}

function moduleExports(source: ts.SourceFile): ModuleExport[] {
  return source.statements.flatMap((statement) => {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) return [];
    return [
      {
        specifier: statement.moduleSpecifier.text,
        star: statement.exportClause === undefined,
        start: statement.getStart(source),
        end: statement.end,
        text: statement.getText(source),
      },
    ];
  });
}

/** The new export in the style of an existing one (quotes, semicolon); single quotes and a semicolon otherwise. */
function styled(specifier: string, example: ModuleExport | undefined): string {
  const quote = example?.text.includes('"') ? '"' : "'";
  const semicolon = example === undefined || example.text.trimEnd().endsWith(';') ? ';' : '';
  return `export * from ${quote}${specifier}${quote}${semicolon}`;
}

/** `export {};`: no module, no names. */
export function isEmptyExport(statement: ts.Node): boolean {
  return (
    ts.isExportDeclaration(statement) &&
    statement.moduleSpecifier === undefined &&
    statement.exportClause !== undefined &&
    ts.isNamedExports(statement.exportClause) &&
    statement.exportClause.elements.length === 0
  );
}

