/**
 * The command table: name -> command. The CLI and the help text read it; adding a command is
 * adding a row.
 */
import { agentsCommand } from '../generators/agents/index.js';
import { checkCommand } from '../generators/check/index.js';
import { connectionCommand } from '../generators/connection/index.js';
import { initCommand } from '../generators/init/index.js';
import { seedCommand } from '../generators/seed/index.js';
import { syncCommand } from '../generators/sync/index.js';
import { tableCommand } from '../generators/table/index.js';
import type { Command } from './command.js';

export const COMMANDS: Record<string, Command> = {
  init: initCommand,
  table: tableCommand,
  seed: seedCommand,
  connection: connectionCommand,
  sync: syncCommand,
  agents: agentsCommand,
  check: checkCommand,
};

export const DEFAULT_COMMAND = 'init';
