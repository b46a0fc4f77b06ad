/**
 * What `create-db-layer check` reports: one line per problem, naming the file and the fix.
 */
export interface Finding {
  /** Which check found it (barrel, config, journal, pending). */
  check: string;
  file: string;
  message: string;
}

export function formatFinding(finding: Finding): string {
  return `✗ [${finding.check}] ${finding.file}: ${finding.message}`;
}
