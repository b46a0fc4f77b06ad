/**
 * `create-db-layer sync [name]`: refresh read-only mirrors from their upstream schema folders.
 */
import { COMMON_FLAGS, type Command } from '../../src/command.js';

export const syncCommand: Command = {
  name: 'sync',
  usage: 'create-db-layer sync [name] [flags]',
  summary: 'refresh a mirror (default: every mirror) from its upstream schema folder',
  details: [
    'Copies the upstream .ts schema files in, each with a "do not edit" header, deletes the ones gone',
    'upstream and regenerates the barrel, all or nothing. A mirrored file edited by hand stops the',
    'sync: move the change upstream, or pass --force to discard it.',
  ].join('\n'),
  flags: COMMON_FLAGS,
  run: async (args, io) => (await import('./run.js')).runSync(args, io),
};
