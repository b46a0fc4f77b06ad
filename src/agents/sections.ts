/**
 * Generated sections of a guide: the text between `<!-- create-db-layer:begin <name> -->` and
 * `<!-- create-db-layer:end <name> -->`. Regeneration replaces what is inside the markers and keeps
 * every character outside them, so what people write around the generated text survives.
 */

const MARKER = /<!-- create-db-layer:(begin|end) ([\w:-]+) -->/g;

export interface Section {
  name: string;
  /** Text between the begin marker's line end and the end marker. */
  body: string;
}

export function begin(name: string): string {
  return `<!-- create-db-layer:begin ${name} -->`;
}

export function end(name: string): string {
  return `<!-- create-db-layer:end ${name} -->`;
}

/** The generated sections of a guide, in order; a begin without its end is not a section. */
export function parseSections(text: string): Section[] {
  const sections: Section[] = [];
  let open: { name: string; start: number } | undefined;
  for (const match of text.matchAll(MARKER)) {
    const [marker, kind, name] = match;
    if (kind === 'begin') open = { name: name!, start: match.index + marker.length };
    else if (open !== undefined && open.name === name) {
      sections.push({ name: name!, body: text.slice(open.start, match.index) });
      open = undefined;
    }
  }
  return sections;
}

/**
 * `existing` with each generated section replaced by `rendered`'s. Sections the existing guide
 * lacks are added after its last generated section (or at the end); sections no longer rendered
 * are removed with their markers. No existing guide: the rendered one.
 */
export function mergeGuide(existing: string | null, rendered: string): string {
  if (existing === null) return rendered;
  const wanted = new Map(parseSections(rendered).map((section) => [section.name, section.body]));
  const present = new Set<string>();
  // A removed section takes the blank line after it along; nothing else outside markers changes.
  let merged = existing.replace(blockPatternWithGap(), (block, name: string) => {
    present.add(name);
    const body = wanted.get(name);
    return body === undefined ? '' : `${begin(name)}${body}${end(name)}${block.endsWith('\n\n') ? '\n\n' : ''}`;
  });
  const missing = [...wanted].filter(([name]) => !present.has(name)).map(([name, body]) => `${begin(name)}${body}${end(name)}`);
  if (missing.length > 0) {
    const lastEnd = [...merged.matchAll(MARKER)].filter((match) => match[1] === 'end').at(-1);
    const at = lastEnd ? lastEnd.index + lastEnd[0].length : merged.length;
    merged = `${merged.slice(0, at)}\n\n${missing.join('\n\n')}${merged.slice(at)}`;
  }
  return merged;
}

/** Names of the sections whose text differs from the rendering (missing ones included), in rendered order. */
export function staleSections(existing: string | null, rendered: string): string[] {
  const current = new Map(parseSections(existing ?? '').map((section) => [section.name, section.body]));
  return parseSections(rendered)
    .filter((section) => current.get(section.name) !== section.body)
    .map((section) => section.name);
}

function blockPatternWithGap(): RegExp {
  return /<!-- create-db-layer:begin ([\w:-]+) -->[\s\S]*?<!-- create-db-layer:end \1 -->(?:\n\n)?/g;
}
