/**
 * addBarrelExport: schema/index.ts gains `export * from './<table>'`, sorted, once; a central
 * `./relations` module stays last.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addBarrelExport } from '../../../src/transforms/barrel.js';
import { expectUnchanged, patch, run, targetWithPrettierConfig } from './harness.js';

const FILE = 'src/db/schema/index.ts';
const target = targetWithPrettierConfig();
afterAll(target.dispose);
const patchSingle = (text: string, specifier: string) => patch(FILE, text, addBarrelExport(specifier), target.root);

/** The barrel init writes (templates/layer/schema-index.ts.hbs). */
const INIT_BARREL = `/**
 * Schema barrel: one \`export * from './<table>'\` per table file. \`create-db-layer table\` keeps it
 * sorted; drizzle-kit and the connection read the schema from here.
 */
export {};
`;

describe('addBarrelExport', () => {
  it('the first table replaces `export {}`', async () => {
    const out = await run(FILE, INIT_BARREL, addBarrelExport('./posts'));
    expect(out).toContain("export * from './posts';");
    expect(out).not.toContain('export {}');
  });

  // Fixed regression (src/transforms/barrel.ts addBarrelExport): `empty.replaceWithText(...)` replaces the
  // JSDoc attached to `export {};` too, so the header comment init writes is deleted by the first
  // `create-db-layer table` (the code's own comment says replacing the text keeps it). Seen in
  // test/snapshot/__snapshots__/table/plan/*/src/db/schema/index.ts.snap.
  it('the first table keeps the header comment of the init barrel', async () => {
    expect(await patchSingle(INIT_BARREL, './posts')).toBe(INIT_BARREL.replace('export {};', "export * from './posts';"));
  });

  it('inserts in sorted order', async () => {
    const text = `export * from './comments';\nexport * from './users';\n`;
    expect(await patchSingle(text, './posts')).toMatchInlineSnapshot(`
      "export * from './comments';
      export * from './posts';
      export * from './users';
      "
    `);
    expect(await patchSingle(text, './accounts')).toMatchInlineSnapshot(`
      "export * from './accounts';
      export * from './comments';
      export * from './users';
      "
    `);
    expect(await patchSingle(text, './zebras')).toMatchInlineSnapshot(`
      "export * from './comments';
      export * from './users';
      export * from './zebras';
      "
    `);
  });

  it('sorts kebab-case file names as a human would', async () => {
    const text = `export * from './blog-comments';\nexport * from './blogs';\n`;
    expect(await patchSingle(text, './blog-posts')).toMatchInlineSnapshot(`
      "export * from './blog-comments';
      export * from './blog-posts';
      export * from './blogs';
      "
    `);
  });

  it('a central ./relations export stays last', async () => {
    const text = `export * from './posts';\nexport * from './users';\nexport * from './relations';\n`;
    expect(await patchSingle(text, './zebras')).toMatchInlineSnapshot(`
      "export * from './posts';
      export * from './users';
      export * from './zebras';
      export * from './relations';
      "
    `);
    expect(await patchSingle(text, './comments')).toMatchInlineSnapshot(`
      "export * from './comments';
      export * from './posts';
      export * from './users';
      export * from './relations';
      "
    `);
  });

  it('with NodeNext .js specifiers, ./relations.js stays last too', async () => {
    const text = `export * from './users.js';\nexport * from './relations.js';\n`;
    expect(await patchSingle(text, './zebras.js')).toMatchInlineSnapshot(`
      "export * from './users.js';
      export * from './zebras.js';
      export * from './relations.js';
      "
    `);
  });

  it('keeps comments, other exports and double quotes (prettier defaults)', async () => {
    const text = `// Hand-edited barrel.
import { sql } from "drizzle-orm";

export * from "./accounts"; // billing
export { helper } from "./helpers";
export const schemaVersion = 3;
export * from "./users";

/** Views live elsewhere. */
export type { View } from "./views";
`;
    expect(await patch(FILE, text, addBarrelExport('./posts'))).toMatchInlineSnapshot(`
      "// Hand-edited barrel.
      import { sql } from "drizzle-orm";

      export * from "./accounts"; // billing
      export { helper } from "./helpers";
      export const schemaVersion = 3;
      export * from "./posts";
      export * from "./users";

      /** Views live elsewhere. */
      export type { View } from "./views";
      "
    `);
  });

  it('a named or namespace export of the module counts as exported', async () => {
    await expectUnchanged(FILE, `export { posts } from './posts';\n`, addBarrelExport('./posts'));
    await expectUnchanged(FILE, `export * as posts from './posts';\n`, addBarrelExport('./posts'));
  });

  it('an existing export is not duplicated', async () => {
    await expectUnchanged(FILE, `export * from './posts';\nexport * from './users';\n`, addBarrelExport('./posts'));
    await expectUnchanged(FILE, `export * from "./posts";\n`, addBarrelExport('./posts'));
  });

  it('an empty file gets the export', async () => {
    expect(await patchSingle('', './posts')).toBe("export * from './posts';\n");
  });

  // Fixed regression (src/transforms/barrel.ts addBarrelExport): the export is inserted at the child index of the
  // first export sorting after it, which puts it *above* that export's leading JSDoc: a barrel whose
  // header comment sits on its first export ends up with the header between two exports.
  it('a header comment stays on top when the new export sorts first', async () => {
    const text = `/**\n * Tables of the main database.\n */\nexport * from './users';\n`;
    expect(await patchSingle(text, './accounts')).toBe(
      `/**\n * Tables of the main database.\n */\nexport * from './accounts';\nexport * from './users';\n`,
    );
  });

  it('a detached line comment stays on top when the new export sorts first', async () => {
    const text = `// Tables of the main database.\n\nexport * from './users';\n`;
    expect(await patchSingle(text, './accounts')).toMatchInlineSnapshot(`
      "// Tables of the main database.

      export * from './accounts';
      export * from './users';
      "
    `);
  });
});
