/**
 * table on every dialect of a database: the table file in each side's own builders (two in a
 * dual layer: schema/sqlite/ and schema/postgres/), and in a dual layer its row types in types.ts.
 */
import { UsageError } from '../../src/errors.js';
import { DUAL_IDENTITY_REFUSAL, isDual, sidesOf } from '../../src/model/dual.js';
import type { Tree } from '../../src/plan/index.js';
import { planRowTypes, planTable, type TablePlan, type TableRequest } from './plan.js';
import { checkLayerFiles } from './preflight.js';

/** The plans, one per dialect, the default dialect's first. */
export async function planTableSides(tree: Tree, request: TableRequest): Promise<TablePlan[]> {
  if (isDual(request.manifest) && request.idStrategy === 'identity') throw new UsageError(DUAL_IDENTITY_REFUSAL);
  const plans: TablePlan[] = [];
  for (const side of sidesOf(request.manifest, request.database)) {
    checkLayerFiles(tree, side.manifest, side.database);
    plans.push(await planTable(tree, { ...request, manifest: side.manifest, database: side.database }));
  }
  // An adopted dual repo has no types.ts of ours unless it wrote one.
  if (isDual(request.manifest) && !(request.manifest.adopted && !tree.exists(`${request.manifest.dbDir}/types.ts`))) await planRowTypes(tree, request.manifest, plans[0]!);
  return plans;
}
