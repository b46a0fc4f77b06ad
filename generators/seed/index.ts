/**
 * `create-db-layer seed <table>`: add an idempotent seed function and register it.
 */
import { COMMON_FLAGS, workingDir, type Command } from '../../src/command.js';

export const seedCommand: Command = {
  name: 'seed',
  usage: 'create-db-layer seed <table> [flags]',
  summary: 'add an idempotent seed for a table (and for the tables it references) and register it in seed.ts',
  flags: {
    ...COMMON_FLAGS,
    db: { type: 'string', valueName: 'name', description: 'database of the table (default: the primary one)' },
  },
  run: async (args, io) => {
    (await import('../../src/render/format.js')).startFormatter(workingDir(args, io));
    (await import('../../src/transforms/load-ts-morph.js')).primeTypeScriptCache();
    return (await import('./run.js')).runSeed(args, io);
  },
};
