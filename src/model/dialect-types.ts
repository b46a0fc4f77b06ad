/**
 * The shape of a dialect's description (dialects.ts holds the three): column builders, keys,
 * timestamps, and the layer templates and rules that differ.
 */
import type { EnumStyle, IdStrategy } from './options.js';

/** A column builder call: the import and its arguments. */
export interface ColumnType {
  builder: string;
  /** Arguments the builder always gets (a mode), when the field's own parameters do not apply. */
  options?: string;
  /** The field's parameters (`{ length: N }`) are passed on. */
  params?: boolean;
  /** The parameters are required: the one-line error when a field has none. */
  needsParams?: string;
  /** The column cannot be a key, unique or indexed: the one-line error when a field asks for that. */
  notIndexable?: string;
  /** A literal default must be an expression, DEFAULT ('x'): MySQL 8 refuses DEFAULT 'x' on TEXT and JSON columns. */
  expressionDefault?: boolean;
  /** `.default…` chain of default=now, and the drizzle-orm imports it needs. */
  now?: { code: string; orm: string[] };
}

/** A field type this dialect cannot store, and what to write instead. */
export interface Unsupported {
  unsupported: string;
}

export interface IdColumn {
  code: string;
  /** The builder call of a column referencing this key. */
  builder: string;
  imports?: { from: string; name: string };
}

export interface DialectSpec {
  label: string;
  /** drizzle-kit's --dialect: the migrations it writes must run on the layer's driver. */
  kitDialect: string;
  coreModule: string;
  tableFunction: string;
  /** Type annotating a self-reference's target, imported from coreModule. */
  anyColumn: string;
  /** Native enum types (pgEnum), or text columns with an enum list only. */
  nativeEnums: boolean;
  /** The guide's enum rule when it is not the enum style's (MySQL's inline ENUM columns). */
  enumRule?: string;
  /** A column type listing its values inline (MySQL's ENUM: mysqlEnum([...])), used instead of text({ enum }). */
  inlineEnum?: string;
  defaultEnumStyle: EnumStyle;
  /** Builder calls per FIELD_TYPES key. */
  types: Record<string, ColumnType | Unsupported>;
  /** `.default…` of default=random (uuid). */
  random: string;
  ids: Record<IdStrategy, IdColumn>;
  /** createdAt / updatedAt columns, with the imports they need. */
  timestamps: { createdAt: string; updatedAt: string; core: string[]; orm: string[]; rule: string };
  /** A builder that a referencing column spells differently, as the full call (a serial key is referenced by an integer). */
  referencing: Record<string, string>;
  /** Layer templates replaced for this dialect (shared name -> own name). */
  layerTemplates: Record<string, string>;
  /** Schemas (namespaces) exist, so the migrations table lives in migrationsSchema. */
  schemas: boolean;
  /** The Drizzle method that runs a raw statement (`db.execute` / `db.run`). */
  execute: string;
  /** How seeds insert fixed rows without failing on the ones already there (`.onConflictDoNothing()`), given the table and key. */
  insertIgnore: (table: string, key: string) => string;
  /** An explicitly given serial key needs its sequence moved past it (PostgreSQL's setval). */
  resetsSequences: boolean;
  /** Folder of local data files, git-ignored by init. */
  dataDir?: string;
  /** Primary-key strategy summaries that read differently here. */
  idSummaries: Partial<Record<IdStrategy, string>>;
  /** The guide's troubleshooting line for a layer with a local database and with a server. */
  troubleshooting: { embedded: string; server: string };
  /** The variables a database reads and a sentence for the guide; undefined: PostgreSQL's rules (guide.ts). */
  environment?: (database: { name: string; primary: boolean; connection?: { url?: string } }) => { names: string[]; text: string };
}
