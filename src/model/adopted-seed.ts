/**
 * How seeds reach an adopted repo's database: through its own helper (getDb() or an exported db),
 * typed by it, since the repo has no connection.ts of ours exporting a Database type.
 */
import { moduleSpecifier } from './layer.js';
import type { DatabaseEntry, Manifest } from './manifest.js';

export interface AdoptedConnection {
  /** The helper to import (getDb, or db). */
  helper: string;
  module: string;
  /** The Drizzle instance's type, from the helper. */
  type: string;
  /** How a script gets the instance: getDb() or db. */
  instance: string;
  close?: string;
}

/** undefined when the layer is scaffolded (its connection.ts exports Database), or no helper was found. */
export function adoptedConnection(manifest: Manifest, database: DatabaseEntry, fromDir: string): AdoptedConnection | undefined {
  const helpers = database.helpers;
  if (!manifest.adopted || !helpers.module) return undefined;
  const instance = helpers.kind === 'instance';
  return {
    helper: helpers.get,
    module: moduleSpecifier(manifest, fromDir, helpers.module),
    type: instance ? `typeof ${helpers.get}` : `ReturnType<typeof ${helpers.get}>`,
    instance: instance ? helpers.get : `${helpers.get}()`,
    close: helpers.close,
  };
}
