/**
 * Runs ts-morph transforms string-in / string-out. ts-morph is imported on first use only
 * (~0.5 s), and works on an in-memory file system holding just the file being patched — never
 * the target's tsconfig or its other files.
 */
import type { Project, SourceFile } from 'ts-morph';

/** A transform patches one file in place; it returns early when its work is already done. */
export type Transform = (file: SourceFile) => void;

let project: Promise<Project> | undefined;

async function getProject(): Promise<Project> {
  project ??= import('ts-morph').then(
    ({ Project, QuoteKind }) =>
      new Project({
        useInMemoryFileSystem: true,
        skipLoadingLibFiles: true,
        manipulationSettings: { quoteKind: QuoteKind.Single },
      }),
  );
  return project;
}

export async function transformSource(path: string, text: string, transforms: readonly Transform[]): Promise<string> {
  const files = await getProject();
  const file = files.createSourceFile(`/${path}`, text, { overwrite: true });
  try {
    for (const transform of transforms) transform(file);
    return file.getFullText();
  } finally {
    files.removeSourceFile(file);
  }
}

/** Reads facts from a file with ts-morph without changing it. */
export async function inspectSource<T>(path: string, text: string, read: (file: SourceFile) => T): Promise<T> {
  const files = await getProject();
  const file = files.createSourceFile(`/${path}`, text, { overwrite: true });
  try {
    return read(file);
  } finally {
    files.removeSourceFile(file);
  }
}
