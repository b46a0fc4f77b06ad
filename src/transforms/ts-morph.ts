/**
 * ts-morph's runtime values, loaded with one CommonJS `require`, on first use. Every module that
 * needs a value of ts-morph (Node, SyntaxKind, ts…) takes it from here, and takes its types from
 * 'ts-morph' with `import type` (erased at build).
 *
 * Why a require: an ES `import { Node } from 'ts-morph'` makes Node scan the 0.95 MB CommonJS
 * bundle with its export-name lexer before it can link the names (~0.2 s, measured); a `require`
 * returns module.exports as it is.
 *
 * Why on first use: these modules are in the static import graph of every command (init plans the
 * AGENTS.md guides, which read tables through agents/tables.ts), so loading ts-morph when they
 * are imported cost every command, even `--version`, the whole compiler (~0.5 s), and loaded it
 * before `table` could prime it with a code cache (load-ts-morph.ts). The bindings below are ES
 * live bindings, set by loadTsMorph(); transformSource and inspectSource call it before any
 * transform or reader runs, and those only ever get ts-morph nodes from them.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

export let Node: typeof TsMorph.Node;
export type Node<T extends TsMorph.ts.Node = TsMorph.ts.Node> = TsMorph.Node<T>;
export let SyntaxKind: typeof TsMorph.SyntaxKind;
export type SyntaxKind = TsMorph.SyntaxKind;
/** The TypeScript compiler bundled with ts-morph; its types: `import type { ts } from 'ts-morph'`. */
export let ts: typeof TsMorph.ts;

let loaded: typeof TsMorph | undefined;

/** ts-morph itself (from require.cache when load-ts-morph.ts primed it); sets the bindings above. */
export function loadTsMorph(): typeof TsMorph {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
    ({ Node, SyntaxKind, ts } = loaded);
  }
  return loaded;
}
