/**
 * The random field-list generator of the `table` fuzz e2e (test/e2e/table-fuzz.test.ts): name
 * pools, the model of what a generated table must become, and `Generator`, which builds valid
 * field lists (every type, parameters, modifiers, defaults, enums, references to earlier tables and
 * to the table itself, custom and composite keys, id strategies) from a seeded PRNG. The operators
 * that corrupt them into invalid lists are in ./fuzz-corruptions.ts.
 *
 * It only produces what PostgreSQL accepts; the inputs the product accepts but PostgreSQL (or the
 * generated seeds) did not are pinned in test/e2e/table-regressions.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './repo.js';
import { Random, mulberry32 } from './table.js';

/** ulid and cuid2 are not installed here; nanoid is (transitively, v3), so it is used when present. */
const NANOID = fs.existsSync(path.join(ROOT, 'node_modules/nanoid/package.json'));
const ID_STRATEGIES = ['uuid', 'uuid', 'serial', 'identity', ...(NANOID ? ['nanoid'] : [])] as const;
export type IdStrategy = (typeof ID_STRATEGIES)[number];

// ---------------------------------------------------------------------------------------------
// names

/** Table words: not reserved, not an import of a table file, plural = word + "s". */
const TABLE_WORDS = [
  'widget', 'gadget', 'planet', 'rocket', 'garden', 'basket', 'ticket', 'invoice', 'badge', 'album',
  'track', 'artist', 'venue', 'lesson', 'player', 'team', 'coupon', 'vendor', 'parcel', 'sensor',
  'device', 'station', 'route', 'wallet', 'voucher', 'recipe', 'flower', 'forest', 'river', 'island',
  'castle', 'dragon', 'wizard', 'knight', 'puzzle', 'marble', 'pebble', 'candle', 'lantern', 'mirror',
  'anchor', 'harbor', 'signal', 'beacon', 'meadow', 'canyon', 'glacier', 'comet', 'nebula', 'quasar',
];
/** Second words of two-word tables (widgetLogs, widget_logs, WidgetLogs). */
const PART_WORDS = ['log', 'note', 'tag', 'link', 'item', 'part', 'slot', 'step', 'rule', 'event'];
/**
 * Column names as a user writes them (camelCase, snake_case, lower), including JavaScript
 * keywords that are fine as property names. Disjoint from the tables' words (so an enum named
 * <singular>_<column> never equals a table name).
 */
const COLUMN_NAMES = [
  'title', 'label', 'amount', 'price', 'quantity', 'rating', 'isActive', 'summary', 'payload', 'metadata',
  'startsOn', 'endsAt', 'color', 'code', 'slug', 'weight', 'height', 'score', 'level', 'kind',
  'mood', 'flavor', 'budget', 'region', 'zip_code', 'last_seen', 'is_public', 'sort_key', 'external_ref', 'class',
  'new', 'delete', 'function', 'type', 'enum', 'interface', 'status', 'priority', 'visibility', 'checksum',
  'duration', 'capacity', 'latitude', 'longitude', 'comment_text', 'email', 'phone', 'website', 'nickname', 'birthday',
  'opened_at', 'closed_at', 'retry_count', 'max_size', 'min_size', 'is_archived', 'version_tag', 'locale', 'currency', 'bio',
];
const REF_NAMES = ['owner', 'parent', 'source', 'target', 'creator', 'reviewer', 'origin', 'sponsor', 'mentor', 'buddy'];
const ENUM_VALUES = ['draft', 'published', 'archived', 'low', 'mid', 'high', 'x-1', 'on_hold', 'A1', 'red', 'green', 'blue'];

const cap = (word: string) => word[0]!.toUpperCase() + word.slice(1);
/** title -> title, zip_code -> zipCode, startsOn -> startsOn (names here have no digits). */
const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
/** startsOn -> starts_on (drizzle's casing for these simple names). */
export const snake = (name: string) => camel(name).replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

// ---------------------------------------------------------------------------------------------
// the model of what is generated

type KeyType = 'uuid' | 'integer' | 'text' | 'varchar(64)';

export interface Key {
  /** TypeScript name of the referenced column, e.g. `id`, `code`. */
  ts: string;
  type: KeyType;
  primary: boolean;
}

export interface FieldSpec {
  arg: string;
  /** Property name the parser must give it. */
  ts: string;
  /** Column name in the database. */
  db: string;
  ref?: { table: string; column: string };
}

export interface TableSpec {
  /** As written on the command line (widgetLogs, widget_logs, WidgetLogs, widgets). */
  name: string;
  exportName: string;
  dbName: string;
  /** `<word>s`: the `<word>:references` shorthand finds it. */
  word?: string;
  id: IdStrategy;
  timestamps: boolean;
  seed: boolean;
  fields: FieldSpec[];
  /** Single-column primary key (absent for a composite key). */
  key?: Key;
  /** Whether `seed` can produce valid rows for it (and so for its children). */
  seedable: boolean;
  /** The field arguments, in command-line order. */
  fieldArgs: string[];
  argv: string[];
  columns: string[];
  foreignKeys: number;
}

// ---------------------------------------------------------------------------------------------
// the generator of valid field lists

const TEXT_CHARS = "abcXYZ019 _-'\"\\$`{}é!?.,;()[]<>@#%&*+=~^|/";

function textLiteral(random: Random, max: number): string {
  for (;;) {
    const length = random.int(1, Math.min(max, 10));
    const value = Array.from({ length }, () => random.pick([...TEXT_CHARS])).join('');
    // "now" and "random" are keywords of default=; a trailing space would not survive a shell
    if (value !== 'now' && value !== 'random') return value;
  }
}

function uuidLiteral(random: Random): string {
  const hex = (count: number) => Array.from({ length: count }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

interface ColumnType {
  type: string;
  /** A valid `default=` value, or undefined when the type takes none here. */
  fallback?: () => string;
  json?: boolean;
  boolean?: boolean;
  /** numeric(p,p): its seed values do not fit (see test/e2e/table-regressions.test.ts). */
  seedUnsafe?: boolean;
  enumValues?: string[];
}

function columnType(random: Random): ColumnType {
  const kind = random.pick([
    'text', 'varchar', 'char', 'integer', 'bigint', 'smallint', 'serial', 'boolean', 'real', 'double',
    'numeric', 'date', 'time', 'timestamp', 'timestamptz', 'json', 'jsonb', 'uuid', 'enum', 'enum',
  ]);
  switch (kind) {
    case 'text':
      return { type: 'text', fallback: () => textLiteral(random, 10) };
    case 'varchar': {
      const length = random.int(1, 300);
      return { type: `varchar(${length})`, fallback: () => textLiteral(random, length) };
    }
    case 'char': {
      const length = random.int(1, 8);
      return { type: `char(${length})`, fallback: () => textLiteral(random, length) };
    }
    case 'integer':
      return { type: 'integer', fallback: () => String(random.int(-100_000, 100_000)) };
    case 'bigint':
      return { type: 'bigint', fallback: () => String(random.int(-1e12, 1e12)) };
    case 'smallint':
      return { type: 'smallint', fallback: () => String(random.int(-30_000, 30_000)) };
    case 'serial':
      return { type: 'serial' };
    case 'boolean':
      return { type: 'boolean', boolean: true, fallback: () => random.pick(['true', 'false']) };
    case 'real':
    case 'double':
      return { type: kind, fallback: () => `${random.pick(['', '-'])}${random.int(0, 9999)}${random.chance(0.5) ? `.${random.int(0, 99)}` : ''}` };
    case 'numeric': {
      const precision = random.int(1, 20);
      const scale = random.int(0, precision);
      const digits = precision - scale;
      return {
        type: random.chance(0.5) ? `numeric(${precision},${scale})` : `numeric(${precision}, ${scale})`,
        seedUnsafe: digits === 0,
        fallback: () => {
          const whole = digits === 0 ? 0 : random.int(0, 10 ** Math.min(digits, 6) - 1);
          const fraction = scale === 0 ? '' : `.${String(random.int(0, 10 ** Math.min(scale, 6) - 1)).padStart(Math.min(scale, 6), '0')}`;
          return `${whole}${fraction}`;
        },
      };
    }
    case 'date':
      return {
        type: 'date',
        fallback: () =>
          random.chance(0.5) ? 'now' : `${random.int(2000, 2030)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      };
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      // a literal time would need ":", the field separator
      return { type: kind, fallback: () => 'now' };
    case 'json':
    case 'jsonb':
      return {
        type: kind,
        json: true,
        // not a JSON string such as "hello": see test/e2e/table-regressions.test.ts
        fallback: () => random.pick(['[1,2,3]', 'true', 'false', 'null', '42', '[]', '{}', '["a","b"]', '-1.5']),
      };
    case 'uuid':
      return { type: 'uuid', fallback: () => (random.chance(0.5) ? 'random' : uuidLiteral(random)) };
    default: {
      const values = random.sample(ENUM_VALUES, random.int(2, 4));
      return { type: `enum(${values.join('|')})`, enumValues: values, fallback: () => random.pick(values) };
    }
  }
}

function styleName(random: Random, name: string): string {
  // as written: the pool's spelling, or its camelCase / snake_case twin
  return random.pick([name, camel(name), snake(name)]);
}

/** `${mods}` joined in random order. */
export function withModifiers(random: Random, head: string, modifiers: string[]): string {
  return [head, ...random.sample(modifiers, modifiers.length)].join(':');
}

export class Generator {
  readonly random: Random;
  readonly tables: TableSpec[] = [];
  private wordIndex = 0;
  private readonly words: string[];

  constructor(seed: number) {
    this.random = new Random(mulberry32(seed));
    this.words = this.random.sample(TABLE_WORDS, TABLE_WORDS.length);
  }

  /** A new table's names; table words are used once each, then with a part word. */
  private tableNames(): Pick<TableSpec, 'name' | 'exportName' | 'dbName' | 'word'> {
    const random = this.random;
    const index = this.wordIndex++;
    const word = this.words[index % this.words.length]!;
    const round = Math.floor(index / this.words.length);
    if (round === 0 && random.chance(0.6)) return { name: `${word}s`, exportName: `${word}s`, dbName: `${word}s`, word };
    const part = PART_WORDS[(index + round) % PART_WORDS.length]!;
    const exportName = `${word}${cap(part)}s`;
    const name = random.pick([exportName, `${word}_${part}s`, `${cap(word)}${cap(part)}s`]);
    return { name, exportName, dbName: `${word}_${part}s`, word: undefined };
  }

  /**
   * One valid table: its argv and what it must become. `earlier` are the tables it may reference
   * (in the repo before it).
   */
  table(earlier: readonly TableSpec[]): TableSpec {
    const random = this.random;
    const names = this.tableNames();
    const id: IdStrategy = random.pick(ID_STRATEGIES);
    const timestamps = random.chance(0.75);
    const fields: FieldSpec[] = [];
    const used = new Set<string>(['id', 'created_at', 'updated_at']);
    const take = (ts: string): boolean => {
      if (used.has(snake(ts))) return false;
      used.add(snake(ts));
      return true;
    };
    let seedable = true;
    const keyShape = random.next();
    let key: Key | undefined = { ts: 'id', type: id === 'uuid' ? 'uuid' : id === 'nanoid' ? 'text' : 'integer', primary: true };

    if (keyShape < 0.08) {
      // a custom single-column primary key
      const raw = random.pick(COLUMN_NAMES);
      const ts = camel(raw);
      take(ts);
      const [type, extra] = random.pick([
        ['text', []],
        ['integer', []],
        ['uuid', random.chance(0.5) ? ['default=random'] : []],
        ['varchar(64)', []],
        ['serial', []],
      ] as Array<[string, string[]]>);
      fields.push({ arg: withModifiers(random, `${styleName(random, raw)}:${type}`, ['pk', ...extra, ...(random.chance(0.3) ? ['notNull'] : [])]), ts, db: snake(ts) });
      key = { ts, type: type === 'serial' ? 'integer' : (type as KeyType), primary: true };
    } else if (keyShape < 0.12) {
      // a composite key: not referenceable, not seedable
      for (const type of ['text', 'integer']) {
        let raw = random.pick(COLUMN_NAMES);
        while (used.has(snake(camel(raw)))) raw = random.pick(COLUMN_NAMES);
        take(camel(raw));
        fields.push({ arg: `${styleName(random, raw)}:${type}:pk`, ts: camel(raw), db: snake(camel(raw)) });
      }
      key = undefined;
      seedable = false;
    }

    // references to earlier tables (and sometimes to itself)
    const targets = earlier.filter((table) => table.key);
    const refCount = targets.length === 0 ? 0 : random.pick([0, 0, 1, 1, 1, 2, 2, 3]);
    for (let n = 0; n < refCount; n++) {
      const target = random.pick(targets);
      const targetKey = target.key!;
      const notNull = random.chance(0.3);
      const onDelete = random.pick([undefined, 'cascade', 'restrict', 'no-action', ...(notNull ? [] : ['set-null'])]);
      const modifiers = [...(notNull ? ['notNull'] : []), ...(onDelete ? [`onDelete=${onDelete}`] : []), ...(random.chance(0.1) ? ['index'] : [])];
      const refTable = random.pick([target.name, target.exportName, target.dbName]);
      const refColumn = targetKey.ts === 'id' && random.chance(0.6) ? '' : `.${targetKey.ts}`;
      let arg: string;
      let ts: string;
      if (target.word && targetKey.ts === 'id' && random.chance(0.4) && !used.has(snake(`${target.word}Id`))) {
        // the shorthand: widget:references -> widgetId -> widgets.id
        ts = `${target.word}Id`;
        arg = withModifiers(random, `${target.word}:references`, modifiers);
      } else {
        const base = random.pick(REF_NAMES);
        ts = `${base}Id`;
        if (used.has(snake(ts))) continue;
        if (random.chance(0.25)) {
          // a typed column with ref=: the type must be the referenced key's
          arg = withModifiers(random, `${styleName(random, ts)}:${targetKey.type}`, [`ref=${refTable}${refColumn}`, ...modifiers]);
        } else {
          arg = withModifiers(random, `${base}:references`, [`ref=${refTable}${refColumn}`, ...modifiers]);
        }
      }
      take(ts);
      fields.push({ arg, ts, db: snake(ts), ref: { table: target.exportName, column: targetKey.ts } });
      if (!target.seedable) seedable = false;
    }
    if (key?.ts === 'id' && random.chance(0.1) && !used.has('parent_id')) {
      // self-reference (only through the generated id: see test/e2e/table-regressions.test.ts for custom keys)
      const onDelete = random.pick(['', ':onDelete=cascade', ':onDelete=set-null']);
      take('parentId');
      fields.push({ arg: `parent:references:ref=${names.name}${onDelete}`, ts: 'parentId', db: 'parent_id', ref: { table: names.exportName, column: 'id' } });
    }

    // plain columns
    const plain = random.int(1, 6);
    for (let n = 0; n < plain; n++) {
      const raw = random.pick(COLUMN_NAMES);
      const ts = camel(raw);
      if (!take(ts)) continue;
      const type = columnType(random);
      const modifiers: string[] = [];
      if (type.type !== 'serial' && random.chance(0.3)) modifiers.push('notNull');
      // json has no btree operator class; a unique boolean (or a 2-value enum) cannot give 3
      // distinct seed rows: both are in test/e2e/table-regressions.test.ts
      const uniqueOk = !type.json && !type.boolean && !(type.enumValues && type.enumValues.length < 3);
      if (uniqueOk && random.chance(0.12)) modifiers.push('unique');
      if (!type.json && random.chance(0.15)) modifiers.push('index');
      if (type.fallback && random.chance(0.4)) {
        const fallback = type.fallback();
        // a unique column with a constant default gets the same value in every seed row: see table-regressions.test.ts
        if (!modifiers.includes('unique') || fallback === 'random') modifiers.push(`default=${fallback}`);
      }
      if (type.seedUnsafe && !modifiers.some((modifier) => modifier.startsWith('default='))) seedable = false;
      fields.push({ arg: withModifiers(random, `${styleName(random, raw)}:${type.type}`, modifiers), ts, db: snake(ts) });
    }

    const order = random.sample(fields, fields.length);
    const seed = seedable && key !== undefined && random.chance(0.35);
    const argv = [
      names.name,
      ...order.map((field) => field.arg),
      ...(id !== 'uuid' || random.chance(0.2) ? ['--id', id] : []),
      ...(timestamps ? [] : ['--no-timestamps']),
      ...(seed ? ['--seed'] : []),
      '--no-generate',
    ];
    const spec: TableSpec = {
      ...names,
      id,
      timestamps,
      seed,
      fields: order,
      key,
      seedable: seedable && key !== undefined,
      fieldArgs: order.map((field) => field.arg),
      argv,
      columns: [
        ...(order.some((field) => field.arg.split(':').slice(2).includes('pk')) ? [] : ['id']),
        ...order.map((field) => field.db),
        ...(timestamps ? ['created_at', 'updated_at'] : []),
      ],
      foreignKeys: order.filter((field) => field.ref).length,
    };
    this.tables.push(spec);
    return spec;
  }
}
