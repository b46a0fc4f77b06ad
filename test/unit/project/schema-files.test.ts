/**
 * findTable: where a table a new one references (or would duplicate) is declared, by its export
 * name, by the export with the repo's suffix (usersTable), or by its SQL name under any export.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest, type Manifest } from '../../../src/model/manifest.js';
import { Tree } from '../../../src/plan/index.js';
import { findTable } from '../../../src/project/schema-files.js';

const ROOT = path.resolve('/repo');

function memoryTree(files: Record<string, string>): Tree {
  return new Tree(ROOT, (abs) => files[path.relative(ROOT, abs).split(path.sep).join('/')] ?? null);
}

function manifest(style: Record<string, unknown> | undefined): Manifest {
  return parseManifest(
    JSON.stringify({
      version: 1,
      dialect: 'postgresql',
      driver: 'pg',
      dbDir: 'src/db',
      layout: 'folder',
      casing: 'snake_case',
      idStrategy: 'identity',
      enumStyle: 'text',
      timestamps: true,
      importExtension: '',
      databases: [{ name: 'main', primary: true, owner: 'owned', schema: 'src/db/schema/index.ts', config: 'drizzle.config.ts', out: 'drizzle', migrationsTable: '__drizzle_migrations', migrationsSchema: 'drizzle', helpers: { get: 'db', module: 'src/db/index.ts', kind: 'instance' } }],
      ...(style ? { adopted: true, style } : {}),
    }),
  );
}

const STYLE = { fileNaming: 'kebab', quotes: 'double', semicolons: true, indent: 2, explicitColumnNames: false, moduleSystem: 'esm', relations: 'none', tableExportSuffix: 'Table' };
const FILES = {
  'src/db/schema/index.ts': 'export * from "./users";\nexport * from "./line-items";\n',
  'src/db/schema/users.ts': 'import { integer, pgTable } from "drizzle-orm/pg-core";\n\nexport const usersTable = pgTable("users", {\n  id: integer().primaryKey(),\n});\n',
  'src/db/schema/line-items.ts': 'import { integer, pgTable } from "drizzle-orm/pg-core";\n\nexport const lineItems = pgTable(\n  "line_items",\n  { id: integer().primaryKey() },\n);\n',
};

describe('findTable', () => {
  const tree = memoryTree(FILES);
  const find = (name: string, style: Record<string, unknown> | undefined = STYLE) => {
    const layer = manifest(style);
    const found = findTable(tree, layer, layer.databases[0]!, name);
    return found && { exportName: found.exportName, file: found.file };
  };

  it('finds the export with the repo\'s suffix, and the suffixed export named outright', () => {
    expect(find('users')).toEqual({ exportName: 'usersTable', file: 'src/db/schema/users.ts' });
    expect(find('usersTable')).toEqual({ exportName: 'usersTable', file: 'src/db/schema/users.ts' });
  });

  it('finds a table by its SQL name whatever its export is called, without a recorded suffix too', () => {
    expect(find('users', undefined)).toEqual({ exportName: 'usersTable', file: 'src/db/schema/users.ts' });
    expect(find('line_items')).toEqual({ exportName: 'lineItems', file: 'src/db/schema/line-items.ts' });
    expect(find('lineItems')).toEqual({ exportName: 'lineItems', file: 'src/db/schema/line-items.ts' });
  });

  it('finds nothing for a table no file declares, nor for a name that is only a prefix of one', () => {
    expect(find('posts')).toBeUndefined();
    expect(find('user')).toBeUndefined();
    expect(find('line')).toBeUndefined();
  });
});
