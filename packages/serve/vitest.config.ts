import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    passWithNoTests: true,
    testTimeout: 60_000,
    // pose-format (the reference .pose reader) ships ES modules without "type": "module" or file
    // extensions, which Node cannot load; vite transforms it instead.
    server: { deps: { inline: ['pose-format'] } },
  },
});
