/**
 * index.ts: a database joins the layer's entry point: a lazy `db.<name>` getter, its helpers and
 * Database type re-exported, and its schema as a namespace (two databases may both have `users`).
 */
import { Node, SyntaxKind } from './ts-morph.js';
import { UserError } from '../errors.js';
import { ensureNamedImport } from './imports.js';
import type { Transform } from './source.js';

export interface DatabaseAccessor {
  /** `workflows`: db.workflows */
  name: string;
  get: string;
  close: string;
  /** Module of the connection helpers, relative to index.ts. */
  connectionModule: string;
  schemaModule: string;
  /** `WorkflowsDatabase`: the re-exported Database type. */
  typeName: string;
  /** `workflowsSchema`: the schema namespace. */
  schemaNamespace: string;
}

export function addDatabaseAccessor(accessor: DatabaseAccessor): Transform {
  return (file) => {
    const db = file.getVariableDeclaration('db')?.getInitializer();
    if (!db || !Node.isObjectLiteralExpression(db)) {
      throw new UserError(`${file.getBaseName()} has no \`export const db = { ... }\` object for the db.${accessor.name} accessor: restore it (see create-db-layer's index.ts template), or add the accessor by hand`);
    }
    if (!db.getProperty(accessor.name)) {
      ensureNamedImport(file, accessor.connectionModule, accessor.get);
      db.addGetAccessor({ name: accessor.name, statements: `return ${accessor.get}();` });
    }
    const exportsOf = (module: string) => file.getExportDeclarations().filter((declaration) => declaration.getModuleSpecifierValue() === module);
    if (exportsOf(accessor.connectionModule).length === 0) {
      file.insertExportDeclaration(lastExportIndex(file), {
        moduleSpecifier: accessor.connectionModule,
        namedExports: [accessor.close, accessor.get, { name: 'Database', alias: accessor.typeName }],
      });
      // ts-morph has no option for an inline `type` modifier on one specifier.
      const added = exportsOf(accessor.connectionModule)[0]!;
      added.getNamedExports().find((named) => named.getName() === 'Database')!.setIsTypeOnly(true);
    }
    if (!exportsOf(accessor.schemaModule).some((declaration) => declaration.getNamespaceExport()?.getName() === accessor.schemaNamespace)) {
      file.insertStatements(lastExportIndex(file), `export * as ${accessor.schemaNamespace} from '${accessor.schemaModule}';`);
    }
  };
}

/** After the last re-export from a relative module: the layer's own exports stay together, before drizzle-orm's. */
function lastExportIndex(file: Parameters<Transform>[0]): number {
  const relative = file
    .getStatements()
    .filter((statement) => statement.isKind(SyntaxKind.ExportDeclaration) && (statement.asKind(SyntaxKind.ExportDeclaration)?.getModuleSpecifierValue() ?? '').startsWith('.'));
  return relative.length > 0 ? relative.at(-1)!.getChildIndex() + 1 : file.getStatements().length;
}
