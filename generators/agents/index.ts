/**
 * `create-db-layer agents [--check]`: write or verify the AGENTS.md guides.
 */
import { COMMON_FLAGS, type Command } from '../../src/command.js';

export const agentsCommand: Command = {
  name: 'agents',
  usage: 'create-db-layer agents [--check] [flags]',
  summary: 'write or refresh the AGENTS.md guides from the repo (inventory, helpers, tables, conventions, scripts)',
  details: [
    'Writes <dbDir>/AGENTS.md and one AGENTS.md per extra database folder. Only the sections between',
    'create-db-layer markers are generated; text outside them is kept. init, table, connection and sync',
    'refresh the guides themselves. --check writes nothing and fails, naming the stale sections, when a',
    'guide no longer matches the repo (a table added by hand, say).',
  ].join('\n'),
  flags: {
    ...COMMON_FLAGS,
    check: { type: 'boolean', description: 'write nothing; exit 1 naming the sections that are out of date' },
  },
  run: async (args, io) => {
    (await import('../../src/transforms/load-ts-morph.js')).primeTypeScriptCache();
    return (await import('./run.js')).runAgents(args, io);
  },
};
