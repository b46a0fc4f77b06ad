/**
 * types.ts of a dual layer: a table's select and insert types (`Post` / `NewPost`) as
 * `InferSelectModel` / `InferInsertModel` of its table in the schema namespace the file imports.
 */
import type { SourceFile } from 'ts-morph';
import type { Transform } from './source.js';

const INFER_TYPES = ['InferInsertModel', 'InferSelectModel'];

export interface RowTypes {
  /** Export name of the table in the schema, e.g. `posts`. */
  table: string;
  select: string;
  insert: string;
  /** The schema barrel, as types.ts imports it (`import type * as schema from '<module>'`). */
  schemaModule: string;
}

export function addRowTypes(types: RowTypes): Transform {
  return (file) => {
    if (file.getTypeAlias(types.select)) return;
    const namespace = file.getImportDeclarations().find((declaration) => declaration.getNamespaceImport()?.getText() === 'schema');
    if (!namespace) ensureNamespaceImport(file, types.schemaModule);
    const drizzle = file.getImportDeclarations().find((declaration) => declaration.getModuleSpecifierValue() === 'drizzle-orm' && declaration.isTypeOnly());
    for (const name of INFER_TYPES) {
      if (drizzle && !drizzle.getNamedImports().some((named) => named.getName() === name)) drizzle.addNamedImport(name);
    }
    // Before the first import, after the file's header comment (which belongs to the file).
    if (!drizzle) file.insertText(file.getImportDeclarations()[0]!.getStart(), `import type { ${INFER_TYPES.join(', ')} } from 'drizzle-orm';\n`);
    file.addTypeAliases([
      { name: types.select, isExported: true, type: `InferSelectModel<typeof schema.${types.table}>` },
      { name: types.insert, isExported: true, type: `InferInsertModel<typeof schema.${types.table}>` },
    ]);
  };
}

/** `import type * as schema from '<module>'`, when a hand-edited types.ts lost it. */
function ensureNamespaceImport(file: SourceFile, module: string): void {
  const first = file.getStatements()[0];
  const text = `import type * as schema from '${module}';\n`;
  if (first) file.insertText(first.getStart(), `${text}\n`);
  else file.insertText(file.getEnd(), text);
}
