/**
 * styleTable: a table model in an adopted repo's style (string-level checks of the rendered file).
 */
import { describe, expect, it } from 'vitest';
import type { Style } from '../../../src/model/manifest.js';
import { parseFields } from '../../../src/model/fields.js';
import { buildTable } from '../../../src/model/table.js';
import { nameColumn, styleTable } from '../../../src/model/table-style.js';
import { renderTemplate } from '../../../src/render/templates.js';

const STYLE: Style = {
  fileNaming: 'kebab',
  quotes: 'double',
  semicolons: false,
  indent: 4,
  explicitColumnNames: true,
  moduleSystem: 'esm',
  idColumn: { key: 'id', code: 'serial("id").primaryKey()', imports: { 'drizzle-orm/pg-core': ['serial'] } },
  timestampColumns: [{ key: 'createdAt', code: 'timestamp("created_at", { mode: "string" }).defaultNow()', imports: { 'drizzle-orm/pg-core': ['timestamp'] } }],
  enumsFile: 'src/db/schema/enums.ts',
  relations: 'central',
  relationsFile: 'src/db/schema/relations.ts',
  rowTypes: false,
};

const model = () =>
  buildTable({
    name: 'comments',
    fields: parseFields(['body:text:notNull', 'post:references', 'status:enum(visible|hidden)']),
    casing: 'snake_case',
    idStrategy: 'uuid',
    enumStyle: 'pg-enum',
    timestamps: true,
    references: new Map([['posts', { exportName: 'posts', module: './posts', columnBuilder: 'integer()' }]]),
  });

describe('nameColumn', () => {
  it.each([
    ['text()', 'text(\'body\')'],
    ['varchar({ length: 200 })', "varchar('title', { length: 200 })"],
    ['commentStatus().notNull()', "commentStatus('status').notNull()"],
    ["text('already')", "text('already')"],
  ])('%s', (code, expected) => {
    const name = expected.match(/'(\w+)'/)![1]!;
    expect(nameColumn(code, name)).toBe(expected);
  });
});

describe('styleTable', () => {
  it('copies the repo id and timestamps, names columns, moves enums and relations out', () => {
    const styled = styleTable(model(), { style: STYLE, casing: 'snake_case', timestamps: true, ownKey: false, file: 'src/db/schema/comments.ts', repoModule: (path) => `./${path.slice(path.lastIndexOf('/') + 1).replace(/\.ts$/, '')}` });
    const text = renderTemplate('table/table.ts', styled.model);
    expect(text).toContain('id: serial("id").primaryKey(),');
    expect(text).toContain("body: text('body').notNull(),");
    expect(text).toContain("postId: integer('post_id').references(() => posts.id),");
    expect(text).toContain("status: commentStatus('status'),");
    expect(text).toContain('createdAt: timestamp("created_at", { mode: "string" }).defaultNow(),');
    expect(text).not.toContain('updatedAt');
    expect(text).not.toContain('pgEnum');
    expect(text).not.toContain('relations(');
    expect(text).not.toContain('$inferSelect');
    expect(text).toContain("import { commentStatus } from './enums';");
    expect(text).toContain("import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';");
    expect(styled.centralEnums.map((entry) => entry.exportName)).toEqual(['commentStatus']);
    expect(styled.centralRelations).toBe(true);
  });

  it('keeps relations in the table file when the repo does, and none when it has none', () => {
    const perTable = styleTable(model(), { style: { ...STYLE, relations: 'per-table', relationsFile: undefined }, casing: 'snake_case', timestamps: true, ownKey: false, file: 'src/db/schema/comments.ts', repoModule: (path) => `./${path}` });
    expect(renderTemplate('table/table.ts', perTable.model)).toContain('export const commentsRelations = relations(comments');
    const none = styleTable(model(), { style: { ...STYLE, relations: 'none', relationsFile: undefined }, casing: 'snake_case', timestamps: true, ownKey: false, file: 'src/db/schema/comments.ts', repoModule: (path) => `./${path}` });
    expect(renderTemplate('table/table.ts', none.model)).not.toMatch(/relations/);
  });
});

describe('styleTable imports', () => {
  it("keeps the repo's own id generator import when the strategy's used the same name", () => {
    const cuid = buildTable({ name: 'tags', fields: parseFields(['label:text']), casing: 'snake_case', idStrategy: 'cuid2', enumStyle: 'text', timestamps: false, references: new Map() });
    const style: Style = { ...STYLE, idColumn: { key: 'id', code: 'text().primaryKey().$defaultFn(() => createId())', imports: { 'drizzle-orm/pg-core': ['text'], './src/lib/ids': ['createId'] } } };
    const styled = styleTable(cuid, { style, casing: 'snake_case', timestamps: false, ownKey: false, file: 'src/db/schema/comments.ts', repoModule: (path) => `../../${path.replace(/^src\//, '')}` });
    expect(styled.model.extraImports).toEqual([{ from: '../../lib/ids', name: 'createId' }]);
  });
});

describe('styleTable on a schema object (app.table)', () => {
  const style: Style = { ...STYLE, enumsFile: undefined, relations: 'none', relationsFile: undefined, schemaObject: { name: 'app', module: 'src/db/schema/app' } };
  const repoModule = (path: string) => `./${path.slice(path.lastIndexOf('/') + 1)}`;

  it('declares the table and its enums on the object, imported from the file that declares it', () => {
    const styled = styleTable(model(), { style, casing: 'snake_case', timestamps: true, ownKey: false, file: 'src/db/schema/comments.ts', repoModule });
    const text = renderTemplate('table/table.ts', styled.model);
    expect(text).toContain("export const comments = app.table(\n  'comments',");
    expect(text).toContain("export const commentStatus = app.enum('comment_status', ['visible', 'hidden', ]);");
    expect(text).toContain("import { app } from './app';");
    expect(text).toContain("import { index, integer, serial, text, timestamp } from 'drizzle-orm/pg-core';");
  });

  it('imports nothing for the object when the new table goes into the file declaring it', () => {
    const styled = styleTable(model(), { style: { ...style, schemaObject: { name: 'app', module: 'src/db/schema' } }, casing: 'snake_case', timestamps: true, ownKey: false, file: 'src/db/schema.ts', repoModule });
    expect(renderTemplate('table/table.ts', styled.model)).not.toContain('import { app }');
  });
});

