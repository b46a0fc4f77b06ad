/**
 * Rendered table files (templates/table/table.ts.hbs + prettier) over a bounded matrix of
 * types × modifiers × id strategies × casing × enum style: every type, modifier, id strategy,
 * casing and enum style appears, each pair that changes the output meaningfully once, and the
 * whole set type-checks against drizzle-orm. One file snapshot per case; update with
 * `npx vitest run test/snapshot/table -u` and read the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFields } from '../../../src/model/fields.js';
import type { Casing, EnumStyle, IdStrategy } from '../../../src/model/options.js';
import { buildTable, type ReferencedTable } from '../../../src/model/table.js';
import { formatFile } from '../../../src/render/format.js';
import { renderTemplate } from '../../../src/render/templates.js';
import { typeErrors } from './typecheck.js';

/** A root that does not exist: prettier's defaults apply, as in a repo without a prettier config. */
const ROOT = path.resolve('/__create-db-layer-snapshot__/app');

/** Tables the matrix references, each with its own key type (and the stub file declaring it). */
const REFERENCED: Record<string, ReferencedTable & { stub: string }> = {
  users: {
    exportName: 'users',
    module: './users',
    columnBuilder: 'uuid()',
    stub: `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
export const users = pgTable('users', { id: uuid().primaryKey().defaultRandom(), email: text().notNull().unique() });
`,
  },
  teams: {
    exportName: 'teams',
    module: './teams',
    columnBuilder: 'integer()',
    stub: `import { pgTable, serial } from 'drizzle-orm/pg-core';
export const teams = pgTable('teams', { id: serial().primaryKey() });
`,
  },
  accounts: {
    exportName: 'accounts',
    module: './accounts',
    columnBuilder: "bigint({ mode: 'number' })",
    stub: `import { bigint, pgTable } from 'drizzle-orm/pg-core';
export const accounts = pgTable('accounts', { id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity() });
`,
  },
  orgs: {
    exportName: 'orgs',
    module: './orgs',
    columnBuilder: 'text()',
    stub: `import { pgTable, text } from 'drizzle-orm/pg-core';
export const orgs = pgTable('orgs', { id: text().primaryKey() });
`,
  },
};

interface Case {
  name: string;
  table: string;
  fields: string[];
  idStrategy?: IdStrategy;
  casing?: Casing;
  enumStyle?: EnumStyle;
  timestamps?: boolean;
}

const EVERY_TYPE = [
  'title:text',
  'slug:varchar(120)',
  'countryCode:char(2)',
  'views:integer',
  'bytes:bigint',
  'rank:smallint',
  'position:serial',
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
  'countryCode:char(2):default=EU',
  'views:integer:notNull:default=0',
  'delta:smallint:default=-1',
  'bytes:bigint:default=1024',
  'ratio:real:default=0.5',
  'score:double:default=1.25',
  'price:numeric(10,2):notNull:default=9.99',
  'published:boolean:notNull:default=false',
  'payload:json:default={}',
  'tags:jsonb:notNull:default=[]',
  'theme:enum(light|dark):notNull:default=light',
];

const FLAGS = [
  'handle:varchar(30):notNull:unique',
  'email:text:notNull:unique:index',
  'bio:text:index',
  'score:integer:notNull:index',
  'verified:boolean:notNull',
];

const ENUMS = ['status:enum(open|in-progress|closed):notNull:default=open', 'priority:enum(low|high)'];

const CASES: Case[] = [
  // id strategies, alternating casing
  { name: 'id-uuid-snake', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'uuid' },
  { name: 'id-ulid-camel', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'ulid', casing: 'camelCase' },
  { name: 'id-nanoid-snake', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'nanoid' },
  { name: 'id-cuid2-camel', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'cuid2', casing: 'camelCase' },
  { name: 'id-serial-snake', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'serial' },
  { name: 'id-identity-camel', table: 'posts', fields: ['title:text:notNull'], idStrategy: 'identity', casing: 'camelCase' },
  // every type, plain
  { name: 'types-uuid-snake-pg-enum', table: 'samples', fields: EVERY_TYPE },
  { name: 'types-identity-camel-text-enum', table: 'samples', fields: EVERY_TYPE, idStrategy: 'identity', casing: 'camelCase', enumStyle: 'text', timestamps: false },
  // flags (notNull, unique, index) and defaults (now, random, literals)
  { name: 'flags-snake', table: 'profiles', fields: FLAGS },
  { name: 'flags-camel', table: 'profiles', fields: FLAGS, casing: 'camelCase', idStrategy: 'serial' },
  { name: 'defaults-snake-pg-enum', table: 'settings', fields: DEFAULTS },
  { name: 'defaults-camel-text-enum', table: 'settings', fields: DEFAULTS, casing: 'camelCase', enumStyle: 'text', idStrategy: 'cuid2' },
  // primary keys of one's own
  { name: 'pk-single', table: 'countries', fields: ['code:char(2):pk', 'name:text:notNull:unique'], timestamps: false },
  {
    name: 'pk-composite',
    table: 'memberships',
    fields: ['member:references:ref=users:pk:onDelete=cascade', 'team:references:ref=teams:pk:onDelete=cascade', 'role:enum(owner|member):notNull:default=member'],
  },
  // enums × casing × style
  { name: 'enum-pg-snake', table: 'tickets', fields: ENUMS },
  { name: 'enum-text-snake', table: 'tickets', fields: ENUMS, enumStyle: 'text' },
  { name: 'enum-pg-camel', table: 'tickets', fields: ENUMS, casing: 'camelCase' },
  { name: 'enum-text-camel', table: 'tickets', fields: ENUMS, casing: 'camelCase', enumStyle: 'text' },
  // references
  { name: 'ref-uuid-cascade', table: 'posts', fields: ['title:varchar(200):notNull:index', 'author:references:ref=users:notNull:onDelete=cascade'] },
  { name: 'ref-serial-target-camel', table: 'players', fields: ['name:text:notNull', 'team:references:ref=teams:onDelete=restrict'], idStrategy: 'serial', casing: 'camelCase' },
  {
    name: 'ref-every-on-delete',
    table: 'auditEntries',
    fields: [
      'owner:references:ref=users:notNull:onDelete=cascade',
      'team:references:ref=teams:onDelete=set-null',
      'account:references:ref=accounts:notNull:onDelete=restrict',
      'org:references:ref=orgs:onDelete=no-action',
      'note:text',
    ],
  },
  { name: 'ref-self-serial', table: 'categories', fields: ['name:text:notNull:unique', 'parent:references:ref=categories:onDelete=set-null'], idStrategy: 'serial' },
  { name: 'ref-self-ulid-camel', table: 'employees', fields: ['name:text:notNull', 'manager:references:ref=employees'], idStrategy: 'ulid', casing: 'camelCase' },
  {
    name: 'ref-same-table-twice',
    table: 'messages',
    fields: ['sender:references:ref=users:notNull:onDelete=cascade', 'recipient:references:ref=users:onDelete=set-null', 'body:text:notNull'],
  },
  { name: 'ref-non-id-column', table: 'invoices', fields: ['customerEmail:text:notNull:ref=users.email:onDelete=cascade', 'amount:numeric(12,2):notNull'] },
  // names
  { name: 'names-people', table: 'people', fields: ['name:text:notNull', 'mood:enum(happy|sad)'] },
  { name: 'names-blog-posts-camel', table: 'blog_posts', fields: ['title:text:notNull'], casing: 'camelCase', idStrategy: 'nanoid' },
  { name: 'minimal-no-timestamps', table: 'tags', fields: ['label:text:notNull:unique'], idStrategy: 'nanoid', timestamps: false },
];

async function render(entry: Case): Promise<{ fileName: string; text: string }> {
  const model = buildTable({
    name: entry.table,
    fields: parseFields(entry.fields),
    casing: entry.casing ?? 'snake_case',
    idStrategy: entry.idStrategy ?? 'uuid',
    enumStyle: entry.enumStyle ?? 'pg-enum',
    timestamps: entry.timestamps ?? true,
    references: new Map(Object.entries(REFERENCED)),
  });
  const file = `src/db/schema/${model.fileName}.ts`;
  return { fileName: model.fileName, text: await formatFile(ROOT, file, renderTemplate('table/table.ts', model)) };
}

const SNAPSHOTS = path.join(import.meta.dirname, '__snapshots__');

describe('table matrix', () => {
  it('covers every type, modifier, id strategy, casing and enum style', () => {
    const sources = CASES.flatMap((entry) => entry.fields);
    for (const type of ['text', 'varchar(', 'char(', 'integer', 'bigint', 'smallint', 'serial', 'boolean', 'real', 'double', 'numeric(', 'date', 'time', 'timestamp', 'timestamptz', 'json', 'jsonb', 'uuid', 'enum(', 'references']) {
      expect(sources.some((source) => source.split(':')[1]!.startsWith(type)), type).toBe(true);
    }
    for (const modifier of [':notNull', ':unique', ':index', ':pk', 'default=now', 'default=random', 'default=', 'ref=', '.email', 'onDelete=cascade', 'onDelete=set-null', 'onDelete=restrict', 'onDelete=no-action']) {
      expect(sources.some((source) => source.includes(modifier)), modifier).toBe(true);
    }
    const ids = new Set(CASES.map((entry) => entry.idStrategy ?? 'uuid'));
    expect([...ids].sort()).toEqual(['cuid2', 'identity', 'nanoid', 'serial', 'ulid', 'uuid']);
    expect(new Set(CASES.map((entry) => `${entry.casing ?? 'snake_case'}/${entry.enumStyle ?? 'pg-enum'}`)).size).toBe(4);
    expect(new Set(CASES.map((entry) => entry.name)).size).toBe(CASES.length);
  });

  for (const entry of CASES) {
    it(entry.name, async () => {
      const { text } = await render(entry);
      await expect(text).toMatchFileSnapshot(`__snapshots__/${entry.name}.ts.snap`);
    });
  }

  it('has no obsolete snapshots', () => {
    const onDisk = fs.existsSync(SNAPSHOTS) ? fs.readdirSync(SNAPSHOTS).filter((file) => file.endsWith('.ts.snap')) : [];
    const expected = new Set(CASES.map((entry) => `${entry.name}.ts.snap`));
    // vitest never reports an obsolete file snapshot: a case removed from CASES must lose its file too.
    expect(onDisk.filter((file) => !expected.has(file)), 'obsolete snapshots: delete them').toEqual([]);
  });

  it('every rendered file type-checks against drizzle-orm (strict)', async () => {
    const files: Record<string, string> = {};
    for (const entry of CASES) {
      const { fileName, text } = await render(entry);
      files[`${entry.name}/${fileName}.ts`] = text;
      for (const [name, table] of Object.entries(REFERENCED)) if (name !== fileName) files[`${entry.name}/${name}.ts`] = table.stub;
    }
    expect(typeErrors(files)).toEqual([]);
  });
});
