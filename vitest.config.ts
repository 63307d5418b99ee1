import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Test files share one database and one Redis; running them one at a time keeps
    // timing-sensitive tests (batched group replies) honest on a 2-core machine.
    fileParallelism: false,
    testTimeout: 30_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.test-results.json' }]],
    hookTimeout: 60_000,
  },
});
