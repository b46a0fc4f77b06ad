import { UserError } from '../errors.js';

export interface PackageJsonPatch {
  /** only used when creating a new package.json; an existing name is never changed */
  name?: string;
  /** only used when creating a new package.json; see mergePackageJson */
  type?: 'module';
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export interface PackageJsonMerge {
  content: string;
  /** `scripts.<name>` for every script the user already defines differently */
  conflicts: string[];
}

type Json = Record<string, unknown>;

/** How the file is written, so a rewrite changes only what we added. */
interface Format {
  indent: string;
  eol: string;
  finalNewline: boolean;
  bom: boolean;
}

// A user's dependency in any of these groups is theirs: we never add a second
// entry nor up/downgrade it, even when our pinned version differs.
const DEPENDENCY_GROUPS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

const NEW_FILE_FORMAT: Format = { indent: '  ', eol: '\n', finalNewline: true, bom: false };

function detectFormat(text: string): Format {
  const indented = /^([ \t]+)\S/m.exec(text)?.[1];
  const indent = indented === undefined ? '  ' : indented.startsWith('\t') ? '\t' : indented;
  return {
    indent,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    finalNewline: /\r?\n$/.test(text),
    bom: text.startsWith('\uFEFF'),
  };
}

function serialize(data: Json, format: Format): string {
  const body = JSON.stringify(data, null, format.indent).replace(/\n/g, format.eol);
  return (format.bom ? '\uFEFF' : '') + body + (format.finalNewline ? format.eol : '');
}

function parse(text: string): Json {
  let data: unknown;
  try {
    // JSON.parse rejects a BOM; editors on Windows sometimes write one.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UserError(`package.json is not valid JSON: ${detail.split('\n')[0]}. Fix it and run again.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError('package.json is not valid JSON: expected an object at the top level. Fix it and run again.');
  }
  return data as Json;
}

/** The object at `data[key]`, created (appended last) when absent. */
function objectField(data: Json, key: string): Record<string, string> {
  const value = data[key];
  if (value === undefined) {
    const created: Record<string, string> = {};
    data[key] = created;
    return created;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`package.json field "${key}" must be an object. Fix it and run again.`);
  }
  return value as Record<string, string>;
}

// npm keeps dependency maps sorted; a fixed locale keeps output identical on every machine.
function sortedByName(deps: Record<string, string>): Record<string, string> {
  const entries = Object.entries(deps).sort(([a], [b]) => a.localeCompare(b, 'en'));
  return Object.fromEntries(entries);
}

function hasDependency(data: Json, name: string): boolean {
  return DEPENDENCY_GROUPS.some((group) => {
    const deps = data[group];
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, name);
  });
}

/** Adds missing packages to `data[group]`; returns whether anything was added. */
function addDependencies(data: Json, group: string, wanted: Record<string, string>): boolean {
  const missing = Object.entries(wanted).filter(([name]) => !hasDependency(data, name));
  if (missing.length === 0) return false;
  const deps = objectField(data, group);
  for (const [name, version] of missing) deps[name] = version;
  // Reassigning an existing key keeps its position among the top-level keys.
  data[group] = sortedByName(deps);
  return true;
}

/**
 * Applies `scripts` to data.scripts. Missing scripts are added; a script with
 * another command is overwritten when `overwrite`, else reported as a conflict.
 */
function applyScripts(data: Json, scripts: Record<string, string>, overwrite: boolean) {
  const conflicts: string[] = [];
  let changed = false;
  const wanted = Object.entries(scripts);
  if (wanted.length === 0) return { changed, conflicts };
  const current = objectField(data, 'scripts');
  for (const [name, command] of wanted) {
    if (!Object.hasOwn(current, name)) {
      current[name] = command;
      changed = true;
    } else if (current[name] !== command) {
      if (overwrite) {
        current[name] = command;
        changed = true;
      } else {
        conflicts.push(`scripts.${name}`);
      }
    }
  }
  return { changed, conflicts };
}

function createPackageJson(patch: PackageJsonPatch): string {
  const data: Json = {
    name: patch.name,
    version: '0.0.0',
    private: true,
    type: patch.type,
    scripts: patch.scripts,
    dependencies: sortedByName(patch.dependencies),
    devDependencies: sortedByName(patch.devDependencies),
  };
  // JSON.stringify drops the undefined name/type, so they are simply absent.
  return serialize(data, NEW_FILE_FORMAT);
}

/**
 * Adds our scripts and dependencies to the target's package.json (or creates
 * one). Everything the user wrote stays: key order, indentation, line endings,
 * their scripts and their dependency versions. `type` is never set on an
 * existing file, because switching a repo to ESM breaks its other files.
 * When nothing is missing the input is returned byte for byte, so re-running
 * never produces a diff.
 */
export function mergePackageJson(existing: string | null, patch: PackageJsonPatch): PackageJsonMerge {
  if (existing === null) return { content: createPackageJson(patch), conflicts: [] };
  const data = parse(existing);
  const scripts = applyScripts(data, patch.scripts, false);
  const addedDeps = addDependencies(data, 'dependencies', patch.dependencies);
  const addedDevDeps = addDependencies(data, 'devDependencies', patch.devDependencies);
  const changed = scripts.changed || addedDeps || addedDevDeps;
  return {
    content: changed ? serialize(data, detectFormat(existing)) : existing,
    conflicts: scripts.conflicts,
  };
}

/** Like mergePackageJson's script step, but our commands replace the user's (--force). */
export function applyScriptOverrides(existing: string, scripts: Record<string, string>): string {
  const data = parse(existing);
  const { changed } = applyScripts(data, scripts, true);
  return changed ? serialize(data, detectFormat(existing)) : existing;
}
