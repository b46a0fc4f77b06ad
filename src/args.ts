/**
 * A small argv parser driven by a flag table, so every command declares its flags as data and
 * gets the same errors: unknown flags, missing values and values outside the allowed list.
 */
import { UsageError } from './errors.js';

export interface FlagSpec {
  type: 'boolean' | 'string';
  description: string;
  /** Allowed values of a string flag, listed in errors and help. */
  values?: readonly string[];
  /** Placeholder shown in help for a free-form string flag. */
  valueName?: string;
  /** A boolean that defaults to true and is turned off with --no-<name>. */
  negatable?: boolean;
  short?: string;
}

export type FlagTable = Record<string, FlagSpec>;

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

export function parseArgs(argv: readonly string[], table: FlagTable, command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  const byShort = new Map(Object.entries(table).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : [])));

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [rawName, inlineValue] = splitFlag(arg, byShort);
    const negated = rawName.startsWith('no-') && table[rawName.slice(3)]?.negatable === true;
    const name = negated ? rawName.slice(3) : rawName;
    const spec = table[name];
    if (!spec) {
      throw new UsageError(`unknown flag ${arg.split('=')[0]} for ${command}: run "create-db-layer ${command} --help" to see its flags`);
    }
    if (spec.type === 'boolean') {
      if (inlineValue !== undefined) throw new UsageError(`--${rawName} takes no value (got "${inlineValue}")`);
      flags[name] = !negated;
      continue;
    }
    const value = inlineValue ?? argv[index + 1];
    // A following flag is not a value: `--db-dir -y` is a missing value, not a folder named -y.
    if (value === undefined || (inlineValue === undefined && value.startsWith('-') && value !== '-')) {
      throw new UsageError(`--${name} needs a value${allowed(spec)}`);
    }
    if (inlineValue === undefined) index++;
    if (spec.values && !spec.values.includes(value)) {
      throw new UsageError(`--${name} must be one of ${spec.values.join(', ')} (got "${value}")`);
    }
    flags[name] = value;
  }
  return { positionals, flags };
}

function splitFlag(arg: string, byShort: Map<string, string>): [string, string | undefined] {
  if (!arg.startsWith('--')) {
    const name = byShort.get(arg.slice(1));
    if (!name) throw new UsageError(`unknown flag ${arg}: run "create-db-layer --help" to see the flags`);
    return [name, undefined];
  }
  const body = arg.slice(2);
  const equals = body.indexOf('=');
  return equals === -1 ? [body, undefined] : [body.slice(0, equals), body.slice(equals + 1)];
}

function allowed(spec: FlagSpec): string {
  if (spec.values) return `: one of ${spec.values.join(', ')}`;
  return spec.valueName ? ` (${spec.valueName})` : '';
}

/** Help text for a flag table, one aligned line per flag. */
export function formatFlags(table: FlagTable): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const flag = spec.negatable ? `--no-${name}` : `--${name}`;
    const value = spec.type === 'string' ? ` <${spec.values ? spec.values.join('|') : (spec.valueName ?? 'value')}>` : '';
    const short = spec.short ? `-${spec.short}, ` : '    ';
    return [`${short}${flag}${value}`, spec.description] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}
