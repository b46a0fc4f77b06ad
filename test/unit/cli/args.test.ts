import { describe, expect, it } from 'vitest';
import { formatFlags, parseArgs, type FlagTable } from '../../../src/args.js';
import { UsageError } from '../../../src/errors.js';

const TABLE: FlagTable = {
  yes: { type: 'boolean', short: 'y', description: 'accept defaults' },
  install: { type: 'boolean', negatable: true, description: 'install dependencies' },
  driver: { type: 'string', values: ['auto', 'pg'], description: 'driver' },
  cwd: { type: 'string', valueName: 'dir', description: 'working dir' },
  name: { type: 'string', description: 'a free value' },
};

const parse = (...argv: string[]) => parseArgs(argv, TABLE, 'init');

/** The UsageError parseArgs throws for argv (fails the test when it does not throw). */
function usageError(...argv: string[]): UsageError {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`parseArgs accepted ${JSON.stringify(argv)}`);
}

describe('parseArgs', () => {
  it('returns positionals and no flags for plain words', () => {
    expect(parse('app', 'more')).toEqual({ positionals: ['app', 'more'], flags: {} });
    expect(parse()).toEqual({ positionals: [], flags: {} });
  });

  it('reads a string value from the next argument', () => {
    expect(parse('--driver', 'pg', 'app')).toEqual({ positionals: ['app'], flags: { driver: 'pg' } });
  });

  it('reads a string value after =', () => {
    expect(parse('--driver=pg', 'app')).toEqual({ positionals: ['app'], flags: { driver: 'pg' } });
    // Only the first = splits: the rest belongs to the value.
    expect(parse('--name=a=b').flags.name).toBe('a=b');
  });

  it('accepts a free-form value that looks like a path', () => {
    expect(parse('--cwd', '../other').flags.cwd).toBe('../other');
    expect(parse('--cwd', '/abs/dir').flags.cwd).toBe('/abs/dir');
  });

  it('sets booleans from the long and the short form', () => {
    expect(parse('--yes').flags).toEqual({ yes: true });
    expect(parse('-y').flags).toEqual({ yes: true });
  });

  it('turns a negatable boolean off with --no-<name> and on with --<name>', () => {
    expect(parse('--no-install').flags).toEqual({ install: false });
    expect(parse('--install').flags).toEqual({ install: true });
  });

  it('lets the last occurrence of a flag win', () => {
    expect(parse('--driver', 'auto', '--driver=pg').flags.driver).toBe('pg');
    expect(parse('--install', '--no-install').flags.install).toBe(false);
  });

  it('treats everything after -- as positionals, even flag-looking words', () => {
    expect(parse('-y', '--', '--driver', '-y', 'dir')).toEqual({
      positionals: ['--driver', '-y', 'dir'],
      flags: { yes: true },
    });
  });

  it('treats a lone - as a positional', () => {
    expect(parse('-').positionals).toEqual(['-']);
  });

  it('rejects an unknown long flag, naming it (without its value) and the help command', () => {
    const error = usageError('--frobnicate=3');
    expect(error.message).toBe('unknown flag --frobnicate for init: run "create-db-layer init --help" to see its flags');
    expect(error.exitCode).toBe(2);
  });

  it('rejects an unknown short flag', () => {
    expect(usageError('-x').message).toMatch(/^unknown flag -x: /);
  });

  it('rejects --no-<name> for a boolean that is not negatable', () => {
    expect(usageError('--no-yes').message).toMatch(/^unknown flag --no-yes for init/);
  });

  it('rejects a string flag without a value, listing the allowed values', () => {
    expect(usageError('--driver').message).toBe('--driver needs a value: one of auto, pg');
    expect(usageError('--cwd').message).toBe('--cwd needs a value (dir)');
    expect(usageError('--name').message).toBe('--name needs a value');
  });

  it('does not swallow the next flag as a value', () => {
    expect(usageError('--driver', '--yes').message).toBe('--driver needs a value: one of auto, pg');
  });

  it('rejects a value outside the allowed list, in both spellings', () => {
    expect(usageError('--driver', 'mysql').message).toBe('--driver must be one of auto, pg (got "mysql")');
    expect(usageError('--driver=mysql').message).toBe('--driver must be one of auto, pg (got "mysql")');
  });

  it('rejects a value given to a boolean', () => {
    expect(usageError('--yes=true').message).toBe('--yes takes no value (got "true")');
    expect(usageError('--no-install=1').message).toBe('--no-install takes no value (got "1")');
  });

  it('throws usage errors only (exit code 2)', () => {
    for (const argv of [['--nope'], ['--driver'], ['--driver', 'x'], ['--yes=1'], ['-q']]) {
      expect(usageError(...argv).exitCode).toBe(2);
    }
  });
});

describe('formatFlags', () => {
  it('prints one aligned line per flag, with values, placeholders, short forms and --no- forms', () => {
    expect(formatFlags(TABLE).split('\n')).toEqual([
      '  -y, --yes               accept defaults',
      '      --no-install        install dependencies',
      '      --driver <auto|pg>  driver',
      '      --cwd <dir>         working dir',
      '      --name <value>      a free value',
    ]);
  });
});
