/**
 * Reads one table's columns from its schema file with ts-morph: what the seed generator needs
 * to write valid rows (types, keys, defaults, references, enum values).
 */
import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../transforms/ts-morph.js';

export interface ColumnInfo {
  name: string;
  builder: string;
  /** The builder's arguments as written, e.g. `{ length: 200 }`. */
  args: string;
  chain: string[];
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  /** Filled by the database or TypeScript (default, identity, serial, $defaultFn). */
  generated: boolean;
  references?: { table: string; column: string };
  enumValues?: string[];
}

export function readTableColumns(file: SourceFile, tableExport: string): ColumnInfo[] {
  const initializer = file.getVariableDeclaration(tableExport)?.getInitializer();
  if (!initializer || !Node.isCallExpression(initializer)) return [];
  const columns = initializer.getArguments()[1];
  if (!columns || !Node.isObjectLiteralExpression(columns)) return [];
  return columns.getProperties().flatMap((property) => {
    if (!Node.isPropertyAssignment(property)) return [];
    const value = property.getInitializer();
    return value ? [readColumn(file, property.getName(), value)] : [];
  });
}

function readColumn(file: SourceFile, name: string, value: Node): ColumnInfo {
  const calls: CallExpression[] = [];
  let node: Node | undefined = value;
  while (node && Node.isCallExpression(node)) {
    calls.unshift(node);
    const callee = node.getExpression();
    node = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  }
  const root = calls[0];
  const builder = root?.getExpression().getText() ?? '';
  const chain = calls.slice(1).map((call) => (call.getExpression() as Node).getLastChildByKind(SyntaxKind.Identifier)?.getText() ?? '');
  const referencesCall = calls.find((call) => call.getExpression().getText().endsWith('.references'));
  const target = referencesCall?.getArguments()[0]?.getLastChildByKind(SyntaxKind.PropertyAccessExpression)?.getText();
  const [table, column] = target?.split('.') ?? [];
  return {
    name,
    builder,
    args: root?.getArguments().map((argument) => argument.getText()).join(', ') ?? '',
    chain,
    notNull: chain.includes('notNull') || chain.includes('primaryKey'),
    primaryKey: chain.includes('primaryKey'),
    unique: chain.includes('unique'),
    generated: ['serial', 'bigserial', 'smallserial'].includes(builder) || chain.some((step) => /^(default|\$default|generated|\$onUpdate)/.test(step)),
    references: table && column ? { table, column } : undefined,
    enumValues: enumValues(file, builder, root),
  };
}

/** Values of a pgEnum used as the builder, or of text({ enum: [...] }). */
function enumValues(file: SourceFile, builder: string, root: CallExpression | undefined): string[] | undefined {
  const literal = (node: Node | undefined) =>
    node && Node.isArrayLiteralExpression(node) ? node.getElements().flatMap((element) => (Node.isStringLiteral(element) ? [element.getLiteralValue()] : [])) : undefined;
  const options = root?.getArguments().find(Node.isObjectLiteralExpression);
  const inline = options?.getProperty('enum');
  if (inline && Node.isPropertyAssignment(inline)) return literal(inline.getInitializer());
  const declaration = file.getVariableDeclaration(builder)?.getInitializer();
  if (declaration && Node.isCallExpression(declaration) && /^(pgEnum|[\w$]+\.enum)$/.test(declaration.getExpression().getText())) {
    return literal(declaration.getArguments()[1]);
  }
  return undefined;
}
