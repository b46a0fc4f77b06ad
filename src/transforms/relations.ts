/**
 * relations(): when a new table references `users`, users' relations gain `posts: many(posts)`.
 * The block is created when the table has none.
 */
import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import { ensureNamedImport } from './imports.js';
import type { Transform } from './source.js';

export interface ManyRelation {
  /** Export name of the table that gains the relation (the referenced one). */
  table: string;
  /** Property name of the relation, e.g. `posts`. */
  name: string;
  /** Export name of the referencing table. */
  target: string;
  /** Module to import `target` from; undefined when it lives in the same file. */
  targetModule?: string;
  /** Needed when the referencing table points at this one more than once. */
  relationName?: string;
}

export function addManyRelation(relation: ManyRelation): Transform {
  return (file) => {
    const call = findRelationsCall(file, relation.table);
    const value = `many(${relation.target}${relation.relationName ? `, { relationName: '${relation.relationName}' }` : ''})`;
    if (relation.targetModule) ensureNamedImport(file, relation.targetModule, relation.target);
    if (!call) {
      ensureNamedImport(file, 'drizzle-orm', 'relations');
      const table = file.getVariableDeclaration(relation.table)?.getVariableStatement();
      const index = table ? table.getChildIndex() + 1 : file.getStatements().length;
      // The leading newline keeps a blank line between the table and its relations.
      file.insertStatements(index, `\nexport const ${relation.table}Relations = relations(${relation.table}, ({ many }) => ({ ${relation.name}: ${value} }));`);
      return;
    }
    const callback = call.getArguments()[1];
    if (!callback || !Node.isArrowFunction(callback)) return;
    const body = callback.getBody();
    const object = Node.isParenthesizedExpression(body) ? body.getExpression() : undefined;
    if (!object || !Node.isObjectLiteralExpression(object) || object.getProperty(relation.name)) return;
    // `(r) => ({ team: r.one(teams) })` keeps its style: the new relation is `r.many(...)`.
    const helpers = callback.getParameters()[0]?.getNameNode();
    const prefix = helpers && Node.isIdentifier(helpers) ? `${helpers.getText()}.` : '';
    if (!prefix) ensureHelperParameter(call, 'many');
    object.addPropertyAssignment({ name: relation.name, initializer: `${prefix}${value}` });
  };
}

/** `relations(<table>, ...)` anywhere in the file. */
export function findRelationsCall(file: SourceFile, table: string): CallExpression | undefined {
  return file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((call) => call.getExpression().getText() === 'relations' && call.getArguments()[0]?.getText() === table);
}

/** Makes `({ one })` into `({ one, many })` when the callback needs `many`. */
function ensureHelperParameter(call: CallExpression, helper: 'one' | 'many'): void {
  const callback = call.getArguments()[1];
  if (!callback || !Node.isArrowFunction(callback)) return;
  const parameter = callback.getParameters()[0];
  const binding = parameter?.getNameNode();
  if (!parameter) {
    callback.addParameter({ name: `{ ${helper} }` });
    return;
  }
  if (!binding || !Node.isObjectBindingPattern(binding)) return;
  const names = binding.getElements().map((element) => element.getName());
  if (names.includes(helper)) return;
  parameter.replaceWithText(`{ ${[...names, helper].join(', ')} }`);
}
