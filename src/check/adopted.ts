/**
 * Checks of what an adopted repo wires by hand, where scaffolded layers are consistent by
 * construction: the migrations table its migrate script uses against the one its drizzle config
 * names, a config schema path into build output that is not there, and a config casing the
 * connection helper does not pass on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../adopt/configs.js';
import type { Manifest, OwnedDatabase } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import type { Finding } from './findings.js';

const DEFAULT_TABLE = '__drizzle_migrations';

/**
 * drizzle-kit (push, check, studio) and the migrator must agree on where applied migrations are
 * recorded; a migrate script passing another table re-applies every migration on a database the
 * other one set up.
 */
export function checkMigrationsTable(tree: Tree, database: OwnedDatabase): Finding[] {
  if (!database.migrateScript) return [];
  const text = tree.read(database.migrateScript);
  if (text === null) {
    return [{ check: 'migrations-table', file: database.migrateScript, message: `is gone (db-layer.json records it as the migrate script): restore it, or run create-db-layer init again to re-detect the layer` }];
  }
  const used = /migrationsTable\s*:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1] ?? (/migrationsTable\s*:/.test(text) ? undefined : DEFAULT_TABLE);
  if (used === undefined || used === database.migrationsTable) return [];
  return [
    {
      check: 'migrations-table',
      file: database.migrateScript,
      message: `applies migrations recording them in ${used}, but ${database.config} names ${database.migrationsTable}: make both the same (migrationsTable: '${database.migrationsTable}' in migrate(), or migrations.table in the config), or every migration runs again`,
    },
  ];
}

/** A config reading build output that does not exist makes drizzle-kit find no tables at all. */
export function checkSchemaPath(tree: Tree, database: OwnedDatabase): Finding[] {
  const build = database.schemaSource?.build;
  // existsSync: the output may be a folder, which the tree (files only) cannot tell.
  if (!build || existsSync(join(tree.root, build.output))) return [];
  return [
    {
      check: 'schema-path',
      file: database.config,
      message: `schema points at ${build.output}, which does not exist: run the ${build.script} script before drizzle-kit (create-db-layer table does), or point schema at the source (${database.schema})`,
    },
  ];
}

/**
 * `casing` in a drizzle config only tells drizzle-kit how to name columns in migrations; queries
 * name them by the casing the drizzle() instance was given. A helper creating its instance without
 * one queries "createdAt" on a table whose migration made created_at: every such query fails at
 * run time, and nothing type-checks it. Columns that name their database column are immune.
 */
export async function checkRuntimeCasing(tree: Tree, manifest: Manifest, database: OwnedDatabase): Promise<Finding[]> {
  const module = database.helpers.module;
  if (!manifest.adopted || !module || manifest.style?.explicitColumnNames) return [];
  const helper = tree.read(module);
  if (helper === null || !/\bdrizzle\s*\(/.test(helper) || /\bcasing\b/.test(helper)) return [];
  const { casing } = await readConfig(tree, database.config);
  if (casing !== 'snake_case' && casing !== 'camelCase') return [];
  return [
    {
      check: 'runtime-casing',
      file: module,
      message: `creates its Drizzle instance without casing, but ${database.config} sets casing: '${casing}' for migrations, so queries name columns unlike the tables: pass { casing: '${casing}' } to drizzle() here`,
    },
  ];
}
