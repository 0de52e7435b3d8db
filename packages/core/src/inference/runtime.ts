/**
 * The tensor runtime the decoding loop runs on, as an interface: ONNX Runtime for Node and for the web
 * implement it in one adapter file each (`@signllm/serve`, `@signllm/web`), tests implement it in plain
 * JS. No runtime types leak into core: tensors are typed arrays with dims.
 */

/** Element types the bundle graphs use. */
export type RuntimeTensorType = 'float32' | 'int64';

/** A dense row-major tensor. `int64` data is a `BigInt64Array`, `float32` data a `Float32Array`. */
export type RuntimeTensor =
  | { readonly type: 'float32'; readonly data: Float32Array; readonly dims: readonly number[] }
  | { readonly type: 'int64'; readonly data: BigInt64Array; readonly dims: readonly number[] };

/** One loaded model (an ONNX graph). */
export interface InferenceSession {
  /** Names of the graph inputs. */
  readonly inputNames: readonly string[];
  /** Names of the graph outputs. */
  readonly outputNames: readonly string[];
  /**
   * Runs the graph on `feeds` (one tensor per input name) and returns every output by name. Rejects
   * with a `SignLLMError` (`inference_failed`) when the runtime fails.
   */
  run(feeds: Readonly<Record<string, RuntimeTensor>>): Promise<Record<string, RuntimeTensor>>;
  /** Frees the session's native memory; the session is unusable afterwards. */
  release(): Promise<void>;
}

/** Creates sessions from model bytes. */
export interface InferenceRuntime {
  /** What runs the models, for logs and reports, e.g. `onnxruntime-node 1.30.0 (cpu, 2 threads)`. */
  readonly name: string;
  /**
   * Loads a model. Rejects with a `SignLLMError` (`model_invalid`) when the bytes are not a model the
   * runtime can run; `label` (e.g. the bundle path of the file) goes into the message.
   */
  createSession(model: Uint8Array, label: string): Promise<InferenceSession>;
}

/**
 * A `float32` tensor.
 *
 * @example
 * ```ts
 * const mask = float32Tensor(new Float32Array([1, 1, 1]), [1, 3]);
 * ```
 */
export function float32Tensor(data: Float32Array, dims: readonly number[]): RuntimeTensor {
  return { type: 'float32', data, dims };
}

/**
 * An `int64` tensor from integer ids.
 *
 * @example
 * ```ts
 * const ids = int64Tensor([57, 12, 3], [1, 3]);
 * ```
 */
export function int64Tensor(ids: ArrayLike<number>, dims: readonly number[]): RuntimeTensor {
  const data = new BigInt64Array(ids.length);
  for (let i = 0; i < ids.length; i++) data[i] = BigInt(ids[i] ?? 0);
  return { type: 'int64', data, dims };
}
