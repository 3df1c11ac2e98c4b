import { defineConfig } from 'vitest/config';

// One config for the renderer build (added with the app UI) and the test runner.
export default defineConfig({
  root: '.',
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Property tests and file-system tests do real work; keep the default per-test limit generous.
    testTimeout: 30_000,
  },
});
