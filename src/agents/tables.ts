/**
 * The tables of a database as guide lines, read from its schema files with ts-morph (never from
 * memory): one line per table, with its columns, keys and references.
 */
import type { SourceFile } from 'ts-morph';
import { isOwned, type DatabaseEntry, type Manifest } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import { readTableColumns, type ColumnInfo } from '../project/read-table.js';
import { schemaModules } from '../project/schema-files.js';
import { inspectSource } from '../transforms/source.js';
import { Node } from '../transforms/ts-morph.js';
import { isTableCallee } from '../model/table-declarations.js';

export interface TableLine {
  exportName: string;
  line: string;
}

/** The files holding a database's tables: the barrel's modules, or the single schema file. */
export function schemaFilesOf(tree: Tree, manifest: Manifest, database: DatabaseEntry): string[] {
  return manifest.layout === 'file' && isOwned(database) ? [database.schema] : schemaModules(tree, manifest, database);
}

/** Every table line of a database, sorted by export name. */
export async function readTableLines(tree: Tree, manifest: Manifest, database: DatabaseEntry): Promise<TableLine[]> {
  const lines: TableLine[] = [];
  for (const file of schemaFilesOf(tree, manifest, database)) lines.push(...(await tableLinesOfFile(tree, file)));
  return sortLines(lines);
}

/** The lines of the tables declared in one file. */
export async function tableLinesOfFile(tree: Tree, file: string): Promise<TableLine[]> {
  const text = tree.read(file);
  if (text === null) return [];
  return inspectSource(file, text, (source) =>
    declaredTables(source).map(({ exportName, dbName }) => ({ exportName, line: describeTable(exportName, dbName, file, readTableColumns(source, exportName)) })),
  );
}

export function sortLines(lines: TableLine[]): TableLine[] {
  return [...lines].sort((a, b) => (a.exportName < b.exportName ? -1 : a.exportName > b.exportName ? 1 : 0));
}

/** The export name of a guide line (`- `posts` …`), to merge lines without re-reading every file. */
export function exportNameOf(line: string): string | undefined {
  return /^- `(\w+)`/.exec(line)?.[1];
}

function declaredTables(source: SourceFile): { exportName: string; dbName: string }[] {
  return source.getVariableStatements().flatMap((statement) => {
    if (!statement.isExported()) return [];
    return statement.getDeclarations().flatMap((declaration) => {
      const initializer = declaration.getInitializer();
      if (!initializer || !Node.isCallExpression(initializer) || !isTableCallee(initializer.getExpression().getText())) return [];
      const first = initializer.getArguments()[0];
      const dbName = first && Node.isStringLiteral(first) ? first.getLiteralValue() : declaration.getName();
      return [{ exportName: declaration.getName(), dbName }];
    });
  });
}

const TIMESTAMPS = ['createdAt', 'updatedAt'];

function describeTable(exportName: string, dbName: string, file: string, columns: ColumnInfo[]): string {
  const stamped = TIMESTAMPS.every((name) => columns.some((column) => column.name === name));
  const described = columns.filter((column) => !(stamped && TIMESTAMPS.includes(column.name))).map(describeColumn);
  const table = dbName === exportName ? '' : ` (table \`${dbName}\`)`;
  return `- \`${exportName}\`${table} in \`${file}\`: ${[...described, ...(stamped ? ['createdAt/updatedAt'] : [])].join('; ') || 'no columns'}`;
}

function describeColumn(column: ColumnInfo): string {
  const type = column.enumValues ? `enum ${column.enumValues.join('|')}` : column.builder;
  const traits = [
    type,
    column.primaryKey ? 'primary key' : column.notNull ? 'not null' : '',
    column.unique ? 'unique' : '',
    column.references ? `→ ${column.references.table}.${column.references.column}` : '',
  ].filter(Boolean);
  return `\`${column.name}\` ${traits.join(', ')}`;
}
