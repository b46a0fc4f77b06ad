/**
 * Formats generated code with prettier and the target's own prettier config (or prettier's
 * defaults), so it looks like the code around it. A new file is formatted whole; a patched file
 * only where the patch changed it, so a user's own code keeps its formatting and a 500-line
 * barrel is not re-printed for one added line. prettier is loaded on first use.
 *
 * Commands that know early they will format (table, seed) call startFormatter(): prettier then
 * loads and warms up in a worker thread, on the second core, while this thread loads ts-morph,
 * instead of after it (~0.2 s of a `table` run). The worker runs the very same functions below.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Options } from 'prettier';
import { formatStandalone, prettierConfigMayApply, STANDALONE_FILES } from './prettier-standalone.js';

type Prettier = typeof import('prettier');
let prettierModule: Promise<Prettier> | undefined;

const FORMATTED = /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/;

/** Starts loading prettier and its TypeScript parser. */
export async function loadPrettier(): Promise<Prettier> {
  prettierModule ??= import('prettier');
  return prettierModule;
}

/** Options for a repo without a prettier config: its own style, as adoption read it (else prettier's defaults). */
let fallback: Options | undefined;

export function setFormatFallback(options: Options | undefined): void {
  fallback = options;
  worker?.call('setFallback', [JSON.stringify(options ?? null)]);
}

/** How one file is formatted: prettier's format, and the options prettier resolves for the file. */
interface Formatter {
  prettier: Pick<Prettier, 'format'>;
  options: Options & { filepath: string };
}

/**
 * The full prettier package with the target's config; or, for a TypeScript file no config can
 * reach, prettier's standalone build, which loads in ~half the time and formats the same
 * (./prettier-standalone.ts). Without a config, an adopted repo's own style applies (fallback).
 */
export async function formatterFor(root: string, path: string, { standalone = true } = {}): Promise<Formatter> {
  const filepath = join(root, path);
  if (standalone && STANDALONE_FILES.test(path) && !prettierConfigMayApply(filepath)) return { prettier: { format: formatStandalone }, options: { ...fallback, filepath } };
  const prettier = await loadPrettier();
  return { prettier, options: { ...((await prettier.resolveConfig(filepath, { editorconfig: true })) ?? fallback ?? {}), filepath } };
}

/** A whole new file. */
export async function formatFile(root: string, path: string, content: string): Promise<string> {
  if (worker && FORMATTED.test(path)) return worker.call('formatFile', [root, path, content]);
  return formatFileHere(root, path, content);
}

/**
 * A patched file: prettier's range formatting over each run of lines the patch added, last
 * first so earlier offsets stay valid. Statements the patch did not touch are left as they are.
 */
export async function formatChange(root: string, path: string, before: string, after: string): Promise<string> {
  if (worker && FORMATTED.test(path) && before !== after) return worker.call('formatChange', [root, path, before, after]);
  return formatChangeHere(root, path, before, after);
}

export async function formatFileHere(root: string, path: string, content: string): Promise<string> {
  if (!FORMATTED.test(path)) return content;
  const { prettier, options: config } = await formatterFor(root, path);
  return prettier.format(content, config);
}

export async function formatChangeHere(root: string, path: string, before: string, after: string): Promise<string> {
  if (!FORMATTED.test(path) || before === after) return after;
  const { prettier, options: config } = await formatterFor(root, path);
  const ranges = await addedRanges(before, after);
  const exports = ranges.length === 1 ? await formatAddedExports(prettier, config, after, ranges[0]!) : undefined;
  if (exports !== undefined) return exports;
  let text = after;
  for (const range of ranges.reverse()) {
    text = await prettier.format(text, { ...config, rangeStart: range.start, rangeEnd: range.end });
  }
  return text;
}

/** `export * from './x';` alone on its line, as barrels hold them (no comment, no trailing space). */
const EXPORT_STAR_LINE = /^export \* from (['"])[^'"\\\n]*\1;?$/;

/**
 * The range format of one added run of `export * from` lines in a barrel, without prettier
 * parsing the whole (500-line) barrel: the same text prettier's range formatting gives, or
 * undefined when that is not certain (then the caller range-formats as usual).
 *
 * Why it is the same: prettier's formatRange parses the whole file only to widen the range to the
 * statements it touches, then formats that slice *alone* (coreFormat on the slice, at the slice's
 * indentation) and splices it back, trimmed. When every line of the file is blank, a comment on
 * its own lines, or an `export * from` line, each export line is exactly one top-level statement
 * at column 0, so the widened range is exactly the added export lines (whitespace trimmed), and
 * formatting that slice alone is prettier.format(slice). Anything that could make the whole file
 * matter is excluded: other syntax, CRLF or a BOM, a non-LF endOfLine (the whole file would be
 * converted), pragmas, plugins or a forced parser.
 */
export async function formatAddedExports(
  prettier: Formatter['prettier'],
  config: Formatter['options'],
  text: string,
  range: { start: number; end: number },
): Promise<string | undefined> {
  const plain =
    /\.m?ts$/.test(config.filepath) &&
    config.parser === undefined &&
    (config.plugins === undefined || config.plugins.length === 0) &&
    !config.requirePragma &&
    !config.insertPragma &&
    !(config as { checkIgnorePragma?: boolean }).checkIgnorePragma &&
    (config.endOfLine === undefined || config.endOfLine === 'lf' || config.endOfLine === 'auto') &&
    config.rangeStart === undefined &&
    config.rangeEnd === undefined &&
    (config as { cursorOffset?: number }).cursorOffset === undefined;
  if (!plain || text.includes('\r') || text.startsWith('\uFEFF') || !onlyExportsAndComments(text)) return undefined;
  const added = text.slice(range.start, range.end).split('\n');
  if (!added.some((line) => line !== '') || !added.every((line) => line.trim() === '' || EXPORT_STAR_LINE.test(line))) return undefined;
  const first = text.slice(range.start, range.end).search(/\S/);
  const start = range.start + first;
  const end = range.start + text.slice(range.start, range.end).trimEnd().length;
  const formatted = await prettier.format(text.slice(start, end), config);
  return text.slice(0, start) + formatted.trimEnd() + text.slice(end);
}

/** Every line blank, an `export * from` line, a `//` comment, or part of a block comment on lines of its own. */
function onlyExportsAndComments(text: string): boolean {
  let inComment = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!inComment) {
      if (trimmed === '' || EXPORT_STAR_LINE.test(line) || trimmed.startsWith('//')) continue;
      if (!trimmed.startsWith('/*')) return false;
      inComment = true;
    }
    const close = trimmed.indexOf('*/', inComment && trimmed.startsWith('/*') ? 2 : 0);
    if (close === -1) continue;
    // The comment must end the line, and be its only one.
    if (close !== trimmed.length - 2 || trimmed.indexOf('/*', 2) !== -1) return false;
    inComment = false;
  }
  return !inComment;
}

/** The diff package is imported when a patch is formatted, not by every command that imports this module. */
async function addedRanges(before: string, after: string): Promise<{ start: number; end: number }[]> {
  const { diffLines } = await import('diff');
  const ranges: { start: number; end: number }[] = [];
  let offset = 0;
  for (const part of diffLines(before, after)) {
    if (part.removed) continue;
    if (part.added) ranges.push({ start: offset, end: offset + part.value.length });
    offset += part.value.length;
  }
  return ranges;
}

export type FormatCall = 'formatFile' | 'formatChange' | 'setFallback';

let worker: { call(name: FormatCall, args: string[]): Promise<string> } | undefined;

/**
 * Moves formatting to a worker thread that starts loading prettier now, the one a file in `dir`
 * would get (see formatterFor). Only from the built
 * package (the worker is plain JavaScript); from sources (tests) formatting stays in this thread.
 * The worker holds the process open only while a call is pending; a worker that fails to start
 * or dies rejects what it had pending, and later calls format in this thread.
 */
export function startFormatter(dir: string): void {
  const file = new URL('./format-worker.js', import.meta.url);
  if (worker || !existsSync(file)) return;
  const thread = new Worker(file, { workerData: { dir } });
  thread.unref();
  const pending = new Map<number, { resolve(text: string): void; reject(error: unknown): void }>();
  let next = 0;
  thread.on('message', ({ id, text, error }: { id: number; text?: string; error?: unknown }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) thread.unref();
    if (error !== undefined) call?.reject(error);
    else call?.resolve(text!);
  });
  const fail = (error: unknown) => {
    worker = undefined;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`the formatting worker stopped (exit code ${code})`)));
  worker = {
    call(name, args) {
      const id = next++;
      thread.ref();
      thread.postMessage({ id, name, args });
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
  };
}
