/**
 * The command table: name -> command. The CLI and the help text read it; adding a command is
 * adding a row.
 */
import { checkCommand } from '../generators/check/index.js';
import { initCommand } from '../generators/init/index.js';
import { seedCommand } from '../generators/seed/index.js';
import { tableCommand } from '../generators/table/index.js';
import type { Command } from './command.js';

export const COMMANDS: Record<string, Command> = {
  init: initCommand,
  table: tableCommand,
  seed: seedCommand,
  check: checkCommand,
};

export const DEFAULT_COMMAND = 'init';
