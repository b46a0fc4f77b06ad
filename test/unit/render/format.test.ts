import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatChange, formatFile } from '../../../src/render/format.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-format-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('formatChange', () => {
  it('formats only the lines a patch added; the user\'s own code keeps its formatting', async () => {
    const before = `import {pgTable,text} from 'drizzle-orm/pg-core'\n\nexport const users = pgTable('users', {  name:   text() })\n`;
    const after = `${before}export const usersRelations = relations(users,({many})=>({posts:many(posts)}))\n`;
    expect(await formatChange(root, 'src/users.ts', before, after)).toBe(
      `${before}export const usersRelations = relations(users, ({ many }) => ({\n  posts: many(posts),\n}));\n`,
    );
  });

  it('formats each added run separately, keeping what lies between', async () => {
    const before = `const   kept = 1\n`;
    const after = `import {a} from 'a'\nconst   kept = 1\nexport   const added = 2\n`;
    expect(await formatChange(root, 'x.ts', before, after)).toBe(`import { a } from "a";\nconst   kept = 1\nexport const added = 2;\n`);
  });

  it('uses the target\'s prettier config', async () => {
    const dir = path.join(root, 'styled');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.prettierrc'), JSON.stringify({ singleQuote: true, semi: false }));
    expect(await formatChange(dir, 'x.ts', 'const a = 1\n', 'const a = 1\nconst b = "x";\n')).toBe("const a = 1\nconst b = 'x'\n");
    expect(await formatFile(dir, 'y.ts', 'const c = "y";')).toBe("const c = 'y'\n");
  });

  it('leaves unchanged text and files prettier does not format alone', async () => {
    expect(await formatChange(root, 'x.ts', 'const   a = 1\n', 'const   a = 1\n')).toBe('const   a = 1\n');
    expect(await formatChange(root, '.env.example', 'A=1\n', 'A=1\nB  =  2\n')).toBe('A=1\nB  =  2\n');
  });
});
