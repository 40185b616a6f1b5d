import { defineConfig } from 'vitest/config';

// Browser journeys share 2 cores with Chromium: run files one after another.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
