/**
 * `TranslationService`: the part of the server that owns the model bundle. It loads it (and warms it
 * up) in the background, reports readiness, checks each request against the limits, admits at most
 * `maxInFlight` translations at once (429 beyond, never a queue), runs each under a time budget (504),
 * converts the frame rate as frames arrive, and drains on shutdown.
 */
import {
  type BundleManifest,
  ERROR_CODES,
  type GeneratedFrame,
  type GenerateRequest,
  type GenerationSummary,
  getLanguage,
  getSkeleton,
  type InputKind,
  type InputType,
  type ReadyResponse,
  resolveBundleLanguage,
  type ServedLanguage,
  SignLLMError,
  type StopReason,
  type TranslateRequest,
} from '@signllm/core';
import type { ServeLimits } from './config.ts';
import { FrameResampler } from './frame-resampler.ts';
import { ApiError, HTTP_ERROR_CODES } from './http-errors.ts';
import {
  answerFps,
  checkAnswerFrames,
  languageProvenance,
  summarise,
  warmUp,
} from './translation-support.ts';

/**
 * What the service runs translations on: a `SignBundle` (in this thread) or a `WorkerPool` (in worker
 * threads). `batchMs` lets a pool send frames in batches; a `SignBundle` ignores it.
 */
export interface PoseGenerator {
  readonly manifest: BundleManifest;
  readonly languages: readonly string[];
  accepts(language: string): InputKind[];
  generate(
    request: GenerateRequest & { batchMs?: number },
  ): AsyncGenerator<GeneratedFrame, GenerationSummary>;
  release(): Promise<void>;
}

/** How long a streamed translation gathers frames into one chunk after the first, in milliseconds. */
export const STREAM_BATCH_MS = 10;

/** The lifecycle of a service. */
export type ServiceState = 'loading' | 'ready' | 'failed' | 'draining' | 'closed';

/** The least a logger must do (pino's `Logger` does). */
export interface ServiceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What a request resolves to once it passed every check. */
export interface TranslationPlan {
  /** ISO code of the sign language. */
  language: string;
  inputType: InputType;
  input: string;
  /** Frame rate of the answer. */
  fps: number;
  /** Frame rate the model generates at. */
  modelFps: number;
  /** Most frames the model may generate for this request. */
  maxFrames: number;
  skeleton: string;
  joints: readonly string[];
}

/** One frame of an answer. */
export interface OutputFrame {
  /** 0-based frame number at the answer's fps. */
  index: number;
  /** Seconds from the start (index / fps). */
  time: number;
  /** Predicted progress counter. */
  counter: number;
  /** Joint values, joint-major x, y, z. */
  values: Float32Array;
}

/** How a translation ended. */
export interface TranslationSummary {
  /** Frames in the answer (at its fps). */
  frames: number;
  stoppedBy: StopReason;
  /** LangGloss tokens (Prompt2LangGloss bundles). */
  langGloss?: string[];
  generationMs: number;
  firstFrameMs?: number;
}

/**
 * An admitted translation, consumed once: either iterate `frames` (streaming) or call `collect()`
 * (the whole answer, with less work per frame). `release()` (idempotent) frees its slot in any case.
 */
export interface Translation {
  plan: TranslationPlan;
  readonly frames: AsyncGenerator<OutputFrame, TranslationSummary>;
  collect(): Promise<{ frames: OutputFrame[]; summary: TranslationSummary }>;
  release(): void;
}

const noopLogger: ServiceLogger = { info() {}, warn() {}, error() {} };

/**
 * Owns the bundle and runs translations on it.
 *
 * @example
 * ```ts
 * const service = new TranslationService({ limits: config.limits });
 * void service.load(() => loadBundle(directoryBundleSource(dir), createNodeRuntime()));
 * const t = service.start(request, signal);
 * try { for await (const f of t.frames) send(f); } finally { t.release(); }
 * ```
 */
export class TranslationService {
  readonly limits: ServeLimits;
  readonly #log: ServiceLogger;
  #state: ServiceState = 'loading';
  #reason = 'loading the model bundle';
  #bundle: PoseGenerator | undefined;
  #inFlight = 0;
  /** Exponential moving average of translation durations, in ms (for Retry-After). */
  #averageMs = 0;
  #idle: Array<() => void> = [];

  constructor(options: { limits: ServeLimits; logger?: ServiceLogger }) {
    this.limits = options.limits;
    this.#log = options.logger ?? noopLogger;
  }

  /** Where the service is in its lifecycle. */
  get state(): ServiceState {
    return this.#state;
  }

  /** Translations running now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The loaded bundle (undefined until ready). */
  get bundle(): PoseGenerator | undefined {
    return this.#bundle;
  }

  /**
   * Loads the bundle with `load`, then runs a short warm-up generation per input kind of the first
   * language; the service is ready afterwards, or `failed` with the reason (the error is also thrown).
   */
  async load(load: () => Promise<PoseGenerator>, options: { warmUp?: boolean } = {}): Promise<void> {
    this.#state = 'loading';
    this.#reason = 'loading the model bundle';
    const started = performance.now();
    try {
      const bundle = await load();
      if (this.#state !== 'loading') {
        await bundle.release();
        return;
      }
      if (options.warmUp ?? true) {
        this.#reason = 'warming up the model';
        await warmUp(bundle);
      }
      this.#bundle = bundle;
      this.#state = 'ready';
      this.#reason = '';
      this.#log.info(
        {
          languages: bundle.languages,
          mode: bundle.manifest.mode,
          ms: Math.round(performance.now() - started),
        },
        'model bundle loaded and warmed up',
      );
    } catch (error) {
      if (this.#state === 'loading') {
        this.#state = 'failed';
        this.#reason = `the model bundle could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      }
      throw error;
    }
  }

  /** Marks the service as failed before any bundle could be loaded (e.g. no bundle given). */
  fail(reason: string): void {
    this.#state = 'failed';
    this.#reason = reason;
  }

  /** The readiness answer. */
  readiness(): ReadyResponse {
    const bundle = this.#bundle;
    if (this.#state !== 'ready' || bundle === undefined) return { ready: false, reason: this.#reason };
    const m = bundle.manifest;
    return {
      ready: true,
      bundle: {
        formatVersion: m.formatVersion,
        mode: m.mode,
        languages: [...bundle.languages],
        skeleton: m.skeleton,
      },
    };
  }

  /** The served languages, with the input kinds each accepts and where its training data came from. */
  languages(): ServedLanguage[] {
    const bundle = this.#ready();
    return bundle.languages.map((code) => {
      const info = getLanguage(code);
      const provenance = languageProvenance(bundle, code);
      return {
        code,
        name: info.name,
        tag: info.tag,
        spokenLanguage: info.spokenLanguage,
        inputs: bundle.accepts(code),
        ...(provenance === undefined ? {} : { provenance }),
      };
    });
  }

  /** The loaded bundle; @throws ApiError 503 `not_ready` (loading, failed) or `shutting_down`. */
  requireBundle(): PoseGenerator {
    return this.#ready();
  }

  #ready(): PoseGenerator {
    if (this.#state === 'draining' || this.#state === 'closed') {
      throw new ApiError(503, HTTP_ERROR_CODES.shuttingDown, 'the server is shutting down', {
        'Retry-After': '5',
        Connection: 'close',
      });
    }
    if (this.#state !== 'ready' || this.#bundle === undefined) {
      throw new ApiError(503, HTTP_ERROR_CODES.notReady, `not ready: ${this.#reason}`, {
        'Retry-After': this.#state === 'failed' ? '60' : '1',
      });
    }
    return this.#bundle;
  }

  /**
   * Checks a validated request against the bundle and the limits.
   *
   * @throws ApiError 503 when not ready; SignLLMError (400) `unknown_language` listing the served
   *   codes, `invalid_argument` (input kind not accepted, maxFrames too high), `input_too_long`.
   */
  plan(request: TranslateRequest): TranslationPlan {
    const bundle = this.#ready();
    const accepted = bundle.accepts(request.language);
    const language = resolveBundleLanguage(request.language, bundle.languages);
    if (!accepted.includes(request.inputType)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `inputType "${request.inputType}" is not accepted for "${language}" by this model; it accepts ${accepted.map((a) => `"${a}"`).join(', ')}`,
        { details: { value: request.inputType, options: accepted } },
      );
    }
    const chars = [...request.input].length;
    if (chars > this.limits.maxInputChars) {
      throw new SignLLMError(
        ERROR_CODES.inputTooLong,
        `input has ${chars} characters; this server accepts at most ${this.limits.maxInputChars}`,
        { details: { value: chars, limit: this.limits.maxInputChars } },
      );
    }
    const modelMax = bundle.manifest.decoding.pose.maxTargetLength;
    const limit = Math.min(this.limits.maxFrames, modelMax);
    if (request.maxFrames !== undefined && request.maxFrames > limit) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `maxFrames ${request.maxFrames} is above the limit of ${limit} frames (${limit === modelMax ? "the model's maximum length" : "this server's limit"})`,
        { details: { value: request.maxFrames, limit } },
      );
    }
    const modelFps = bundle.manifest.fps;
    const fps = answerFps(request.fps, modelFps);
    const maxFrames = request.maxFrames ?? limit;
    checkAnswerFrames(maxFrames, modelFps, fps);
    return {
      language,
      inputType: request.inputType,
      input: request.input,
      fps,
      modelFps,
      maxFrames,
      skeleton: bundle.manifest.skeleton,
      joints: getSkeleton(bundle.manifest.skeleton).joints,
    };
  }

  /**
   * Admits a planned translation and starts it (lazily: generation begins at the first `next()`).
   * `signal` aborts it (the client went away); the time budget aborts it with a 504.
   *
   * @throws ApiError 503 (not ready, shutting down) or 429 (`maxInFlight` translations running) with
   *   `Retry-After`.
   */
  start(plan: TranslationPlan, signal?: AbortSignal): Translation {
    const bundle = this.#ready();
    if (this.#inFlight >= this.limits.maxInFlight) {
      const seconds = Math.max(1, Math.ceil(this.#averageMs / 1000));
      throw new ApiError(
        429,
        HTTP_ERROR_CODES.tooManyRequests,
        `${this.#inFlight} translations are running, the most this server runs at once; retry in ${seconds} s`,
        { 'Retry-After': String(seconds) },
      );
    }
    this.#inFlight++;
    const self = this;
    let released = false;
    const started = performance.now();
    const release = (): void => {
      if (released) return;
      released = true;
      this.#inFlight--;
      const ms = performance.now() - started;
      this.#averageMs = this.#averageMs === 0 ? ms : 0.8 * this.#averageMs + 0.2 * ms;
      if (this.#inFlight === 0) for (const wake of this.#idle.splice(0)) wake();
    };
    let used = false;
    const once = (): void => {
      if (used) throw new Error('a translation is consumed once: iterate frames or call collect()');
      used = true;
    };
    let frames: AsyncGenerator<OutputFrame, TranslationSummary> | undefined;
    return {
      plan,
      get frames() {
        if (frames === undefined) {
          once();
          frames = self.#run(bundle, plan, signal, release);
        }
        return frames;
      },
      collect: () => {
        once();
        return self.#collect(bundle, plan, signal, release);
      },
      release,
    };
  }

  /** Time budget and client abort around one generation: the signal to pass, and the cleanup. */
  #guard(clientSignal: AbortSignal | undefined): {
    signal: AbortSignal;
    /** The error to throw for `error`: the 504 when the time budget aborted the generation. */
    cause(error: unknown): unknown;
    dispose(): void;
  } {
    const controller = new AbortController();
    // The 504 is only built when the budget runs out (an Error captures a stack trace: not free).
    const TIMED_OUT = Symbol('timed out');
    const timer = setTimeout(() => controller.abort(TIMED_OUT), this.limits.timeoutMs);
    const timeoutMs = this.limits.timeoutMs;
    const onClientAbort = (): void => controller.abort(clientSignal?.reason);
    clientSignal?.addEventListener('abort', onClientAbort, { once: true });
    if (clientSignal?.aborted) onClientAbort();
    return {
      signal: controller.signal,
      cause(error: unknown): unknown {
        if (controller.signal.reason !== TIMED_OUT) return error;
        return new ApiError(
          504,
          HTTP_ERROR_CODES.timeout,
          `the translation took longer than this server's budget of ${timeoutMs} ms; ask for fewer frames (maxFrames) or a shorter input`,
        );
      },
      dispose() {
        clearTimeout(timer);
        clientSignal?.removeEventListener('abort', onClientAbort);
      },
    };
  }

  #generate(bundle: PoseGenerator, plan: TranslationPlan, signal: AbortSignal, batchMs: number) {
    return bundle.generate({
      input: plan.input,
      inputType: plan.inputType,
      language: plan.language,
      maxFrames: plan.maxFrames,
      signal,
      batchMs,
    });
  }

  /** Streams the frames, each as soon as it (and, at another fps, the frame after it) exists. */
  async *#run(
    bundle: PoseGenerator,
    plan: TranslationPlan,
    clientSignal: AbortSignal | undefined,
    release: () => void,
  ): AsyncGenerator<OutputFrame, TranslationSummary> {
    const guard = this.#guard(clientSignal);
    const started = performance.now();
    let firstFrameMs: number | undefined;
    const resampler = new FrameResampler(plan.modelFps, plan.fps);
    let index = 0;
    try {
      const generator = this.#generate(bundle, plan, guard.signal, STREAM_BATCH_MS);
      let result: IteratorResult<GeneratedFrame, GenerationSummary>;
      for (;;) {
        result = await generator.next();
        if (result.done) break;
        for (const out of resampler.push(result.value)) {
          firstFrameMs ??= performance.now() - started;
          yield { index, time: index / plan.fps, counter: out.counter, values: out.values };
          index++;
        }
      }
      return summarise(result.value, index, performance.now() - started, firstFrameMs);
    } catch (error) {
      throw guard.cause(error);
    } finally {
      guard.dispose();
      release();
    }
  }

  /** Runs the generation to its end without a per-frame generator in between (non-streamed answers). */
  async #collect(
    bundle: PoseGenerator,
    plan: TranslationPlan,
    clientSignal: AbortSignal | undefined,
    release: () => void,
  ): Promise<{ frames: OutputFrame[]; summary: TranslationSummary }> {
    const guard = this.#guard(clientSignal);
    const started = performance.now();
    let firstFrameMs: number | undefined;
    const resampler = plan.fps === plan.modelFps ? undefined : new FrameResampler(plan.modelFps, plan.fps);
    const frames: OutputFrame[] = [];
    const add = (values: Float32Array, counter: number): void => {
      const index = frames.length;
      frames.push({ index, time: index / plan.fps, counter, values });
    };
    try {
      const generator = this.#generate(bundle, plan, guard.signal, Number.POSITIVE_INFINITY);
      let result: IteratorResult<GeneratedFrame, GenerationSummary>;
      for (;;) {
        result = await generator.next();
        if (result.done) break;
        firstFrameMs ??= performance.now() - started;
        if (resampler === undefined) add(result.value.values, result.value.counter);
        else for (const out of resampler.push(result.value)) add(out.values, out.counter);
      }
      const summary = summarise(result.value, frames.length, performance.now() - started, firstFrameMs);
      return { frames, summary };
    } catch (error) {
      throw guard.cause(error);
    } finally {
      guard.dispose();
      release();
    }
  }

  /**
   * Stops admitting translations (503 `shutting_down`) and waits until the running ones finish or
   * `graceMs` passes; true when all finished.
   */
  async drain(graceMs: number): Promise<boolean> {
    if (this.#state !== 'closed') this.#state = 'draining';
    if (this.#inFlight === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      new Promise<boolean>((resolve) => this.#idle.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    return finished;
  }

  /** Releases the bundle; the service answers 503 afterwards. */
  async close(): Promise<void> {
    this.#state = 'closed';
    this.#reason = 'the server is shutting down';
    const bundle = this.#bundle;
    this.#bundle = undefined;
    await bundle?.release();
  }
}
