/**
 * The pose decoding loop over a bundle's encoder and decoder-step graphs, as the contract describes
 * (docs/architecture/model-bundle.md): the encoder runs once; the step graph is fed one frame at a time
 * (the all-zero start frame, then each prediction) with its key/value cache passed back in, and each
 * predicted frame is yielded as soon as its step finishes. It reproduces `PoseTransformer.generate` of
 * `@signllm/train`: stop at the first counter ≥ `stopCounter`, after `maxFrames`, or, with ground-truth
 * counters, after exactly that many steps. `decodePoseFramesFullRecompute` recomputes the whole prefix
 * each step instead (same numbers, O(n²)); it exists to check and to time the cache.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { PoseDecoding } from '../schemas/bundle-decoding.ts';
import { isFloat32Array } from '../util/typed-array-checks.ts';
import {
  type CacheShape,
  cacheShape,
  checkSourceIds,
  emptyPast,
  encodeSource,
  type Feeds,
  pastFromPresent,
} from './decoder-cache.ts';
import { checkAborted, floatOutput, runSession } from './run-session.ts';
import { float32Tensor, type InferenceSession } from './runtime.ts';
import type { AbortSignalLike } from './web-types.ts';

/** One generated frame. */
export interface GeneratedFrame {
  /** 0-based frame number. */
  index: number;
  /** The joint values (150 for `prompt2sign-50`: joint-major x, y, z), a fresh copy. */
  values: Float32Array;
  /** The predicted progress counter (≈ 0 at the start, ≈ 1 at the end). */
  counter: number;
}

/** How a generation ended. */
export interface GenerationSummary {
  /** Frames generated. */
  frames: number;
  /** `counter`: a predicted counter reached `stopCounter`; `limit`: `maxFrames`; `length`: ground-truth counters used up. */
  stoppedBy: 'counter' | 'limit' | 'length';
  /** The LangGloss the pose model read (Prompt2LangGloss bundles). */
  langGloss?: string;
}

/** The encoder and decoder-step sessions of one pose model. */
export interface PoseSessions {
  encoder: InferenceSession;
  step: InferenceSession;
}

/** Options of `decodePoseFrames`. */
export interface DecodePoseOptions {
  /** `decoding.pose` of the bundle. */
  decoding: PoseDecoding;
  /** Most frames (default and maximum: `decoding.maxTargetLength`). Not used with `groundTruthCounters`. */
  maxFrames?: number;
  /** Stop at the first predicted counter ≥ this (default `decoding.stopCounter`). */
  stopCounter?: number;
  /**
   * Ground-truth timing: `groundTruthCounters[i]` replaces the counter of the frame fed at step i, and
   * exactly that many frames are generated (`stoppedBy: 'length'`).
   */
  groundTruthCounters?: Float32Array;
  /** Checked before each step; when aborted the generator throws `aborted`. */
  signal?: AbortSignalLike;
}

interface Plan {
  steps: number;
  stopCounter: number;
  gt: Float32Array | undefined;
  width: number;
  shape: CacheShape;
}

function invalid(message: string, details?: Record<string, unknown>): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, `pose generation: ${message}`, { details });
}

function plan(sourceIds: readonly number[], options: DecodePoseOptions): Plan {
  if (typeof options?.decoding !== 'object' || options.decoding === null) {
    throw invalid("options.decoding (the bundle's decoding.pose) is required");
  }
  const { decoding } = options;
  const max = decoding.maxTargetLength;
  checkSourceIds(sourceIds, decoding.maxSourceLength, undefined, 'pose generation');
  const maxFrames = options.maxFrames ?? max;
  if (!Number.isInteger(maxFrames) || maxFrames < 1 || maxFrames > max) {
    throw invalid(
      `maxFrames must be an integer in [1, ${max}] (the model's maxTargetLength), got ${String(maxFrames)}`,
      {
        maxFrames,
        maxTargetLength: max,
      },
    );
  }
  const stopCounter = options.stopCounter ?? decoding.stopCounter;
  if (typeof stopCounter !== 'number' || !Number.isFinite(stopCounter)) {
    throw invalid(`stopCounter must be a finite number, got ${String(stopCounter)}`);
  }
  const gt = options.groundTruthCounters;
  if (gt !== undefined) {
    if (!isFloat32Array(gt) || gt.length < 1 || gt.length > max) {
      throw invalid(
        `groundTruthCounters must be a Float32Array of 1 to ${max} counters, got ${String(gt?.length)}`,
      );
    }
    const bad = gt.findIndex((c) => !Number.isFinite(c));
    if (bad >= 0) throw invalid(`groundTruthCounters[${bad}] is ${gt[bad]}, expected a finite number`);
  }
  if (decoding.frameWidth < 2)
    throw invalid(`decoding.frameWidth ${decoding.frameWidth} leaves no joint values`);
  return {
    steps: gt?.length ?? maxFrames,
    stopCounter,
    gt,
    width: decoding.frameWidth,
    shape: cacheShape(decoding),
  };
}

/** Reads the prediction for input row `row` of `next_frames` `[1, T, W]`: a fresh frame + counter. */
function frameAt(outputs: Feeds, rows: number, row: number, width: number): Float32Array {
  const next = floatOutput(outputs, 'next_frames', [1, rows, width], 'pose decoder step');
  return next.data.slice(row * width, (row + 1) * width);
}

async function* loop(
  sessions: PoseSessions,
  sourceIds: readonly number[],
  options: DecodePoseOptions,
  fullRecompute: boolean,
): AsyncGenerator<GeneratedFrame, GenerationSummary> {
  const { steps, stopCounter, gt, width, shape } = plan(sourceIds, options);
  const { signal } = options;
  checkAborted(signal, 'pose generation');
  const { sourceMask, cross } = await encodeSource(sessions.encoder, sourceIds, shape, 'pose encoder');
  // Row i = the frame fed at step i; row 0 is the start frame (all zeros).
  const inputs = new Float32Array((fullRecompute ? steps : 1) * width);
  let past = emptyPast(shape, 1);
  for (let step = 0; step < steps; step++) {
    checkAborted(signal, 'pose generation');
    const at = fullRecompute ? step * width : 0;
    if (gt !== undefined) inputs[at + width - 1] = gt[step] ?? 0;
    const rows = fullRecompute ? step + 1 : 1;
    const frames = float32Tensor(inputs.slice(0, rows * width), [1, rows, width]);
    const feeds: Feeds = { frames, source_mask: sourceMask, ...past, ...cross };
    const outputs = await runSession(sessions.step, feeds, 'pose decoder step');
    const predicted = frameAt(outputs, rows, rows - 1, width);
    if (!fullRecompute) past = pastFromPresent(outputs, shape, 1, step + 1, 'pose decoder step');
    const counter = predicted[width - 1] ?? Number.NaN;
    yield { index: step, values: predicted.slice(0, width - 1), counter };
    if (step + 1 < steps) inputs.set(predicted, fullRecompute ? (step + 1) * width : 0);
    if (gt === undefined && counter >= stopCounter) return { frames: step + 1, stoppedBy: 'counter' };
  }
  return { frames: steps, stoppedBy: gt === undefined ? 'limit' : 'length' };
}

/**
 * Generates pose frames for one source (token ids, `</s>` last) with the key/value cache, yielding each
 * frame as soon as its decoder step has run.
 *
 * @throws SignLLMError (from the generator) `invalid_argument` for bad options, `input_empty` /
 *   `input_too_long` / `token_out_of_vocabulary` for bad ids, `aborted`, `inference_failed`.
 * @example
 * ```ts
 * const frames = decodePoseFrames({ encoder, step }, [57, 12, 3], { decoding: manifest.decoding.pose });
 * for await (const frame of frames) draw(frame.values);
 * ```
 */
export function decodePoseFrames(
  sessions: PoseSessions,
  sourceIds: readonly number[],
  options: DecodePoseOptions,
): AsyncGenerator<GeneratedFrame, GenerationSummary> {
  return loop(sessions, sourceIds, options, false);
}

/**
 * As `decodePoseFrames`, but without the cache: each step runs the step graph with empty `past_*` on
 * the whole prefix (`T = step + 1`) and keeps the last row. Same frames, O(n²) work: for tests and
 * benchmarks of the cache.
 *
 * @example
 * ```ts
 * for await (const frame of decodePoseFramesFullRecompute(sessions, ids, { decoding })) frames.push(frame);
 * ```
 */
export function decodePoseFramesFullRecompute(
  sessions: PoseSessions,
  sourceIds: readonly number[],
  options: DecodePoseOptions,
): AsyncGenerator<GeneratedFrame, GenerationSummary> {
  return loop(sessions, sourceIds, options, true);
}
