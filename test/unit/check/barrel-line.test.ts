/**
 * The export line check's barrel finding tells the user to add: in the repo's own quotes and
 * semicolons, so it can be pasted next to its neighbours as is.
 */
import { describe, expect, it } from 'vitest';
import { barrelExportLine } from '../../../src/check/schema-files.js';

describe('barrelExportLine', () => {
  it("is the scaffold's single quotes and semicolon without a recorded style", () => {
    expect(barrelExportLine('./tags')).toBe("export * from './tags';");
  });

  it("follows an adopted repo's quotes and semicolons", () => {
    expect(barrelExportLine('./tags', { quotes: 'double', semicolons: true })).toBe('export * from "./tags";');
    expect(barrelExportLine('./tags.js', { quotes: 'single', semicolons: false })).toBe("export * from './tags.js'");
  });
});
