/**
 * The AGENTS.md guides still describe the repo: every generated section renders the same today.
 */
import { staleGuides } from '../agents/guide.js';
import type { Manifest } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import type { Finding } from './findings.js';

export async function checkGuides(tree: Tree, manifest: Manifest): Promise<Finding[]> {
  const stale = await staleGuides(tree, manifest);
  // Adoption writes no guide: an adopted repo has guides once it asks for them (create-db-layer agents).
  const relevant = manifest.adopted ? stale.filter(({ file }) => tree.exists(file)) : stale;
  return relevant.map(({ file, sections }) => ({
    check: 'guide',
    file,
    message: tree.exists(file)
      ? `out of date (${sections.join(', ')}): run create-db-layer agents to refresh the generated sections`
      : 'missing: run create-db-layer agents to write it',
  }));
}
