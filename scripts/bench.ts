/**
 * `npm run bench`: how `create-db-layer table` scales. Builds target repos with 5 and 500
 * tables, then times, interleaved and repeated (median):
 *   - `table --no-generate`, on 5 vs 500 tables (target: 500 within 1.2x of 5);
 *   - `table` with generation vs the repo's bare `drizzle-kit generate` doing the same
 *     migration (target: at most 1.3x);
 *   - adoption: init detecting the same repo without its db-layer.json, then the same `table`,
 *     vs that `table` alone on the scaffolded repo (target: under 1.5x).
 * Ratios within one run, not single timings: the machines are shared and noisy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { planTable } from '../generators/table/plan.js';
import { parseFields } from '../src/model/fields.js';
import { applyPlan, Tree } from '../src/plan/index.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { requireManifest, selectOwnedDatabase } from '../src/project/manifest.js';

const CLI = join(PACKAGE_ROOT, 'dist/src/cli.js');
const KIT = join(PACKAGE_ROOT, 'node_modules/drizzle-kit/bin.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SIZES = [5, 500];

function run(cwd: string, args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

/** A scaffolded repo with `size` related tables and a baseline migration, committed to git so runs can be undone. */
async function buildRepo(size: number): Promise<string> {
  // Under the package, so the repo resolves drizzle-orm and drizzle-kit from our node_modules.
  const root = join(PACKAGE_ROOT, '.tmp', `bench-${size}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  run(PACKAGE_ROOT, [CLI, root, '--yes', '--no-install']);
  const tree = new Tree(root);
  const manifest = requireManifest(tree, 'bench');
  const database = selectOwnedDatabase(manifest, undefined, 'bench');
  for (let index = 0; index < size; index++) {
    const parent = index > 0 ? [`parent:references:ref=table${index - 1}`] : [];
    const fields = parseFields([`title:varchar(200):notNull:index`, 'body:text', 'views:integer:default=0', ...parent]);
    await planTable(tree, { manifest, database, name: `table${index}`, fields, idStrategy: 'uuid', timestamps: true });
  }
  await applyPlan(root, tree.changes());
  run(root, [KIT, 'generate', '--name', 'baseline']);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, '-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-qm', 'baseline');
  return root;
}

function undo(root: string): void {
  git(root, 'checkout', '-q', '--', '.');
  git(root, 'clean', '-fdq');
}

function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The same repo as a team's own Drizzle layer: no db-layer.json, so init adopts it. */
function adoptableCopy(root: string): string {
  const copy = `${root}-adoptable`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(root, copy, { recursive: true });
  rmSync(join(copy, 'db-layer.json'));
  git(copy, 'add', '-A');
  git(copy, '-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-qm', 'without the manifest');
  return copy;
}

const repos = new Map<number, string>();
for (const size of SIZES) repos.set(size, await buildRepo(size));
const adoptable = new Map([...repos].map(([size, root]) => [size, adoptableCopy(root)]));

const samples: Record<string, number[]> = {};
const record = (name: string, ms: number) => (samples[name] ??= []).push(ms);
const newTable = ['bench_added', 'title:text:notNull', 'author:references:ref=table0'];

for (let round = 0; round < RUNS; round++) {
  for (const [size, root] of repos) {
    record(`table --no-generate @${size}`, time(() => run(root, [CLI, 'table', ...newTable, '--no-generate'])));
    // The bare comparison: the same table file and barrel, then drizzle-kit generate alone.
    record(`drizzle-kit generate @${size}`, time(() => run(root, [KIT, 'generate'])));
    undo(root);
    record(`table @${size}`, time(() => run(root, [CLI, 'table', ...newTable])));
    undo(root);
    const copy = adoptable.get(size)!;
    record(`adopt + table @${size}`, time(() => {
      run(copy, [CLI, '--yes']);
      run(copy, [CLI, 'table', ...newTable]);
    }));
    undo(copy);
  }
}

const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
console.log(`median of ${RUNS} runs (ms):`);
for (const [name, value] of Object.entries(medians)) console.log(`  ${name.padEnd(28)} ${value.toFixed(0)}`);
const ratio = (a: string, b: string) => medians[a]! / medians[b]!;
const scale = ratio('table --no-generate @500', 'table --no-generate @5');
console.log('\nratios:');
console.log(`  table --no-generate, 500 vs 5 tables:       ${scale.toFixed(2)}x (target <= 1.2x)`);
for (const size of SIZES) {
  console.log(`  table vs bare drizzle-kit generate @${String(size).padEnd(3)}:  ${ratio(`table @${size}`, `drizzle-kit generate @${size}`).toFixed(2)}x (target <= 1.3x)`);
}
for (const size of SIZES) {
  console.log(`  adopt + table vs table @${String(size).padEnd(3)}:             ${ratio(`adopt + table @${size}`, `table @${size}`).toFixed(2)}x (target < 1.5x)`);
}
