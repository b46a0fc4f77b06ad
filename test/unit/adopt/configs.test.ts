/**
 * Reading drizzle configs without running them: every literal form, values through consts, the
 * env variables credentials come from, and what cannot be read (reported, never guessed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFiles, readConfig } from '../../../src/adopt/configs.js';
import { Tree } from '../../../src/plan/index.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function repo(files: Record<string, string>): Tree {
  root = mkdtempSync(path.join(os.tmpdir(), 'cdl-adopt-config-'));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
  return new Tree(root);
}

describe('findConfigFiles', () => {
  it('finds the unnamed config first, then named variants in both spellings', () => {
    repo({ 'drizzle.config.ts': '', 'drizzle.analytics.config.ts': '', 'drizzle.config.pg.ts': '', 'drizzle.config.json': '', 'drizzle.ts': '' });
    expect(findConfigFiles(root)).toEqual([
      { file: 'drizzle.config.ts', name: undefined },
      { file: 'drizzle.analytics.config.ts', name: 'analytics' },
      { file: 'drizzle.config.pg.ts', name: 'pg' },
    ]);
  });

  it('takes the unnamed config drizzle-kit would (ts over js over json)', () => {
    repo({ 'drizzle.config.json': '{}', 'drizzle.config.mjs': '' });
    expect(findConfigFiles(root)).toEqual([{ file: 'drizzle.config.mjs', name: undefined }]);
  });

  it('is empty in a folder that does not exist yet', () => {
    root = path.join(os.tmpdir(), 'cdl-does-not-exist');
    expect(findConfigFiles(root)).toEqual([]);
  });
});

describe('readConfig', () => {
  it('reads a config that throws without its secrets, without running it', async () => {
    const tree = repo({
      'drizzle.config.ts': `import { defineConfig } from "drizzle-kit"
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set")
const schemaPath = "./src/db/schema"
export default defineConfig({
  dialect: "postgresql",
  schema: schemaPath,
  out: "./migrations",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL },
  migrations: { table: "schema_migrations", schema: "public" },
})
`,
    });
    expect(await readConfig(tree, 'drizzle.config.ts')).toEqual({
      file: 'drizzle.config.ts',
      name: undefined,
      dialect: 'postgresql',
      schema: './src/db/schema',
      out: './migrations',
      casing: 'snake_case',
      driver: undefined,
      migrationsTable: 'schema_migrations',
      migrationsSchema: 'public',
      env: ['DATABASE_URL'],
      unresolved: [],
    });
  });

  it('reads a list of schema files and an exported object with satisfies', async () => {
    const tree = repo({
      'drizzle.config.ts': `import type { Config } from 'drizzle-kit';
const config = { dialect: 'postgresql', schema: ['./src/db/users.ts', './src/db/posts.ts'], dbCredentials: { url: process.env['PG_URL']! } } satisfies Config;
export default config;
`,
    });
    const config = await readConfig(tree, 'drizzle.config.ts');
    expect(config.schema).toEqual(['./src/db/users.ts', './src/db/posts.ts']);
    expect(config.env).toEqual(['PG_URL']);
  });

  it('reports a schema it cannot read as unresolved rather than guessing', async () => {
    const tree = repo({ 'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: schemaFiles() });\n` });
    const config = await readConfig(tree, 'drizzle.config.ts');
    expect(config.schema).toBeUndefined();
    expect(config.unresolved).toEqual(['schema']);
  });

  it('reads a JSON config', async () => {
    const tree = repo({ 'drizzle.config.json': JSON.stringify({ dialect: 'sqlite', schema: './schema.ts', out: './drizzle' }) });
    expect(await readConfig(tree, 'drizzle.config.json', undefined)).toMatchObject({ dialect: 'sqlite', schema: './schema.ts', out: './drizzle' });
  });
});
