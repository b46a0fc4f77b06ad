/**
 * Checks of what an adopted repo wires by hand, where scaffolded layers are consistent by
 * construction: the migrations table its migrate script uses against the one its drizzle config
 * names, and a config schema path into build output that is not there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OwnedDatabase } from '../model/manifest.js';
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
