/**
 * The onnxruntime-node adapter: the only file of @signllm/serve that imports its inference runtime.
 * CPU execution provider, threads set explicitly (default 2 intra-op threads, sequential execution),
 * all graph optimisations on.
 */
import { createOrtRuntime, type InferenceRuntime, type OrtModuleLike } from '@signllm/core';
import * as ort from 'onnxruntime-node';

/** Options of `createNodeRuntime`. */
export interface NodeRuntimeOptions {
  /** Threads inside one operator (default 2). */
  threads?: number;
}

/**
 * An `InferenceRuntime` on onnxruntime-node's CPU provider.
 *
 * @example
 * ```ts
 * const bundle = await loadBundle(directoryBundleSource('model/'), createNodeRuntime({ threads: 2 }));
 * ```
 */
export function createNodeRuntime(options: NodeRuntimeOptions = {}): InferenceRuntime {
  const threads = options.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new RangeError(`threads must be an integer in [1, 1024], got ${threads}`);
  }
  return createOrtRuntime(
    ort as unknown as OrtModuleLike,
    `onnxruntime-node ${ort.env.versions.common} (cpu, ${threads} thread${threads === 1 ? '' : 's'})`,
    {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    },
  );
}
