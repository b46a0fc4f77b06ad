import { defineConfig } from 'vitest/config';

// Two cores: e2e files spawn drizzle-kit, tsc and databases, so two workers is the ceiling.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
