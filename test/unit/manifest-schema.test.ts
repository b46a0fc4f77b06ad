/**
 * schema/db-layer.schema.json is generated from ManifestSchema (src/model/manifest.ts) and
 * committed; generated repos point their db-layer.json at it. This file keeps it in step with the
 * zod schema, and checks both accept what init writes and reject what parseManifest rejects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseEntry } from '../../generators/connection/plan.js';
import { planInit } from '../../generators/init/plan.js';
import { INIT_DEFAULTS, type InitAnswers } from '../../src/model/init-answers.js';
import { MANIFEST_FILE, MANIFEST_SCHEMA_URL, ManifestSchema, parseManifest, serializeManifest } from '../../src/model/manifest.js';
import { Tree } from '../../src/plan/index.js';
import { MANIFEST_SCHEMA_PATH, renderManifestSchema } from '../../scripts/write-manifest-schema.js';

const REGENERATE = 'run "npm run schema" and commit schema/db-layer.schema.json';
const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');

function committedSchema(): string {
  expect(fs.existsSync(MANIFEST_SCHEMA_PATH), `${MANIFEST_SCHEMA_PATH} is missing: ${REGENERATE}`).toBe(true);
  return fs.readFileSync(MANIFEST_SCHEMA_PATH, 'utf8');
}

async function initManifestText(answers: Partial<InitAnswers> = {}): Promise<string> {
  const tree = new Tree(path.resolve('/__create-db-layer-manifest__/app'), () => null);
  await planInit(tree, { answers: { ...INIT_DEFAULTS, ...answers }, packageManager: 'npm', selfSpec: 'file:../create-db-layer', force: false });
  const text = tree.read(MANIFEST_FILE);
  expect(text).not.toBeNull();
  return text!;
}

describe('schema/db-layer.schema.json', () => {
  it('is up to date with ManifestSchema', () => {
    expect(committedSchema(), `schema/db-layer.schema.json is out of date with ManifestSchema in src/model/manifest.ts: ${REGENERATE}`).toBe(
      renderManifestSchema(),
    );
  });

  it('is where generated manifests point, and is published', () => {
    expect(MANIFEST_SCHEMA_PATH).toBe(path.join(PACKAGE_ROOT, 'schema', 'db-layer.schema.json'));
    expect(MANIFEST_SCHEMA_URL).toBe('./node_modules/create-db-layer/schema/db-layer.schema.json');
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; files: string[] };
    expect(pkg.name).toBe('create-db-layer');
    expect(pkg.files).toContain('schema');
  });

  it('documents the fields', () => {
    const schema = JSON.parse(committedSchema()) as { title?: string; properties: Record<string, { description?: string }> };
    expect(schema.title).toContain(MANIFEST_FILE);
    expect(schema.properties.dbDir?.description).toBeTruthy();
  });
});

describe('the manifest init writes', () => {
  it.each<Partial<InitAnswers>>([
    {},
    { driver: 'pglite', layout: 'file', casing: 'camelCase', idStrategy: 'ulid', dbDir: 'packages/api/db' },
    { driver: 'postgres-js', idStrategy: 'identity' },
  ])('parses with ManifestSchema and validates against the committed JSON Schema (%o)', async (answers) => {
    const text = await initManifestText(answers);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(json.$schema).toBe(MANIFEST_SCHEMA_URL);
    const parsed = ManifestSchema.parse(json);
    expect(parsed).toMatchObject({ ...INIT_DEFAULTS, ...answers });
    expect(parseManifest(text)).toEqual(parsed);
    expect(serializeManifest(parsed), 'writing a parsed manifest gives the same text').toBe(text);
    expect(validate(JSON.parse(committedSchema()), json)).toEqual([]);
  });
});

describe('a manifest with more databases', () => {
  it('an owned database and a mirror, as connection writes them, validate against the committed JSON Schema', async () => {
    const tree = new Tree(path.resolve('/__create-db-layer-manifest__/app'), () => null);
    await planInit(tree, { answers: INIT_DEFAULTS, packageManager: 'npm', selfSpec: 'file:../create-db-layer', force: false });
    let manifest = parseManifest(tree.read(MANIFEST_FILE)!);
    manifest = { ...manifest, databases: [...manifest.databases, newDatabaseEntry(manifest, { name: 'workflows', ssl: false, force: false })] };
    const mirror = newDatabaseEntry(manifest, { name: 'mythoria', upstream: '../webapp/src/db/schema', urlEnv: 'MYTHORIA_URL', force: false });
    manifest = { ...manifest, databases: [...manifest.databases, { ...mirror, syncedFiles: { 'src/db/mythoria/schema/index.ts': 'ab12' } } as typeof mirror] };
    const text = serializeManifest(manifest);
    expect(parseManifest(text)).toEqual(ManifestSchema.parse(JSON.parse(text)));
    expect(validate(JSON.parse(committedSchema()), JSON.parse(text))).toEqual([]);
    const broken = JSON.parse(text) as { databases: Record<string, unknown>[] };
    delete broken.databases[2]!.upstream;
    expect(validate(JSON.parse(committedSchema()), broken)).not.toEqual([]);
    expect(() => parseManifest(JSON.stringify(broken))).toThrow(/databases\.2/);
  });
});

describe('a bad manifest', () => {
  const good = async () => JSON.parse(await initManifestText()) as Record<string, unknown> & { databases: Record<string, unknown>[] };

  it.each<[string, (m: Awaited<ReturnType<typeof good>>) => unknown, string]>([
    ['an unknown driver', (m) => ({ ...m, driver: 'oracle' }), 'driver: '],
    ['another version', (m) => ({ ...m, version: 2 }), 'version: '],
    ['no databases', ({ databases: _, ...m }) => m, 'databases: '],
    ['an empty database list', (m) => ({ ...m, databases: [] }), 'databases: '],
    ['a database name that is not an identifier', (m) => ({ ...m, databases: [{ ...m.databases[0], name: 'bad-name' }] }), 'databases.0.name: must be an identifier'],
    ['a helper missing', (m) => ({ ...m, databases: [{ ...m.databases[0], helpers: { close: 'closeDb' } }] }), 'databases.0.helpers.get: '],
    ['an unsupported import extension', (m) => ({ ...m, importExtension: '.ts' }), 'importExtension: '],
    ['a string where a boolean belongs', (m) => ({ ...m, timestamps: 'yes' }), 'timestamps: '],
    ['an array at the top', () => [], '(root): '],
  ])('with %s is one line naming the field', async (_, mutate, where) => {
    const manifest = mutate(await good());
    const message = parseError(JSON.stringify(manifest, null, 2));
    expect(message.startsWith(`${MANIFEST_FILE}: ${where}`), message).toBe(true);
    expect(message).toMatch(/; fix it or restore it from git$/);
    expect(message).not.toContain('\n');
    // The JSON Schema an editor checks with rejects it too.
    expect(validate(JSON.parse(committedSchema()), manifest)).not.toEqual([]);
  });

  it.each([[''], ['{'], ['{"version": 1,}'], ['{\n  "version": 1,\n}\n']])('that is not JSON (%j) is one line saying so', (text) => {
    const message = parseError(text);
    expect(message).toMatch(/^db-layer\.json is not valid JSON \(.+\); fix it or restore it from git$/);
    expect(message).not.toContain('\n');
  });

  // V8 quotes the start of the input in "Unexpected token" messages, newlines included.
  it.each([['// notes\n{}\n'], ['{\n  "version": 1,\n  "driver": auto\n}\n']])('that is not JSON (%j) is one line even when V8 quotes it', (text) => {
    expect(parseError(text)).not.toContain('\n');
  });
});

function parseError(text: string): string {
  try {
    parseManifest(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`parseManifest accepted ${text}`);
}

/**
 * A JSON Schema validator for the keywords z.toJSONSchema emits for ManifestSchema. An unknown
 * keyword fails loudly, so a richer zod schema cannot be half-checked here without anyone noticing.
 * Returns one message per violation.
 */
type JsonSchema = Record<string, unknown>;
const ANNOTATIONS = new Set(['$schema', 'title', 'description']);

function validate(schema: JsonSchema, value: unknown, at = '(root)'): string[] {
  const errors: string[] = [];
  for (const [keyword, rule] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
        if (actual !== rule) errors.push(`${at}: expected ${String(rule)}, got ${actual}`);
        break;
      }
      case 'const':
        if (value !== rule) errors.push(`${at}: expected ${JSON.stringify(rule)}`);
        break;
      case 'enum':
        if (!(rule as unknown[]).includes(value)) errors.push(`${at}: expected one of ${JSON.stringify(rule)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value)) errors.push(`${at}: does not match ${String(rule)}`);
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (rule as number)) errors.push(`${at}: fewer than ${String(rule)} items`);
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, index) => errors.push(...validate(rule as JsonSchema, item, `${at}.${index}`)));
        break;
      case 'required':
        if (isObject(value)) for (const key of rule as string[]) if (!Object.hasOwn(value, key)) errors.push(`${at}: ${key} is required`);
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, sub] of Object.entries(rule as Record<string, JsonSchema>)) {
            if (Object.hasOwn(value, key)) errors.push(...validate(sub, value[key], `${at}.${key}`));
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const known = Object.keys((schema.properties ?? {}) as object);
          for (const key of Object.keys(value).filter((name) => !known.includes(name))) {
            if (rule === false) errors.push(`${at}: unexpected ${key}`);
            else errors.push(...validate(rule as JsonSchema, value[key], `${at}.${key}`));
          }
        }
        break;
      case 'propertyNames':
        if (isObject(value)) for (const key of Object.keys(value)) errors.push(...validate(rule as JsonSchema, key, `${at} key ${key}`));
        break;
      case 'oneOf': {
        const failures = (rule as JsonSchema[]).map((branch) => validate(branch, value, at));
        const matching = failures.filter((branchErrors) => branchErrors.length === 0).length;
        if (matching !== 1) errors.push(`${at}: matches ${matching} of the oneOf branches (${failures.map((branchErrors) => branchErrors[0] ?? 'ok').join(' | ')})`);
        break;
      }
      default:
        throw new Error(`validate() does not support the JSON Schema keyword "${keyword}" (at ${at}): extend it`);
    }
  }
  return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
