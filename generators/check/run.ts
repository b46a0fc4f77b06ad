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
import { UserError } from '../../src/errors.js';
import { isOwned } from '../../src/model/manifest.js';
import { checkMirrorEdits } from '../../src/check/mirror.js';
import { checkMigrationsTable, checkSchemaPath } from '../../src/check/adopted.js';
import { Tree } from '../../src/plan/index.js';
import { findLayerRoot, requireManifest, selectDatabase } from '../../src/project/manifest.js';

export async function runCheck(args: ParsedArgs, io: Io): Promise<void> {
  if (args.positionals.length > 0) throw new UserError(`check takes no arguments (got ${args.positionals.join(' ')}): use --db <name> for one database`, 2);
  const tree = new Tree(findLayerRoot(workingDir(args, io)));
  const manifest = requireManifest(tree, 'check');
  const databases = typeof args.flags.db === 'string' ? [selectDatabase(manifest, args.flags.db)] : manifest.databases;
  const findings: Finding[] = [];
  for (const database of databases) {
    findings.push(...(await checkSchemaFiles(tree, manifest, database)));
    if (!isOwned(database)) {
      findings.push(...checkMirrorEdits(tree, database));
      continue;
    }
    findings.push(...checkCrossDatabaseKeys(tree, manifest, database), ...checkMigrationsTable(tree, database), ...checkSchemaPath(tree, database));
    const journal = checkJournal(tree.root, database);
    findings.push(...journal, ...checkEditedMigrations(tree.root, database));
    // A broken journal makes drizzle-kit's verdict meaningless; fix that first.
    if (journal.length === 0 && checkSchemaPath(tree, database).length === 0) findings.push(...(await checkPending(tree.root, manifest, database)));
  }
  // The guides describe every database, so they are checked with the whole layer only.
  if (typeof args.flags.db !== 'string') findings.push(...(await checkGuides(tree, manifest)));
  for (const finding of findings) io.out(formatFinding(finding));
  if (findings.length > 0) {
    throw new UserError(`check found ${findings.length} problem${findings.length === 1 ? '' : 's'} (listed above)`);
  }
  const checked = ['schema files', 'no cross-database keys', 'unedited mirrors', 'migrations journal', 'unedited migrations', 'no pending migration', ...(typeof args.flags.db === 'string' ? [] : ['fresh guides'])];
  io.out(`✓ check: ${databases.map((database) => database.name).join(', ')} ok (${checked.join(', ')})`);
}
