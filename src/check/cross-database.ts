/**
 * No foreign key crosses databases: a schema file of one database whose `.references(() => x.col)`
 * points at a table imported from another database's schema folder. drizzle-kit would emit a
 * foreign key to a table that does not exist in that database, and the migration fails there.
 */
import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isOwned, type DatabaseEntry, type Manifest, type OwnedDatabase } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import { schemaDir } from '../project/schema-files.js';
import type { Finding } from './findings.js';

export function checkCrossDatabaseKeys(tree: Tree, manifest: Manifest, database: OwnedDatabase): Finding[] {
  // A database's schema is a folder (or, with --layout file, one module): what an import can land in.
  const home = (entry: DatabaseEntry) => (manifest.layout === 'file' && isOwned(entry) ? entry.schema.replace(/\.ts$/, '') : schemaDir(manifest, entry));
  const others = manifest.databases.filter((other) => other.name !== database.name).map((other) => ({ name: other.name, dir: home(other) }));
  if (others.length === 0) return [];
  const findings: Finding[] = [];
  for (const file of schemaFiles(tree, manifest, database)) {
    const text = tree.read(file) ?? '';
    for (const [, names, specifier] of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier!));
      const owner = others.find((other) => target === other.dir || target.startsWith(`${other.dir}/`));
      if (!owner) continue;
      for (const name of names!.split(',').map((entry) => entry.trim().split(/\s+as\s+/).at(-1)!).filter(Boolean)) {
        if (new RegExp(`references\\(\\s*\\(\\)\\s*(?::[^=]+)?=>\\s*${name}\\.`).test(text)) {
          findings.push({
            check: 'cross-database',
            file,
            message: `references ${name} from the ${owner.name} database, and a foreign key cannot cross databases: drop the .references(), keep the plain column, and join in application code`,
          });
        }
      }
    }
  }
  return findings;
}

/** The database's schema files: its folder's .ts files, or the single schema file. */
function schemaFiles(tree: Tree, manifest: Manifest, database: OwnedDatabase): string[] {
  if (manifest.layout === 'file') return [database.schema];
  const dir = schemaDir(manifest, database);
  try {
    return readdirSync(join(tree.root, dir))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => `${dir}/${file}`);
  } catch {
    return [];
  }
}
