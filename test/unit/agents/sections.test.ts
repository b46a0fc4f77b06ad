/**
 * Guide sections: regeneration replaces the text inside the markers and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { begin, end, mergeGuide, parseSections, staleSections } from '../../../src/agents/sections.js';

const block = (name: string, body: string) => `${begin(name)}\n${body}\n${end(name)}`;

const RENDERED = `${block('scope', '# Guide\nScope v2')}\n\n${block('tables-main', '- users')}\n`;

describe('guide sections', () => {
  it('parses sections in order, ignoring a begin without its end', () => {
    const text = `${block('a', 'one')}\n${begin('broken')}\nx\n${block('b', 'two')}`;
    expect(parseSections(text).map((section) => [section.name, section.body])).toEqual([
      ['a', '\none\n'],
      ['b', '\ntwo\n'],
    ]);
  });

  it('without an existing guide, the rendered one', () => {
    expect(mergeGuide(null, RENDERED)).toBe(RENDERED);
  });

  it('keeps every character written outside the markers', () => {
    const human = `Intro by a human.\n\n\n${block('scope', '# Guide\nScope v1')}\n\nMy note  with  spaces\n\n\n\n${block('tables-main', '- old')}\n\n## Team notes\n- keep me\n`;
    const merged = mergeGuide(human, RENDERED);
    expect(merged).toBe(`Intro by a human.\n\n\n${block('scope', '# Guide\nScope v2')}\n\nMy note  with  spaces\n\n\n\n${block('tables-main', '- users')}\n\n## Team notes\n- keep me\n`);
    expect(mergeGuide(merged, RENDERED)).toBe(merged);
  });

  it('adds a section the guide lacks after its last section, and drops one no longer rendered', () => {
    const existing = `${block('scope', 'old')}\n\n${block('gone', 'x')}\n\nNotes.\n`;
    const merged = mergeGuide(existing, RENDERED);
    expect(parseSections(merged).map((section) => section.name)).toEqual(['scope', 'tables-main']);
    expect(merged).toContain('Notes.\n');
    expect(merged).not.toContain('gone');
  });

  it('names the stale sections, missing ones included, and none once merged', () => {
    const existing = `${block('scope', '# Guide\nScope v2')}\n`;
    expect(staleSections(existing, RENDERED)).toEqual(['tables-main']);
    expect(staleSections(null, RENDERED)).toEqual(['scope', 'tables-main']);
    expect(staleSections(mergeGuide(existing, RENDERED), RENDERED)).toEqual([]);
  });
});
