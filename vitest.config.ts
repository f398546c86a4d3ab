import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Each file gets its own database, so files can run side by side on the shared server.
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
