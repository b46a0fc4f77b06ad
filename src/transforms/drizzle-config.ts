/**
 * drizzle.config.ts: when `schema` is an explicit array of files, a new table file joins it.
 * A single path, a folder or a glob already covers new files and is left alone.
 */
import type { ObjectLiteralExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import type { Transform } from './source.js';

export function addConfigSchemaEntry(path: string): Transform {
  return (file) => {
    const schema = findConfigObject(file)?.getProperty('schema');
    if (!schema || !Node.isPropertyAssignment(schema)) return;
    const array = schema.getInitializer();
    if (!array || !Node.isArrayLiteralExpression(array)) return;
    const entries = array.getElements().map((element) => (Node.isStringLiteral(element) ? element.getLiteralValue() : ''));
    // A glob in the list already covers new files.
    if (entries.some((entry) => /[*?{]/.test(entry))) return;
    const normalize = (value: string) => value.replace(/^\.\//, '');
    if (entries.some((entry) => normalize(entry) === normalize(path))) return;
    const quote = array.getElements()[0]?.getText()[0] ?? "'";
    array.addElement(`${quote}${entries.some((entry) => entry.startsWith('./')) ? './' : ''}${normalize(path)}${quote}`);
  };
}

/** The object given to defineConfig(), or the object literal exported by default. */
export function findConfigObject(file: SourceFile): ObjectLiteralExpression | undefined {
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const argument = call.getArguments()[0];
    if (call.getExpression().getText() === 'defineConfig' && argument && Node.isObjectLiteralExpression(argument)) return argument;
  }
  let exported = file.getExportAssignment((assignment) => !assignment.isExportEquals())?.getExpression();
  // `export default { … } satisfies Config`, `as Config`, or `export default config` of a const.
  while (exported && (Node.isSatisfiesExpression(exported) || Node.isAsExpression(exported) || Node.isParenthesizedExpression(exported))) {
    exported = exported.getExpression();
  }
  if (exported && Node.isIdentifier(exported)) exported = file.getVariableDeclaration(exported.getText())?.getInitializer();
  while (exported && (Node.isSatisfiesExpression(exported) || Node.isAsExpression(exported))) exported = exported.getExpression();
  return exported && Node.isObjectLiteralExpression(exported) ? exported : undefined;
}
