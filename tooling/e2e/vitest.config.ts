import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One Chromium and one server per file; files run one after another on 2-core machines.
    fileParallelism: false,
  },
});
