/**
 * The CLI's own prompts (no --yes, in a terminal): init and table are answered through a real
 * pseudo-terminal, with non-default choices so the test proves the answers are used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../helpers/layer.js';
import { CLI, ROOT, makeTempRepo, removeTempDirs, run } from '../helpers/repo.js';

const DRIVER = path.join(ROOT, 'test/helpers/pty-drive.py');
const DOWN = '\u001b[B';
const dirs: string[] = [];
afterAll(() => removeTempDirs(dirs));

async function drive(cwd: string, steps: [string, string][], args: string[]) {
  const file = path.join(cwd, '..', `steps-${path.basename(cwd)}.json`);
  fs.writeFileSync(file, JSON.stringify(steps));
  return run('python3', [DRIVER, file, process.execPath, CLI, ...args], { cwd, timeoutMs: 120_000 });
}

describe('prompts in a terminal', () => {
  const repo = path.join(makeTempRepo('interactive-'), 'app');
  dirs.push(path.dirname(repo));
  fs.mkdirSync(repo);

  it('init asks for every answer not given as a flag, and uses the choices', async () => {
    const result = await drive(
      repo,
      [
        ['SQL dialect', '\r'], // postgresql
        ['Driver', `${DOWN}\r`], // auto -> pg
        ['Folder of the database layer', '\u0015db\r'], // clear the default, type db
        ['Schema layout', `${DOWN}\r`], // folder -> file
        ['Column naming', '\r'],
        ['Primary keys', `${DOWN}${DOWN}${DOWN}${DOWN}\r`], // uuid -> serial
      ],
      ['--no-install'],
    );
    expect(result.code, result.stdout).toBe(0);
    expect(readManifest(repo)).toMatchObject({ driver: 'pg', dbDir: 'db', layout: 'file', casing: 'snake_case', idStrategy: 'serial' });
    expect(fs.existsSync(path.join(repo, 'db/schema.ts'))).toBe(true);
  });

  it('table with no name asks for the name, the fields one by one, the key, timestamps and seed', async () => {
    const result = await drive(
      repo,
      [
        ['Table name', 'tags\r'],
        ['Field as name', 'label:text:notNull\r'],
        ['Field as name', 'bogus:strng\r'], // refused in place, asked again
        ['unknown type', '\u0015weight:integer:default=1\r'],
        ['Field as name', '\r'],
        ['Primary key', '\r'], // the manifest's default: serial
        ['createdAt', 'n\r'],
        ['seed', 'n\r'],
      ],
      ['table', '--no-generate'],
    );
    expect(result.code, result.stdout).toBe(0);
    const schema = fs.readFileSync(path.join(repo, 'db/schema.ts'), 'utf8');
    expect(schema).toContain('export const tags = pgTable("tags", {');
    expect(schema).toContain('id: serial().primaryKey()');
    expect(schema).toContain('label: text().notNull()');
    expect(schema).toContain('weight: integer().default(1)');
    expect(schema).not.toContain('createdAt');
  });
});
