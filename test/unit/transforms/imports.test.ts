/**
 * ensureNamedImport: adds `import { name } from 'module'`, reusing an import of that module;
 * package imports go before relative ones.
 */
import type { SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ensureNamedImport } from '../../../src/transforms/imports.js';
import { expectUnchanged, run } from './harness.js';

const FILE = 'src/db/schema/posts.ts';
const add =
  (module: string, name: string, typeOnly = false) =>
  (file: SourceFile) =>
    ensureNamedImport(file, module, name, typeOnly);

describe('ensureNamedImport', () => {
  it('adds a name to an existing import of the module', async () => {
    expect(await run(FILE, `import { pgTable } from 'drizzle-orm/pg-core';\n`, add('drizzle-orm/pg-core', 'uuid'))).toBe(
      `import { pgTable, uuid } from 'drizzle-orm/pg-core';\n`,
    );
  });

  it('an imported name: nothing changes', async () => {
    await expectUnchanged(FILE, `import { pgTable, uuid } from "drizzle-orm/pg-core";\n`, add('drizzle-orm/pg-core', 'uuid'));
  });

  it('a package import goes before the first relative import', async () => {
    const text = `import { pgTable } from 'drizzle-orm/pg-core';\nimport { users } from './users';\n\nexport const x = 1;\n`;
    expect(await run(FILE, text, add('drizzle-orm', 'relations'))).toMatchInlineSnapshot(`
      "import { pgTable } from 'drizzle-orm/pg-core';
      import { relations } from 'drizzle-orm';
      import { users } from './users';

      export const x = 1;
      "
    `);
  });

  it('a relative import goes after the last import', async () => {
    const text = `import { pgTable } from 'drizzle-orm/pg-core';\nimport { users } from './users';\n\nexport const x = 1;\n`;
    expect(await run(FILE, text, add('./comments', 'comments'))).toMatchInlineSnapshot(`
      "import { pgTable } from 'drizzle-orm/pg-core';
      import { users } from './users';
      import { comments } from './comments';

      export const x = 1;
      "
    `);
  });

  it('a type-only import is its own declaration, and is not merged into a value import', async () => {
    const text = `import { pgTable } from 'drizzle-orm/pg-core';\n`;
    const out = await run(FILE, text, [add('drizzle-orm/pg-core', 'AnyPgColumn', true)]);
    expect(out).toMatchInlineSnapshot(`
      "import { pgTable } from 'drizzle-orm/pg-core';
      import type { AnyPgColumn } from 'drizzle-orm/pg-core';
      "
    `);
    expect(await run(FILE, out, [add('drizzle-orm/pg-core', 'AnyPgColumn', true)])).toBe(out);
  });

  it('a file without imports gets the import first', async () => {
    expect(await run(FILE, `export const x = 1;\n`, add('drizzle-orm', 'sql'))).toMatchInlineSnapshot(`
      "import { sql } from 'drizzle-orm';

      export const x = 1;
      "
    `);
  });
});
