/**
 * Running `check`: each check over each owned database, findings printed one per line.
 */
import type { ParsedArgs } from '../../src/args.js';
import { workingDir, type Io } from '../../src/command.js';
import { formatFinding, type Finding } from '../../src/check/findings.js';
import { checkGuides } from '../../src/check/guides.js';
import { checkCrossDatabaseKeys } from '../../src/check/cross-database.js';
import { checkEditedMigrations } from '../../src/check/edited.js';
import { checkJournal } from '../../src/check/journal.js';
import { checkPending } from '../../src/check/pending.js';
import { checkSchemaFiles } from '../../src/check/schema-files.js';
import { checkDualParity } from '../../src/check/dual.js';
import { isDual, sidesOf } from '../../src/model/dual.js';
import { UserError } from '../../src/errors.js';
import { isOwned } from '../../src/model/manifest.js';
import { checkMirrorEdits } from '../../src/check/mirror.js';
import { checkMigrationsTable, checkRuntimeCasing, checkSchemaPath } from '../../src/check/adopted.js';
import { Tree } from '../../src/plan/index.js';
import { findLayerRoot, requireManifest, selectDatabase } from '../../src/project/manifest.js';

export async function runCheck(args: ParsedArgs, io: Io): Promise<void> {
  if (args.positionals.length > 0) throw new UserError(`check takes no arguments (got ${args.positionals.join(' ')}): use --db <name> for one database`, 2);
  const tree = new Tree(findLayerRoot(workingDir(args, io)));
  const manifest = requireManifest(tree, 'check');
  const databases = typeof args.flags.db === 'string' ? [selectDatabase(manifest, args.flags.db)] : manifest.databases;
  const findings: Finding[] = [];
  for (const database of databases) {
    if (!isOwned(database)) {
      findings.push(...(await checkSchemaFiles(tree, manifest, database)), ...checkMirrorEdits(tree, database));
      continue;
    }
    // Each dialect of the database on its own (two in a dual layer: schema, config and migrations each).
    for (const { manifest: view, database: side } of sidesOf(manifest, database)) {
      findings.push(...(await checkSchemaFiles(tree, view, side)));
      const schemaPath = checkSchemaPath(tree, side);
      findings.push(...checkCrossDatabaseKeys(tree, view, side), ...checkMigrationsTable(tree, side), ...schemaPath, ...(await checkRuntimeCasing(tree, view, side)));
      const journal = checkJournal(tree.root, side);
      findings.push(...journal, ...checkEditedMigrations(tree.root, side));
      // A broken journal makes drizzle-kit's verdict meaningless, and so does missing build output; fix those first.
      if (journal.length === 0 && schemaPath.length === 0) findings.push(...(await checkPending(tree.root, view, side)));
    }
    if (database.primary) findings.push(...(await checkDualParity(tree, manifest)));
  }
  // The guides describe every database, so they are checked with the whole layer only.
  if (typeof args.flags.db !== 'string') findings.push(...(await checkGuides(tree, manifest)));
  for (const finding of findings) io.out(formatFinding(finding));
  if (findings.length > 0) {
    throw new UserError(`check found ${findings.length} problem${findings.length === 1 ? '' : 's'} (listed above)`);
  }
  const checked = [...(isDual(manifest) ? ['both dialects define the same tables and columns'] : []), 'schema files', 'no cross-database keys', 'unedited mirrors', 'migrations journal', 'unedited migrations', 'no pending migration', ...(typeof args.flags.db === 'string' ? [] : ['fresh guides'])];
  io.out(`✓ check: ${databases.map((database) => database.name).join(', ')} ok (${checked.join(', ')})`);
}
