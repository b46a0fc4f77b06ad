/**
 * The migrations folder agrees with its journal (meta/_journal.json): every .sql file is in
 * it, every entry has its .sql and snapshot, numbers are unique and in order, and timestamps
 * never go backwards. These are the marks of hand-written migrations and of two branches that
 * generated migrations at the same time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { listSql } from '../drizzle/kit.js';
import type { OwnedDatabase } from '../model/manifest.js';
import type { Finding } from './findings.js';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

const COLLISION_FIX = 'two branches generated migrations at once: keep the ones already on your main branch, delete your branch\'s migration files and their journal entries, then run db:generate again';

export function checkJournal(root: string, database: OwnedDatabase): Finding[] {
  const out = database.out;
  const journalPath = posix.join(out, 'meta/_journal.json');
  const finding = (file: string, message: string): Finding => ({ check: 'journal', file, message });
  if (!existsSync(join(root, out))) return [];
  const sqlFiles = listSql(join(root, out));
  if (!existsSync(join(root, journalPath))) {
    return sqlFiles.length === 0 ? [] : [finding(journalPath, `missing while ${out}/ holds ${sqlFiles.length} migration(s): restore it from git; never write it by hand`)];
  }
  let entries: JournalEntry[];
  try {
    entries = (JSON.parse(readFileSync(join(root, journalPath), 'utf8')) as { entries: JournalEntry[] }).entries;
  } catch (error) {
    return [finding(journalPath, `is not valid JSON (${(error as Error).message.split('\n')[0]}): restore it from git`)];
  }
  const findings: Finding[] = [];
  const tags = new Set(entries.map((entry) => entry.tag));
  for (const file of sqlFiles) {
    if (!tags.has(file.slice(0, -4))) {
      findings.push(finding(`${out}/${file}`, 'not in the journal, so no migrator will ever run it (written by hand, or left by a merge): delete it and run db:generate'));
    }
  }
  const numbers = new Map<string, string[]>();
  for (const file of sqlFiles) {
    const number = /^(\d+)_/.exec(file)?.[1];
    if (number) numbers.set(number, [...(numbers.get(number) ?? []), file]);
  }
  for (const [number, files] of numbers) {
    if (files.length > 1) findings.push(finding(out, `${files.length} migrations are numbered ${number} (${files.join(', ')}): ${COLLISION_FIX}`));
  }
  entries.forEach((entry, position) => {
    if (!sqlFiles.includes(`${entry.tag}.sql`)) findings.push(finding(journalPath, `entry ${entry.tag} has no ${entry.tag}.sql: restore the file from git, or ${COLLISION_FIX}`));
    const snapshot = `${out}/meta/${String(entry.idx).padStart(4, '0')}_snapshot.json`;
    if (!existsSync(join(root, snapshot))) findings.push(finding(snapshot, `missing for ${entry.tag}: restore it from git (drizzle-kit needs it to diff the next change)`));
    if (entry.idx !== position) findings.push(finding(journalPath, `entry ${entry.tag} has idx ${entry.idx} at position ${position}: ${COLLISION_FIX}`));
    const previous = entries[position - 1];
    if (previous && entry.when < previous.when) {
      findings.push(finding(journalPath, `${entry.tag} is dated before ${previous.tag} (the journal goes back in time): ${COLLISION_FIX}`));
    }
  });
  return findings;
}
