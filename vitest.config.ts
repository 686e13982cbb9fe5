import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CLI tests run the built bin/plan; `npm test` builds it first.
    pool: 'forks',
    // Tests that compile in-process leave the user's parse cache alone; the CLI helper gives child
    // processes a cache folder of their own, and the cache's own tests switch it on where they need it.
    env: { PLAN_CACHE: '0' },
  },
});
