/**
 * `WorkerPool`: runs a bundle in `worker_threads`, each with its own onnxruntime-node sessions, so that
 * translations run in parallel (onnxruntime-node runs every graph call synchronously on its thread)
 * and the main thread stays free for HTTP. It generates like a `SignBundle`: frames stream back in
 * batches; aborting a generation stops it in its worker; a worker that dies fails its generations
 * (`inference_failed`) and is replaced.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type BundleManifest,
  ERROR_CODES,
  type ErrorCode,
  type GeneratedFrame,
  type GenerateRequest,
  type GenerationSummary,
  type InputKind,
  resolveBundleLanguage,
  SignLLMError,
} from '@signllm/core';
import type { FromWorker, ToWorker, WireError, WorkerStart } from './protocol.ts';

/** The worker script: next to this module in `dist/`, or the built one when running from `src/`. */
function workerScript(): URL {
  const beside = new URL('./inference-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../dist/worker-pool/inference-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new SignLLMError(
    ERROR_CODES.fileMissing,
    'the inference worker script is not built: run `pnpm --filter @signllm/serve build` first',
  );
}

function fromWire(error: WireError): Error {
  return error.signllm && error.code !== undefined
    ? new SignLLMError(
        error.code as ErrorCode,
        error.message,
        error.details ? { details: error.details } : {},
      )
    : new SignLLMError(ERROR_CODES.inferenceFailed, error.message);
}

/** One generation's events, as they arrive from its worker. */
class Job {
  readonly frames: GeneratedFrame[] = [];
  next = 0;
  summary: GenerationSummary | undefined;
  error: Error | undefined;
  /** The worker has reported its end (done, failed, or died). */
  ended = false;
  #wake: (() => void) | undefined;

  push(values: Float32Array, counters: Float64Array, width: number): void {
    for (let i = 0; i < counters.length; i++) {
      this.frames.push({
        index: this.frames.length,
        values: values.subarray(i * width, (i + 1) * width),
        counter: counters[i]!,
      });
    }
    this.wake();
  }

  end(summary: GenerationSummary | undefined, error: Error | undefined): void {
    this.ended = true;
    this.summary = summary;
    this.error ??= error;
    this.wake();
  }

  wake(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  wait(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
  ready: boolean;
}

/** Options of `WorkerPool.start`. */
export interface WorkerPoolOptions {
  /** Folder of the bundle. */
  bundle: string;
  /** Number of workers (≥ 1). */
  workers: number;
  /** Intra-op threads per worker. */
  threads: number;
  /** Told when a worker dies and when its replacement is ready or fails. */
  onEvent?: (event: {
    type: 'worker-died' | 'worker-replaced' | 'replacement-failed';
    message: string;
  }) => void;
}

/**
 * A bundle run by worker threads.
 *
 * @example
 * ```ts
 * const pool = await WorkerPool.start({ bundle: 'bundles/tiny-mlsf', workers: 2, threads: 1 });
 * for await (const frame of pool.generate({ input: 'hello', inputType: 'text', language: 'ase' })) send(frame);
 * await pool.release();
 * ```
 */
export class WorkerPool {
  /** The bundle's manifest. */
  readonly manifest: BundleManifest;
  /** ISO codes of the languages served. */
  readonly languages: readonly string[];
  readonly #accepts: Record<string, InputKind[]>;
  readonly #options: WorkerPoolOptions;
  readonly #workers: PoolWorker[] = [];
  #nextId = 1;
  #released = false;

  private constructor(
    ready: Extract<FromWorker, { type: 'ready' }>,
    workers: PoolWorker[],
    options: WorkerPoolOptions,
  ) {
    this.manifest = ready.manifest;
    this.languages = Object.freeze([...ready.languages]);
    this.#accepts = ready.accepts;
    this.#options = options;
    for (const w of workers) this.#adopt(w);
  }

  /**
   * Starts `workers` workers and resolves when every one has loaded and warmed up the bundle.
   *
   * @throws SignLLMError the load error of the first worker that failed (all are stopped), or
   *   `invalid_argument` for a bad count.
   */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `workers must be an integer ≥ 1, got ${options.workers}`,
      );
    }
    const started = await Promise.allSettled(
      Array.from({ length: options.workers }, () => WorkerPool.#spawn(options)),
    );
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    const ok = started.filter(
      (
        s,
      ): s is PromiseFulfilledResult<{ worker: PoolWorker; ready: Extract<FromWorker, { type: 'ready' }> }> =>
        s.status === 'fulfilled',
    );
    if (failed !== undefined) {
      await Promise.all(ok.map((s) => closeWorker(s.value.worker.worker)));
      throw failed.reason;
    }
    return new WorkerPool(
      ok[0]!.value.ready,
      ok.map((s) => s.value.worker),
      options,
    );
  }

  static #spawn(
    options: WorkerPoolOptions,
  ): Promise<{ worker: PoolWorker; ready: Extract<FromWorker, { type: 'ready' }> }> {
    const start: WorkerStart = { bundle: options.bundle, threads: options.threads };
    const worker = new Worker(workerScript(), { workerData: start });
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker): void => {
        if (message.type === 'ready') {
          cleanup();
          resolve({ worker: { worker, jobs: new Map(), ready: true }, ready: message });
        } else if (message.type === 'load-failed') {
          cleanup();
          // Nothing is loaded in it: it ends by itself.
          reject(fromWire(message.error));
        }
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(
          new SignLLMError(
            ERROR_CODES.inferenceFailed,
            `an inference worker failed to start: ${error.message}`,
          ),
        );
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(
          new SignLLMError(
            ERROR_CODES.inferenceFailed,
            `an inference worker exited with ${code} while loading`,
          ),
        );
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
  }

  #adopt(w: PoolWorker): void {
    const width = this.manifest.decoding.pose.frameWidth - 1;
    w.worker.on('message', (message: FromWorker) => {
      if (message.type === 'frames') w.jobs.get(message.id)?.push(message.values, message.counters, width);
      else if (message.type === 'done' || message.type === 'failed') {
        const job = w.jobs.get(message.id);
        w.jobs.delete(message.id);
        job?.end(
          message.type === 'done' ? message.summary : undefined,
          message.type === 'failed' ? fromWire(message.error) : undefined,
        );
      }
    });
    const died = (why: string): void => {
      if (!w.ready) return;
      w.ready = false;
      const index = this.#workers.indexOf(w);
      if (index >= 0) this.#workers.splice(index, 1);
      const error = new SignLLMError(ERROR_CODES.inferenceFailed, `the inference worker stopped: ${why}`);
      for (const job of w.jobs.values()) job.end(undefined, error);
      w.jobs.clear();
      if (this.#released) return;
      this.#options.onEvent?.({ type: 'worker-died', message: why });
      WorkerPool.#spawn(this.#options).then(
        ({ worker }) => {
          if (this.#released) {
            void closeWorker(worker.worker);
            return;
          }
          this.#adopt(worker);
          this.#options.onEvent?.({ type: 'worker-replaced', message: 'a new inference worker is ready' });
        },
        (error: unknown) =>
          this.#options.onEvent?.({
            type: 'replacement-failed',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    };
    w.worker.on('error', (error) => died(error.message));
    w.worker.on('exit', (code) => died(`exited with code ${code}`));
    this.#workers.push(w);
  }

  /** The live workers (for monitoring: thread ids, resource use). */
  get workers(): readonly Worker[] {
    return this.#workers.map((w) => w.worker);
  }

  /**
   * The input kinds `language` accepts (as `SignBundle.accepts`).
   *
   * @throws SignLLMError `unknown_language` listing the bundle's languages.
   */
  accepts(language: string): InputKind[] {
    return [...(this.#accepts[resolveBundleLanguage(language, this.languages)] ?? [])];
  }

  /**
   * Generates in the least busy worker; frames arrive in batches (`batchMs` after the first, which
   * comes at once; default: all at the end). Like `SignBundle.generate`, validation errors surface
   * from the generator.
   */
  async *generate(
    request: GenerateRequest & { batchMs?: number },
  ): AsyncGenerator<GeneratedFrame, GenerationSummary> {
    if (this.#released) throw new SignLLMError(ERROR_CODES.invalidArgument, 'this worker pool was released');
    const w = this.#leastBusy();
    const id = this.#nextId++;
    const job = new Job();
    w.jobs.set(id, job);
    const { signal, batchMs, groundTruthCounters: _, beamSize: __, ...rest } = request;
    const message: ToWorker = {
      type: 'generate',
      id,
      request: rest,
      batchMs: batchMs ?? Number.POSITIVE_INFINITY,
    };
    let aborted: SignLLMError | undefined;
    const onAbort = (): void => {
      aborted ??= new SignLLMError(ERROR_CODES.aborted, 'the generation was aborted', {
        cause: signal?.reason,
      });
      job.wake();
      w.worker.postMessage({ type: 'abort', id } satisfies ToWorker);
    };
    // A real AbortSignal is listened to; a bare { aborted } object is checked between frames.
    const events = signal as
      | Partial<Pick<AbortSignal, 'addEventListener' | 'removeEventListener'>>
      | undefined;
    events?.addEventListener?.('abort', onAbort, { once: true });
    w.worker.postMessage(message);
    if (signal?.aborted) onAbort();
    try {
      for (;;) {
        // An abort stops at once; a failure in the worker comes after the frames made before it.
        if (signal?.aborted) onAbort();
        if (aborted !== undefined) throw aborted;
        if (job.next < job.frames.length) {
          const frame = job.frames[job.next]!;
          job.frames[job.next++] = undefined as never;
          yield frame;
          continue;
        }
        if (job.ended) {
          if (job.error !== undefined) throw job.error;
          return job.summary as GenerationSummary;
        }
        await job.wait();
      }
    } finally {
      events?.removeEventListener?.('abort', onAbort);
      if (!job.ended && w.jobs.has(id)) w.worker.postMessage({ type: 'abort', id } satisfies ToWorker);
    }
  }

  #leastBusy(): PoolWorker {
    let best: PoolWorker | undefined;
    for (const w of this.#workers) if (best === undefined || w.jobs.size < best.jobs.size) best = w;
    if (best === undefined) {
      throw new SignLLMError(
        ERROR_CODES.inferenceFailed,
        'no inference worker is running (they stopped and could not be replaced)',
      );
    }
    return best;
  }

  /**
   * Stops every worker: running generations end with `aborted`, each worker releases its sessions and
   * exits (workers are never terminated while a graph runs: that would abort the process). The pool
   * is unusable afterwards; calling it again does nothing.
   */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    const workers = this.#workers.splice(0);
    await Promise.all(
      workers.map(async (w) => {
        w.ready = false;
        for (const job of w.jobs.values()) {
          job.end(undefined, new SignLLMError(ERROR_CODES.aborted, 'the worker pool was released'));
        }
        w.jobs.clear();
        await closeWorker(w.worker);
      }),
    );
  }
}

/** How long a closing worker may take to finish its current graph call and release its sessions. */
const CLOSE_TIMEOUT_MS = 30_000;

/** Asks a worker to close and waits for it to exit (terminating it only if it never does). */
async function closeWorker(worker: Worker): Promise<void> {
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  try {
    worker.postMessage({ type: 'close' } satisfies ToWorker);
  } catch {
    // already gone
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS);
  });
  if ((await Promise.race([exited, late])) === 'late') await worker.terminate();
  clearTimeout(timer);
}
