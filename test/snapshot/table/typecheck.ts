/**
 * Type-checks generated files in memory with ts-morph's bundled TypeScript, against this repo's
 * drizzle-orm (the pinned version generated repos get). Files are placed under a folder next to
 * this file that is never written, so `drizzle-orm`, `pg`, `@types/node` resolve from
 * /work/main/node_modules. The id packages (ulid, nanoid, cuid2) are not installed here, so they
 * are declared.
 */
import path from 'node:path';
import { Project, ts } from 'ts-morph';

const BASE = path.join(import.meta.dirname, '__typecheck__');

const ID_PACKAGES = `declare module 'ulid' { export function ulid(): string; }
declare module 'nanoid' { export function nanoid(size?: number): string; }
declare module '@paralleldrive/cuid2' { export function createId(): string; }
`;

/** Type errors of `files` (relative path -> content), one line each, as `path:line: message`. */
export function typeErrors(files: Record<string, string>, moduleResolution: 'bundler' | 'nodenext' = 'bundler'): string[] {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: moduleResolution === 'bundler' ? ts.ModuleKind.ESNext : ts.ModuleKind.NodeNext,
      moduleResolution: moduleResolution === 'bundler' ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
  });
  project.createSourceFile(path.join(BASE, 'id-packages.d.ts'), ID_PACKAGES);
  for (const [file, text] of Object.entries(files)) project.createSourceFile(path.join(BASE, file), text);
  return project.getPreEmitDiagnostics().map((diagnostic) => {
    const file = diagnostic.getSourceFile();
    const where = file ? `${path.relative(BASE, file.getFilePath())}:${diagnostic.getLineNumber() ?? 0}` : '(global)';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, ' ')}`;
  });
}
