/**
 * An in-memory repo for the table snapshot tests: init is planned into it, and each step (table,
 * seed) is planned on a fresh Tree over what the earlier steps wrote.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { planInit } from '../../../generators/init/plan.js';
import { planSeedFor } from '../../../generators/seed/plan.js';
import { planTableSides } from '../../../generators/table/sides.js';
import { parseFields } from '../../../src/model/fields.js';
import { INIT_DEFAULTS, type InitAnswers } from '../../../src/model/init-answers.js';
import { isOwned, type Manifest, type OwnedDatabase } from '../../../src/model/manifest.js';
import type { IdStrategy } from '../../../src/model/options.js';
import { Tree, type FileChange } from '../../../src/plan/index.js';

/** A root that does not exist: nothing is read from a real disk, and prettier's defaults apply. */
const ROOT = path.resolve('/__create-db-layer-snapshot__/app');
export const NODENEXT_TSCONFIG = `${JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }, null, 2)}\n`;

/** An in-memory repo: `disk` is what is "written"; every step plans on a fresh Tree over it. */
export class Repo {
  private constructor(
    readonly disk: Record<string, string>,
    readonly manifest: Manifest,
    readonly database: OwnedDatabase,
  ) {}

  static async init(answers: Partial<InitAnswers> = {}, disk: Record<string, string> = {}): Promise<Repo> {
    const files = { ...disk };
    const tree = Repo.treeOver(files);
    const { manifest, conflicts } = await planInit(tree, {
      answers: { ...INIT_DEFAULTS, ...answers },
      packageManager: 'npm',
      selfSpec: 'file:../create-db-layer',
      force: false,
    });
    expect(conflicts).toEqual([]);
    for (const change of tree.changes()) files[change.path] = change.after!;
    const database = manifest.databases[0]!;
    if (!isOwned(database)) throw new Error('init writes an owned primary database');
    return new Repo(files, manifest, database);
  }

  private static treeOver(disk: Record<string, string>): Tree {
    return new Tree(ROOT, (abs) => disk[path.relative(ROOT, abs).split(path.sep).join('/')] ?? null);
  }

  tree(): Tree {
    return Repo.treeOver(this.disk);
  }

  /** Plans `table` and applies it; returns the changes. */
  async table(name: string, fields: string[], options: { idStrategy?: IdStrategy; timestamps?: boolean } = {}): Promise<FileChange[]> {
    const tree = this.tree();
    await planTableSides(tree, {
      manifest: this.manifest,
      database: this.database,
      name,
      fields: parseFields(fields),
      idStrategy: options.idStrategy ?? this.manifest.idStrategy,
      timestamps: options.timestamps ?? this.manifest.timestamps,
    });
    return this.apply(tree);
  }

  /** Plans `seed <table>` and applies it; returns the changes. */
  async seed(table: string): Promise<FileChange[]> {
    const tree = this.tree();
    await planSeedFor(tree, { manifest: this.manifest, database: this.database, table, failIfSeeded: true });
    return this.apply(tree);
  }

  private apply(tree: Tree): FileChange[] {
    expect(tree.conflicts()).toEqual([]);
    const changes = tree.changes();
    for (const change of changes) this.disk[change.path] = change.after!;
    return changes;
  }

  /** The layer's TypeScript files, for type-checking. */
  layerFiles(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.disk).filter(([file]) => file.endsWith('.ts')));
  }
}

