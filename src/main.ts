/**
 * argv -> command + flags -> exit code. Errors a user can act on become one line on stderr.
 */
import { formatFlags, parseArgs } from './args.js';
import type { Command, Io } from './command.js';
import { COMMANDS, DEFAULT_COMMAND } from './commands.js';
import { UserError } from './errors.js';
import { PACKAGE_VERSION } from './package-info.js';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    if (argv[0] === '--version' || argv[0] === '-v') {
      io.out(PACKAGE_VERSION);
      return 0;
    }
    const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]);
    const command = COMMANDS[named ? argv[0]! : DEFAULT_COMMAND]!;
    if (!named && (argv[0] === '--help' || argv[0] === '-h')) {
      io.out(globalHelp());
      return 0;
    }
    const args = parseArgs(named ? argv.slice(1) : argv, { ...command.flags, version: { type: 'boolean', short: 'v', description: 'print the version' } }, command.name);
    if (args.flags.help) {
      io.out(commandHelp(command));
      return 0;
    }
    if (args.flags.version) {
      io.out(PACKAGE_VERSION);
      return 0;
    }
    await command.run(args, io);
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      io.err(`create-db-layer: ${error.message}`);
      return error.exitCode;
    }
    if (isPromptCancel(error)) {
      io.err('create-db-layer: cancelled, nothing written');
      return 130;
    }
    io.err(`create-db-layer: unexpected error, please report it:\n${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

/** @inquirer/prompts rejects with ExitPromptError on Ctrl-C. */
function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}

function commandHelp(command: Command): string {
  return `${command.summary}\n\nUsage: ${command.usage}\n${command.details ? `\n${command.details}\n` : ''}\nFlags:\n${formatFlags(command.flags)}\n  -v, --version  print the version`;
}

function globalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const rows = Object.values(COMMANDS).map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `create-db-layer ${PACKAGE_VERSION}: scaffold and grow a Drizzle ORM database layer`,
    '',
    'Usage: create-db-layer [command] [args] [flags]   (no command: init)',
    '',
    'Commands:',
    ...rows,
    '',
    'Run "create-db-layer <command> --help" for the flags of a command.',
  ].join('\n');
}
