/**
 * Every package a generated layer depends on, pinned in one place. The e2e suite installs
 * the same versions as devDependencies of this package (a unit test keeps the two in step),
 * so what the tests prove is what users get.
 */
export const VERSIONS = {
  'drizzle-orm': '0.45.4',
  'drizzle-kit': '0.31.11',
  pg: '8.23.1',
  '@types/pg': '8.23.1',
  postgres: '3.4.9',
  '@electric-sql/pglite': '0.5.16',
  '@libsql/client': '0.18.0',
  // Never a default: it compiles from source on install. 12.x is the last line supporting Node 20.
  'better-sqlite3': '12.11.1',
  '@types/better-sqlite3': '7.6.13',
  mysql2: '3.24.6',
  tsx: '4.23.15',
  plop: '4.0.5',
  typescript: '6.0.3',
  '@types/node': '20.19.43',
  ulid: '3.0.2',
  nanoid: '5.1.12',
  '@paralleldrive/cuid2': '3.3.0',
} as const;

export type PinnedPackage = keyof typeof VERSIONS;
