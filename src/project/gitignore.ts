/**
 * `foo`, `foo/`, `/foo` and `/foo/` are treated as one entry: for the folders
 * we ignore (PGlite data, build output) any of them already does the job, and
 * adding a second spelling would only clutter the user's file.
 */
function normalize(line: string): string {
  return line.trim().replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * Appends the `entries` missing from a .gitignore under a `header` comment.
 * Returns null when nothing is missing, so callers can skip the write (and the
 * dry-run diff) entirely. Existing lines are never edited or reordered.
 */
export function appendGitignore(
  existing: string | null,
  entries: string[],
  header = '# create-db-layer',
): string | null {
  const text = existing ?? '';
  const present = new Set(text.split(/\r?\n/).map(normalize));
  const missing: string[] = [];
  for (const entry of entries) {
    const key = normalize(entry);
    if (key === '' || present.has(key)) continue;
    present.add(key); // also de-duplicates `entries` itself
    missing.push(entry.trim());
  }
  if (missing.length === 0) return null;

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (text.trim() === '') return [header, ...missing].join(eol) + eol;

  let result = text.endsWith('\n') ? text : text + eol;
  const lines = result.split(/\r?\n/).slice(0, -1);
  // First line of the last block (the lines after the last blank line).
  let blockStart = lines.length;
  while (blockStart > 0 && lines[blockStart - 1]?.trim() !== '') blockStart--;
  // When our block is already the last one (a later command adding another
  // entry), extend it instead of writing a second identical header.
  if (blockStart < lines.length && lines[blockStart]?.trim() === header.trim()) {
    return result + missing.join(eol) + eol;
  }
  if (lines[lines.length - 1]?.trim() !== '') result += eol; // one blank line before our block
  return result + [header, ...missing].join(eol) + eol;
}
