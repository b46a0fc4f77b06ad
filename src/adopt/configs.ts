/**
 * The drizzle-kit configs of a repo that already has Drizzle, read as source with ts-morph and
 * never executed: configs often throw without their secrets (`if (!process.env.DATABASE_URL)
 * throw …`), and running a stranger's code to learn a file name would be rude.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Expression, ObjectLiteralExpression, SourceFile } from 'ts-morph';
import type { Tree } from '../plan/index.js';
import { findConfigObject } from '../transforms/drizzle-config.js';
import { inspectSource } from '../transforms/source.js';
import { Node } from '../transforms/ts-morph.js';

/** drizzle.config.ts, drizzle.<name>.config.ts, drizzle.config.<name>.ts, and their js/mjs/cjs/json forms. */
const CONFIG_FILE = /^drizzle(?:\.([\w-]+))?\.config(?:\.([\w-]+))?\.(ts|mts|cts|js|mjs|cjs|json)$/;

/** drizzle-kit's own preference when several unnamed configs exist. */
const UNNAMED_ORDER = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'json'];

export interface DetectedConfig {
  file: string;
  /** undefined: the unnamed config (drizzle.config.ts), drizzle-kit's default. */
  name?: string;
  dialect?: string;
  /** As written: one path or glob, or a list. */
  schema?: string | string[];
  out?: string;
  casing?: string;
  migrationsTable?: string;
  migrationsSchema?: string;
  /** drizzle-kit's `driver` (pglite, turso, d1-http…). */
  driver?: string;
  /** Variables the credentials come from (process.env.X). */
  env: string[];
  /** Properties present but not literal values (a variable, a function call): reported as ambiguous. */
  unresolved: string[];
}

/** The config files at the repo root, the unnamed one first (drizzle-kit's default). */
export function findConfigFiles(root: string): { file: string; name?: string }[] {
  // A folder init is about to create has no configs.
  const found = (existsSync(root) ? readdirSync(root) : [])
    .map((file) => ({ file, match: CONFIG_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ file, name: match[1] ?? match[2], extension: match[3]! }));
  const unnamed = found.filter((entry) => entry.name === undefined).sort((a, b) => UNNAMED_ORDER.indexOf(a.extension) - UNNAMED_ORDER.indexOf(b.extension));
  // drizzle-kit reads only the first unnamed config; the others are leftovers it never sees.
  const named = found.filter((entry) => entry.name !== undefined).sort((a, b) => a.file.localeCompare(b.file));
  return [...unnamed.slice(0, 1), ...named].map(({ file, name }) => ({ file, name }));
}

/** Folders no drizzle config of the repo's own lives in. */
const NOT_SEARCHED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor']);

/**
 * drizzle configs in the repo's subfolders (a monorepo's packages/db), up to `depth` levels down,
 * as repo-relative paths: init at the root of such a repo would otherwise scaffold a second layer
 * beside the one it meant to adopt.
 */
export function findNestedConfigs(root: string, depth = 3): string[] {
  const found: string[] = [];
  const walk = (dir: string, level: number): void => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory() && level < depth && !entry.name.startsWith('.') && !NOT_SEARCHED.has(entry.name)) walk(path, level + 1);
      else if (level > 0 && entry.isFile() && CONFIG_FILE.test(entry.name)) found.push(path);
    }
  };
  walk('', 0);
  return found.sort();
}

export async function readConfig(tree: Tree, file: string, name?: string): Promise<DetectedConfig> {
  const text = tree.read(file) ?? '';
  if (file.endsWith('.json')) return readJsonConfig(text, file, name);
  return inspectSource(file.replace(/\.(mjs|cjs|js|mts|cts)$/, '.ts'), text, (source) => readSourceConfig(source, file, name));
}

function readJsonConfig(text: string, file: string, name?: string): DetectedConfig {
  const json = JSON.parse(text) as Record<string, unknown>;
  const migrations = (json.migrations ?? {}) as Record<string, unknown>;
  const string = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const schema = Array.isArray(json.schema) ? json.schema.filter((entry): entry is string => typeof entry === 'string') : string(json.schema);
  return {
    file,
    name,
    dialect: string(json.dialect),
    schema,
    out: string(json.out),
    casing: string(json.casing),
    migrationsTable: string(migrations.table),
    migrationsSchema: string(migrations.schema),
    driver: string(json.driver),
    env: [],
    unresolved: [],
  };
}

function readSourceConfig(source: SourceFile, file: string, name?: string): DetectedConfig {
  const config: DetectedConfig = { file, name, env: [], unresolved: [] };
  const object = findConfigObject(source);
  if (!object) {
    config.unresolved.push('the config object (no defineConfig({ … }) or exported object literal)');
    return config;
  }
  const literal = (key: string, from: ObjectLiteralExpression = object): string | undefined => {
    const value = propertyValue(from, key);
    if (value === undefined) return undefined;
    const resolved = stringValue(value);
    if (resolved === undefined) config.unresolved.push(key);
    return resolved;
  };
  config.dialect = literal('dialect');
  config.out = literal('out');
  config.casing = literal('casing');
  config.driver = literal('driver');
  const schema = propertyValue(object, 'schema');
  if (schema && Node.isArrayLiteralExpression(schema)) {
    const entries = schema.getElements().map(stringValue);
    if (entries.every((entry): entry is string => entry !== undefined)) config.schema = entries;
    else config.unresolved.push('schema');
  } else if (schema) {
    config.schema = stringValue(schema);
    if (config.schema === undefined) config.unresolved.push('schema');
  }
  const migrations = propertyValue(object, 'migrations');
  if (migrations && Node.isObjectLiteralExpression(migrations)) {
    config.migrationsTable = literal('table', migrations);
    config.migrationsSchema = literal('schema', migrations);
  }
  // The variables the whole file reads: credentials are often built above the object.
  config.env = envVariables(source.getFullText());
  return config;
}

/** The variables a module reads (`process.env.X`, `process.env['X']`), each once. */
export function envVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/process\.env(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])/g)].map((match) => match[1] ?? match[2]!))];
}

/** A property's initializer, following a shorthand (`{ schema }`) to its variable. */
function propertyValue(object: ObjectLiteralExpression, key: string): Expression | undefined {
  const property = object.getProperty(key);
  if (property && Node.isPropertyAssignment(property)) return unwrap(property.getInitializer());
  if (property && Node.isShorthandPropertyAssignment(property)) {
    return unwrap(property.getSourceFile().getVariableDeclaration(key)?.getInitializer());
  }
  return undefined;
}

function unwrap(expression: Expression | undefined): Expression | undefined {
  let current = expression;
  while (current && (Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isParenthesizedExpression(current))) current = current.getExpression();
  // A const of the same file: `const schemaPath = './src/db/schema'`.
  if (current && Node.isIdentifier(current)) {
    const initializer = current.getSourceFile().getVariableDeclaration(current.getText())?.getInitializer();
    if (initializer) return unwrap(initializer);
  }
  return current;
}

function stringValue(expression: Expression | undefined): string | undefined {
  const value = unwrap(expression);
  if (value && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value))) return value.getLiteralValue();
  return undefined;
}
