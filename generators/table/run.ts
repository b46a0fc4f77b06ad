/**
 * Running `table`: answers from argv (or prompts), the plan, then drizzle-kit generate with
 * every written file restored if it fails.
 */
import type { OwnedDatabase } from '../../src/model/manifest.js';
import type { ParsedArgs } from '../../src/args.js';
import { commitPlan, workingDir, type Io } from '../../src/command.js';
import { planGuides } from '../../src/agents/guide.js';
import { recordMigrationHashes } from '../../src/drizzle/hashes.js';
import { generateMigration, type EarlyKit } from '../../src/drizzle/kit.js';
import { UsageError } from '../../src/errors.js';
import { checkName, parseFields, type Field } from '../../src/model/fields.js';
import { sidesOf } from '../../src/model/dual.js';
import type { IdStrategy } from '../../src/model/options.js';
import { Tree } from '../../src/plan/index.js';
import { scriptPrefix } from '../../src/model/layer.js';
import { findLayerRoot, refuseAdopted, requireManifest, selectOwnedDatabase } from '../../src/project/manifest.js';
import { detectPackageManager, PACKAGE_MANAGERS, runPackageScript } from '../../src/project/package-manager.js';
import { answerMode, type AnswerMode } from '../../src/prompt.js';
import { planSeedFor } from '../seed/plan.js';
import { planTableSides } from './sides.js';
import { askTable } from './prompts.js';

export interface TableAnswers {
  name: string;
  fields: Field[];
  idStrategy?: IdStrategy;
  timestamps?: boolean;
  seed?: boolean;
}

/** `early`: drizzle-kit started ahead by the command (index.ts), released once the files are written. */
export async function runTable(args: ParsedArgs, io: Io, early?: EarlyKit): Promise<void> {
  const tree = new Tree(findLayerRoot(workingDir(args, io)));
  const manifest = requireManifest(tree, 'table');
  const database = selectOwnedDatabase(manifest, args.flags.db as string | undefined, 'table');
  const migrationName = args.flags['migration-name'] as string | undefined;
  if (migrationName !== undefined && !/^[A-Za-z0-9_-]+$/.test(migrationName)) {
    throw new UsageError(`--migration-name may only use letters, digits, _ and - (got "${migrationName}"), e.g. --migration-name add_posts`);
  }
  const answers = await tableAnswers(args, answerMode(args.flags.yes === true, io), manifest.idStrategy);
  await executeTable(tree, answers, {
    manifest,
    database,
    dryRun: args.flags['dry-run'] === true,
    force: args.flags.force === true,
    generate: args.flags.generate !== false,
    migrationName,
    early,
  }, io);
}

export interface TableRun {
  manifest: ReturnType<typeof requireManifest>;
  database: OwnedDatabase;
  dryRun: boolean;
  force: boolean;
  generate: boolean;
  migrationName?: string;
  /** A gated drizzle-kit process (startEarlyKit) to release instead of starting one after writing. */
  early?: EarlyKit;
}

/** Plans and commits one table; shared by the CLI and the plop generator. */
export async function executeTable(tree: Tree, answers: TableAnswers, run: TableRun, io: Io): Promise<void> {
  // Each dialect of the database (two in a dual layer) gets the table in its own builders.
  const plans = await planTableSides(tree, {
    manifest: run.manifest,
    database: run.database,
    name: answers.name,
    fields: answers.fields,
    idStrategy: answers.idStrategy ?? run.manifest.idStrategy,
    timestamps: answers.timestamps ?? run.manifest.timestamps,
  });
  const plan = plans[0]!;
  const sides = sidesOf(run.manifest, run.database);
  if (answers.seed && run.manifest.dual) refuseAdopted(run.manifest, 'table --seed', 'drop --seed; a dual repo\'s seeds need the getSchema() of a scaffolded dual layer');
  if (answers.seed) await planSeedFor(tree, { manifest: run.manifest, database: run.database, table: answers.name });
  // Only the new table's line changes, so the guide is refreshed without re-reading every table.
  await planGuides(tree, run.manifest, { read: 'file', database: run.database.name, file: plan.file });
  // The table's names as the plan gave them (the same on every side): its export, its SQL name.
  const names = plan.model;
  const migrations: string[] = [];
  const result = await commitPlan(
    tree,
    {
      dryRun: run.dryRun,
      force: run.force,
      conflicts: tree.conflicts(),
      after: run.generate
        ? async () => {
            // Called by applyWithRollback once every file is written: the only place `early` is
            // released (by the first dialect). A failure of either dialect restores every file.
            // A config reading build output needs the new table built first.
            const build = run.database.schemaSource?.build;
            if (build) runPackageScript(tree.root, build.script);
            for (const [index, side] of sides.entries()) {
              const written = await generateMigration(tree.root, {
                config: side.database.config,
                out: side.database.out,
                name: run.migrationName ?? `create_${names.dbName}`,
                early: index === 0 ? run.early : undefined,
                env: run.database.env,
              });
              await recordMigrationHashes(tree.root, run.database.name, written, side.name);
              migrations.push(...written);
            }
          }
        : undefined,
    },
    io,
  );
  if (result !== 'applied') return;
  io.out(`✓ table ${names.exportName} added in ${plans.map((entry) => entry.file).join(' and ')}`);
  if (!run.generate) io.out('  migration not generated (--no-generate): run db:generate when ready');
  else if (migrations.length === 0) io.out('  drizzle-kit generate reported no schema change');
  else {
    for (const migration of migrations) io.out(`✓ migration ${migration}`);
    const apply = applyCommand(tree, run.database);
    io.out(apply ? `  apply it: ${apply}` : '  apply it with your migrate step');
  }
}

async function tableAnswers(args: ParsedArgs, mode: AnswerMode, defaultId: IdStrategy): Promise<TableAnswers> {
  const [name, ...fieldArgs] = args.positionals;
  const flagged = {
    idStrategy: args.flags.id as IdStrategy | undefined,
    timestamps: args.flags.timestamps as boolean | undefined,
    seed: args.flags.seed as boolean | undefined,
  };
  if (name === undefined) {
    if (!mode.interactive) {
      throw new UsageError('table needs a name: create-db-layer table <name> [name:type[:modifier…] …] (see create-db-layer table --help)');
    }
    return { ...(await askTable(defaultId)), ...definedOnly(flagged) };
  }
  checkName(name, 'table');
  return { name, fields: parseFields(fieldArgs), ...flagged };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** How this repo applies migrations: the layer's migrate script, or an adopted repo's own, if it has one. */
function applyCommand(tree: Tree, database: OwnedDatabase): string | undefined {
  const packageManager = PACKAGE_MANAGERS[detectPackageManager(tree.root)];
  const run = packageManager.run;
  const own = `${scriptPrefix(database)}:migrate`;
  let scripts: Record<string, string> = {};
  try {
    scripts = (JSON.parse(tree.read('package.json') ?? '{}') as { scripts?: Record<string, string> }).scripts ?? {};
  } catch {
    // A broken package.json is not this command's to report.
  }
  if (own in scripts) return run(own);
  // Another database's migrate script (the primary's db:migrate) would apply the wrong migrations.
  const migrate = Object.keys(scripts).find((name) => /migrate/.test(name) && (database.migrateScript ? scripts[name]!.includes(database.migrateScript) : database.primary));
  if (migrate) return run(migrate);
  if (database.migrateScript) return `npx tsx ${database.migrateScript}`;
  // A database with its own config and nothing of the repo's applying it: drizzle-kit's own migrate.
  return database.primary ? undefined : `${packageManager.exec('drizzle-kit')} migrate --config ${database.config}`;
}
