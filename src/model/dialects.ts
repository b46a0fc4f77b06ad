/**
 * What differs between dialects, as data: the drizzle core module and table function, the builder
 * each field type becomes, key and timestamp columns, how defaults are spelled, and the layer
 * templates that cannot be shared. table.ts, init and the guides read these tables instead of
 * branching on the dialect's name.
 */
import { FIELD_TYPES } from './field-types.js';
import { envName } from './naming.js';
import type { Field } from './fields.js';
import type { ColumnType, DialectSpec, IdColumn, Unsupported } from './dialect-types.js';
import { DRIVERS, type Dialect, type Driver, type DriverName } from './options.js';

export type { ColumnType, DialectSpec, IdColumn, Unsupported } from './dialect-types.js';

/** PostgreSQL's builders are FIELD_TYPES itself: the field syntax was modelled on pg-core. */
const PG_TYPES: Record<string, ColumnType> = Object.fromEntries(
  Object.entries(FIELD_TYPES).map(([name, type]) => [name, { builder: type.builder, options: type.options, params: true, now: type.now ? { code: '.defaultNow()', orm: [] } : undefined }]),
);
// json has no equality operator in PostgreSQL, so no btree index, unique or key; jsonb has.
PG_TYPES.json = { ...PG_TYPES.json!, notIndexable: 'PostgreSQL cannot index, key or make unique a json column: use jsonb, or drop :unique/:index/:pk' };

/** Milliseconds since the epoch, the storage of integer({ mode: 'timestamp_ms' }); unixepoch('subsec') needs SQLite 3.42+. */
const SQLITE_NOW_MS = { code: ".default(sql`(cast(unixepoch('subsec') * 1000 as integer))`)", orm: ['sql'] };
const SQLITE_TIMESTAMP: ColumnType = { builder: 'integer', options: "{ mode: 'timestamp_ms' }", now: SQLITE_NOW_MS };

/**
 * SQLite has five storage classes; drizzle's modes give them the TypeScript types pg-core gives.
 * numeric is text: the exact decimal string PostgreSQL's numeric returns (real would round it).
 * date and time are ISO text ('YYYY-MM-DD', 'HH:MM:SS'), the strings pg-core's date/time return.
 */
const SQLITE_TYPES: Record<string, ColumnType | Unsupported> = {
  text: { builder: 'text' },
  varchar: { builder: 'text', params: true },
  char: { builder: 'text', params: true },
  integer: { builder: 'integer' },
  // SQLite integers are 64-bit; JavaScript numbers, as pg's bigint({ mode: 'number' }).
  bigint: { builder: 'integer' },
  smallint: { builder: 'integer' },
  serial: { unsupported: 'SQLite has no serial type: use --id serial for an autoincrement integer primary key, or integer for a plain column' },
  boolean: { builder: 'integer', options: "{ mode: 'boolean' }" },
  real: { builder: 'real' },
  double: { builder: 'real' },
  numeric: { builder: 'text' },
  date: { builder: 'text', now: { code: '.default(sql`(current_date)`)', orm: ['sql'] } },
  time: { builder: 'text', now: { code: '.default(sql`(current_time)`)', orm: ['sql'] } },
  timestamp: SQLITE_TIMESTAMP,
  timestamptz: SQLITE_TIMESTAMP,
  json: { builder: 'text', options: "{ mode: 'json' }" },
  jsonb: { builder: 'text', options: "{ mode: 'json' }" },
  uuid: { builder: 'text' },
};

const TEXT_IDS = {
  ulid: { code: 'text().primaryKey().$defaultFn(() => ulid())', builder: 'text()', imports: { from: 'ulid', name: 'ulid' } },
  nanoid: { code: 'text().primaryKey().$defaultFn(() => nanoid())', builder: 'text()', imports: { from: 'nanoid', name: 'nanoid' } },
  cuid2: {
    code: 'text().primaryKey().$defaultFn(() => createId())',
    builder: 'text()',
    imports: { from: '@paralleldrive/cuid2', name: 'createId' },
  },
};

/**
 * MySQL/MariaDB builders of mysql-core, typed as pg-core's (numbers, date strings, Date timestamps).
 * text is a BLOB-like type MySQL cannot key or index without a prefix length, so a unique, indexed
 * or key text field is refused with varchar(255) as the alternative rather than silently limited.
 */
const MYSQL_TEXT_INDEX = 'MySQL cannot index or key a text column (it has no length): use varchar(255), or drop :unique/:index/:pk';
const MYSQL_JSON_INDEX = 'MySQL cannot index, key or make unique a JSON column (only a generated column extracted from it): drop :unique/:index/:pk, and index such a column by hand';
const MYSQL_TIMESTAMP: ColumnType = { builder: 'timestamp', options: '{ fsp: 3 }', now: { code: '.defaultNow()', orm: [] } };
const MYSQL_TYPES: Record<string, ColumnType | Unsupported> = {
  text: { builder: 'text', notIndexable: MYSQL_TEXT_INDEX, expressionDefault: true },
  varchar: { builder: 'varchar', params: true, needsParams: 'MySQL varchar needs a length: varchar(255)' },
  char: { builder: 'char', params: true },
  integer: { builder: 'int' },
  bigint: { builder: 'bigint', options: "{ mode: 'number' }" },
  smallint: { builder: 'smallint' },
  serial: { builder: 'serial' },
  boolean: { builder: 'boolean' },
  real: { builder: 'float' },
  double: { builder: 'double' },
  numeric: { builder: 'decimal', params: true },
  date: { builder: 'date', options: "{ mode: 'string' }", now: { code: '.default(sql`(curdate())`)', orm: ['sql'] } },
  time: { builder: 'time', now: { code: '.default(sql`(curtime())`)', orm: ['sql'] } },
  timestamp: MYSQL_TIMESTAMP,
  // TIMESTAMP is an instant already (stored as UTC, converted from and to the session time zone).
  timestamptz: MYSQL_TIMESTAMP,
  json: { builder: 'json', notIndexable: MYSQL_JSON_INDEX, expressionDefault: true },
  // MySQL's JSON is stored binary, as jsonb is.
  jsonb: { builder: 'json', notIndexable: MYSQL_JSON_INDEX, expressionDefault: true },
  uuid: { builder: 'varchar', options: '{ length: 36 }' },
};

const MYSQL_SERIAL_REFERENCE = "bigint({ mode: 'number', unsigned: true })";

const SQLITE_AUTOINCREMENT: IdColumn = { code: 'integer().primaryKey({ autoIncrement: true })', builder: 'integer()' };

export const DIALECT_SPECS: Record<Dialect, DialectSpec> = {
  postgresql: {
    label: 'PostgreSQL',
    kitDialect: 'postgresql',
    coreModule: 'drizzle-orm/pg-core',
    tableFunction: 'pgTable',
    anyColumn: 'AnyPgColumn',
    nativeEnums: true,
    defaultEnumStyle: 'pg-enum',
    types: PG_TYPES,
    random: '.defaultRandom()',
    ids: {
      uuid: { code: 'uuid().primaryKey().defaultRandom()', builder: 'uuid()' },
      ...TEXT_IDS,
      serial: { code: 'serial().primaryKey()', builder: 'integer()' },
      identity: { code: 'integer().primaryKey().generatedAlwaysAsIdentity()', builder: 'integer()' },
    },
    timestamps: {
      createdAt: 'timestamp({ withTimezone: true }).notNull().defaultNow()',
      updatedAt: 'timestamp({ withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date())',
      core: ['timestamp'],
      orm: [],
      rule: '`createdAt` and `updatedAt` (timestamptz, `defaultNow()`) on every table; `updatedAt` is set on every update by `$onUpdate`.',
    },
    referencing: { serial: 'integer()' },
    layerTemplates: {},
    schemas: true,
    execute: 'execute',
    insertIgnore: () => '.onConflictDoNothing()',
    resetsSequences: true,
    idSummaries: {},
    troubleshooting: {
      embedded: 'No server configured: the layer uses embedded PGlite in `.pglite/<database>` (git-ignored). Delete that folder for a fresh local database.',
      server: '`DATABASE_URL is not set` or `DB_… must be …`: copy `.env.example` to `.env` and fill it in; the message names the variable.',
    },
  },
  sqlite: {
    label: 'SQLite',
    kitDialect: 'turso',
    coreModule: 'drizzle-orm/sqlite-core',
    tableFunction: 'sqliteTable',
    anyColumn: 'AnySQLiteColumn',
    nativeEnums: false,
    defaultEnumStyle: 'text',
    types: SQLITE_TYPES,
    random: '.$defaultFn(() => crypto.randomUUID())',
    ids: {
      uuid: { code: 'text().primaryKey().$defaultFn(() => crypto.randomUUID())', builder: 'text()' },
      ...TEXT_IDS,
      serial: SQLITE_AUTOINCREMENT,
      identity: SQLITE_AUTOINCREMENT,
    },
    timestamps: {
      createdAt: `integer({ mode: 'timestamp_ms' }).notNull()${SQLITE_NOW_MS.code}`,
      updatedAt: `integer({ mode: 'timestamp_ms' }).notNull()${SQLITE_NOW_MS.code}.$onUpdate(() => new Date())`,
      core: ['integer'],
      orm: ['sql'],
      rule: "`createdAt` and `updatedAt` (integer milliseconds, `mode: 'timestamp_ms'`, so `Date` in TypeScript) on every table; `updatedAt` is set on every update by `$onUpdate`.",
    },
    referencing: {},
    layerTemplates: {
      'layer/config.ts': 'layer/sqlite/config.ts',
      'layer/connection.ts': 'layer/sqlite/connection.ts',
      'layer/drizzle.config.ts': 'layer/sqlite/drizzle.config.ts',
      'layer/env.example': 'layer/sqlite/env.example',
      'layer/reset.ts': 'layer/sqlite/reset.ts',
      'layer/nuke.ts': 'layer/sqlite/nuke.ts',
    },
    schemas: false,
    execute: 'run',
    insertIgnore: () => '.onConflictDoNothing()',
    resetsSequences: false,
    dataDir: '.data',
    idSummaries: {
      uuid: 'text column, UUID generated in TypeScript (crypto.randomUUID())',
      serial: 'integer primary key with autoincrement',
      identity: 'integer primary key with autoincrement (SQLite has no identity columns)',
    },
    troubleshooting: {
      embedded: 'Without `DATABASE_URL` the layer uses the SQLite file `.data/<database>.db` (git-ignored). Delete it for a fresh local database.',
      server: '`DATABASE_URL must start with file: or libsql://`: fix it in `.env` (see `.env.example`); a Turso URL also needs `DATABASE_AUTH_TOKEN`.',
    },
    environment: (database) => {
      // The primary reads DATABASE_URL; each other database its own <NAME>_DATABASE_URL (connection writes it).
      const prefix = database.primary ? '' : `${envName(database.name)}_`;
      const url = database.primary ? 'DATABASE_URL' : (database.connection?.url ?? `${prefix}DATABASE_URL`);
      const token = `${prefix}DATABASE_AUTH_TOKEN`;
      return { names: [url, token], text: `\`${url}\` (default \`file:.data/${database.name}.db\`, or a libsql/Turso URL with \`${token}\`)` };
    },
  },
  mysql: {
    label: 'MySQL',
    kitDialect: 'mysql',
    coreModule: 'drizzle-orm/mysql-core',
    tableFunction: 'mysqlTable',
    anyColumn: 'AnyMySqlColumn',
    nativeEnums: false,
    inlineEnum: 'mysqlEnum',
    enumRule: "MySQL `ENUM` columns listing their values inline (`mysqlEnum(['a', 'b'])`), declared with the column",
    defaultEnumStyle: 'text',
    types: MYSQL_TYPES,
    random: '.$defaultFn(() => crypto.randomUUID())',
    ids: {
      uuid: { code: 'varchar({ length: 36 }).primaryKey().$defaultFn(() => crypto.randomUUID())', builder: 'varchar({ length: 36 })' },
      ulid: { code: 'varchar({ length: 26 }).primaryKey().$defaultFn(() => ulid())', builder: 'varchar({ length: 26 })', imports: { from: 'ulid', name: 'ulid' } },
      nanoid: { code: 'varchar({ length: 21 }).primaryKey().$defaultFn(() => nanoid())', builder: 'varchar({ length: 21 })', imports: { from: 'nanoid', name: 'nanoid' } },
      cuid2: {
        code: 'varchar({ length: 32 }).primaryKey().$defaultFn(() => createId())',
        builder: 'varchar({ length: 32 })',
        imports: { from: '@paralleldrive/cuid2', name: 'createId' },
      },
      // SERIAL is BIGINT UNSIGNED AUTO_INCREMENT: its foreign keys must be BIGINT UNSIGNED too.
      serial: { code: 'serial().primaryKey()', builder: MYSQL_SERIAL_REFERENCE },
      identity: { code: 'int().primaryKey().autoincrement()', builder: 'int()' },
    },
    timestamps: {
      createdAt: 'timestamp({ fsp: 3 }).notNull().defaultNow()',
      updatedAt: 'timestamp({ fsp: 3 }).notNull().defaultNow().$onUpdate(() => new Date())',
      core: ['timestamp'],
      orm: [],
      rule: '`createdAt` and `updatedAt` (timestamp with milliseconds, `fsp: 3`, `defaultNow()`) on every table; `updatedAt` is set on every update by `$onUpdate`.',
    },
    referencing: { serial: MYSQL_SERIAL_REFERENCE },
    layerTemplates: {
      'layer/config.ts': 'layer/mysql/config.ts',
      'layer/connection.ts': 'layer/mysql/connection.ts',
      'layer/drizzle.config.ts': 'layer/mysql/drizzle.config.ts',
      'layer/env.example': 'layer/mysql/env.example',
      'layer/reset.ts': 'layer/mysql/reset.ts',
      'layer/nuke.ts': 'layer/mysql/nuke.ts',
    },
    schemas: false,
    execute: 'execute',
    // MySQL has no ON CONFLICT: a duplicate key sets the key to itself, which changes nothing (and,
    // unlike INSERT IGNORE, still fails on bad values instead of turning them into warnings).
    insertIgnore: (table, key) => `.onDuplicateKeyUpdate({ set: { ${key}: sql\`\${${table}.${key}}\` } })`,
    resetsSequences: false,
    idSummaries: {
      uuid: 'varchar(36) column, UUID generated in TypeScript (crypto.randomUUID())',
      ulid: 'varchar(26) column, ULID generated in TypeScript',
      nanoid: 'varchar(21) column, nanoid generated in TypeScript',
      cuid2: 'varchar(32) column, cuid2 generated in TypeScript',
      serial: 'serial (bigint unsigned auto_increment); references to it are bigint unsigned',
      identity: 'int auto_increment (MySQL has no identity columns)',
    },
    troubleshooting: {
      embedded: '',
      server: '`DATABASE_URL is not set` or `DB_… must be …`: copy `.env.example` to `.env` and fill it in (`mysql://user:password@host:3306/database`); the message names the variable.',
    },
    // One database per layer for now: connection refuses a second one on MySQL.
    environment: () => ({
      names: ['DATABASE_URL', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_NAME'],
      text: '`DATABASE_URL` (`mysql://user:password@host:3306/database`, or `DB_HOST`, `DB_PORT` (3306), `DB_USER`, `DB_PASSWORD`, `DB_NAME`)',
    }),
  },
};

export function dialectOf(dialect: Dialect): DialectSpec {
  return DIALECT_SPECS[dialect];
}

/** The template rendering `name` for this driver and dialect: the driver's own, else the dialect's, else the shared one. */
export function layerTemplate(layer: { dialect: Dialect; driver: DriverName }, name: string): string {
  const driver: Driver = DRIVERS[layer.driver];
  return driver.layerTemplates?.[name] ?? DIALECT_SPECS[layer.dialect].layerTemplates[name] ?? name;
}

/** drizzle-kit's --dialect for the layer: the driver's when it has its own (better-sqlite3's `sqlite`), else the dialect's. */
export function kitDialect(layer: { dialect: Dialect; driver: DriverName }): string {
  const driver: Driver = DRIVERS[layer.driver];
  return driver.kitDialect ?? DIALECT_SPECS[layer.dialect].kitDialect;
}

/** The column type of a field (not an enum or a bare reference); throws on a type the dialect cannot store. */
export function columnType(spec: DialectSpec, field: Pick<Field, 'type' | 'source'>): ColumnType {
  const type = spec.types[field.type];
  if (!type) throw new Error(`no ${spec.label} column for field type ${field.type}`);
  if ('unsupported' in type) throw new Error(type.unsupported);
  return type;
}

/** The builder call of a field, e.g. `text({ length: 200 })`. */
export function builderCall(spec: DialectSpec, field: Pick<Field, 'type' | 'source' | 'options'>): string {
  const type = columnType(spec, field);
  return `${type.builder}(${(type.params ? field.options : undefined) ?? type.options ?? ''})`;
}

/**
 * One line saying why `field` cannot be stored by the dialect and what to write instead, or
 * undefined when it can.
 */
export function unsupportedField(spec: DialectSpec, field: Field): string | undefined {
  const type = spec.types[field.type];
  if (type && 'unsupported' in type) return `${field.source}: ${type.unsupported} (the ${spec.label} layer maps every other type)`;
  if (type?.needsParams && !field.options) return `${field.source}: ${type.needsParams}`;
  if (type?.notIndexable && (field.unique || field.index || field.pk)) return `${field.source}: ${type.notIndexable}`;
  return undefined;
}
