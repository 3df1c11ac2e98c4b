import { defineConfig } from 'vitest/config';

// The test runner's config (the renderer build has its own, vite.config.ts).
export default defineConfig({
  root: '.',
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // Component tests choose happy-dom with a `@vitest-environment` comment; everything else runs in Node.
    environment: 'node',
    setupFiles: ['tests/support/vitest-setup.ts'],
    // Property tests, file-system tests and browser tests do real work; keep the per-test limit generous.
    testTimeout: 30_000,
  },
});
