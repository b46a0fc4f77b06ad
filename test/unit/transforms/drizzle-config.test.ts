/**
 * addConfigSchemaEntry: a drizzle config whose `schema` lists files gains the new table file;
 * a single path, a folder or a glob already covers it and is left alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addConfigSchemaEntry } from '../../../src/transforms/drizzle-config.js';
import { expectUnchanged, patch, targetWithPrettierConfig } from './harness.js';

const FILE = 'drizzle.config.ts';
const NEW_FILE = './src/db/schema/posts.ts';
const target = targetWithPrettierConfig({ singleQuote: true });
afterAll(target.dispose);

function config(schema: string): string {
  return `import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ${schema},
  out: './drizzle',
  casing: 'snake_case',
});
`;
}

describe('addConfigSchemaEntry: left alone', () => {
  it('a schema that is one file (the barrel)', async () => {
    await expectUnchanged(FILE, config(`'./src/db/schema/index.ts'`), addConfigSchemaEntry(NEW_FILE));
  });

  it('a schema that is a folder', async () => {
    await expectUnchanged(FILE, config(`'./src/db/schema'`), addConfigSchemaEntry(NEW_FILE));
  });

  it('a schema that is a glob', async () => {
    await expectUnchanged(FILE, config(`'./src/db/schema/*.ts'`), addConfigSchemaEntry(NEW_FILE));
  });

  // Fixed regression (minor; src/transforms/drizzle-config.ts addConfigSchemaEntry, and the `schema\s*:\s*\[` test
  // in generators/table/plan.ts): any array counts as a list of files, so `schema: ['./src/db/schema/*.ts']`
  // gains './src/db/schema/posts.ts' although issue 3 says to leave a glob or folder alone.
  // Harmless at run time (drizzle-kit's prepareFilenames collects files in a Set), but noise in a
  // hand-written config.
  it('an array of globs is left alone', async () => {
    await expectUnchanged(FILE, config(`['./src/db/schema/*.ts']`), addConfigSchemaEntry(NEW_FILE));
  });

  it('an array that lists the file already, with or without ./', async () => {
    await expectUnchanged(FILE, config(`['./src/db/schema/users.ts', './src/db/schema/posts.ts']`), addConfigSchemaEntry(NEW_FILE));
    await expectUnchanged(FILE, config(`['src/db/schema/posts.ts']`), addConfigSchemaEntry(NEW_FILE));
    await expectUnchanged(FILE, config(`['./src/db/schema/posts.ts']`), addConfigSchemaEntry('src/db/schema/posts.ts'));
  });

  it('a config without schema', async () => {
    await expectUnchanged(FILE, `import { defineConfig } from 'drizzle-kit';\n\nexport default defineConfig({ dialect: 'postgresql' });\n`, addConfigSchemaEntry(NEW_FILE));
  });

  it('a schema computed in code', async () => {
    await expectUnchanged(FILE, config(`schemaFiles`), addConfigSchemaEntry(NEW_FILE));
  });
});

describe('addConfigSchemaEntry: an explicit list of files', () => {
  it('multi-line, ./ prefixes, trailing comma (seed 001): the entry joins with ./ and the layout is kept', async () => {
    const text = config(`[
    './src/db/schema/users.ts',
    './src/db/schema/comments.ts',
  ]`);
    expect(await patch(FILE, text, addConfigSchemaEntry(NEW_FILE), target.root)).toMatchInlineSnapshot(`
      "import { defineConfig } from 'drizzle-kit';

      export default defineConfig({
        dialect: 'postgresql',
        schema: [
          './src/db/schema/users.ts',
          './src/db/schema/comments.ts',
          './src/db/schema/posts.ts',
        ],
        out: './drizzle',
        casing: 'snake_case',
      });
      "
    `);
  });

  it('one line, no ./ prefixes, double quotes (prettier defaults): the entry matches them', async () => {
    const text = `import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["src/db/schema/users.ts"], // keep in sync
  out: "./drizzle",
});
`;
    expect(await patch(FILE, text, addConfigSchemaEntry(NEW_FILE))).toMatchInlineSnapshot(`
      "import { defineConfig } from "drizzle-kit";

      export default defineConfig({
        dialect: "postgresql",
        schema: ["src/db/schema/users.ts", "src/db/schema/posts.ts"], // keep in sync
        out: "./drizzle",
      });
      "
    `);
  });

  it('an empty list', async () => {
    expect(await patch(FILE, config('[]'), addConfigSchemaEntry(NEW_FILE), target.root)).toContain(`schema: ['src/db/schema/posts.ts'],`);
  });

  it('a config object assigned to a variable and exported', async () => {
    const text = `import { defineConfig } from 'drizzle-kit';

const config = defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema/users.ts'],
});

export default config;
`;
    expect(await patch(FILE, text, addConfigSchemaEntry(NEW_FILE), target.root)).toContain(
      `schema: ['./src/db/schema/users.ts', './src/db/schema/posts.ts'],`,
    );
  });

  it('a plain exported object', async () => {
    const text = `export default {\n  dialect: 'postgresql',\n  schema: ['./src/db/schema/users.ts'],\n};\n`;
    expect(await patch(FILE, text, addConfigSchemaEntry(NEW_FILE), target.root)).toMatchInlineSnapshot(`
      "export default {
        dialect: 'postgresql',
        schema: ['./src/db/schema/users.ts', './src/db/schema/posts.ts'],
      };
      "
    `);
  });

  // Fixed regression (src/transforms/drizzle-config.ts findConfigObject): `export default { ... } satisfies Config`
  // (the form drizzle-kit's docs show) is a SatisfiesExpression, not an ObjectLiteralExpression, so
  // the config is not found and the new table file is silently not added: drizzle-kit then generates
  // no migration for it.
  it('an exported object with `satisfies Config`', async () => {
    const text = `import type { Config } from 'drizzle-kit';

export default {
  dialect: 'postgresql',
  schema: ['./src/db/schema/users.ts'],
} satisfies Config;
`;
    expect(await patch(FILE, text, addConfigSchemaEntry(NEW_FILE), target.root)).toContain(
      `schema: ['./src/db/schema/users.ts', './src/db/schema/posts.ts'],`,
    );
  });
});
