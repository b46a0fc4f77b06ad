/**
 * Appends declarations to a central file an adopted repo keeps (enums.ts, relations.ts), with the
 * imports they need. Idempotent: a name the file already declares is not declared again.
 */
import { ensureNamedImport } from './imports.js';
import type { Transform } from './source.js';

export interface Declarations {
  /** The code to append, e.g. `export const commentStatus = pgEnum(...)`. */
  code: string;
  /** Names the code declares: when the file has the first, it is already there. */
  names: string[];
  imports: { module: string; name: string }[];
}

export function appendDeclarations(declarations: Declarations): Transform {
  return (file) => {
    if (declarations.names.some((name) => file.getVariableDeclaration(name))) return;
    for (const { module, name } of declarations.imports) ensureNamedImport(file, module, name);
    const text = file.getFullText();
    file.insertText(text.length, `${text.endsWith('\n') ? '' : '\n'}\n${declarations.code.trim()}\n`);
  };
}
