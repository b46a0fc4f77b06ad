/**
 * What one schema file says about its repo's conventions: its quoting and indentation, how it
 * imports, and how its tables spell ids, timestamps, enums and relations. conventions.ts takes the
 * majority over many files.
 */
import { posix } from 'node:path';
import type { SourceFile } from 'ts-morph';
import type { ExemplarColumn } from '../model/manifest.js';
import { isTableCallee, schemaObjectOf } from '../model/table-declarations.js';
import { Node } from '../transforms/ts-morph.js';

export interface FileFacts {
  path: string;
  quotes?: 'single' | 'double';
  semicolons?: boolean;
  indent?: number | 'tab';
  /** Relative import specifiers of the file (`./users`, `./users.js`). */
  relativeImports: string[];
  /** Non-relative, non-package specifiers (path aliases such as `@/db/schema/users`). */
  aliasImports: string[];
  tables: { exportName: string; dbName?: string }[];
  /** Columns naming their database column (`text('first_name')`), and those that do not. */
  explicitNames: number;
  implicitNames: number;
  /** Explicit database column names of several words, in snake_case and in camelCase. */
  snakeNames: number;
  camelNames: number;
  id?: ExemplarColumn;
  timestamps: ExemplarColumn[];
  /** pgEnum declarations in this file. */
  enums: number;
  /** Enums imported from another schema file (a central enums.ts). */
  importedEnumsFrom?: string;
  /** relations() blocks declared here. */
  relations: number;
  /** Builders of text columns holding an enum list (`text({ enum: [...] })`). */
  textEnums: number;
  /** SQLite integer timestamp columns storing seconds (`mode: 'timestamp'`) and milliseconds (`'timestamp_ms'`). */
  secondTimestamps: number;
  millisecondTimestamps: number;
  /** Exports `$inferSelect` / `$inferInsert` types. */
  rowTypes: boolean;
  longestLine: number;
  /** Multi-line lists and objects end with a comma after their last entry. */
  trailingCommas?: boolean;
  /** Its tables are declared on a schema object (`app.table(…)`): that object, and the repo file declaring it. */
  schemaObject?: { name: string; module: string };
}

const TIMESTAMP_KEYS = ['createdAt', 'updatedAt', 'created_at', 'updated_at'];

export function readFileFacts(file: SourceFile, path: string): FileFacts {
  const text = file.getFullText();
  const imports = file.getImportDeclarations();
  const specifiers = imports.map((declaration) => declaration.getModuleSpecifierValue());
  const importedFrom = new Map<string, string>();
  for (const declaration of imports) {
    for (const named of declaration.getNamedImports()) importedFrom.set(named.getAliasNode()?.getText() ?? named.getName(), declaration.getModuleSpecifierValue());
  }
  const facts: FileFacts = {
    path,
    quotes: quoteStyle(imports.map((declaration) => declaration.getModuleSpecifier().getText())),
    semicolons: imports.length > 0 ? imports.filter((declaration) => declaration.getText().trimEnd().endsWith(';')).length * 2 > imports.length : undefined,
    indent: indentOf(text),
    relativeImports: specifiers.filter((specifier) => specifier.startsWith('.')),
    aliasImports: specifiers.filter((specifier) => /^[@~#]\/|^@\w+\/(db|schema)/.test(specifier) && !specifier.startsWith('@types/')),
    tables: [],
    explicitNames: 0,
    implicitNames: 0,
    snakeNames: 0,
    camelNames: 0,
    timestamps: [],
    enums: 0,
    relations: 0,
    textEnums: 0,
    secondTimestamps: 0,
    millisecondTimestamps: 0,
    rowTypes: /\$infer(Select|Insert)|Infer(Select|Insert)Model/.test(text),
    longestLine: Math.max(0, ...text.split('\n').map((line) => line.length)),
    trailingCommas: trailingCommas(text),
  };
  const enumNames = new Set<string>();
  // Schema objects (`app = pgSchema('app')` here, or imported and used as `app.table(`) declare enums as `app.enum(`.
  const schemaObjects = new Set([...text.matchAll(/\b([A-Za-z_$][\w$]*)\s*=\s*(?:pg|mysql)Schema\s*\(|\b([A-Za-z_$][\w$]*)\.table\s*\(/g)].map((match) => (match[1] ?? match[2])!));
  for (const statement of file.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const call = declaration.getInitializer();
      if (!call || !Node.isCallExpression(call)) continue;
      const callee = call.getExpression().getText();
      if (callee === 'pgEnum' || callee === 'mysqlEnum' || (callee.endsWith('.enum') && schemaObjects.has(callee.slice(0, -'.enum'.length)))) {
        facts.enums++;
        enumNames.add(declaration.getName());
      } else if (callee === 'relations') {
        facts.relations++;
      } else if (isTableCallee(callee)) {
        readTable(facts, declaration.getName(), call, importedFrom, path);
        const object = schemaObjectOf(callee);
        // Imported from another schema file, or declared in this one (`= pgSchema('app')`).
        if (object && !facts.schemaObject) facts.schemaObject = { name: object, module: repoPath(importedFrom.get(object), path) ?? path.replace(/\.\w+$/, '') };
      }
    }
  }
  const enumModules = [...importedFrom].filter(([name, from]) => from.startsWith('.') && /Enum$|enum/i.test(name) && text.includes(`${name}(`)).map(([, from]) => from);
  if (enumModules.length > 0) facts.importedEnumsFrom = posix.normalize(posix.join(posix.dirname(path), enumModules[0]!));
  return facts;
}

function readTable(facts: FileFacts, exportName: string, call: import('ts-morph').CallExpression, importedFrom: Map<string, string>, path: string): void {
  const [nameArgument, columns] = call.getArguments();
  const dbName = nameArgument && Node.isStringLiteral(nameArgument) ? nameArgument.getLiteralValue() : undefined;
  facts.tables.push({ exportName, dbName });
  if (!columns || !Node.isObjectLiteralExpression(columns)) return;
  for (const property of columns.getProperties()) {
    // `...timestamps`: shared columns spread from a module of the repo (a columns.ts helper).
    if (Node.isSpreadAssignment(property)) {
      const name = property.getExpression().getText();
      if (/^\w+$/.test(name) && /time|stamp|audit/i.test(name) && !facts.timestamps.some((column) => column.key === `...${name}`)) {
        facts.timestamps.push({ key: `...${name}`, code: '', imports: importsOf(name, importedFrom, path) });
      }
      continue;
    }
    if (!Node.isPropertyAssignment(property)) continue;
    const value = property.getInitializer();
    if (!value) continue;
    const code = value.getText();
    const root = rootCall(value);
    const first = root?.getArguments()[0];
    if (first && Node.isStringLiteral(first)) {
      facts.explicitNames++;
      if (first.getLiteralValue().includes('_')) facts.snakeNames++;
      else if (/[a-z][A-Z]/.test(first.getLiteralValue())) facts.camelNames++;
    } else if (root) {
      facts.implicitNames++;
    }
    if (code.includes('enum:')) facts.textEnums++;
    // Only sqlite-core's integer() has these modes (pg-core and mysql-core say 'string' or 'date').
    if (/\bmode:\s*['"]timestamp['"]/.test(code)) facts.secondTimestamps++;
    if (/\bmode:\s*['"]timestamp_ms['"]/.test(code)) facts.millisecondTimestamps++;
    const key = property.getName();
    const exemplar = () => ({ key, code, imports: importsOf(code, importedFrom, path) });
    if (!facts.id && /\.primaryKey\(/.test(code) && /^_?id$/i.test(key)) facts.id = exemplar();
    if (TIMESTAMP_KEYS.includes(key) && !facts.timestamps.some((column) => column.key === key)) facts.timestamps.push(exemplar());
  }
}

/** A relative import specifier of the file at `path`, as a repo path without extension. */
function repoPath(specifier: string | undefined, path: string): string | undefined {
  if (!specifier?.startsWith('.')) return undefined;
  return posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.(js|ts)$/, '');
}

/** The builder call a column chain starts with: `text('x')` of `text('x').notNull()`. */
function rootCall(value: Node): import('ts-morph').CallExpression | undefined {
  let node: Node | undefined = value;
  let last: import('ts-morph').CallExpression | undefined;
  while (node && Node.isCallExpression(node)) {
    last = node;
    const callee = node.getExpression();
    node = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  }
  return last && Node.isIdentifier(last.getExpression()) ? last : undefined;
}

/** The imported names a column expression uses, by module: what a copy of it needs. */
function importsOf(code: string, importedFrom: Map<string, string>, path: string): Record<string, string[]> {
  const imports: Record<string, string[]> = {};
  for (const [name, from] of importedFrom) {
    if (!new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(code)) continue;
    // A module of the repo (an id generator in ../lib/id) is recorded from the repo root, as
    // `./src/lib/id`, and imported from wherever the new table's file is.
    const module = from.startsWith('.') ? `./${posix.normalize(posix.join(posix.dirname(path), from)).replace(/\.(js|ts)$/, '')}` : from;
    (imports[module] ??= []).push(name);
  }
  return imports;
}

function quoteStyle(literals: string[]): 'single' | 'double' | undefined {
  const single = literals.filter((literal) => literal.startsWith("'")).length;
  const double = literals.filter((literal) => literal.startsWith('"')).length;
  return single === double ? undefined : single > double ? 'single' : 'double';
}

/** The smallest indentation of an indented line: a tab, or a number of spaces. */
function indentOf(text: string): number | 'tab' | undefined {
  let smallest: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) return 'tab';
    const spaces = /^( +)\S/.exec(line)?.[1]?.length;
    // A continuation of a block comment (` * text`) is one space deep by construction.
    if (spaces && !line.trimStart().startsWith('*') && (smallest === undefined || spaces < smallest)) smallest = spaces;
  }
  return smallest;
}

/** Whether the last entry of a multi-line object or list is followed by a comma, by majority. */
function trailingCommas(text: string): boolean | undefined {
  const closers = [...text.matchAll(/([^\s])\n\s*[}\])]/g)].map((match) => match[1]!).filter((last) => last !== '{' && last !== '[' && last !== '(');
  if (closers.length === 0) return undefined;
  const withComma = closers.filter((last) => last === ',').length;
  return withComma * 2 === closers.length ? undefined : withComma * 2 > closers.length;
}
