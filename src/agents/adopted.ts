/**
 * What the guide of an adopted repo says that a scaffolded layer's does not: its own configs,
 * helpers and scripts, and the conventions adoption read from its code (not ours).
 */
import { moduleSpecifier } from '../model/layer.js';
import { exemplarText, isOwned, type DatabaseEntry, type Manifest } from '../model/manifest.js';
import { DIALECT_SPECS } from '../model/dialects.js';
import { CASINGS } from '../model/options.js';

export const ADOPTED_GUIDE_TEMPLATE = 'agents/AGENTS.adopted.md';

/** Per database: how to reach it, and the commands that generate and apply its migrations. */
export function adoptedDatabaseFacts(manifest: Manifest, database: DatabaseEntry, run: (script: string) => string) {
  const helpers = database.helpers;
  const module = helpers.module ? moduleSpecifier(manifest, '', helpers.module) : undefined;
  const get = helpers.kind === 'instance' ? `\`${helpers.get}\`` : `\`${helpers.get}()\``;
  const owned = isOwned(database) ? database : undefined;
  const configFlag = owned && !/^drizzle\.config\.\w+$/.test(owned.config) ? ` --config ${owned.config}` : '';
  return {
    config: owned?.config ?? '',
    adoptedEnv: owned?.env?.length ? owned.env.map((name) => `\`${name}\``).join(', ') : 'none read',
    access: module ? `${get}${helpers.close ? ` / \`${helpers.close}()\`` : ''} from \`${helpers.module}\`` : 'no helper found',
    helperUse: module
      ? `\`import { ${helpers.get}${helpers.close ? `, ${helpers.close}` : ''} } from '${module}'\`: ${helpers.kind === 'instance' ? `\`${helpers.get}\` is the Drizzle instance` : `\`${helpers.get}()\` returns the Drizzle instance`}${helpers.close ? `; \`${helpers.close}()\` closes the connection at the end of scripts and tests` : ''}.`
      : 'no exported helper returning a Drizzle instance was found; add one and run `create-db-layer init` again to record it.',
    generateCommand: owned?.generate ? run(owned.generate) : `drizzle-kit generate${configFlag}`,
    migrateScript: owned?.migrateScript,
  };
}

/** The conventions adoption recorded, as the guide states them. */
export function adoptedConventions(manifest: Manifest): string[] {
  const style = manifest.style!;
  const naming = { kebab: 'kebab-case (`blog-posts.ts`)', camel: 'camelCase (`blogPosts.ts`)', snake: 'snake_case (`blog_posts.ts`)' }[style.fileNaming];
  const columns = style.explicitColumnNames
    ? `columns name their database column in ${manifest.casing === 'snake_case' ? 'snake_case' : 'camelCase'} (\`text('${manifest.casing === 'snake_case' ? 'first_name' : 'firstName'}')\`)`
    : `${CASINGS[manifest.casing].summary}`;
  return [
    `Schema files: ${manifest.layout === 'file' ? 'one schema file' : `one file per table, named in ${naming}`}; ${columns}.`,
    ...(style.tableExportSuffix ? [`Table exports end in ${style.tableExportSuffix}: \`export const users${style.tableExportSuffix} = …Table('users', …)\`.`] : []),
    style.idColumn ? `Primary keys: ${codeSpan(exemplarText(style.idColumn))}.` : `Primary keys: ${manifest.idStrategy}.`,
    manifest.timestamps && style.timestampColumns?.length ? `Timestamps: ${style.timestampColumns.map((column) => codeSpan(exemplarText(column))).join(', ')}.` : 'Timestamps: none by default.',
    enumsConvention(manifest),
    style.relations === 'central'
      ? `Relations: every \`relations()\` block in \`${style.relationsFile}\`, exported last from the barrel.`
      : style.relations === 'per-table'
        ? 'Relations: each table file declares its own `relations()`.'
        : 'Relations: none declared (`db.query` joins need `relations()` blocks).',
    `Imports: ${style.importAlias ? `through \`${style.importAlias.prefix}*\`` : manifest.importExtension === '.js' ? "relative, with `.js` endings" : 'relative, without extensions'}; ${style.quotes} quotes, ${style.semicolons ? 'semicolons' : 'no semicolons'}.`,
  ];
}

/** MySQL's enums are ENUM columns listing their values inline (what table writes there), whatever the enum style says. */
function enumsConvention(manifest: Manifest): string {
  const style = manifest.style!;
  const rule = DIALECT_SPECS[manifest.dialect].enumRule;
  if (rule) return `Enums: ${rule}.`;
  return manifest.enumStyle === 'text' ? 'Enums: text columns with an `enum` list.' : style.enumsFile ? `Enums: \`pgEnum\` declarations in \`${style.enumsFile}\`.` : 'Enums: `pgEnum`, declared in the table file that uses them.';
}

/**
 * Markdown inline code of `text`, fenced by more backticks than any run inside it: a column such as
 * `.default(sql\`(unixepoch())\`)` in single backticks ends its span early and garbles the line.
 */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
