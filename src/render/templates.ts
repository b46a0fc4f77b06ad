/**
 * The handlebars environment: every template and partial under templates/, compiled once, with
 * the few helpers templates need. Templates are per concept; client-specific parts are partials.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { requireWithCodeCache } from '../code-cache.js';
import { pascalCase } from '../model/naming.js';
import { TEMPLATES_DIR } from '../package-info.js';

type Render = (context: object) => string;

let environment: { templates: Map<string, Render> } | undefined;

function load(): { templates: Map<string, Render> } {
  // Required on first render, not imported: every command imports this module (init's plan does),
  // few render, and an ES import of a CommonJS package also has Node scan its source for exports.
  // Its one-file build, through the code cache: the package entry requires ~30 files, ~3x slower
  // to load (measured); the same compiler and runtime, as every template snapshot shows.
  const Handlebars = requireWithCodeCache(createRequire(import.meta.url).resolve('handlebars/dist/handlebars.js')) as typeof import('handlebars');
  const handlebars = Handlebars.create();
  handlebars.registerHelper('pascal', (name: string) => pascalCase(name));
  handlebars.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).join(''));
  handlebars.registerHelper('join', (items: string[]) => items.join(', '));
  handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);
  const templates = new Map<string, Render>();
  for (const file of listFiles(TEMPLATES_DIR)) {
    const name = relative(TEMPLATES_DIR, file).replaceAll('\\', '/').replace(/\.hbs$/, '');
    const source = readFileSync(file, 'utf8');
    if (name.startsWith('partials/')) {
      handlebars.registerPartial(name.slice('partials/'.length), source);
    } else {
      templates.set(name, handlebars.compile(source, { noEscape: true, strict: true }));
    }
  }
  return { templates };
}

/** Renders templates/<name>.hbs; `strict` makes a missing context field an error, not an empty string. */
export function renderTemplate(name: string, context: object): string {
  environment ??= load();
  const template = environment.templates.get(name);
  if (!template) throw new Error(`no template ${name}.hbs in ${TEMPLATES_DIR}`);
  return template(context);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.name.endsWith('.hbs') ? [join(dir, entry.name)] : [],
  );
}
