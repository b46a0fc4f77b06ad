/**
 * init in a repo that already has Drizzle: record what is there in db-layer.json and touch
 * nothing else, unless asked for the scripts and the plopfile that are missing.
 */
import type { Detection } from '../../src/adopt/detect.js';
import { databaseScripts, layerContext } from '../../src/model/layer.js';
import { isOwned, MANIFEST_FILE, serializeManifest, type Manifest, type OwnedDatabase } from '../../src/model/manifest.js';
import type { Tree } from '../../src/plan/index.js';
import { mergePackageJson } from '../../src/project/package-json.js';
import { PACKAGE_MANAGERS, type PackageManager } from '../../src/project/package-manager.js';
import { formatFile } from '../../src/render/format.js';
import { renderTemplate } from '../../src/render/templates.js';
import { VERSIONS } from '../../src/versions.js';

export interface AdoptOptions {
  addScripts: boolean;
  addPlopfile: boolean;
  packageManager: PackageManager;
  selfSpec: string;
}

export async function planAdoption(tree: Tree, detection: Detection, recorded: Manifest | undefined, options: AdoptOptions): Promise<{ notes: string[] }> {
  const manifest = keepRecorded(detection.manifest, recorded);
  const text = serializeManifest(manifest);
  if (recorded) tree.update(MANIFEST_FILE, text);
  else tree.create(MANIFEST_FILE, text);
  const notes: string[] = [];
  if (!options.addScripts && !options.addPlopfile) return { notes };

  const existing = tree.read('package.json');
  const have = existing === null ? {} : ((JSON.parse(existing) as { scripts?: Record<string, string> }).scripts ?? {});
  const scripts = options.addScripts ? missingScripts(manifest, have) : {};
  const devDependencies: Record<string, string> = { 'create-db-layer': options.selfSpec, ...(options.addPlopfile ? { plop: VERSIONS.plop } : {}) };
  const merged = mergePackageJson(existing, { scripts, dependencies: {}, devDependencies });
  if (merged.content !== existing) tree.update('package.json', merged.content);
  if (options.addScripts) notes.push(Object.keys(scripts).length > 0 ? `added scripts: ${Object.keys(scripts).join(', ')}` : 'every script was already there');
  if (options.addPlopfile) {
    const plopfile = /"type"\s*:\s*"module"/.test(existing ?? '') ? 'plopfile.js' : 'plopfile.mjs';
    const context = { ...layerContext(manifest, manifest.databases[0]!), exec: (bin: string) => PACKAGE_MANAGERS[options.packageManager].exec(bin) };
    tree.createIfMissing(plopfile, await formatFile(tree.root, plopfile, renderTemplate('layer/plopfile.js', context)));
  }
  return { notes };
}

/** What the generators recorded since adoption (migration fingerprints) survives a re-detection. */
function keepRecorded(detected: Manifest, recorded: Manifest | undefined): Manifest {
  if (!recorded) return detected;
  const hashes = new Map(recorded.databases.filter(isOwned).map((database) => [database.name, database.migrationHashes]));
  return {
    ...detected,
    databases: detected.databases.map((database) => (isOwned(database) && hashes.get(database.name) ? { ...database, migrationHashes: hashes.get(database.name) } : database)),
  };
}

/**
 * The scripts an adopted database can run as it is: drizzle-kit's commands on its config, check,
 * and migrate when the repo has a migrate script. Seeding, reset and nuke are scaffolded modules
 * an adopted repo does not have. A script the repo already defines is never touched.
 */
function missingScripts(manifest: Manifest, have: Record<string, string>): Record<string, string> {
  const scripts: Record<string, string> = {};
  for (const database of manifest.databases as OwnedDatabase[]) {
    const all = databaseScripts(manifest, database);
    for (const [name, command] of Object.entries(all)) {
      const task = name.slice(name.lastIndexOf(':') + 1);
      const usable = ['generate', 'push', 'studio', 'check'].includes(task) || (task === 'migrate' && database.migrateScript !== undefined);
      if (!usable || name in have) continue;
      scripts[name] = task === 'migrate' ? `tsx ${database.migrateScript}` : command;
    }
  }
  return scripts;
}
