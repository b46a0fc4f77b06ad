/**
 * What a config's `schema` names, in every form drizzle-kit accepts: one file, a barrel, a folder,
 * a glob, a list of files, or any of these inside build output (`./dist/db/schema/index.js`),
 * mapped back to the TypeScript source a generator edits.
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { SchemaSource } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import { barrelExports, barrelModules, listSourceFiles, type ImportAlias } from '../project/schema-files.js';
import { compilerOptions } from '../project/tsconfig.js';
import { TABLE_CALL } from '../model/table-declarations.js';

export interface ResolvedSchema {
  source: SchemaSource;
  /** Barrel or single schema file (source), or the folder when there is neither. */
  entry: string;
  /** Every schema source file drizzle-kit reads for this config. */
  files: string[];
  /** The path as the config writes it, when it points at build output (check verifies it exists). */
  buildPath?: string;
}

const GLOB = /[*?{[]/;
const SOURCE_FILE = /\.(ts|mts|cts)$/;

const clean = (path: string) => posix.normalize(path.replace(/^\.\//, '')).replace(/\/$/, '');

export function resolveSchema(tree: Tree, schema: string | string[], scripts: Record<string, string>, aliases: readonly ImportAlias[] = []): ResolvedSchema {
  const paths = (Array.isArray(schema) ? schema : [schema]).map(clean);
  const build = buildMapping(tree, paths[0]!, scripts);
  const sources = build ? paths.map((path) => toSource(path, build)) : paths;
  const buildPath = build ? paths[0] : undefined;
  const withBuild = (source: Omit<SchemaSource, 'build'>): SchemaSource => (build ? { ...source, build: { script: build.script, output: paths[0]! } } : source);
  // A folder's entry is its barrel, when it has one.
  const entryOf = (folder: string) => (tree.exists(`${folder}/index.ts`) ? `${folder}/index.ts` : folder);

  if (Array.isArray(schema)) {
    const files = sources.flatMap((path) => expand(tree, path));
    const folder = commonFolder(files);
    return { source: withBuild({ kind: 'array', folder }), entry: entryOf(folder), files, buildPath };
  }
  const path = sources[0]!;
  if (GLOB.test(path)) {
    const folder = globBase(path);
    return { source: withBuild({ kind: 'glob', folder }), entry: entryOf(folder), files: expand(tree, path), buildPath };
  }
  if (SOURCE_FILE.test(path)) {
    const text = tree.read(path) ?? '';
    const isBarrel = barrelExports(text).length > 0 && !new RegExp(TABLE_CALL).test(text);
    const folder = posix.dirname(path);
    const files = isBarrel ? [path, ...barrelModules(tree, path, aliases)] : [path];
    return { source: withBuild({ kind: isBarrel ? 'barrel' : 'file', folder }), entry: path, files, buildPath };
  }
  return { source: withBuild({ kind: 'folder', folder: path }), entry: entryOf(path), files: expand(tree, `${path}/**/*.ts`), buildPath };
}

/** Where build output comes from: tsconfig's outDir -> rootDir (default: the folder holding the sources). */
function buildMapping(tree: Tree, path: string, scripts: Record<string, string>): { outDir: string; rootDir: string; script: string } | undefined {
  if (SOURCE_FILE.test(path) && !path.endsWith('.d.ts')) return undefined;
  const script = Object.keys(scripts).find((name) => name === 'build') ?? Object.keys(scripts).find((name) => /\btsc\b/.test(scripts[name]!)) ?? 'build';
  // The tsconfig the build compiles with (`tsc -p tsconfig.build.json`), else tsconfig.json.
  const project = clean(/\btsc\b.*?(?:-p|--project)\s+(\S+)/.exec(scripts[script] ?? '')?.[1] ?? 'tsconfig.json');
  // `tsc -p .` or `-p packages/api` names a folder: its tsconfig.json.
  const tsconfig = project.endsWith('.json') ? project : posix.join(project, 'tsconfig.json');
  const options = compilerOptions((file) => tree.read(file), tsconfig, 0) as { outDir?: string; rootDir?: string };
  const outDir = options.outDir ? clean(options.outDir) : ['dist', 'build', 'out', 'lib'].find((dir) => path.startsWith(`${dir}/`));
  if (!outDir || !(path === outDir || path.startsWith(`${outDir}/`))) return undefined;
  const rootDir = options.rootDir ? clean(options.rootDir) : existsSync(join(tree.root, 'src')) ? 'src' : '.';
  return { outDir, rootDir, script };
}

function toSource(path: string, build: { outDir: string; rootDir: string }): string {
  const inside = path.slice(build.outDir.length).replace(/^\//, '');
  const mapped = clean(posix.join(build.rootDir, inside));
  return mapped.replace(/\.(m|c)?js$/, (_, kind: string | undefined) => `.${kind ?? ''}ts`);
}

/** The files of a path or glob, read from the disk (`**` any folders, `*` any name part). */
function expand(tree: Tree, pattern: string): string[] {
  if (!GLOB.test(pattern)) return tree.exists(pattern) ? [pattern] : [];
  const base = globBase(pattern);
  const matcher = globRegExp(pattern);
  return listSourceFiles(tree.root, base).filter((file) => matcher.test(file));
}

export function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const index = parts.findIndex((part) => GLOB.test(part));
  return parts.slice(0, index).join('/') || '.';
}

function globRegExp(pattern: string): RegExp {
  let out = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      out += pattern[index + 2] === '/' ? '(?:.*/)?' : '.*';
      index += pattern[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '{') {
      const end = pattern.indexOf('}', index);
      out += `(?:${pattern.slice(index + 1, end).split(',').map(escape).join('|')})`;
      index = end;
    } else out += escape(char);
  }
  return new RegExp(`^${out}$`);
}

const escape = (text: string) => text.replace(/[.+^$()|\\]/g, '\\$&');

function commonFolder(files: string[]): string {
  if (files.length === 0) return '.';
  const split = files.map((file) => posix.dirname(file).split('/'));
  const common: string[] = [];
  for (let index = 0; split.every((parts) => parts[index] !== undefined && parts[index] === split[0]![index]); index++) common.push(split[0]![index]!);
  return common.join('/') || '.';
}
