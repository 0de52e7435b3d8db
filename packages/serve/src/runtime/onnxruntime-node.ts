/**
 * The onnxruntime-node adapter: the only file of @signllm/serve that imports its inference runtime.
 * CPU execution provider, threads set explicitly (default 2 intra-op threads, sequential execution,
 * no spin-waiting), all graph optimisations on.
 */
import { createOrtRuntime, type InferenceRuntime, type OrtModuleLike } from '@signllm/core';
import * as ort from 'onnxruntime-node';

/** Options of `createNodeRuntime`. */
export interface NodeRuntimeOptions {
  /** Threads inside one operator (default 2). */
  threads?: number;
  /**
   * Let idle intra-op threads spin-wait for the next operator (default false). A bundle has several
   * sessions, each with its own thread pool; spinning threads of one steal the cores from the next
   * (measured here: 250 Base frames 1.2× slower and the first frame 1.7× later with spinning on).
   */
  spinning?: boolean;
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
      extra: { session: { intra_op: { allow_spinning: options.spinning === true ? '1' : '0' } } },
    },
  );
}
