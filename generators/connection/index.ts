/**
 * `create-db-layer connection <name>`: add a database, owned here or a read-only mirror.
 */
import { COMMON_FLAGS, type Command } from '../../src/command.js';

export const connectionCommand: Command = {
  name: 'connection',
  usage: 'create-db-layer connection <name> [--mirror <upstream schema dir>] [flags]',
  summary: 'add a database: get<Name>Database() helpers, schema folder, drizzle config, migrations and scripts',
  details: [
    'Owned (default): src/db/<name>/ (connection, migrate, seed, reset, nuke, schema/), drizzle.<name>.config.ts,',
    'migrations in drizzle-<name>/ with their own migrations table, and <name>-db:* scripts. The database',
    'reuses the primary server credentials with its own name from <NAME>_DB (--env-var), or its own URL (--url-env).',
    'Mirror (--mirror <dir>): connection helpers and types only; the schema is copied from <dir> by',
    'create-db-layer sync <name> (npm run schema:sync) and never migrated from this repo.',
    'Adopted repo: drizzle.<name>.config.ts (the repo\'s dialect and casing, URL from <NAME>_DATABASE_URL or --url-env),',
    'an empty schema, and get<Name>Db() / close<Name>Db() on the repo\'s driver in <layer>/<name>/index.ts.',
    'Example: create-db-layer connection workflows --no-ssl',
  ].join('\n'),
  flags: {
    ...COMMON_FLAGS,
    mirror: { type: 'string', valueName: 'dir', description: "a read-only mirror of the upstream schema folder <dir> (e.g. ../webapp/src/db/schema)" },
    'env-var': { type: 'string', valueName: 'NAME', description: 'variable holding its database name on the primary server (default <NAME>_DB)' },
    'url-env': { type: 'string', valueName: 'NAME', description: 'variable holding its own connection URL instead (e.g. WORKFLOWS_DATABASE_URL)' },
    ssl: { type: 'boolean', negatable: true, description: 'always (--ssl) or never (--no-ssl) use SSL for it (default: as DB_SSL)' },
  },
  run: async (args, io) => {
    (await import('../../src/transforms/load-ts-morph.js')).primeTypeScriptCache();
    return (await import('./run.js')).runConnection(args, io);
  },
};
