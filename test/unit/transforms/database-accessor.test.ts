/**
 * addDatabaseAccessor: index.ts gains db.<name>, the database's helpers and type, and its schema
 * as a namespace; idempotent, and the layer's own re-exports stay before drizzle-orm's.
 */
import { describe, expect, it } from 'vitest';
import { addDatabaseAccessor } from '../../../src/transforms/database-accessor.js';
import { patch, run } from './harness.js';

const FILE = 'src/db/index.ts';
const INDEX = `/**
 * The database layer's entry point.
 */
import { getDatabase } from "./connection";

export const db = {
  get main() {
    return getDatabase();
  },
};

export {
  closeDatabaseConnection,
  getDatabase,
  schema,
  type Database,
} from "./connection";
export * from "./schema";
export { and, eq, sql } from "drizzle-orm";
`;

const WORKFLOWS = {
  name: 'workflows',
  get: 'getWorkflowsDatabase',
  close: 'closeWorkflowsDatabaseConnection',
  connectionModule: './workflows/connection',
  schemaModule: './workflows/schema',
  typeName: 'WorkflowsDatabase',
  schemaNamespace: 'workflowsSchema',
};

describe('addDatabaseAccessor', () => {
  it('adds the getter, the helpers, the type and the schema namespace', async () => {
    expect(await patch(FILE, INDEX, addDatabaseAccessor(WORKFLOWS))).toMatchInlineSnapshot(`
      "/**
       * The database layer's entry point.
       */
      import { getDatabase } from "./connection";
      import { getWorkflowsDatabase } from "./workflows/connection";

      export const db = {
        get main() {
          return getDatabase();
        },
        get workflows() {
          return getWorkflowsDatabase();
        },
      };

      export {
        closeDatabaseConnection,
        getDatabase,
        schema,
        type Database,
      } from "./connection";
      export * from "./schema";
      export {
        closeWorkflowsDatabaseConnection,
        getWorkflowsDatabase,
        type Database as WorkflowsDatabase,
      } from "./workflows/connection";
      export * as workflowsSchema from "./workflows/schema";
      export { and, eq, sql } from "drizzle-orm";
      "
    `);
  });

  it('a second database goes after the first', async () => {
    const once = await patch(FILE, INDEX, addDatabaseAccessor(WORKFLOWS));
    const twice = await patch(FILE, once, addDatabaseAccessor({
      ...WORKFLOWS,
      name: 'mythoria',
      get: 'getMythoriaDatabase',
      close: 'closeMythoriaDatabaseConnection',
      connectionModule: './mythoria/connection',
      schemaModule: './mythoria/schema',
      typeName: 'MythoriaDatabase',
      schemaNamespace: 'mythoriaSchema',
    }));
    expect(twice.indexOf('get mythoria()')).toBeGreaterThan(twice.indexOf('get workflows()'));
    expect(twice.indexOf('from "./mythoria/schema"')).toBeGreaterThan(twice.indexOf('from "./workflows/schema"'));
    expect(twice.indexOf('from "./mythoria/schema"')).toBeLessThan(twice.indexOf('drizzle-orm'));
  });

  it('an index.ts without the db object is a one-line error naming the fix', async () => {
    await expect(run(FILE, 'export const other = 1;\n', addDatabaseAccessor(WORKFLOWS))).rejects.toThrow(/index.ts has no `export const db = \{ \.\.\. \}` object for the db.workflows accessor: restore it/);
  });
});
