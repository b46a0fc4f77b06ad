/**
 * table's plan: the new table file (or an addition to schema.ts), the barrel export, the
 * drizzle config's schema list, and the `many()` side on every referenced table.
 */
import { posix } from 'node:path';
import { UserError } from '../../src/errors.js';
import { FIELD_TYPES } from '../../src/model/field-types.js';
import { builderCall, DIALECT_SPECS, unsupportedField } from '../../src/model/dialects.js';
import { FieldError, type Field } from '../../src/model/fields.js';
import { moduleSpecifier } from '../../src/model/layer.js';
import type { Manifest, OwnedDatabase, Style } from '../../src/model/manifest.js';
import { camelCase } from '../../src/model/naming.js';
import type { IdStrategy } from '../../src/model/options.js';
import { exemplarKeyBuilder } from '../../src/model/referencing.js';
import { buildTable, tableNames, type ReferencedTable, type TableModel } from '../../src/model/table.js';
import type { Tree } from '../../src/plan/index.js';
import { findTable, isKeyColumn, referencingBuilder, schemaBarrel, tableFilePath, tableSource } from '../../src/project/schema-files.js';
import { styleTable, type StyleContext } from '../../src/model/table-style.js';
import { appendDeclarations } from '../../src/transforms/append-declarations.js';
import { formatChange, formatFile, setFormatFallback } from '../../src/render/format.js';
import { prettierOptionsFor } from '../../src/project/manifest.js';
import { renderTemplate } from '../../src/render/templates.js';
import { addBarrelExport } from '../../src/transforms/barrel.js';
import { addConfigSchemaEntry } from '../../src/transforms/drizzle-config.js';
import { addManyRelation } from '../../src/transforms/relations.js';
import { addRowTypes } from '../../src/transforms/row-types.js';
import { appendTable } from '../../src/transforms/schema-file.js';
import { transformSource, type Transform } from '../../src/transforms/source.js';

export interface TableRequest {
  manifest: Manifest;
  database: OwnedDatabase;
  name: string;
  fields: Field[];
  idStrategy: IdStrategy;
  timestamps: boolean;
}

export interface TablePlan {
  model: TableModel;
  file: string;
}

export async function planTable(tree: Tree, request: TableRequest): Promise<TablePlan> {
  const { manifest, database } = request;
  const exportSuffix = manifest.style?.tableExportSuffix;
  const names = tableNames(request.name, manifest.casing, exportSuffix);
  const file = tableFilePath(manifest, database, request.name);
  const existing = findTable(tree, manifest, database, request.name);
  if (existing) throw new UserError(`table ${existing.exportName} already exists in ${existing.file}: choose another name, or edit that file`);
  if (manifest.layout === 'folder' && tree.exists(file)) {
    throw new UserError(`${file} already exists (without a ${names.exportName} table): choose another table name, or move that file`);
  }
  // Each dialect side of an adopted dual repo is formatted as its own files are (line width, say).
  if (manifest.style) setFormatFallback(prettierOptionsFor(manifest.style));
  checkGeneratedColumns(request);
  checkDialect(request);

  const references = resolveReferences(tree, request, file);
  // An adopted repo's id column replaces the strategy's: a self-reference is typed like it.
  const idBuilder = manifest.style?.idColumn ? exemplarKeyBuilder(manifest.style.idColumn, DIALECT_SPECS[manifest.dialect]) : undefined;
  const built = buildTable({ ...request, casing: manifest.casing, enumStyle: manifest.enumStyle, dialect: manifest.dialect, references, idBuilder, sqliteTimestamps: manifest.style?.sqliteTimestamps, timestampMode: manifest.style?.timestampMode, exportSuffix });
  const styled = manifest.style ? styleTable(built, styleContext(request, file)) : undefined;
  const model = styled?.model ?? built;
  const source = renderTemplate('table/table.ts', model);
  const edits = new Map<string, Transform[]>();
  const edit = (path: string, transform: Transform) => edits.set(path, [...(edits.get(path) ?? []), transform]);
  const specifier = (from: string, to: string) => moduleSpecifier(manifest, posix.dirname(from), to);

  if (manifest.layout === 'folder') {
    tree.create(file, await formatFile(tree.root, file, source));
    const barrel = schemaBarrel(database);
    if (barrel !== undefined) edit(barrel, addBarrelExport(specifier(barrel, file)));
    if (/schema\s*:\s*\[/.test(tree.read(database.config) ?? '')) edit(database.config, addConfigSchemaEntry(`./${file}`));
  } else {
    edit(file, appendTable(source, names.exportName));
  }
  const style = manifest.style;
  if (style?.enumsFile && styled && styled.centralEnums.length > 0) {
    edit(style.enumsFile, appendDeclarations({
      code: renderTemplate('table/enums.ts', { enums: styled.centralEnums, enumFunction: model.enumFunction }),
      names: styled.centralEnums.map((entry) => entry.exportName),
      imports: enumsFileImports(style, model, specifier),
    }));
  }
  const relationsFile = style?.relations === 'central' ? style.relationsFile : undefined;
  // The tables this one references, by export name: their files gain the many() side.
  const referenced = (exportName: string) => [...references.values()].find((table) => table.exportName === exportName)!;
  const otherRelations = model.relations.filter((relation) => relation.target !== names.exportName);
  if (relationsFile && styled?.centralRelations) {
    const targets = otherRelations.map((relation) => referenced(relation.target));
    edit(relationsFile, appendDeclarations({
      code: renderTemplate('table/relations.ts', model),
      names: [model.relationsName],
      imports: [
        { module: 'drizzle-orm', name: 'relations' },
        { module: specifier(relationsFile, file), name: names.exportName },
        ...targets.map((table) => ({ module: specifier(relationsFile, table.file), name: table.exportName })),
      ],
    }));
  }
  for (const relation of style?.relations === 'none' ? [] : otherRelations) {
    const targetFile = relationsFile ?? (manifest.layout === 'folder' ? referenced(relation.target).file : file);
    edit(targetFile, addManyRelation({
      table: relation.target,
      name: relation.many,
      target: names.exportName,
      targetModule: targetFile === file ? undefined : specifier(targetFile, file),
      relationName: relation.relationName,
    }));
  }
  for (const [path, transforms] of edits) {
    const original = tree.read(path);
    // A file a patch needs (a referenced table's, the central enums or relations) was deleted since it was recorded.
    if (original === null) throw new UserError(`${path} is missing, and the new table must be added to it: restore it (git checkout -- ${path}), or run create-db-layer init again if the layer moved`);
    const patched = await transformSource(path, original, transforms);
    tree.update(path, await formatChange(tree.root, path, original, patched));
  }
  return { model, file };
}

/** What the central enums file needs for a new enum: pgEnum, or the schema object (unless it declares it itself). */
function enumsFileImports(style: Style, model: TableModel, specifier: (from: string, to: string) => string): { module: string; name: string }[] {
  const object = style.schemaObject;
  if (!object) return [{ module: model.coreModule, name: 'pgEnum' }];
  return object.module === style.enumsFile!.replace(/\.\w+$/, '') ? [] : [{ module: specifier(style.enumsFile!, `${object.module}.ts`), name: object.name }];
}

/** How an adopted repo writes a table: its style, and how the new file imports the repo's modules. */
function styleContext(request: TableRequest, file: string): StyleContext {
  const { manifest } = request;
  const style = manifest.style!;
  return {
    style,
    casing: manifest.casing,
    timestamps: request.timestamps,
    ownKey: request.fields.some((field) => field.pk),
    repoModule: (path) => moduleSpecifier(manifest, posix.dirname(file), path),
    file,
  };
}

/** A dual layer's types.ts gets the new table's select and insert types, shared by both dialects. */
export async function planRowTypes(tree: Tree, manifest: Manifest, plan: TablePlan): Promise<void> {
  const path = `${manifest.dbDir}/types.ts`;
  const original = tree.read(path);
  if (original === null) throw new UserError(`${path} is missing: restore it (create-db-layer init recreates it) and run again`);
  const schema = manifest.databases.find((database) => database.primary)!.schema;
  const types = { table: plan.model.exportName, select: plan.model.typeName, insert: plan.model.newTypeName, schemaModule: moduleSpecifier(manifest, manifest.dbDir, schema) };
  const patched = await transformSource(path, original, [addRowTypes(types)]);
  tree.update(path, await formatChange(tree.root, path, original, patched));
}

/** Every field type either maps on the layer's dialect or is refused here, naming the alternative. */
function checkDialect(request: TableRequest): void {
  const spec = DIALECT_SPECS[request.manifest.dialect];
  for (const field of request.fields) {
    const problem = unsupportedField(spec, field);
    if (problem) throw new FieldError(problem);
  }
}

/** id, createdAt and updatedAt are generated unless a field takes their place. */
function checkGeneratedColumns(request: TableRequest): void {
  const generated = [...(request.fields.some((field) => field.pk) ? [] : ['id']), ...(request.timestamps ? ['createdAt', 'updatedAt'] : [])];
  const clash = request.fields.find((field) => generated.includes(field.name));
  if (clash) {
    const hint = clash.name === 'id' ? 'mark your own key with :pk (e.g. code:text:pk), or drop the field' : 'drop the field, or pass --no-timestamps';
    throw new UserError(`column ${clash.name} is generated by create-db-layer: ${hint}`);
  }
}

function resolveReferences(tree: Tree, request: TableRequest, newFile: string): Map<string, ReferencedTable & { file: string }> {
  const self = camelCase(request.name);
  const references = new Map<string, ReferencedTable & { file: string }>();
  for (const field of request.fields) {
    if (!field.ref || camelCase(field.ref.table) === self || references.has(field.ref.table)) continue;
    const found = findTable(tree, request.manifest, request.database, field.ref.table);
    if (!found) refuseCrossDatabaseReference(tree, request, field);
    if (!found) {
      const shorthand = field.type === 'references' ? ` or name the table: ${field.name.replace(/Id$/, '')}:references:ref=<table>` : '';
      throw new UserError(
        `${field.source} references table ${field.ref.table}, which does not exist in the ${request.database.name} database: create it first (create-db-layer table ${field.ref.table})${shorthand}`,
      );
    }
    const columnBuilder = dialectReferencing(request, found, field.ref.column) ?? referencingBuilder(found, field.ref.column);
    if (!columnBuilder) throw new UserError(`${field.source}: table ${field.ref.table} has no column ${field.ref.column}: write ref=${field.ref.table}.<column>`);
    if (!isKeyColumn(found, field.ref.column)) {
      throw new UserError(
        `${field.source}: ${field.ref.table}.${field.ref.column} is neither a primary key nor unique, so ${DIALECT_SPECS[request.manifest.dialect].label} cannot reference it: reference ${field.ref.table}.id, or make ${field.ref.column} unique first`,
      );
    }
    const ownCall = FIELD_TYPES[field.type] ? builderCall(DIALECT_SPECS[request.manifest.dialect], field) : undefined;
    const ownBuilder = ownCall?.slice(0, ownCall.indexOf('('));
    const targetBuilder = columnBuilder.slice(0, columnBuilder.indexOf('('));
    if (ownBuilder && ownBuilder !== targetBuilder) {
      throw new UserError(
        `${field.source}: ${field.name} is ${field.type} but ${field.ref.table}.${field.ref.column} is ${targetBuilder}: leave the type out (${field.name}:ref=${field.ref.table}.${field.ref.column}) to type it like that column`,
      );
    }
    references.set(field.ref.table, {
      exportName: found.exportName,
      file: found.file,
      columnBuilder,
      module: found.file === newFile ? undefined : moduleSpecifier(request.manifest, posix.dirname(newFile), found.file),
    });
  }
  return references;
}

/**
 * A key the dialect references by another type than PostgreSQL's (MySQL's SERIAL is BIGINT
 * UNSIGNED, so its foreign keys are too); undefined: the shared rule of referencingBuilder.
 */
function dialectReferencing(request: TableRequest, found: Parameters<typeof tableSource>[0], column: string): string | undefined {
  const builder = new RegExp(`\\b${column}\\s*:\\s*(\\w+)\\(`).exec(tableSource(found))?.[1];
  return request.manifest.dialect === 'postgresql' || builder === undefined ? undefined : DIALECT_SPECS[request.manifest.dialect].referencing[builder];
}

/**
 * A reference to a table of another database cannot be a foreign key: the databases are separate
 * connections, often separate servers. Say so, and offer the plain column seed 000 keeps instead.
 */
function refuseCrossDatabaseReference(tree: Tree, request: TableRequest, field: Field): void {
  const ref = field.ref!;
  for (const other of request.manifest.databases.filter((database) => database.name !== request.database.name)) {
    const found = findTable(tree, request.manifest, other, ref.table);
    if (!found) continue;
    const builder = referencingBuilder(found, ref.column);
    const type = builder ? fieldTypeOf(builder) : 'text';
    throw new UserError(
      `${field.source}: ${ref.table} is in the ${other.name} database, and a foreign key cannot cross databases (they are separate connections): store the key as a plain column instead, e.g. ${field.name}:${type}:index, and join in application code`,
    );
  }
}

/** The field type that declares a column like `builder` (e.g. `varchar({ length: 26 })` -> varchar(26)). */
function fieldTypeOf(builder: string): string {
  const name = builder.slice(0, builder.indexOf('('));
  const length = /length:\s*(\d+)/.exec(builder)?.[1];
  if (length && (name === 'varchar' || name === 'char')) return `${name}(${length})`;
  const type = Object.entries(FIELD_TYPES).find(([, spec]) => spec.builder === name && !spec.params)?.[0];
  return type ?? 'text';
}
