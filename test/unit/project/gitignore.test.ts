import { describe, expect, it } from 'vitest';
import { appendGitignore } from '../../../src/project/gitignore.js';

describe('appendGitignore', () => {
  it('creates the file content when there is no .gitignore', () => {
    expect(appendGitignore(null, ['.pglite/', '.env'])).toBe('# create-db-layer\n.pglite/\n.env\n');
  });

  it('appends under the header after one blank line', () => {
    expect(appendGitignore('node_modules/\ndist/\n', ['.pglite/'])).toBe(
      'node_modules/\ndist/\n\n# create-db-layer\n.pglite/\n',
    );
  });

  it('adds the missing newline first when the file has none', () => {
    expect(appendGitignore('node_modules', ['.pglite/'])).toBe('node_modules\n\n# create-db-layer\n.pglite/\n');
  });

  it('does not add a second blank line when the file already ends with one', () => {
    expect(appendGitignore('node_modules\n\n', ['.env'])).toBe('node_modules\n\n# create-db-layer\n.env\n');
  });

  it('returns null when every entry is present in any spelling', () => {
    const existing = 'node_modules\n/.pglite\n  .env  \n/dist/\n';
    expect(appendGitignore(existing, ['.pglite/', '.env', 'dist', '/node_modules/'])).toBeNull();
  });

  it('appends only the entries that are missing, with the given spelling', () => {
    expect(appendGitignore('.pglite\n', ['.pglite/', '/drizzle-out/', 'drizzle-out'])).toBe(
      '.pglite\n\n# create-db-layer\n/drizzle-out/\n',
    );
  });

  it('does not count a comment or a negation as the entry', () => {
    expect(appendGitignore('# .env\n!.env\n', ['.env'])).toBe('# .env\n!.env\n\n# create-db-layer\n.env\n');
  });

  it('keeps CRLF line endings and never edits existing lines', () => {
    const existing = 'node_modules  \r\n# keep me\r\nfoo';
    const result = appendGitignore(existing, ['.pglite/']);
    expect(result).toBe('node_modules  \r\n# keep me\r\nfoo\r\n\r\n# create-db-layer\r\n.pglite/\r\n');
  });

  it('extends its own block instead of repeating the header', () => {
    const first = appendGitignore('node_modules\n', ['.pglite/']);
    expect(appendGitignore(first, ['.pglite-workflows/'])).toBe(
      'node_modules\n\n# create-db-layer\n.pglite/\n.pglite-workflows/\n',
    );
  });

  it('uses a custom header and treats a blank file as empty', () => {
    expect(appendGitignore('\n', ['x'], '# db')).toBe('# db\nx\n');
  });

  it('is idempotent', () => {
    const once = appendGitignore('node_modules', ['.pglite/', '.env']);
    expect(once).not.toBeNull();
    expect(appendGitignore(once, ['.pglite/', '.env'])).toBeNull();
  });
});
