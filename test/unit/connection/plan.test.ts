/**
 * connection's plan on an in-memory repo: the manifest entry, the files of an owned database,
 * the scripts (db:migrate:all kept current while it is ours), and the refusals.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planConnection, type ConnectionRequest } from '../../../generators/connection/plan.js';
import { planInit } from '../../../generators/init/plan.js';
import { UserError } from '../../../src/errors.js';
import { INIT_DEFAULTS } from '../../../src/model/init-answers.js';
import { MANIFEST_FILE, parseManifest, type Manifest } from '../../../src/model/manifest.js';
import { Tree } from '../../../src/plan/index.js';

const ROOT = path.resolve('/__create-db-layer-connection__/app');
const exec = (bin: string) => `npx ${bin}`;

async function scaffolded(): Promise<{ disk: Record<string, string>; manifest: Manifest }> {
  const disk: Record<string, string> = {};
  const tree = treeOver(disk);
  await planInit(tree, { answers: INIT_DEFAULTS, packageManager: 'npm', selfSpec: 'file:../create-db-layer', force: false });
  for (const change of tree.changes()) disk[change.path] = change.after!;
  return { disk, manifest: parseManifest(disk[MANIFEST_FILE]!) };
}

function treeOver(disk: Record<string, string>): Tree {
  return new Tree(ROOT, (abs) => disk[path.relative(ROOT, abs).split(path.sep).join('/')] ?? null);
}

async function connect(disk: Record<string, string>, manifest: Manifest, request: Partial<ConnectionRequest> & { name: string }): Promise<Manifest> {
  const tree = treeOver(disk);
  const updated = await planConnection(tree, manifest, { force: false, ...request }, exec);
  expect(tree.conflicts()).toEqual([]);
  for (const change of tree.changes()) disk[change.path] = change.after!;
  return updated;
}

const scripts = (disk: Record<string, string>) => (JSON.parse(disk['package.json']!) as { scripts: Record<string, string> }).scripts;

describe('planConnection', () => {
  it('an owned database: its own folder, config, migrations table, scripts and env variable', async () => {
    const { disk, manifest } = await scaffolded();
    const updated = await connect(disk, manifest, { name: 'workflows', ssl: false });
    expect(updated.databases[1]).toEqual({
      name: 'workflows',
      primary: false,
      owner: 'owned',
      schema: 'src/db/workflows/schema/index.ts',
      config: 'drizzle.workflows.config.ts',
      out: 'drizzle-workflows',
      migrationsTable: '__drizzle_migrations_workflows',
      migrationsSchema: 'drizzle',
      helpers: { get: 'getWorkflowsDatabase', close: 'closeWorkflowsDatabaseConnection' },
      connection: { databaseName: 'WORKFLOWS_DB', ssl: false },
    });
    for (const file of ['connection', 'migrate', 'seed', 'reset', 'nuke', 'schema/index']) expect(disk[`src/db/workflows/${file}.ts`]).toBeDefined();
    expect(disk['src/db/config.ts']).toContain("required(\n    env,\n    \"WORKFLOWS_DB\"");
    expect(disk['src/db/config.ts']).toMatch(/withDatabaseName\(primaryUrl, name\), false\)/);
    expect(disk['.env.example']).toContain('# WORKFLOWS_DB=workflows');
    expect(scripts(disk)['workflows-db:migrate']).toBe('tsx src/db/workflows/migrate.ts');
    expect(scripts(disk)['db:migrate:all']).toBe('tsx src/db/migrate.ts && tsx src/db/workflows/migrate.ts');
  });

  it('keeps db:migrate:all current as databases are added, while it is as connection wrote it', async () => {
    const { disk, manifest } = await scaffolded();
    const two = await connect(disk, manifest, { name: 'workflows' });
    await connect(disk, two, { name: 'billing', urlEnv: 'BILLING_URL' });
    expect(scripts(disk)['db:migrate:all']).toBe('tsx src/db/migrate.ts && tsx src/db/workflows/migrate.ts && tsx src/db/billing/migrate.ts');
    expect(disk['src/db/config.ts']).toContain('"BILLING_URL"');
  });

  it('refuses to overwrite a db:migrate:all the user changed, unless --force', async () => {
    const { disk, manifest } = await scaffolded();
    const two = await connect(disk, manifest, { name: 'workflows' });
    const pkg = JSON.parse(disk['package.json']!) as { scripts: Record<string, string> };
    pkg.scripts['db:migrate:all'] = 'echo mine';
    disk['package.json'] = `${JSON.stringify(pkg, null, 2)}\n`;
    await expect(planConnection(treeOver(disk), two, { name: 'billing', force: false }, exec)).rejects.toThrow(
      new UserError('package.json scripts.db:migrate:all already exist with other commands: rename them, or rerun with --force to overwrite'),
    );
    await connect(disk, two, { name: 'billing', force: true });
    expect(scripts(disk)['db:migrate:all']).toContain('billing');
  });

  it('refuses a config.ts edited since init: it would be re-rendered', async () => {
    const { disk, manifest } = await scaffolded();
    disk['src/db/config.ts'] += '\n// my tweak\n';
    const tree = treeOver(disk);
    await planConnection(tree, manifest, { name: 'workflows', force: false }, exec);
    expect(tree.conflicts()).toEqual(['src/db/config.ts']);
  });

  it.each([
    ['Work-flows', /database name "Work-flows" is not valid/],
    ['1db', /database name "1db" is not valid/],
    ['schema', /collides with the layer's own schema module/],
    ['main', /database main already exists in db-layer.json: choose another name/],
  ])('refuses the name %s', async (name, message) => {
    const { disk, manifest } = await scaffolded();
    await expect(planConnection(treeOver(disk), manifest, { name, force: false }, exec)).rejects.toThrow(message);
  });
});
