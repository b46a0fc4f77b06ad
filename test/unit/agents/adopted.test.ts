/**
 * The conventions an adopted repo's guide states: one bullet per convention, on one line, in
 * Markdown that renders (a column with backticks in it keeps its code span), and MySQL's enums as
 * the inline ENUM columns `table` writes there.
 */
import { describe, expect, it } from 'vitest';
import { adoptedConventions, codeSpan } from '../../../src/agents/adopted.js';
import { exemplarText, parseManifest, type Manifest } from '../../../src/model/manifest.js';

const SQLITE_CREATED_AT = {
  key: 'createdAt',
  code: 'integer("created_at", { mode: "timestamp" })\n      .notNull()\n      .default(sql`(unixepoch())`)',
  imports: { 'drizzle-orm': ['sql'], 'drizzle-orm/sqlite-core': ['integer'] },
};

/** An adopted single-database manifest of `dialect`, its style as adoption records it. */
function adopted(dialect: Manifest['dialect'], driver: Manifest['driver'], style: Partial<NonNullable<Manifest['style']>> = {}): Manifest {
  return parseManifest(
    JSON.stringify({
      version: 1,
      dialect,
      driver,
      dbDir: 'src/db',
      layout: 'file',
      casing: 'snake_case',
      idStrategy: 'identity',
      enumStyle: 'text',
      timestamps: true,
      importExtension: '',
      databases: [
        {
          name: 'main',
          primary: true,
          owner: 'owned',
          schema: 'src/db/schema.ts',
          config: 'drizzle.config.ts',
          out: 'drizzle',
          migrationsTable: '__drizzle_migrations',
          migrationsSchema: 'drizzle',
          helpers: { get: 'db', kind: 'instance', module: 'src/db/index.ts' },
        },
      ],
      adopted: true,
      style: { fileNaming: 'kebab', quotes: 'single', semicolons: false, indent: 2, explicitColumnNames: true, moduleSystem: 'esm', relations: 'per-table', ...style },
    }),
  );
}

describe('exemplarText', () => {
  it('joins a chain the repo breaks over lines', () => {
    expect(exemplarText(SQLITE_CREATED_AT)).toBe('createdAt: integer("created_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`)');
    expect(exemplarText({ key: 'id', code: 'text("id")\n    .primaryKey()\n    .$defaultFn(() =>\n      createId(),\n    )', imports: {} })).toBe('id: text("id").primaryKey().$defaultFn(() => createId())');
  });
});

describe('codeSpan', () => {
  it('fences code with backticks in it by a longer run', () => {
    expect(codeSpan('id: uuid()')).toBe('`id: uuid()`');
    expect(codeSpan('default(sql`(unixepoch())`)')).toBe('`` default(sql`(unixepoch())`) ``');
  });
});

describe('adoptedConventions', () => {
  it("states MySQL's enums as inline ENUM columns", () => {
    const bullets = adoptedConventions(adopted('mysql', 'mysql2'));
    expect(bullets.find((bullet) => bullet.startsWith('Enums:'))).toContain('mysqlEnum');
  });

  it('keeps a multi-line SQLite timestamp on one bullet line, in a code span that renders', () => {
    const bullets = adoptedConventions(adopted('sqlite', 'libsql', { timestampColumns: [SQLITE_CREATED_AT] }));
    const timestamps = bullets.find((bullet) => bullet.startsWith('Timestamps:'))!;
    expect(timestamps).toBe('Timestamps: `` createdAt: integer("created_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`) ``.');
    expect(bullets.find((bullet) => bullet.startsWith('Enums:'))).toBe('Enums: text columns with an `enum` list.');
  });
});
