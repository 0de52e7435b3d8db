/**
 * Loads the pose models that ship inside `@vladmandic/human` (movenet-lightning for the body,
 * handtrack + handlandmark-lite for the hands) on the tfjs wasm backend, offline, once per process.
 * This is the one file of the video folder that touches tfjs / human; the rest gets `PoseModels`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { withFileFetch } from './file-fetch.ts';

/** The subset of a tfjs tensor the video code uses. */
export interface TensorLike {
  readonly shape: number[];
  data(): Promise<Float32Array | Int32Array | Uint8Array>;
  dispose(): void;
}

/** The subset of the tfjs namespace the video code uses (the one human bundles). */
export interface TfLike {
  tensor(values: Int32Array, shape: number[], dtype: 'int32'): TensorLike;
  tidy<T>(fn: () => T): T;
  pad(x: TensorLike, paddings: [number, number][]): TensorLike;
  cast(x: TensorLike, dtype: 'int32' | 'float32'): TensorLike;
  image: { resizeBilinear(x: TensorLike, size: [number, number]): TensorLike };
  getBackend(): string;
  memory(): { numTensors: number };
}

/** A loaded tfjs graph model. */
export interface GraphModelLike {
  execute(input: TensorLike): TensorLike | TensorLike[];
}

/** One hand as human returns it (pixel coordinates of the input tensor). */
export interface HumanHand {
  score: number;
  boxScore: number;
  fingerScore: number;
  keypoints: ReadonlyArray<readonly number[]>;
}

/** The part of a `Human` instance the video code uses. */
export interface HumanLike {
  tf: TfLike;
  load(): Promise<void>;
  detect(input: TensorLike): Promise<{ hand?: HumanHand[]; error?: string | null }>;
  models: {
    models: {
      movenet?: GraphModelLike | null;
      handtrack?: GraphModelLike | null;
      handskeleton?: GraphModelLike | null;
    };
  };
  config: { body: { enabled: boolean } };
}

/** Facts about the loaded backend, for reports. */
export interface BackendInfo {
  /** tfjs backend name (`wasm`). */
  backend: string;
  /** Threads the wasm backend actually uses (`getThreadsCount()` after init). */
  threads: number;
  /** Threads requested with `setThreadsCount`. */
  threadsRequested: number;
  /** tfjs flag `WASM_HAS_MULTITHREAD_SUPPORT` in this runtime. */
  multithread: boolean;
  /** tfjs flag `WASM_HAS_SIMD_SUPPORT`. */
  simd: boolean;
  /** Time to load the models, ms. */
  loadMs: number;
}

/** Loaded models: human (hands), the movenet graph model (body) and backend facts. */
export interface PoseModels {
  human: HumanLike;
  tf: TfLike;
  movenet: GraphModelLike;
  info: BackendInfo;
  /** Serialises work on the shared models (human keeps per-module state between calls). */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

interface WasmModule {
  setThreadsCount(n: number): void;
  getThreadsCount(): number;
}

let cached: Promise<PoseModels> | undefined;

/** Folders of the human package, its models and the tfjs wasm binaries, found from this file. */
export function locatePoseModelFiles(): { humanDir: string; modelsDir: string; wasmDir: string } {
  const require = createRequire(import.meta.url);
  // human's exports map exposes neither `./package.json` nor `./dist/human.node-wasm.js`; its main
  // entry is `dist/human.node.js`, so the package folder is two levels up from it.
  const humanDir = path.dirname(path.dirname(require.resolve('@vladmandic/human')));
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return { humanDir, modelsDir: path.join(humanDir, 'models'), wasmDir };
}

async function load(threads: number): Promise<PoseModels> {
  const started = performance.now();
  const { humanDir, modelsDir, wasmDir } = locatePoseModelFiles();
  const require = createRequire(import.meta.url);
  // Same module instance as the one human's bundle requires (CommonJS cache, same real path).
  const wasm = require('@tensorflow/tfjs-backend-wasm') as WasmModule;
  wasm.setThreadsCount(threads);
  const { Human } = require(path.join(humanDir, 'dist', 'human.node-wasm.js')) as {
    Human: new (config: object) => HumanLike;
  };
  const human = new Human({
    backend: 'wasm',
    wasmPath: `${wasmDir}${path.sep}`,
    modelBasePath: `${pathToFileURL(modelsDir).href}/`,
    debug: false,
    warmup: 'none',
    cacheSensitivity: 0, // every frame is detected afresh: no frame skipping, deterministic
    filter: { enabled: false },
    face: { enabled: false },
    gesture: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    body: { enabled: true, modelPath: 'movenet-lightning.json', maxDetected: 1 },
    hand: {
      enabled: true,
      maxDetected: 2,
      minConfidence: 0.3,
      iouThreshold: 0.2,
      landmarks: true,
      detector: { modelPath: 'handtrack.json' },
      skeleton: { modelPath: 'handlandmark-lite.json' },
    },
  });
  await withFileFetch({ root: modelsDir }, () => human.load());
  const movenet = human.models.models.movenet;
  if (!movenet || !human.models.models.handtrack || !human.models.models.handskeleton) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `Could not load movenet-lightning, handtrack and handlandmark-lite from ${modelsDir}`,
    );
  }
  // The body runs through `movenet` directly (raw keypoints, no left/right swapping or jitter
  // smoothing); `human.detect` is used for the hands only.
  human.config.body.enabled = false;
  const tf = human.tf as TfLike & { env(): { getAsync(flag: string): Promise<unknown> } };
  const info: BackendInfo = {
    backend: tf.getBackend(),
    threads: wasm.getThreadsCount(),
    threadsRequested: threads,
    multithread: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true,
    simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true,
    loadMs: performance.now() - started,
  };
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  return { human, tf, movenet, info, run };
}

/**
 * Loads (once per process) movenet-lightning and handtrack + handlandmark-lite from
 * `@vladmandic/human`'s models folder on the tfjs wasm backend, asking for `threads` wasm threads
 * (default 2; Node builds of tfjs-backend-wasm 4.22 are single-threaded, see `info.threads`).
 * Model files are read through `withFileFetch`: no network is used.
 *
 * @example
 * ```ts
 * const models = await loadPoseModels();
 * models.info; // { backend: 'wasm', threads: 1, threadsRequested: 2, multithread: false, simd: true, ... }
 * ```
 */
export function loadPoseModels(options: { threads?: number } = {}): Promise<PoseModels> {
  const threads = options.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `threads must be an integer 1..64, got ${threads}`);
  }
  cached ??= load(threads).catch((error: unknown) => {
    cached = undefined;
    if (SignLLMError.isInstance(error)) throw error;
    throw new SignLLMError(ERROR_CODES.badFormat, `Could not load the pose models: ${String(error)}`, {
      cause: error,
    });
  });
  return cached;
}
