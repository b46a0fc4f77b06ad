/**
 * Writes schema/db-layer.schema.json, the JSON Schema of db-layer.json, from the zod schema the
 * generators parse it with (src/model/manifest.ts). Generated repos point their manifest's
 * `$schema` at the published copy, so editors complete and check the file.
 *
 *   npm run schema      (builds, then runs dist/scripts/write-manifest-schema.js)
 *
 * test/unit/manifest-schema.test.ts fails when the committed file is out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { MANIFEST_FILE, ManifestSchema } from '../src/model/manifest.js';
import { PACKAGE_ROOT } from '../src/package-info.js';

/** Where the schema lives in this package (published: package.json "files" lists schema/). */
export const MANIFEST_SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'db-layer.schema.json');

/** The JSON Schema text, exactly as committed: 2-space JSON and a final newline. */
export function renderManifestSchema(): string {
  const { $schema, ...generated } = z.toJSONSchema(ManifestSchema);
  const document = {
    $schema,
    title: `create-db-layer manifest (${MANIFEST_FILE})`,
    description: `What the create-db-layer generators know about this repository. Generated from ManifestSchema in src/model/manifest.ts; do not edit by hand.`,
    ...generated,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function writeManifestSchema(path = MANIFEST_SCHEMA_PATH): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderManifestSchema());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeManifestSchema();
  console.log(`wrote ${relative(process.cwd(), MANIFEST_SCHEMA_PATH) || MANIFEST_SCHEMA_PATH}`);
}
