/**
 * Messages between the server's main thread and its inference workers (`worker-pool.ts`,
 * `inference-worker.ts`). Frames travel in batches, as transferred `Float32Array`s.
 */
import type { BundleManifest, GenerationSummary, InputKind } from '@signllm/core';

/** What a worker is started with (`workerData`). */
export interface WorkerStart {
  /** Folder of the bundle. */
  bundle: string;
  /** Intra-op threads of its onnxruntime-node sessions. */
  threads: number;
}

/** A generation request, as `SignBundle.generate` takes it (without the signal). */
export interface WorkerGenerateRequest {
  input: string;
  inputType: InputKind;
  language: string;
  maxFrames?: number;
  stopCounter?: number;
}

/** Main thread → worker. */
export type ToWorker =
  | {
      type: 'generate';
      id: number;
      request: WorkerGenerateRequest;
      /** Frames after the first are sent in batches gathered for this long (Infinity: at the end). */
      batchMs: number;
    }
  | { type: 'abort'; id: number }
  /**
   * Stop: abort every generation (without answering for them), release the sessions, exit. Terminating
   * a worker while onnxruntime-node runs a graph in it aborts the whole process, so the pool never
   * terminates a busy worker: it asks it to close.
   */
  | { type: 'close' };

/** An error as it crosses threads. */
export interface WireError {
  /** A `SignLLMError` (then `code` is its code). */
  signllm: boolean;
  code?: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Worker → main thread. */
export type FromWorker =
  | {
      type: 'ready';
      manifest: BundleManifest;
      languages: string[];
      accepts: Record<string, InputKind[]>;
    }
  | { type: 'load-failed'; error: WireError }
  | {
      type: 'frames';
      id: number;
      /** `count × frameWidth` joint values. */
      values: Float32Array;
      counters: Float64Array;
    }
  | { type: 'done'; id: number; summary: GenerationSummary }
  | { type: 'failed'; id: number; error: WireError };
