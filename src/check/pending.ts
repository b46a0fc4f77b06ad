/**
 * No migration is pending: drizzle-kit generate, run against a temporary copy of the migrations
 * folder (never the real one), finds nothing to write.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDrizzleKit } from '../drizzle/kit.js';
import type { DatabaseEntry, Manifest } from '../model/manifest.js';
import { spawnSync } from 'node:child_process';
import { UserError } from '../errors.js';
import type { Finding } from './findings.js';

export function checkPending(root: string, manifest: Manifest, database: DatabaseEntry): Finding[] {
  const bin = findDrizzleKit(root);
  if (!bin) throw new UserError(`drizzle-kit is not installed in ${root}: install the dependencies first (npm install)`);
  // A scratch folder as cwd: drizzle-kit would otherwise pick up the repo's drizzle.config.ts.
  const scratch = mkdtempSync(join(tmpdir(), 'cdl-check-'));
  try {
    const out = join(scratch, 'out');
    if (existsSync(join(root, database.out))) cpSync(join(root, database.out), out, { recursive: true });
    const before = existsSync(out) ? readdirSync(out).filter((file) => file.endsWith('.sql')).length : 0;
    // drizzle-kit prefixes `out` with ./, so it must be relative to its cwd (the scratch folder).
    const args = ['generate', '--dialect', manifest.dialect, '--schema', join(root, database.schema), '--out', 'out', '--casing', manifest.casing, '--name', 'pending'];
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0 || !/Your SQL migration file|No schema changes/.test(output)) {
      return [{ check: 'pending', file: database.schema, message: `drizzle-kit could not load the schema: ${output.trim().split('\n').at(-1) ?? 'no output'}` }];
    }
    const after = readdirSync(out).filter((file) => file.endsWith('.sql')).length;
    if (after === before) return [];
    return [{ check: 'pending', file: database.schema, message: `has changes no migration covers: run ${database.primary ? 'db' : `${database.name}-db`}:generate and commit what it writes to ${database.out}/` }];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
