/**
 * No migration is pending: drizzle-kit generate, run against a temporary copy of the migrations
 * folder (never the real one), finds nothing to write.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
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
    const args = ['generate', '--dialect', kitDialect(manifest), '--schema', join(root, database.schema), '--out', 'out', '--casing', manifest.casing, '--name', 'pending'];
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
