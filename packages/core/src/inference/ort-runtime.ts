/**
 * An `InferenceRuntime` over any ONNX Runtime JavaScript binding (onnxruntime-node, onnxruntime-web,
 * onnxruntime-react-native share one API). The binding is passed in, so core never imports one: each
 * serving package has one small adapter file that imports its runtime and calls `createOrtRuntime`.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { InferenceRuntime, InferenceSession, RuntimeTensor } from './runtime.ts';

/** The part of an ONNX Runtime tensor the adapter uses. */
export interface OrtTensorLike {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
  dispose?(): void;
}

/** The part of an ONNX Runtime session the adapter uses. */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

/** The part of an ONNX Runtime module the adapter uses. */
export interface OrtModuleLike {
  Tensor: new (
    type: 'float32' | 'int64',
    data: Float32Array | BigInt64Array,
    dims: readonly number[],
  ) => OrtTensorLike;
  InferenceSession: {
    create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSessionLike>;
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toRuntimeTensor(name: string, t: OrtTensorLike): RuntimeTensor {
  if (t.type === 'float32' && t.data instanceof Float32Array)
    return { type: 'float32', data: t.data, dims: t.dims };
  if (t.type === 'int64' && t.data instanceof BigInt64Array)
    return { type: 'int64', data: t.data, dims: t.dims };
  throw new SignLLMError(
    ERROR_CODES.inferenceFailed,
    `Output "${name}" has element type "${t.type}"; the bundle graphs produce only float32 and int64`,
  );
}

class OrtSession implements InferenceSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  private readonly ort: OrtModuleLike;
  private readonly session: OrtSessionLike;
  private readonly label: string;

  constructor(ort: OrtModuleLike, session: OrtSessionLike, label: string) {
    this.ort = ort;
    this.session = session;
    this.label = label;
    this.inputNames = [...session.inputNames];
    this.outputNames = [...session.outputNames];
  }

  async run(feeds: Readonly<Record<string, RuntimeTensor>>): Promise<Record<string, RuntimeTensor>> {
    const ortFeeds: Record<string, OrtTensorLike> = {};
    let outputs: Record<string, OrtTensorLike>;
    try {
      for (const [name, t] of Object.entries(feeds))
        ortFeeds[name] = new this.ort.Tensor(t.type, t.data, t.dims);
      outputs = await this.session.run(ortFeeds);
    } catch (error) {
      throw new SignLLMError(ERROR_CODES.inferenceFailed, `Running ${this.label} failed: ${message(error)}`, {
        cause: error,
      });
    }
    const out: Record<string, RuntimeTensor> = {};
    for (const [name, t] of Object.entries(outputs)) out[name] = toRuntimeTensor(name, t);
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/**
 * Wraps an ONNX Runtime module as an `InferenceRuntime`.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * const runtime = createOrtRuntime(ort as unknown as OrtModuleLike, 'onnxruntime-node (cpu, 2 threads)', { intraOpNumThreads: 2 });
 * ```
 */
export function createOrtRuntime(
  ort: OrtModuleLike,
  name: string,
  sessionOptions: Record<string, unknown>,
): InferenceRuntime {
  return {
    name,
    async createSession(model: Uint8Array, label: string): Promise<InferenceSession> {
      try {
        return new OrtSession(ort, await ort.InferenceSession.create(model, sessionOptions), label);
      } catch (error) {
        throw new SignLLMError(
          ERROR_CODES.modelInvalid,
          `${label} is not a model ${name} can load: ${message(error)}`,
          { cause: error, details: { file: label } },
        );
      }
    },
  };
}
