/**
 * What adoption detected, as a table a person can check at a glance (`--dry-run` prints it, and
 * init prints it before writing the manifest), then each open question with its flag.
 */
import { DIALECT_SPECS } from '../model/dialects.js';
import { exemplarText, type Style } from '../model/manifest.js';
import type { Detection } from './detect.js';

export function detectionReport(detection: Detection): string {
  const { manifest, conventions } = detection;
  const rows: [string, string][] = [['dialect', `${manifest.dialect} (driver ${manifest.driver})`]];
  for (const { entry, helpers } of detection.databases) {
    const label = (what: string) => `${entry.name}: ${what}`;
    rows.push(
      [label('config'), `${entry.config}${entry.generate ? ` (generate: npm run ${entry.generate})` : ''}`],
      [label('schema'), `${entry.schemaSource!.kind} ${entry.schema}${entry.schemaSource!.build ? ` (build output ${entry.schemaSource!.build.output}, built by the ${entry.schemaSource!.build.script} script)` : ''}`],
      [label('migrations'), `${entry.out}/ -> ${manifest.dialect === 'postgresql' ? `${entry.migrationsSchema}.` : ''}${entry.migrationsTable}${entry.migrateScript ? ` (applied by ${entry.migrateScript})` : ''}`],
      [label('helpers'), helpers ? `${helpers.kind === 'function' ? `${helpers.get}()` : helpers.get}${helpers.close ? ` / ${helpers.close}()` : ''} in ${helpers.module}` : 'none found'],
      [label('env'), entry.env?.join(', ') || 'none read'],
    );
  }
  if (manifest.dual) {
    const side = manifest.dual;
    rows.push(
      ['second dialect', `${side.dialect} (driver ${side.driver}), written with the same tables`],
      [`${side.dialect}: config`, side.config],
      [`${side.dialect}: schema`, `${side.schemaSource?.kind ?? 'barrel'} ${side.schema}`],
      [`${side.dialect}: migrations`, `${side.out}/ -> ${side.migrationsSchema}.${side.migrationsTable}`],
    );
  }
  const style = manifest.style!;
  rows.push(
    ['casing', `${manifest.casing}${style.explicitColumnNames ? ' (columns name their database column)' : ''}`],
    ['ids', `${manifest.idStrategy}${style.idColumn ? `: ${exemplarText(style.idColumn)}` : ''}`],
    ['timestamps', manifest.timestamps ? (style.timestampColumns ?? []).map(exemplarText).join('; ') : 'none'],
    ['enums', enumsLabel(manifest, style)],
    ['relations', style.relations === 'central' ? `central ${style.relationsFile}` : style.relations === 'per-table' ? 'in each table file' : 'none'],
    ['files', `${conventions.tablePerFile ? 'one table per file' : 'several tables per file'}, ${style.fileNaming} names${style.tableExportSuffix ? `, tables exported as <name>${style.tableExportSuffix}` : ''}`],
    ['imports', importsLabel(manifest.importExtension, style)],
    ['code style', `${style.quotes} quotes, ${style.semicolons ? 'semicolons' : 'no semicolons'}, ${style.indent === 'tab' ? 'tabs' : `${style.indent} spaces`}, ${style.moduleSystem === 'esm' ? 'ES modules' : 'CommonJS'}`],
  );
  const width = Math.max(...rows.map(([label]) => label.length));
  const table = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
  const open = conventions.ambiguous.map((question) => `  ? ${question}`).join('\n');
  return `Detected an existing Drizzle layer:\n${table}${open ? `\nNot settled by the code:\n${open}` : ''}`;
}

/** MySQL's enums are ENUM columns listing their values (what table writes there), whatever the enum style says. */
function enumsLabel(manifest: Detection['manifest'], style: Style): string {
  const inline = DIALECT_SPECS[manifest.dialect].inlineEnum;
  if (inline) return `${inline} columns listing their values`;
  return manifest.enumStyle === 'text' ? 'text columns' : style.enumsFile ? `pgEnum in ${style.enumsFile}` : 'pgEnum in the table file';
}

function importsLabel(extension: string, style: Style): string {
  const relative = extension === '.js' ? "relative, with '.js' endings" : 'relative, without extensions';
  return style.importAlias ? `through ${style.importAlias.prefix}* (${style.importAlias.target}*)` : relative;
}
