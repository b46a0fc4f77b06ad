/**
 * The built formatter with its worker thread (startFormatter) gives what formatting in this
 * thread gives, and a prettier failure still reaches the caller. Uses dist/ (npm test builds
 * first): from sources there is no worker file, so formatting stays in the calling thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as built from '../../../dist/src/render/format.js';
import { formatChange, formatFile } from '../../../src/render/format.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-format-worker-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('startFormatter', () => {
  built.startFormatter(root);

  it('formats new and patched files as the calling thread does', async () => {
    const source = `import {pgTable,text} from 'drizzle-orm/pg-core'\nexport const users = pgTable('users', {  name:   text() })\n`;
    expect(await built.formatFile(root, 'users.ts', source)).toBe(await formatFile(root, 'users.ts', source));
    const after = `${source}export const usersRelations = relations(users,({many})=>({posts:many(posts)}))\n`;
    expect(await built.formatChange(root, 'users.ts', source, after)).toBe(await formatChange(root, 'users.ts', source, after));
  });

  it("uses the target's prettier config", async () => {
    const dir = path.join(root, 'styled');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.prettierrc'), JSON.stringify({ singleQuote: true, semi: false }));
    expect(await built.formatFile(dir, 'y.ts', 'const c = "y";')).toBe("const c = 'y'\n");
  });

  it('rejects with prettier\'s error on code it cannot parse', async () => {
    await expect(built.formatFile(root, 'broken.ts', 'export const = ;')).rejects.toThrow(/Expression expected|Variable declaration expected/);
  });

  it('leaves files prettier does not format alone', async () => {
    expect(await built.formatChange(root, '.env.example', 'A=1\n', 'A=1\nB  =  2\n')).toBe('A=1\nB  =  2\n');
  });
});
