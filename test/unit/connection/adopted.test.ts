/**
 * planAdoptedConnection on a postgres-js repo (the driver the e2e suite has no fixture for): the
 * files it plans, in the repo's style, and the manifest entry. The pg, libsql and mysql2 helpers
 * are snapshotted by test/e2e/adopt-connection.test.ts on real repos.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planAdoptedConnection } from '../../../generators/connection/adopted.js';
import { parseManifest, type Manifest } from '../../../src/model/manifest.js';
import { Tree } from '../../../src/plan/index.js';
import { setFormatFallback } from '../../../src/render/format.js';
import { prettierOptionsFor } from '../../../src/project/manifest.js';

const ROOT = path.resolve('/repo-postgres-js');

const MANIFEST = {
  version: 1,
  dialect: 'postgresql',
  driver: 'postgres-js',
  dbDir: 'src/db',
  layout: 'folder',
  casing: 'camelCase',
  idStrategy: 'uuid',
  enumStyle: 'text',
  timestamps: true,
  importExtension: '.js',
  databases: [{ name: 'main', primary: true, owner: 'owned', schema: 'src/db/schema/index.ts', config: 'drizzle.config.ts', out: 'drizzle', migrationsTable: '__drizzle_migrations', migrationsSchema: 'drizzle', helpers: { get: 'db', module: 'src/db/index.ts', kind: 'instance' } }],
  adopted: true,
  style: { fileNaming: 'kebab', quotes: 'double', semicolons: true, indent: 2, explicitColumnNames: true, moduleSystem: 'esm', relations: 'none' },
};

describe('connection in an adopted postgres-js repo', () => {
  it('plans its config, barrel and helper with the repo\'s quotes and .js endings, and records it', async () => {
    const files: Record<string, string> = {
      'db-layer.json': JSON.stringify(MANIFEST),
      'drizzle.config.ts': 'import { defineConfig } from "drizzle-kit";\nexport default defineConfig({ dialect: "postgresql", schema: "./src/db/schema/index.ts", out: "./drizzle" });\n',
      '.env.example': 'DATABASE_URL=postgres://localhost/app',
    };
    const tree = new Tree(ROOT, (abs) => files[path.relative(ROOT, abs).split(path.sep).join('/')] ?? null);
    const manifest: Manifest = parseManifest(files['db-layer.json']!);
    setFormatFallback(prettierOptionsFor(manifest.style!));
    const entry = await planAdoptedConnection(tree, manifest, { name: 'reporting', urlEnv: 'REPORTING_URL', force: false });

    expect(entry).toMatchObject({ name: 'reporting', schema: 'src/db/reporting/schema/index.ts', env: ['REPORTING_URL'], helpers: { get: 'getReportingDb', module: 'src/db/reporting/index.ts' } });
    const changes = Object.fromEntries(tree.changes().map((change) => [change.path, change.after]));
    expect(Object.keys(changes).sort()).toEqual(['.env.example', 'db-layer.json', 'drizzle.reporting.config.ts', 'src/db/reporting/index.ts', 'src/db/reporting/schema/index.ts']);
    expect(changes['.env.example']).toBe('DATABASE_URL=postgres://localhost/app\nREPORTING_URL=\n');
    // No casing in the repo's config: none passed on.
    expect(changes['drizzle.reporting.config.ts']).not.toContain('casing');
    await expect(changes['src/db/reporting/index.ts']).toMatchFileSnapshot('__snapshots__/adopted-postgres-js-helper.ts.snap');
    expect(JSON.parse(changes['db-layer.json']!).databases).toHaveLength(2);
  });
});
