/**
 * Builds the web app (`src/app`) into `dist/app`, which `signllm-serve` serves at `/`. onnxruntime-web
 * is its WebAssembly-only build; its `.wasm` and glue files are copied to `dist/app/ort/`, where the app
 * points `wasmPaths`.
 * `pnpm dev` serves the app with hot reload and forwards `/v1` and `/openapi.json` to a running
 * `signllm-serve` (`SIGNLLM_API`, default http://127.0.0.1:8080).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ortDist = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
const ORT_FILES = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs'];
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function copyOrtFiles(outDir: string): Plugin {
  return {
    name: 'signllm-copy-ort',
    apply: 'build',
    writeBundle() {
      const target = join(outDir, 'ort');
      mkdirSync(target, { recursive: true });
      for (const file of ORT_FILES) copyFileSync(join(ortDist, file), join(target, file));
    },
  };
}

const outDir = join(here, 'dist/app');
const api = process.env.SIGNLLM_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: join(here, 'src/app'),
  base: './',
  resolve: {
    alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }],
    // The unbundled build: it imports its glue (and starts its thread workers) from `wasmPaths`, so
    // the workers never load the app's own chunk.
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  plugins: [copyOrtFiles(outDir)],
  server: { headers: ISOLATION, proxy: { '/v1': api, '/openapi.json': api } },
  preview: { headers: ISOLATION },
});
