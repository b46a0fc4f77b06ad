/**
 * `create-db-layer table <name> [fields…]`: add a table. Flags only here; the work is imported
 * on use, so `--help` and other commands never load ts-morph.
 */
import { COMMON_FLAGS, workingDir, type Command } from '../../src/command.js';
import { ID_STRATEGIES, keysOf } from '../../src/model/options.js';

export const TABLE_FLAGS = {
  ...COMMON_FLAGS,
  db: { type: 'string', valueName: 'name', description: 'database to add the table to (default: the primary one)' },
  id: { type: 'string', values: keysOf(ID_STRATEGIES), description: "primary-key strategy (default: the manifest's)" },
  timestamps: { type: 'boolean', negatable: true, description: 'no createdAt/updatedAt columns (--no-timestamps)' },
  seed: { type: 'boolean', description: 'also write an idempotent seed for the table and register it' },
  generate: { type: 'boolean', negatable: true, description: 'skip drizzle-kit generate (--no-generate)' },
  'migration-name': { type: 'string', valueName: 'name', description: 'name of the migration (default create_<table>)' },
} as const;

export const tableCommand: Command = {
  name: 'table',
  usage: 'create-db-layer table <name> [name:type[:modifier…] …] [flags]',
  summary: 'add a table: schema file, barrel, relations, optional seed, then drizzle-kit generate',
  details: [
    'Field syntax: name:type[:modifier…]',
    '  types: text varchar(N) char(N) integer bigint smallint serial boolean real double numeric(P,S)',
    '         date time timestamp timestamptz json jsonb uuid enum(a|b|c)',
    '  modifiers: notNull unique index pk default=VALUE (now, random or a literal)',
    '             ref=table[.column] onDelete=cascade|set-null|restrict|no-action',
    '  shorthand: user:references is userId referencing users.id (add ref=<table> for another table)',
    'Example: create-db-layer table posts title:varchar(200):notNull:index author:references:ref=users:onDelete=cascade',
  ].join('\n'),
  flags: TABLE_FLAGS,
  run: async (args, io) => {
    // drizzle-kit's process starts now, behind a gate: its Node start-up and drizzle-orm load
    // overlap ours, and it runs drizzle-kit only when released after every file is written (see
    // src/drizzle/gate.ts). Never for --dry-run or --no-generate, nor interactively (the name is
    // asked for, and a person's answers take longer than the start-up). Whatever ends this run
    // before the release (an error, a refusal, nothing to write) cancels it: it exits, unrun.
    const early = args.positionals.length > 0 && args.flags['dry-run'] !== true && args.flags.generate !== false
      ? (await import('../../src/drizzle/kit.js')).startEarlyKit(workingDir(args, io))
      : undefined;
    try {
      (await import('../../src/render/format.js')).startFormatter(workingDir(args, io));
      (await import('../../src/transforms/load-ts-morph.js')).primeTypeScriptCache();
      return await (await import('./run.js')).runTable(args, io, early);
    } finally {
      early?.cancel();
    }
  },
};
