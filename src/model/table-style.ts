/**
 * A table model in an adopted repo's own style: its id and timestamp columns copied as the repo
 * writes them, columns naming their database column when the repo's do, enums in its central
 * enums file and relations in its central relations file (or none, when it has none).
 * Pure: model in, model out, plus what goes to the central files.
 */
import type { ExemplarColumn, Style } from './manifest.js';
import type { TableModel } from './table.js';
import { snakeCase } from './naming.js';
import type { Casing } from './options.js';

export interface StyledTable {
  model: TableModel;
  /** Enum declarations for the central enums file (the table imports them from there). */
  centralEnums: TableModel['enums'];
  /** The table's relations() block goes to the central relations file. */
  centralRelations: boolean;
}

export interface StyleContext {
  style: Style;
  casing: Casing;
  timestamps: boolean;
  /** The table's own key came from a field (:pk): the repo's id column is not added. */
  ownKey: boolean;
  /** Import specifier of a repo module (repo-relative path, no extension) from the new table's file. */
  repoModule: (path: string) => string;
  /** The new table's file, repo-relative. */
  file: string;
}

export function styleTable(model: TableModel, context: StyleContext): StyledTable {
  const { style } = context;
  const extraImports = [...model.extraImports];
  const core = new Set(model.coreImports);
  const orm = new Set(model.ormImports);
  const useExemplar = (column: ExemplarColumn) => {
    for (const [module, names] of Object.entries(column.imports)) {
      for (const name of names) {
        if (module === model.coreModule) core.add(name);
        else if (module === 'drizzle-orm') orm.add(name);
        else if (!extraImports.some((entry) => entry.name === name)) extraImports.push({ from: module.startsWith('./') ? context.repoModule(module.slice(2)) : module, name });
      }
    }
    return { name: column.key, code: column.code };
  };
  let columns = model.columns.map((column) => (style.explicitColumnNames ? { ...column, code: nameColumn(column.code, dbName(column.name, context.casing)) } : column));
  if (style.idColumn && !context.ownKey) {
    // The strategy's own id (and its generator import) gives way to the repo's.
    const replaced = columns.find((column) => column.name === 'id');
    // Dropped first: the repo's id may use the very generator the strategy's did (createId).
    if (replaced) dropExtraImportsOf(extraImports, replaced.code);
    columns = [useExemplar(style.idColumn), ...columns.filter((column) => column !== replaced)];
  }
  if (context.timestamps && style.timestampColumns?.length) {
    columns = [...columns.filter((column) => column.name !== 'createdAt' && column.name !== 'updatedAt'), ...style.timestampColumns.map(useExemplar)];
  }
  const centralEnums = style.enumsFile ? model.enums : [];
  const tableImports = [...model.tableImports, ...centralEnums.map((entry) => ({ name: entry.exportName, module: context.repoModule(style.enumsFile!) }))];
  // Tables of a PostgreSQL schema other than public: `app.table(…)`, `app.enum(…)`, app imported unless declared here.
  const schemaObject = style.schemaObject;
  const tableFunction = schemaObject ? `${schemaObject.name}.table` : model.tableFunction;
  const enumFunction = schemaObject ? `${schemaObject.name}.enum` : model.enumFunction;
  if (schemaObject && schemaObject.module !== context.file.replace(/\.\w+$/, '')) tableImports.push({ name: schemaObject.name, module: context.repoModule(schemaObject.module) });
  const centralRelations = style.relations === 'central' && model.relations.length > 0;
  const inlineRelations = style.relations === 'per-table' && model.relations.length > 0;
  if (!inlineRelations) orm.delete('relations');
  // Relations kept elsewhere (or nowhere) need no import of the tables they name.
  const relationTargets = new Set(model.relations.map((relation) => relation.target));
  const usedTableImports = tableImports.filter((entry) => inlineRelations || !relationTargets.has(entry.name) || columns.some((column) => column.code.includes(`${entry.name}.`)));
  const inlineEnums = centralEnums.length > 0 ? [] : model.enums;
  // What the printed file uses; an import nothing uses is dropped (the strategy's id builder, say).
  const code = [`${tableFunction}()`, ...columns.map((column) => column.code), ...model.extras, ...inlineEnums.map(() => `${enumFunction}()`)].join('\n');
  const used = (name: string) => new RegExp(`\\b${name.replace(/^type /, '')}\\b`).test(code);
  return {
    model: {
      ...model,
      columns,
      tableFunction,
      enumFunction,
      enums: inlineEnums,
      extraImports,
      tableImports: oneImportPerModule(usedTableImports),
      coreImports: [...core].filter(used).sort((a, b) => a.replace('type ', '').localeCompare(b.replace('type ', ''))),
      ormImports: [...orm].filter((name) => (name === 'relations' ? inlineRelations : used(name))).sort(),
      inlineRelations,
      rowTypes: style.rowTypes ?? true,
    },
    centralEnums,
    centralRelations,
  };
}

/** `import { cms, commentStatus } from './cms'`, as a person writes it, not one line per name. */
function oneImportPerModule(imports: { name: string; module: string }[]): { name: string; module: string }[] {
  const byModule = new Map<string, string[]>();
  for (const entry of imports) byModule.set(entry.module, [...(byModule.get(entry.module) ?? []), entry.name]);
  return [...byModule].map(([module, names]) => ({ module, name: [...new Set(names)].sort().join(', ') }));
}

function dbName(key: string, casing: Casing): string {
  return casing === 'snake_case' ? snakeCase(key) : key;
}

/** `text()` -> `text('title')`, `varchar({ length: 200 })` -> `varchar('title', { length: 200 })`. */
export function nameColumn(code: string, name: string): string {
  const match = /^(\w+)\(/.exec(code);
  if (!match) return code;
  const rest = code.slice(match[0].length);
  if (/^\s*['"`]/.test(rest)) return code;
  return `${match[0]}'${name}'${rest.startsWith(')') ? '' : ', '}${rest}`;
}

function dropExtraImportsOf(imports: { from: string; name: string }[], code: string): void {
  for (let index = imports.length - 1; index >= 0; index--) {
    if (code.includes(`${imports[index]!.name}(`)) imports.splice(index, 1);
  }
}
