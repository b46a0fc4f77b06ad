/**
 * The house style of each adoption fixture, as the team wrote it, and a check that the code
 * `table` added follows it: quotes, semicolons, indentation, explicit column names or config
 * casing, the id strategy, and (where the fixture shows one) where enums and relations live. The
 * snapshots show the whole file; this names what is off in one line each.
 */
import type { Variant } from './adopt.js';

interface Style {
  quote: "'" | '"';
  semicolons: boolean;
  indent: 2 | 4;
  /** `text('body')` written out, or bare `text()` with `casing: 'snake_case'` in the config */
  columnNames: 'explicit' | 'casing';
  /** how the neighbours declare their id column */
  id: RegExp;
  /** the id of files under a folder that differs (a dual repo's PostgreSQL side), by path fragment */
  idIn?: Record<string, RegExp>;
  /** where the fixture keeps enums: a pgEnum in the table file, the central enums.ts, text columns, or MySQL's inline mysqlEnum */
  enums?: 'pg-enum' | 'enums.ts' | 'text' | 'mysql-enum';
  /** where the fixture keeps relations: next to each table, or in the central relations.ts */
  relations?: 'table' | 'relations.ts';
  /** relative imports end in .js (NodeNext) */
  jsExtensions?: true;
  /** how the neighbours declare createdAt (where the fixture's dialect has its own way) */
  createdAt?: RegExp;
  /** how the neighbours declare a foreign key column to posts.id (its type must match the key's) */
  postReference?: RegExp;
  /** what the neighbours' exports are called, for the comments table (default `comments`) */
  exportName?: string;
  /** how the neighbours declare a table, up to the parenthesis (default a `pgTable`-like function) */
  tableCall?: RegExp;
  /** a central file of the repo's own that the new enum goes to (a pgSchema's file), and how it reads there */
  enumIn?: { file: string; pattern: RegExp };
}

const SERIAL = /\bid: serial\(/;
const UUID = /\bid: uuid\(/;
const IDENTITY = /\bid: integer\([^\n]*\.generatedAlwaysAsIdentity\(\)/;

export const STYLES: Record<Variant, Style> = {
  'single-schema-file': { quote: '"', semicolons: true, indent: 2, columnNames: 'explicit', id: SERIAL, enums: 'pg-enum', relations: 'table' },
  'folder-barrel': { quote: "'", semicolons: false, indent: 2, columnNames: 'casing', id: UUID, enums: 'text', relations: 'table' },
  'array-config': { quote: "'", semicolons: true, indent: 4, columnNames: 'explicit', id: IDENTITY },
  'folder-config': { quote: '"', semicolons: true, indent: 4, columnNames: 'casing', id: /\bid: text\(\)[\s\S]{0,80}createId\(\)/ },
  'glob-config': { quote: "'", semicolons: true, indent: 2, columnNames: 'explicit', id: /\bid: integer\([^\n]*\.generatedByDefaultAsIdentity\(\)/ },
  'dist-config': { quote: "'", semicolons: true, indent: 2, columnNames: 'casing', id: UUID, jsExtensions: true },
  'js-extensions': { quote: '"', semicolons: false, indent: 2, columnNames: 'explicit', id: SERIAL, jsExtensions: true },
  commonjs: { quote: "'", semicolons: true, indent: 2, columnNames: 'explicit', id: SERIAL, enums: 'text', relations: 'table' },
  'path-aliases': { quote: "'", semicolons: true, indent: 2, columnNames: 'casing', id: UUID },
  'two-databases': { quote: "'", semicolons: false, indent: 2, columnNames: 'casing', id: IDENTITY },
  // Each dialect keeps its own id: SQLite's autoincrement integer, PostgreSQL's serial.
  'dual-dialect': {
    quote: '"',
    semicolons: true,
    indent: 4,
    columnNames: 'explicit',
    id: /\bid: integer\("id"\)\.primaryKey\(\{ autoIncrement: true \}\)/,
    idIn: { '/postgres/': /\bid: serial\("id"\)\.primaryKey\(\)/ },
    enums: 'text',
  },
  'central-relations-enums': { quote: "'", semicolons: true, indent: 2, columnNames: 'explicit', id: SERIAL, enums: 'enums.ts', relations: 'relations.ts' },
  'throwing-config': { quote: "'", semicolons: false, indent: 2, columnNames: 'casing', id: UUID },
  'sqlite-libsql': {
    quote: '"',
    semicolons: true,
    indent: 2,
    columnNames: 'explicit',
    id: /\bid: integer\("id"\)\.primaryKey\(\{ autoIncrement: true \}\)/,
    enums: 'text',
    relations: 'table',
    createdAt: /\bcreatedAt: integer\("created_at", \{ mode: "timestamp" \}\)\s*\.notNull\(\)\s*\.default\(sql`\(unixepoch\(\)\)`\)/,
    postReference: /\bpostId: integer\("post_id"\)/,
  },
  // An INT AUTO_INCREMENT key (serial() is refused by MariaDB: drizzle-kit writes `serial AUTO_INCREMENT`).
  // drizzle's getting-started guide: tables exported as usersTable, identity ids, casing in the config.
  'drizzle-guide': {
    quote: '"',
    semicolons: true,
    indent: 2,
    columnNames: 'casing',
    id: IDENTITY,
    enums: 'text',
    relations: 'table',
    exportName: 'commentsTable',
    postReference: /\bpostId: integer\(\)[\s\S]{0,40}\.references\(\(\) => postsTable\.id\)/,
    createdAt: /\bupdatedAt: timestamp\(\)[\s\S]{0,60}\.\$onUpdate\(\(\) => new Date\(\)\)/,
  },
  // Tables and enums of the cms PostgreSQL schema, declared on its object.
  'pg-schema': {
    quote: "'",
    semicolons: false,
    indent: 2,
    columnNames: 'explicit',
    id: UUID,
    relations: 'table',
    tableCall: /export const comments = cms\.table\(/,
    enumIn: { file: 'src/db/schema/cms.ts', pattern: /export const commentStatus = cms\.enum\('comment_status', \['visible', 'hidden'\]\)/ },
    createdAt: /\bcreatedAt: timestamp\('created_at', \{ withTimezone: true \}\)\.notNull\(\)\.defaultNow\(\)/,
  },
  mysql: {
    quote: "'",
    semicolons: false,
    indent: 2,
    columnNames: 'explicit',
    id: /\bid: int\('id'\)\.autoincrement\(\)\.primaryKey\(\)/,
    enums: 'mysql-enum',
    createdAt: /\bcreatedAt: timestamp\('created_at'\)\.defaultNow\(\)\.notNull\(\)/,
    postReference: /\bpostId: int\('post_id'\)/,
  },
};

/**
 * What is off in the code `table` added for the comments table, one line per problem ([] when it
 * reads like the neighbours). `added` maps each changed file to the code added to it: the whole
 * text of a new file, the added lines of a patched one.
 */
export function styleProblems(variant: Variant, added: Record<string, string>): string[] {
  const style = STYLES[variant];
  const tableFiles = Object.keys(added).filter((file) => /(?:Table|\.table)\(\s*['"]comments['"]/.test(added[file]!));
  if (tableFiles.length === 0) return ['no changed file defines the comments table'];
  // A dual repo gets the table in each dialect's folder: each must read like its own neighbours.
  return tableFiles.flatMap((tableFile) => tableProblems(style, tableFile, added));
}

function tableProblems(style: (typeof STYLES)[Variant], tableFile: string, added: Record<string, string>): string[] {
  const code = added[tableFile]!;
  const problems: string[] = [];
  const expectIn = (text: string, pattern: RegExp, what: string) => {
    if (!pattern.test(text)) problems.push(`${tableFile}: ${what} (expected ${pattern})`);
  };

  const otherQuote = style.quote === "'" ? '"' : "'";
  if (new RegExp(`from ${otherQuote}`).test(code) || new RegExp(`Table\\(${otherQuote}`).test(code)) problems.push(`${tableFile}: uses ${otherQuote} quotes; the repo uses ${style.quote}`);
  const endsWithSemicolon = /;\s*$/m.test(code);
  if (endsWithSemicolon !== style.semicolons) problems.push(`${tableFile}: ${style.semicolons ? 'no' : 'has'} semicolons; the repo ${style.semicolons ? 'uses' : 'omits'} them`);
  const indent = /^( +)\S/m.exec(code)?.[1]?.length;
  if (indent !== style.indent) problems.push(`${tableFile}: indented by ${indent} spaces; the repo uses ${style.indent}`);
  expectIn(code, style.columnNames === 'explicit' ? /\bbody: text\((['"])body\1\)/ : /\bbody: text\(\)/, `${style.columnNames} column names`);
  const id = Object.entries(style.idIn ?? {}).find(([fragment]) => tableFile.includes(fragment))?.[1] ?? style.id;
  expectIn(code, id, 'the id column of the neighbours');
  if (style.jsExtensions && /from ['"]\.{1,2}\/[^'"]*(?<!\.js)['"]/.test(code)) problems.push(`${tableFile}: a relative import without .js; the repo uses NodeNext endings`);

  const enumsFile = Object.keys(added).find((file) => file.endsWith('/enums.ts'));
  if (style.enums === 'pg-enum') expectIn(code, /pgEnum\([^)]*visible/, 'a pgEnum next to the table');
  if (style.enums === 'text') expectIn(code, /enum: \[[^\]]*visible/, 'a text enum column');
  if (style.enums === 'mysql-enum') expectIn(code, /\bstatus: mysqlEnum\([^)]*visible/, 'an inline mysqlEnum column');
  if (style.createdAt) expectIn(code, style.createdAt, 'the createdAt column of the neighbours');
  if (style.postReference) expectIn(code, style.postReference, 'a key column of the referenced id\'s type');
  if (style.enums === 'enums.ts' && !(enumsFile && /pgEnum\([^)]*visible/.test(added[enumsFile]!))) problems.push('enums.ts: the new pgEnum belongs there');

  const relationsFile = Object.keys(added).find((file) => file.endsWith('/relations.ts'));
  const exportName = style.exportName ?? 'comments';
  const ownRelations = new RegExp(`relations\\(${exportName},`);
  if (style.relations === 'table') expectIn(code, ownRelations, 'relations next to the table');
  if (style.relations === 'relations.ts' && !(relationsFile && ownRelations.test(added[relationsFile]!))) problems.push('relations.ts: commentsRelations belongs there');
  expectIn(code, style.tableCall ?? new RegExp(`export const ${exportName} = \\w+Table\\(`), 'declared and exported as the neighbours are');
  if (style.enumIn && !style.enumIn.pattern.test(added[style.enumIn.file] ?? '')) problems.push(`${style.enumIn.file}: the new enum belongs there (expected ${style.enumIn.pattern})`);
  return problems;
}

/** The code a diff adds: its `+` lines without the marker. */
export function addedLines(diff: string): string {
  return diff
    .split('\n')
    .filter((line) => line.startsWith('+') && !line.startsWith('+++'))
    .map((line) => line.slice(1))
    .join('\n');
}
