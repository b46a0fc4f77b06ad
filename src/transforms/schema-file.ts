/**
 * --layout file: a new table is appended to the single schema.ts, its imports merged into the
 * file's own.
 */
import { Node } from './ts-morph.js';
import { isEmptyExport } from './barrel.js';
import { ensureNamedImport } from './imports.js';
import type { Transform } from './source.js';

/** Appends `fragment` (a rendered table module) unless the file already declares its table. */
export function appendTable(fragment: string, tableExport: string): Transform {
  return (file) => {
    if (file.getVariableDeclaration(tableExport)) return;
    const scratch = file.getProject().createSourceFile('/__fragment__.ts', fragment, { overwrite: true });
    try {
      for (const declaration of scratch.getImportDeclarations()) {
        const module = declaration.getModuleSpecifierValue();
        for (const named of declaration.getNamedImports()) {
          ensureNamedImport(file, module, named.getText().replace(/^type\s+/, ''), named.isTypeOnly() || declaration.isTypeOnly());
        }
      }
      const body = scratch
        .getStatements()
        .filter((statement) => !Node.isImportDeclaration(statement))
        .map((statement) => statement.getFullText())
        .join('')
        .trim();
      // `export {};` only marks an empty schema file as a module: the first table takes its place,
      // keeping the comment above it.
      const empty = file.getExportDeclarations().find((declaration) => isEmptyExport(declaration.compilerNode));
      if (empty) file.replaceText([empty.getStart(), empty.getEnd()], body);
      else file.addStatements(`\n${body}`);
    } finally {
      file.getProject().removeSourceFile(scratch);
    }
  };
}
