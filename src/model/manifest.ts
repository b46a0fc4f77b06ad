/**
 * db-layer.json: what the generators know about a repo. Parsed once, here, at the boundary.
 */
import { z } from 'zod';
import { CASINGS, DIALECTS, DRIVERS, ENUM_STYLES, ID_STRATEGIES, keysOf, LAYOUTS } from './options.js';

export const MANIFEST_FILE = 'db-layer.json';
export const MANIFEST_SCHEMA_URL = './node_modules/create-db-layer/schema/db-layer.schema.json';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier');

export const DatabaseSchema = z.object({
  name: identifier.describe('Accessor name: db.<name>'),
  primary: z.boolean().describe('The database getDatabase() opens'),
  owner: z.literal('owned').describe('Owned here: this repo generates and applies its migrations'),
  schema: z.string().describe('Barrel (schema/index.ts) or single schema file, relative to the repo root'),
  config: z.string().describe('drizzle-kit config file'),
  out: z.string().describe('Migrations folder written by drizzle-kit'),
  migrationsTable: z.string(),
  migrationsSchema: z.string(),
  helpers: z.object({ get: identifier, close: identifier }),
  migrationHashes: z
    .record(z.string(), z.string())
    .optional()
    .describe('sha256 of each migration file as drizzle-kit wrote it, recorded by the generators; check reports edits'),
});

export const ManifestSchema = z.object({
  $schema: z.string().optional(),
  version: z.literal(1),
  dialect: z.enum(DIALECTS),
  driver: z.enum(keysOf(DRIVERS)),
  dbDir: z.string().describe('Folder of the database layer, relative to the repo root'),
  layout: z.enum(keysOf(LAYOUTS)),
  casing: z.enum(keysOf(CASINGS)),
  idStrategy: z.enum(keysOf(ID_STRATEGIES)),
  enumStyle: z.enum(keysOf(ENUM_STYLES)),
  timestamps: z.boolean().describe('New tables get createdAt/updatedAt'),
  importExtension: z.enum(['', '.js']).describe('Ending of relative imports in generated code'),
  databases: z.array(DatabaseSchema).min(1),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type DatabaseEntry = z.infer<typeof DatabaseSchema>;

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
