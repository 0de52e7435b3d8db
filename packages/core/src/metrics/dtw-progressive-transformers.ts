/**
 * `dtwProgressiveTransformers`: the DTW score of Progressive Transformers' `helpers.calculate_dtw`,
 * pre-processing included (paper digest §8.4).
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { type DtwResult, dtw } from './dtw.ts';
import { assertFrames } from './input-checks.ts';

/** Options of `dtwProgressiveTransformers`. */
export interface DtwProgressiveTransformersOptions {
  /** Values per frame including the trailing counter, e.g. 151 (150 joint values + counter). */
  width: number;
  /** Also return the warping path (over the cut frames). Default false. */
  path?: boolean;
}

/** Result of `dtwProgressiveTransformers`: a `DtwResult` plus the frame counts DTW actually saw. */
export interface DtwProgressiveTransformersResult extends DtwResult {
  /** Reference frames kept after the counter cut (`normalized = distance / refFrames`). */
  refFrames: number;
  /** Hypothesis frames kept after dropping the BOS frame and the counter cut. */
  hypFrames: number;
}

/**
 * Frames kept by PT's counter cut: the index of the first maximum of the counter channel (the last
 * value of each frame), raised to 1 when it is 0. Frames `[0, cut)` are kept: the frame holding the
 * maximum counter is excluded.
 */
export function progressiveTransformersCut(values: Float32Array, width: number, frames: number): number {
  let best = 0;
  let bestValue = values[width - 1]!;
  for (let f = 1; f < frames; f++) {
    const v = values[f * width + width - 1]!;
    if (v > bestValue) {
      bestValue = v;
      best = f;
    }
  }
  return best === 0 ? 1 : best;
}

function withoutCounter(values: Float32Array, width: number, count: number): Float32Array {
  const out = new Float32Array(count * (width - 1));
  for (let f = 0; f < count; f++) {
    const src = f * width;
    out.set(values.subarray(src, src + width - 1), f * (width - 1));
  }
  return out;
}

/**
 * DTW as Progressive Transformers computes it for a (reference, hypothesis) pair of flat
 * `[frames × width]` arrays whose last value per frame is the progress counter:
 *
 * 1. drop the first frame of the hypothesis (the ground-truth frame PT decodes from, its "BOS");
 * 2. cut each sequence at the first argmax of its counter channel, keeping frames before it (that frame
 *    is excluded; an argmax at frame 0 keeps one frame) — this also drops zero padding;
 * 3. drop the counter channel;
 * 4. `dtw` with the L1 frame cost, normalised by the cut reference length.
 *
 * Pass the reference as PT does: `batch.trg`, i.e. the target without its first frame.
 *
 * @example
 * ```ts
 * // 2 joint values + counter per frame
 * const ref = new Float32Array([0, 0, 0.25,  1, 1, 0.5,  2, 2, 0.75,  3, 3, 1]);
 * const hyp = new Float32Array([9, 9, 0,  0, 0, 0.25,  1, 1, 0.5,  2, 2, 0.75,  3, 3, 1]);
 * dtwProgressiveTransformers(ref, hyp, { width: 3 }).normalized; // 0 (3 frames each after the cut)
 * ```
 */
export function dtwProgressiveTransformers(
  ref: Float32Array,
  hyp: Float32Array,
  options: DtwProgressiveTransformersOptions,
): DtwProgressiveTransformersResult {
  const width = options?.width;
  if (!Number.isInteger(width) || width < 2) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `width must be an integer ≥ 2 (joint values plus the counter, e.g. 151), got ${String(width)}`,
    );
  }
  const refAll = assertFrames(ref, width, 'reference');
  const hypAll = assertFrames(hyp, width, 'hypothesis');
  if (hypAll < 2) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'hypothesis has 1 frame; Progressive Transformers drops its first (BOS) frame, so it needs at least 2',
    );
  }
  const refFrames = progressiveTransformersCut(ref, width, refAll);
  const hypTail = hyp.subarray(width);
  const hypFrames = progressiveTransformersCut(hypTail, width, hypAll - 1);
  const result = dtw(
    withoutCounter(ref, width, refFrames),
    withoutCounter(hypTail, width, hypFrames),
    width - 1,
    { path: options.path === true },
  );
  return { ...result, refFrames, hypFrames };
}
