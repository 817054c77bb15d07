import { defineConfig } from 'vitest/config';

/**
 * The unit tests the mutation run (`npm run mutation`) uses: pure policy and step code, a few
 * seconds in all, so each mutant is tested in well under a second.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/app/**', 'test/unit/webhooks/**'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
  },
});
