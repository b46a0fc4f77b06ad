/**
 * `create-db-layer check`: verify the layer; a line per finding and a non-zero exit when any.
 */
import { COMMON_FLAGS, type Command } from '../../src/command.js';

export const checkCommand: Command = {
  name: 'check',
  usage: 'create-db-layer check [flags]',
  summary: 'verify the layer: barrels and config lists, migrations (journal, edits, none pending), cross-database keys, mirrors, guides',
  flags: {
    yes: COMMON_FLAGS.yes!,
    cwd: COMMON_FLAGS.cwd!,
    help: COMMON_FLAGS.help!,
    db: { type: 'string', valueName: 'name', description: 'check one database (default: all)' },
  },
  run: async (args, io) => {
    (await import('../../src/transforms/load-ts-morph.js')).primeTypeScriptCache();
    return (await import('./run.js')).runCheck(args, io);
  },
};
