/**
 * Rendered MySQL table files (the same template, mysql-core builders from dialects.ts) over
 * types × modifiers × id strategies × casing: every field type and every modifier appears, and the
 * whole set type-checks against drizzle-orm's mysql-core. One file snapshot per case in
 * __snapshots__/mysql/; update with `npx vitest run test/snapshot/table -u` and read the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECT_SPECS, unsupportedField } from '../../../src/model/dialects.js';
import { parseFields } from '../../../src/model/fields.js';
import type { Casing, IdStrategy } from '../../../src/model/options.js';
import { buildTable, type ReferencedTable } from '../../../src/model/table.js';
import { formatFile } from '../../../src/render/format.js';
import { renderTemplate } from '../../../src/render/templates.js';
import { typeErrors } from './typecheck.js';

const ROOT = path.resolve('/__create-db-layer-snapshot__/app');

/** Tables the matrix references: a varchar key (uuid strategy) and a serial key (bigint unsigned). */
const REFERENCED: Record<string, ReferencedTable & { stub: string }> = {
  users: {
    exportName: 'users',
    module: './users',
    columnBuilder: 'varchar({ length: 36 })',
    stub: `import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
export const users = mysqlTable('users', { id: varchar({ length: 36 }).primaryKey().$defaultFn(() => crypto.randomUUID()), email: varchar({ length: 255 }).notNull().unique() });
`,
  },
  teams: {
    exportName: 'teams',
    module: './teams',
    columnBuilder: "bigint({ mode: 'number', unsigned: true })",
    stub: `import { mysqlTable, serial } from 'drizzle-orm/mysql-core';
export const teams = mysqlTable('teams', { id: serial().primaryKey() });
`,
  },
};

interface Case {
  name: string;
  table: string;
  fields: string[];
  idStrategy?: IdStrategy;
  casing?: Casing;
  timestamps?: boolean;
}

const EVERY_TYPE = [
  'title:text',
  'slug:varchar(120)',
  'countryCode:char(2)',
  'views:integer',
  'bytes:bigint',
  'rank:smallint',
  'published:boolean',
  'ratio:real',
  'score:double',
  'price:numeric(10,2)',
  'publishedOn:date',
  'opensAt:time',
  'seenAt:timestamp',
  'syncedAt:timestamptz',
  'payload:json',
  'settings:jsonb',
  'externalId:uuid',
  'position:serial',
  'status:enum(draft|in-review|published)',
];

const DEFAULTS = [
  'publishedOn:date:default=now',
  'opensAt:time:default=now',
  'seenAt:timestamp:default=now',
  'syncedAt:timestamptz:notNull:default=now',
  'token:uuid:notNull:default=random',
  'title:text:notNull:default=Untitled',
  "tagline:varchar(80):default=it's fine",
  'views:integer:notNull:default=0',
  'bytes:bigint:default=1024',
  'ratio:real:default=0.5',
  'price:numeric(10,2):notNull:default=9.99',
  'published:boolean:notNull:default=false',
  'payload:json:default={}',
  'tags:jsonb:notNull:default=[]',
  'theme:enum(light|dark):notNull:default=light',
  'since:date:default=2024-01-31',
];

const FLAGS = ['handle:varchar(30):notNull:unique', 'email:varchar(255):notNull:unique:index', 'bio:varchar(500):index', 'notes:text', 'score:integer:notNull:index'];

const CASES: Case[] = [
  { name: 'id-uuid-snake', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'uuid' },
  { name: 'id-ulid-camel', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'ulid', casing: 'camelCase' },
  { name: 'id-nanoid-snake', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'nanoid' },
  { name: 'id-cuid2-camel', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'cuid2', casing: 'camelCase' },
  { name: 'id-serial-snake', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'serial' },
  { name: 'id-identity-camel', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'identity', casing: 'camelCase' },
  { name: 'types-uuid-snake', table: 'samples', fields: EVERY_TYPE },
  { name: 'types-serial-camel-no-timestamps', table: 'samples', fields: EVERY_TYPE, idStrategy: 'serial', casing: 'camelCase', timestamps: false },
  { name: 'flags-snake', table: 'profiles', fields: FLAGS },
  { name: 'defaults-snake', table: 'settings', fields: DEFAULTS },
  { name: 'pk-single', table: 'countries', fields: ['code:char(2):pk', 'name:varchar(100):notNull:unique'], timestamps: false },
  {
    name: 'pk-composite',
    table: 'memberships',
    fields: ['member:references:ref=users:pk:onDelete=cascade', 'team:references:ref=teams:pk:onDelete=cascade', 'role:enum(owner|member):notNull:default=member'],
  },
  { name: 'ref-text-cascade', table: 'posts', fields: ['title:varchar(200):notNull:index', 'author:references:ref=users:notNull:onDelete=cascade', 'status:enum(draft|published)'] },
  {
    name: 'ref-every-on-delete',
    table: 'auditEntries',
    fields: ['owner:references:ref=users:notNull:onDelete=cascade', 'team:references:ref=teams:onDelete=set-null', 'reviewer:references:ref=users:onDelete=restrict', 'approver:references:ref=users:onDelete=no-action'],
  },
  { name: 'ref-self-serial', table: 'categories', fields: ['name:varchar(100):notNull:unique', 'parent:references:ref=categories:onDelete=set-null'], idStrategy: 'serial' },
  { name: 'ref-self-own-key', table: 'nodes', fields: ['code:varchar(12):pk', 'parentCode:ref=nodes.code'], timestamps: false },
  { name: 'ref-non-id-column', table: 'invoices', fields: ['customerEmail:varchar(255):notNull:ref=users.email:onDelete=cascade', 'amount:numeric(12,2):notNull'] },
];

async function render(entry: Case): Promise<{ fileName: string; text: string }> {
  const model = buildTable({
    name: entry.table,
    fields: parseFields(entry.fields),
    casing: entry.casing ?? 'snake_case',
    idStrategy: entry.idStrategy ?? 'uuid',
    enumStyle: 'text',
    timestamps: entry.timestamps ?? true,
    dialect: 'mysql',
    references: new Map(Object.entries(REFERENCED)),
  });
  const file = `src/db/schema/${model.fileName}.ts`;
  return { fileName: model.fileName, text: await formatFile(ROOT, file, renderTemplate('table/table.ts', model)) };
}

const SNAPSHOTS = path.join(import.meta.dirname, '__snapshots__', 'mysql');

describe('table matrix, mysql', () => {
  it('covers every type, every modifier and id strategy', () => {
    const sources = CASES.flatMap((entry) => entry.fields);
    for (const type of ['text', 'varchar(', 'char(', 'integer', 'bigint', 'smallint', 'serial', 'boolean', 'real', 'double', 'numeric(', 'date', 'time', 'timestamp', 'timestamptz', 'json', 'jsonb', 'uuid', 'enum(', 'references']) {
      expect(sources.some((source) => source.split(':')[1]!.startsWith(type)), type).toBe(true);
    }
    for (const modifier of [':notNull', ':unique', ':index', ':pk', 'default=now', 'default=random', 'default=', 'ref=', '.email', 'onDelete=cascade', 'onDelete=set-null', 'onDelete=restrict', 'onDelete=no-action']) {
      expect(sources.some((source) => source.includes(modifier)), modifier).toBe(true);
    }
    expect([...new Set(CASES.map((entry) => entry.idStrategy ?? 'uuid'))].sort()).toEqual(['cuid2', 'identity', 'nanoid', 'serial', 'ulid', 'uuid']);
  });

  it('refuses varchar without a length and a keyed or indexed text, naming the alternative', () => {
    const refusal = (source: string) => unsupportedField(DIALECT_SPECS.mysql, parseFields([source])[0]!);
    expect(refusal('title:varchar')).toBe('title:varchar: MySQL varchar needs a length: varchar(255)');
    for (const source of ['slug:text:unique', 'slug:text:index', 'slug:text:pk']) {
      expect(refusal(source)).toBe(`${source}: MySQL cannot index or key a text column (it has no length): use varchar(255), or drop :unique/:index/:pk`);
    }
    expect(refusal('body:text:notNull')).toBeUndefined();
    expect(unsupportedField(DIALECT_SPECS.postgresql, parseFields(['title:varchar'])[0]!)).toBeUndefined();
  });

  for (const entry of CASES) {
    it(entry.name, async () => {
      const { text } = await render(entry);
      expect(text).not.toMatch(/pg-core|pgTable|pgEnum|defaultRandom|integer\(|text\(\{ enum/);
      await expect(text).toMatchFileSnapshot(`__snapshots__/mysql/${entry.name}.ts.snap`);
    });
  }

  it('has no obsolete snapshots', () => {
    const onDisk = fs.existsSync(SNAPSHOTS) ? fs.readdirSync(SNAPSHOTS).filter((file) => file.endsWith('.ts.snap')) : [];
    const expected = new Set(CASES.map((entry) => `${entry.name}.ts.snap`));
    expect(onDisk.filter((file) => !expected.has(file)), 'obsolete snapshots: delete them').toEqual([]);
  });

  it('every rendered file type-checks against drizzle-orm/mysql-core (strict)', async () => {
    const files: Record<string, string> = {};
    for (const entry of CASES) {
      const { fileName, text } = await render(entry);
      files[`mysql/${entry.name}/${fileName}.ts`] = text;
      for (const [name, table] of Object.entries(REFERENCED)) if (name !== fileName) files[`mysql/${entry.name}/${name}.ts`] = table.stub;
    }
    expect(typeErrors(files)).toEqual([]);
  });
});
