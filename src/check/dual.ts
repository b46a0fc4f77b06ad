/**
 * A dual layer's two schemas define the same tables and the same columns, with the same
 * nullability: code written against getSchema() and types.ts then runs on either dialect. Each
 * difference is reported on the file that lacks (or differs from) what the other dialect has.
 */
import { DUAL_SIDES, layerSides, type LayerSide } from '../model/dual.js';
import { scriptPrefix } from '../model/layer.js';
import type { Manifest } from '../model/manifest.js';
import type { Tree } from '../plan/index.js';
import { readTableColumns } from '../project/read-table.js';
import { barrelModules } from '../project/schema-files.js';
import { inspectSource } from '../transforms/source.js';
import type { Finding } from './findings.js';
import { TABLE_CALL } from '../model/table-declarations.js';

interface SchemaTable {
  file: string;
  /** Column name -> not null (a primary key is never null). */
  columns: Map<string, boolean>;
}

const TABLE_DECLARATION = new RegExp(String.raw`export\s+const\s+(\w+)\s*=\s*${TABLE_CALL}`, 'g');

export async function checkDualParity(tree: Tree, manifest: Manifest): Promise<Finding[]> {
  const sides = layerSides(manifest);
  if (sides.length < 2) return [];
  const [first, second] = await Promise.all(sides.map((side) => readSchema(tree, side)));
  const [firstSide, secondSide] = sides as [LayerSide, LayerSide];
  return [...differences(first!, second!, firstSide, secondSide), ...differences(second!, first!, secondSide, firstSide)];
}

/** What `have` defines that `lack` does not: missing tables and columns, reported on `lack`'s files. */
function differences(have: Map<string, SchemaTable>, lack: Map<string, SchemaTable>, haveSide: LayerSide, lackSide: LayerSide): Finding[] {
  const label = (side: LayerSide) => DUAL_SIDES[side.name!].label;
  const fix = `then run ${scriptPrefix(haveSide.database)}:generate`;
  const findings: Finding[] = [];
  for (const [table, defined] of have) {
    const other = lack.get(table);
    if (!other) {
      findings.push({
        check: 'dual',
        file: lackSide.database.schema,
        message: `has no table ${table}, which ${defined.file} defines: add it to the ${label(lackSide)} schema with the same columns (or remove it from the ${label(haveSide)} one), ${fix}`,
      });
      continue;
    }
    for (const [column, notNull] of defined.columns) {
      const otherNotNull = other.columns.get(column);
      if (otherNotNull === undefined) {
        findings.push({ check: 'dual', file: other.file, message: `${table}.${column} is missing here but defined in ${defined.file}: add it here (or remove it there), ${fix}` });
      } else if (notNull && !otherNotNull) {
        // Reported once, from the side that says not null.
        findings.push({ check: 'dual', file: other.file, message: `${table}.${column} is nullable here but not null in ${defined.file}: make both the same, ${fix}` });
      }
    }
  }
  return findings;
}

/** Tables of one side's schema: every `export const x = …Table(` in the files its barrel exports. */
async function readSchema(tree: Tree, side: LayerSide): Promise<Map<string, SchemaTable>> {
  const tables = new Map<string, SchemaTable>();
  for (const file of barrelModules(tree, side.database.schema)) {
    const text = tree.read(file) ?? '';
    const names = [...text.matchAll(TABLE_DECLARATION)].map(([, name]) => name!);
    if (names.length === 0) continue;
    await inspectSource(file, text, (source) => {
      for (const name of names) {
        tables.set(name, { file, columns: new Map(readTableColumns(source, name).map((column) => [column.name, column.notNull])) });
      }
    });
  }
  return tables;
}
