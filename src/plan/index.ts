// Public API of the plan layer: generators build a Tree, the CLI prints or applies it.
export { Tree, defaultReader, type DiskReader, type FileChange } from './tree.js';
export { renderDiff, summarizeChanges } from './diff.js';
export {
  applyPlan,
  applyWithRollback,
  StalePlanError,
  type AppliedPlan,
  type ApplyOptions,
} from './apply.js';
export { normalizePlanPath, resolvePlanPath } from './paths.js';
