/**
 * db-layer.json: what the generators know about a repo. Parsed once, here, at the boundary.
 */
import { z } from 'zod';
import { CASINGS, DIALECTS, DRIVERS, ENUM_STYLES, ID_STRATEGIES, keysOf, LAYOUTS } from './options.js';

export const MANIFEST_FILE = 'db-layer.json';
export const MANIFEST_SCHEMA_URL = './node_modules/create-db-layer/schema/db-layer.schema.json';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier');

const ConnectionEnvSchema = z
  .object({
    databaseName: z.string().optional().describe('Variable naming this database on the primary server (e.g. WORKFLOWS_DB); the primary host credentials are reused'),
    url: z.string().optional().describe('Variable holding a separate connection URL for this database (--url-env)'),
    ssl: z.boolean().optional().describe('SSL for this database; unset: as the primary (DB_SSL)'),
  })
  .describe('How a non-primary database finds its server');

const name = identifier.describe('Accessor name: db.<name>');
const primary = z.boolean().describe('The database getDatabase() opens');
const schema = z.string().describe('Barrel (schema/index.ts) or single schema file, relative to the repo root');
const helpers = z.object({
  get: identifier,
  close: identifier.optional().describe('Unset: the repo has no function closing the pool (adopted repos)'),
  module: z.string().optional().describe('Module exporting the helpers, relative to the repo root; unset: the layer\'s connection.ts'),
  kind: z.enum(['function', 'instance']).optional().describe('instance: `get` is an exported Drizzle instance (export const db = drizzle(…)), not a function (adopted repos)'),
});

// --- adoption: what init learned from a repo that had Drizzle before create-db-layer ---------------

/** A column a repo writes the same way in every table (its id, its timestamps): copied verbatim into new tables. */
const ExemplarColumnSchema = z.object({
  key: z.string().regex(/^(\.\.\.)?[A-Za-z_$][\w$]*$/, 'must be an identifier, or ...identifier for spread columns').describe('Property name in the table object; ...name for columns spread from a shared object'),
  code: z.string().describe('The column expression as the repo writes it, e.g. uuid(\'id\').primaryKey().defaultRandom()'),
  imports: z.record(z.string(), z.array(z.string())).describe('Names it needs, by module'),
});

export const StyleSchema = z
  .object({
    fileNaming: z.enum(['kebab', 'camel', 'snake']).describe('How table files are named: blog-posts.ts, blogPosts.ts, blog_posts.ts'),
    quotes: z.enum(['single', 'double']),
    semicolons: z.boolean(),
    indent: z.union([z.number().int().positive(), z.literal('tab')]),
    explicitColumnNames: z.boolean().describe('Columns name their database column (text(\'first_name\')), as repos without casing in their config do'),
    moduleSystem: z.enum(['esm', 'commonjs']),
    importAlias: z
      .object({ prefix: z.string(), target: z.string() })
      .optional()
      .describe('Schema files import each other through this tsconfig path alias (prefix @/ -> target src/)'),
    idColumn: ExemplarColumnSchema.optional(),
    timestampColumns: z.array(ExemplarColumnSchema).optional(),
    enumsFile: z.string().optional().describe('Central file holding every pgEnum; unset: enums live in their table\'s file'),
    relations: z.enum(['per-table', 'central', 'none']).describe('Where relations() blocks live'),
    relationsFile: z.string().optional().describe('The central relations file (exported last from the barrel)'),
    trailingCommas: z.boolean().optional().describe('Multi-line objects and lists end with a comma; unset: they do'),
    printWidth: z.number().int().positive().optional().describe('Line width new code is wrapped at when the repo has no prettier config'),
    rowTypes: z.boolean().optional().describe('Table files export Select/Insert types (Post, NewPost); unset: they do'),
    schemaObject: z
      .object({ name: z.string(), module: z.string() })
      .optional()
      .describe('Tables (and enums) are declared on a database schema object, app.table(…) / app.enum(…) with app = pgSchema(\'app\'): its export name, and the repo file declaring it (no extension)'),
    tableExportSuffix: z
      .string()
      .regex(/^[A-Z]\w*$/)
      .optional()
      .describe('Table exports end with this word: Table for `export const usersTable = pgTable(\'users\', …)`; unset: the export is the table\'s name'),
    timestampMode: z
      .literal('string')
      .optional()
      .describe("PostgreSQL and MySQL repos whose createdAt/updatedAt are timestamp({ mode: 'string' }): new timestamp fields read as strings too; unset: as Date"),
    sqliteTimestamps: z
      .enum(['seconds', 'milliseconds'])
      .optional()
      .describe("SQLite repos: what integer timestamp columns store, mode 'timestamp' (seconds, unixepoch()) or 'timestamp_ms'; new timestamp fields store the same"),
  })
  .describe('The code style of an adopted repo, by majority of its schema files');

export const SchemaSourceSchema = z
  .object({
    kind: z.enum(['file', 'barrel', 'folder', 'glob', 'array']).describe('How the drizzle config names the schema'),
    folder: z.string().describe('Folder new table files go to'),
    build: z
      .object({ script: z.string(), output: z.string() })
      .optional()
      .describe('The config reads build output (output, e.g. dist/db/schema/index.js): script runs before drizzle-kit'),
  })
  .describe('Where an adopted database\'s schema is, as its drizzle config says');

// ----------------------------------------------------------------------------------------------------

export const OwnedDatabaseSchema = z.object({
  name,
  primary,
  owner: z.literal('owned').describe('Owned here: this repo generates and applies its migrations'),
  schema,
  config: z.string().describe('drizzle-kit config file'),
  out: z.string().describe('Migrations folder written by drizzle-kit'),
  migrationsTable: z.string(),
  migrationsSchema: z.string(),
  helpers,
  connection: ConnectionEnvSchema.optional(),
  schemaSource: SchemaSourceSchema.optional(),
  generate: z.string().optional().describe('package.json script that runs drizzle-kit generate for this database (adopted repos)'),
  migrateScript: z.string().optional().describe('The file that applies this database\'s migrations (adopted repos)'),
  env: z.array(z.string()).optional().describe('Variables its config and helpers read (adopted repos)'),
  migrationHashes: z
    .record(z.string(), z.string())
    .optional()
    .describe('sha256 of each migration file as drizzle-kit wrote it, recorded by the generators; check reports edits'),
});

export const MirrorDatabaseSchema = z.object({
  name,
  primary,
  owner: z.literal('mirror').describe('Read-only mirror: its schema is owned by an upstream repo and copied in by sync'),
  schema,
  upstream: z.string().describe('Upstream schema folder, relative to the repo root'),
  helpers,
  connection: ConnectionEnvSchema.optional(),
  syncedFiles: z
    .record(z.string(), z.string())
    .describe('sha256 of each file sync wrote, by path; a differing file was edited by hand'),
});

export const DatabaseSchema = z.discriminatedUnion('owner', [OwnedDatabaseSchema, MirrorDatabaseSchema]);

// ── Dual-dialect layout (seed 002; `create-db-layer --dialect dual`) ─────────────────────────────
// A dual layer is one logical database in two dialects, chosen at run time by DB_TYPE. The
// top-level dialect and driver and the primary database entry describe the default side (SQLite);
// `dual` describes the other side (PostgreSQL): its driver, schema barrel, drizzle config and
// migrations. Absent in every other layer, so existing manifests stay valid.
export const DualSideSchema = z
  .object({
    dialect: z.enum(DIALECTS).describe('Dialect of the second side'),
    driver: z.enum(keysOf(DRIVERS)),
    schema: z.string().describe('Barrel of the second side\'s schema folder, relative to the repo root'),
    config: z.string().describe('drizzle-kit config file of the second side'),
    out: z.string().describe('Migrations folder of the second side, written by drizzle-kit'),
    migrationsTable: z.string(),
    migrationsSchema: z.string(),
    migrationHashes: z.record(z.string(), z.string()).optional().describe('sha256 of each of its migration files as drizzle-kit wrote it'),
    schemaSource: SchemaSourceSchema.optional().describe('Adopted repos: where this side\'s schema is, as its config says'),
    style: StyleSchema.optional().describe('Adopted repos: this side\'s own id and timestamp columns (its builders differ)'),
  })
  .describe('Dual-dialect layout: the second dialect of the one database, selected by DB_TYPE');
export type DualSide = z.infer<typeof DualSideSchema>;
// ── end of the dual-dialect block ─────────────────────────────────────────────────────────────

export const ManifestSchema = z.object({
  $schema: z.string().optional(),
  version: z.literal(1),
  dialect: z.enum(DIALECTS),
  driver: z.enum(keysOf(DRIVERS)),
  dual: DualSideSchema.optional(),
  dbDir: z.string().describe('Folder of the database layer, relative to the repo root'),
  layout: z.enum(keysOf(LAYOUTS)),
  casing: z.enum(keysOf(CASINGS)),
  idStrategy: z.enum(keysOf(ID_STRATEGIES)),
  enumStyle: z.enum(keysOf(ENUM_STYLES)),
  timestamps: z.boolean().describe('New tables get createdAt/updatedAt'),
  importExtension: z.enum(['', '.js']).describe('Ending of relative imports in generated code'),
  databases: z.array(DatabaseSchema).min(1),
  adopted: z.boolean().optional().describe('The repo had its Drizzle layer before create-db-layer: init recorded it and rewrote nothing'),
  style: StyleSchema.optional(),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type DatabaseEntry = z.infer<typeof DatabaseSchema>;
export type OwnedDatabase = z.infer<typeof OwnedDatabaseSchema>;
export type MirrorDatabase = z.infer<typeof MirrorDatabaseSchema>;
export type Style = z.infer<typeof StyleSchema>;
export type ExemplarColumn = z.infer<typeof ExemplarColumnSchema>;

/**
 * An exemplar column as the repo writes it in a table, on one line: `id: uuid()…`, or
 * `...timestamps`. A chain the repo breaks over lines (`integer(…)\n    .notNull()`) is joined, so
 * the detection table and the guide's bullet stay one line each.
 */
export function exemplarText(column: ExemplarColumn): string {
  if (!column.code) return column.key;
  const code = column.code
    .replace(/,\s*\n\s*(?=[)\]}])/g, '')
    .replace(/([([])\s*\n\s*/g, '$1')
    .replace(/\s*\n\s*(?=[.)\]])/g, '')
    .replace(/\s*\n\s*/g, ' ');
  return `${column.key}: ${code}`;
}
export type SchemaSource = z.infer<typeof SchemaSourceSchema>;

export function isOwned(database: DatabaseEntry): database is OwnedDatabase {
  return database.owner === 'owned';
}

/** Parses manifest text; the error names the file and the first bad field. */
export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${MANIFEST_FILE} is not valid JSON (${(error as Error).message.split('\n')[0]}); fix it or restore it from git`);
  }
  const result = ManifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${MANIFEST_FILE}: ${issue.path.join('.') || '(root)'}: ${issue.message.split('\n')[0]!.toLowerCase()}; fix it or restore it from git`);
  }
  return result.data;
}

export function serializeManifest(manifest: Manifest): string {
  // Parsing orders the keys as the schema declares them, so the file reads the same every time.
  return `${JSON.stringify(ManifestSchema.parse({ ...manifest, $schema: MANIFEST_SCHEMA_URL }), null, 2)}\n`;
}
