import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Child processes started by tests run `bin/altseason.js` from the TypeScript sources, so the
    // tests always test the current code, never a stale dist/.
    env: { ALTSEASON_FROM_SOURCE: '1' },
    // CI (.ci/run) also writes the results as JSON for its one-line summary.
    reporters: process.env.CI === 'true' ? ['default', ['json', { outputFile: '.ci-results.json' }]] : ['default'],
  },
});
