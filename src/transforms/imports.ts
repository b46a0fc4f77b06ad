/**
 * Import bookkeeping shared by transforms.
 */
import type { SourceFile } from 'ts-morph';

/** Adds `import { name } from 'module'`, reusing an existing import of that module. */
export function ensureNamedImport(file: SourceFile, module: string, name: string, typeOnly = false): void {
  const existing = file.getImportDeclarations().find((declaration) => declaration.getModuleSpecifierValue() === module && declaration.isTypeOnly() === typeOnly);
  if (existing) {
    const names = existing.getNamedImports().map((named) => named.getName());
    if (names.includes(name)) return;
    // A sorted list stays sorted; any other order gets the name at its end.
    const sorted = names.every((entry, index) => index === 0 || names[index - 1]!.localeCompare(entry) <= 0);
    const position = sorted ? names.findIndex((entry) => entry.localeCompare(name) > 0) : -1;
    if (position === -1) existing.addNamedImport(name);
    else existing.insertNamedImport(position, name);
    return;
  }
  // Package imports go before relative ones, as import sorters and people order them.
  const imports = file.getImportDeclarations();
  const firstRelative = module.startsWith('.') ? undefined : imports.find((declaration) => declaration.getModuleSpecifierValue().startsWith('.'));
  const first = file.getStatements()[0];
  if (imports.length === 0 && first) {
    // After the file's header comment, which belongs to the file, not to its first statement.
    file.insertText(first.getStart(), `import ${typeOnly ? 'type ' : ''}{ ${name} } from '${module}';\n\n`);
    return;
  }
  const index = firstRelative ? firstRelative.getChildIndex() : imports.length > 0 ? imports.at(-1)!.getChildIndex() + 1 : 0;
  file.insertImportDeclaration(index, { moduleSpecifier: module, namedImports: [name], isTypeOnly: typeOnly });
}
