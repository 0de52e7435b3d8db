/**
 * Builds `<signllm-pose-viewer>` as one standalone ES module for pages without a bundler:
 * `dist/app/element/signllm-pose-viewer.js` (core inlined; three.js in a chunk loaded when the 3D view
 * is first used). `signllm-serve` serves it at `/element/signllm-pose-viewer.js`. Runs after the app
 * build (which empties `dist/app`).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  build: {
    lib: {
      entry: join(here, 'src/viewer/define-element.ts'),
      formats: ['es'],
      fileName: () => 'signllm-pose-viewer.js',
    },
    outDir: join(here, 'dist/app/element'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
});
