/**
 * Runs ts-morph transforms string-in / string-out. ts-morph is imported on first use only
 * (~0.5 s), and works on an in-memory file system holding just the file being patched — never
 * the target's tsconfig or its other files.
 */
import type { Project, SourceFile } from 'ts-morph';
import { loadTsMorph } from './ts-morph.js';

/**
 * A transform patches one file in place; it returns early when its work is already done. One
 * that can make the very same edit on the text alone (`onText`, e.g. the barrel's one insert)
 * skips ts-morph's file wrapping when every transform of a file can.
 */
export type Transform = ((file: SourceFile) => void) & { onText?: (path: string, text: string) => string };

let project: Promise<Project> | undefined;

async function getProject(): Promise<Project> {
  // A CommonJS require through ./ts-morph.js, not import('ts-morph'): see that module. It also
  // sets the ts-morph bindings the transforms and readers use.
  project ??= Promise.resolve().then(() => {
    const { Project, QuoteKind } = loadTsMorph();
    return new Project({
      useInMemoryFileSystem: true,
      skipLoadingLibFiles: true,
      manipulationSettings: { quoteKind: QuoteKind.Single },
    });
  });
  return project;
}

export async function transformSource(path: string, text: string, transforms: readonly Transform[]): Promise<string> {
  if (transforms.length > 0 && transforms.every((transform) => transform.onText)) {
    loadTsMorph();
    return transforms.reduce((current, transform) => transform.onText!(path, current), text);
  }
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
