import { defineConfig } from 'vitest/config';

/** API tests: run against a server that scripts/test-all.sh started (BASE_URL). */
export default defineConfig({
  test: {
    include: ['tests/api/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
