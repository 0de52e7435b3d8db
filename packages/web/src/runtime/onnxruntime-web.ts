/**
 * The onnxruntime-web adapter: the only file of @signllm/web that imports its inference runtime.
 * WebAssembly execution provider with the thread count set explicitly: 2 by default where threads can
 * run (Node, or a cross-origin-isolated page), else 1. Works in browsers and in Node.
 */
import { createOrtRuntime, type InferenceRuntime, type OrtModuleLike } from '@signllm/core';
import * as ort from 'onnxruntime-web';

/** Options of `createWebRuntime`. */
export interface WebRuntimeOptions {
  /** WebAssembly threads (default 2 where SharedArrayBuffer is usable, else 1). */
  threads?: number;
  /** Where the `ort-wasm-*.wasm` / `.mjs` files are served from (browser builds that move them). */
  wasmPaths?: string;
}

function canUseThreads(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean; process?: { versions?: { node?: string } } };
  return g.process?.versions?.node !== undefined || g.crossOriginIsolated === true;
}

/**
 * An `InferenceRuntime` on onnxruntime-web's WebAssembly provider. The thread count and wasm paths are
 * global to onnxruntime-web: they take effect before its first session is created.
 *
 * @example
 * ```ts
 * const bundle = await loadBundle(httpBundleSource('/model'), createWebRuntime({ threads: 2 }));
 * ```
 */
export function createWebRuntime(options: WebRuntimeOptions = {}): InferenceRuntime {
  const threads = options.threads ?? (canUseThreads() ? 2 : 1);
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new RangeError(`threads must be an integer in [1, 1024], got ${threads}`);
  }
  ort.env.wasm.numThreads = threads;
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  return createOrtRuntime(
    ort as unknown as OrtModuleLike,
    `onnxruntime-web ${ort.env.versions.common} (wasm, ${threads} thread${threads === 1 ? '' : 's'})`,
    { executionProviders: ['wasm'], graphOptimizationLevel: 'all' },
  );
}
