/**
 * The command table: name -> command. The CLI and the help text read it; adding a command is
 * adding a row.
 */
import { initCommand } from '../generators/init/index.js';
import type { Command } from './command.js';

export const COMMANDS: Record<string, Command> = {
  init: initCommand,
};

export const DEFAULT_COMMAND = 'init';
