/**
 * init's files of a dual-dialect layer (seed 002): each dialect's modules rendered from that
 * dialect's own templates into its folder (`<dbDir>/sqlite/`, `<dbDir>/postgres/`) with its own
 * drizzle config, and the shared modules on top that pick one of them by DB_TYPE.
 */
import { posix } from 'node:path';
import { DIALECT_SPECS, layerTemplate } from '../../src/model/dialects.js';
import { CONNECTION_VARIABLES, DB_TYPE, DEFAULT_SIDE, DUAL_SIDES, layerSides, sideDir, type DualSideName } from '../../src/model/dual.js';
import { layerContext, moduleSpecifier } from '../../src/model/layer.js';
import type { Manifest } from '../../src/model/manifest.js';
import type { LayerFile } from './plan.js';

/** The files of the dual layout: `own` are init's, `grow` belong to later generators once they exist. */
export function dualLayerFiles(manifest: Manifest, extra: object): { own: Record<string, LayerFile>; grow: Record<string, LayerFile> } {
  const dir = manifest.dbDir;
  const sides = layerSides(manifest);
  const primary = manifest.databases.find((database) => database.primary)!;
  const sideFacts = sides.map((side) => {
    const name = side.name as DualSideName;
    const folder = sideDir(manifest, name);
    return {
      name,
      label: DUAL_SIDES[name].label,
      dir: folder,
      helpers: side.database.helpers,
      out: side.database.out,
      schemaPath: posix.dirname(side.database.schema),
      configPath: `${folder}/config.ts`,
      configImport: moduleSpecifier(manifest, dir, `${folder}/config.ts`),
      connectionImport: moduleSpecifier(manifest, dir, `${folder}/connection.ts`),
      execute: DIALECT_SPECS[side.manifest.dialect].execute,
    };
  });
  const shared = {
    ...layerContext(manifest, primary),
    ...extra,
    dbType: DB_TYPE,
    defaultSide: DEFAULT_SIDE,
    sides: sideFacts,
    connectionVariables: CONNECTION_VARIABLES,
    // The SQLite side's default file (.env.example names it); pgliteDir is the PostgreSQL side's folder already.
    sqliteUrl: layerContext(sides[0]!.manifest, sides[0]!.database).defaultUrl,
    typesSchemaImport: moduleSpecifier(manifest, dir, primary.schema),
  };
  const top = (template: string, context: object = shared): LayerFile => ({ template, context });
  const own: Record<string, LayerFile> = {
    [`${dir}/config.ts`]: top('layer/dual/config.ts'),
    [`${dir}/connection.ts`]: top('layer/dual/connection.ts'),
    [`${dir}/run-script.ts`]: top('layer/run-script.ts'),
    [`${dir}/migrate.ts`]: top('layer/dual/migrate.ts'),
    [`${dir}/reset.ts`]: top('layer/dual/script.ts', { ...shared, script: 'reset', scriptName: shared.database.resetScript }),
    [`${dir}/nuke.ts`]: top('layer/dual/script.ts', { ...shared, script: 'nuke', scriptName: shared.database.nukeScript }),
    '.env.example': top('layer/dual/env.example'),
  };
  const grow: Record<string, LayerFile> = {
    [`${dir}/index.ts`]: top('layer/dual/index.ts'),
    [`${dir}/seed.ts`]: top('layer/seed.ts'),
    [`${dir}/types.ts`]: top('layer/dual/types.ts'),
    'tsconfig.json': top('layer/tsconfig.json'),
  };
  for (const side of sides) {
    const folder = sideDir(manifest, side.name!);
    const context = { ...layerContext(side.manifest, side.database, { name: side.name!, dir: folder }), ...extra };
    const ofSide = (template: string): LayerFile => ({ template: layerTemplate(side.manifest, template), context });
    for (const module of ['config', 'connection', 'reset', 'nuke']) own[`${folder}/${module}.ts`] = ofSide(`layer/${module}.ts`);
    own[side.database.config] = ofSide('layer/drizzle.config.ts');
    grow[side.database.schema] = ofSide('layer/schema-index.ts');
  }
  return { own, grow };
}
