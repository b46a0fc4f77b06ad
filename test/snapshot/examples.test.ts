/**
 * examples/<name>/ are committed scaffolds. Each must be exactly what init produces today from the
 * answers in its own db-layer.json: the plan is made against an EMPTY in-memory tree, so a stale
 * file on disk shows up as a diff instead of being taken as "already there".
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planInit } from '../../generators/init/plan.js';
import { MANIFEST_FILE, parseManifest } from '../../src/model/manifest.js';
import { renderDiff, Tree, type FileChange } from '../../src/plan/index.js';

const EXAMPLES_DIR = path.resolve(import.meta.dirname, '../../examples');

/** How each example was made (from the package root, after `npm run build`). */
const EXAMPLES: Record<string, string[]> = {
  basic: ['--yes', '--no-install'],
};

/** Not part of the scaffold: installs and local state, git-ignored by the example or the repo. */
const IGNORED = new Set(['node_modules', 'package-lock.json', '.env', '.pglite']);

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (IGNORED.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

describe('examples', () => {
  it('has exactly the examples this test knows how to regenerate', () => {
    const onDisk = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(onDisk.map((entry) => entry.name).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  for (const [name, flags] of Object.entries(EXAMPLES)) {
    it(`examples/${name} is what init generates today`, async () => {
      const root = path.join(EXAMPLES_DIR, name);
      const regenerate = `regenerate it: npm run build && rm -rf examples/${name} && node dist/src/cli.js examples/${name} ${flags.join(' ')}`;
      const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

      const manifest = parseManifest(read(MANIFEST_FILE));
      // The spec is computed from where the checkout lives (file:../.. here); reuse the committed one
      // so the comparison does not depend on it.
      const selfSpec = (JSON.parse(read('package.json')) as { devDependencies?: Record<string, string> }).devDependencies?.['create-db-layer'];
      expect(selfSpec, `examples/${name}/package.json has no create-db-layer devDependency: ${regenerate}`).toBeDefined();

      const tree = new Tree(root, () => null);
      const plan = await planInit(tree, {
        answers: {
          dialect: manifest.dialect,
          driver: manifest.driver,
          dbDir: manifest.dbDir,
          layout: manifest.layout,
          casing: manifest.casing,
          idStrategy: manifest.idStrategy,
        },
        packageManager: 'npm',
        selfSpec: selfSpec!,
        force: false,
      });
      expect(plan.conflicts).toEqual([]);
      const planned = tree.changes();
      expect(planned.length).toBeGreaterThan(10);

      const committed = new Set(listFiles(root));
      const stale: FileChange[] = planned
        .map((change) => ({ path: change.path, before: committed.has(change.path) ? read(change.path) : null, after: change.after }))
        .filter((change) => change.before !== change.after);
      const plannedPaths = new Set(planned.map((change) => change.path));
      const extra = [...committed].filter((file) => !plannedPaths.has(file)).sort();

      if (stale.length > 0 || extra.length > 0) {
        const report = [
          `examples/${name} is out of date with init (${regenerate}).`,
          ...(extra.length > 0 ? [`Files init does not produce: ${extra.join(', ')}`] : []),
          ...(stale.length > 0 ? ['Committed (a/) vs generated today (b/):', await renderDiff(stale)] : []),
        ].join('\n');
        expect.fail(report);
      }
    });
  }
});
