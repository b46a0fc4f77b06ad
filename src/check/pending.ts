/**
 * No migration is pending: drizzle-kit generate, run against a temporary copy of the migrations
 * folder (never the real one), finds nothing to write.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readConfig } from '../adopt/configs.js';
import { Tree } from '../plan/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSucceeded, listSql, runDrizzleKit } from '../drizzle/kit.js';
import { kitDialect } from '../model/dialects.js';
import { scriptPrefix } from '../model/layer.js';
import type { OwnedDatabase, Manifest } from '../model/manifest.js';
import type { Finding } from './findings.js';

export async function checkPending(root: string, manifest: Manifest, database: OwnedDatabase): Promise<Finding[]> {
  // A scratch folder as cwd: drizzle-kit would otherwise pick up the repo's drizzle.config.ts.
  const scratch = mkdtempSync(join(tmpdir(), 'cdl-check-'));
  try {
    const out = join(scratch, 'out');
    if (existsSync(join(root, database.out))) cpSync(join(root, database.out), out, { recursive: true });
    const before = listSql(out).length;
    // drizzle-kit prefixes `out` with ./, so it must be relative to its cwd (the scratch folder).
    const args = manifest.adopted
      ? await adoptedArgs(root, scratch, manifest, database)
      : ['generate', '--dialect', kitDialect(manifest), '--schema', join(root, database.schema), '--out', 'out', '--casing', manifest.casing, '--name', 'pending'];
    const result = await runDrizzleKit(root, args, { cwd: scratch });
    if (!generateSucceeded(result)) {
      return [{ check: 'pending', file: database.schema, message: `drizzle-kit could not load the schema: ${result.output.trim().split('\n').at(-1) ?? 'no output'}` }];
    }
    if (listSql(out).length === before) return [];
    return [{ check: 'pending', file: database.schema, message: `has changes no migration covers: run ${scriptPrefix(database)}:generate and commit what it writes to ${database.out}/` }];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * An adopted repo's config, restated as JSON in the scratch folder: its own schema (a list, a glob,
 * the source of build output) and casing, without running its code (which may need secrets), and
 * its tsconfig by extension, through which drizzle-kit resolves path aliases.
 */
async function adoptedArgs(root: string, scratch: string, manifest: Manifest, database: OwnedDatabase): Promise<string[]> {
  const config = await readConfig(new Tree(root), database.config);
  const written = database.schemaSource?.build ? database.schema : config.schema ?? database.schema;
  const schema = (Array.isArray(written) ? written : [written]).map((path) => join(root, path));
  const json = { dialect: kitDialect(manifest), schema, out: './out', ...(config.casing ? { casing: config.casing } : {}) };
  writeFileSync(join(scratch, 'drizzle.config.json'), JSON.stringify(json));
  if (existsSync(join(root, 'tsconfig.json'))) writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ extends: join(root, 'tsconfig.json') }));
  return ['generate', '--config', 'drizzle.config.json', '--name', 'pending'];
}
