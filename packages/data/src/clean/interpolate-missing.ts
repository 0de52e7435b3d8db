/**
 * Step 3 of cleaning: confidence-weighted temporal interpolation (paper.md §6.2 step 3). A point to
 * fill takes the confidence-weighted mean of the same joint over the frames t−δ … t+δ, with δ grown
 * from 0 until the summed confidence reaches `targetWeight` (0.99) or the window covers the clip.
 */
import { createPoseSequence, type Dims, ERROR_CODES, type PoseSequence, SignLLMError } from '@signllm/core';
import { checkUnitInterval } from './find-bad-frames.ts';

/** Options of `interpolateMissing`. */
export interface InterpolateOptions {
  /**
   * Points with a confidence below this are re-estimated (default 0.1); missing points (confidence 0)
   * always are. 0 fills only missing points.
   */
  fillBelow?: number;
  /** The summed confidence at which the window stops growing (default 0.99, the original's). */
  targetWeight?: number;
  /** A filled point's confidence is `min(summed window confidence, this)` (default 0.5). */
  maxFilledConfidence?: number;
}

/** The result of `interpolateMissing`. */
export interface InterpolateResult<D extends Dims> {
  /** The sequence with filled points. */
  readonly sequence: PoseSequence<D>;
  /** `[frames × joints]`: 1 where the point was re-estimated. */
  readonly filled: Uint8Array;
  /** Points that were to be filled (confidence below `fillBelow`, or missing). */
  readonly pointsToFill: number;
  /** Of those, the points that got a value (some neighbour in the clip had confidence > 0). */
  readonly pointsFilled: number;
  /** Of those, the points left missing: their joint has no confidence anywhere in the clip. */
  readonly pointsStillMissing: number;
}

/** Default `fillBelow`: points under 0.1 confidence are re-estimated. */
export const DEFAULT_FILL_BELOW = 0.1;
/** Default `targetWeight`: the original's 0.99. */
export const DEFAULT_TARGET_WEIGHT = 0.99;
/** Default `maxFilledConfidence`: filled points never claim more than 0.5. */
export const DEFAULT_MAX_FILLED_CONFIDENCE = 0.5;

/** Windows up to this many frames are summed directly (exact convex combination); longer ones use prefix sums. */
const DIRECT_WINDOW = 256;

/**
 * Fills missing and low-confidence points by confidence-weighted interpolation over symmetric
 * temporal windows. For a point (t, j) to fill, δ is the smallest value for which the confidences of
 * joint j over frames max(0, t−δ) … min(T−1, t+δ) sum to ≥ `targetWeight` (or the window covers the
 * whole clip); the new coordinates are the confidence-weighted mean over that window (the point's own
 * confidence, if any, included), so they lie between the values of the frames that contributed. The
 * new confidence is `min(window sum, maxFilledConfidence)`, never 0; a joint with no confidence in any
 * frame stays missing (confidence 0, coordinates 0). Weights are the input confidences, so filled
 * points never feed each other. Other points are copied. Cost: O(frames × joints × log frames).
 *
 * @example
 * ```ts
 * const { sequence, pointsFilled } = interpolateMissing(p50, { fillBelow: 0.1 });
 * ```
 */
export function interpolateMissing<D extends Dims>(
  seq: PoseSequence<D>,
  options: InterpolateOptions = {},
): InterpolateResult<D> {
  const fillBelow = checkUnitInterval('fillBelow', options.fillBelow ?? DEFAULT_FILL_BELOW);
  const target = options.targetWeight ?? DEFAULT_TARGET_WEIGHT;
  if (typeof target !== 'number' || !(target > 0) || !Number.isFinite(target)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `targetWeight must be a finite number > 0, got ${String(target)}`,
    );
  }
  const cap = options.maxFilledConfidence ?? DEFAULT_MAX_FILLED_CONFIDENCE;
  if (typeof cap !== 'number' || !(cap > 0 && cap <= 1)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `maxFilledConfidence must be a number in (0, 1], got ${String(cap)}`,
    );
  }
  const { frames: T, joints, dims } = seq;
  const data = seq.data.slice();
  const confidence = seq.confidence.slice();
  const filled = new Uint8Array(T * joints);
  let pointsToFill = 0;
  let pointsFilled = 0;
  // Prefix sums over frames of one joint: W[t] = Σ_{s<t} w_s, S[t·dims + d] = Σ_{s<t} w_s·x_s,d.
  const W = new Float64Array(T + 1);
  const S = new Float64Array((T + 1) * dims);
  const mean = new Float64Array(dims);
  const weights = new Float64Array(T);
  for (let j = 0; j < joints; j++) {
    let needed = 0;
    for (let t = 0; t < T; t++) {
      const w = pointWeight(seq, t, j);
      weights[t] = w;
      if (w < fillBelow || w === 0) needed++;
      W[t + 1] = W[t]! + w;
      for (let d = 0; d < dims; d++) {
        const v = w > 0 ? w * seq.data[(t * joints + j) * dims + d]! : 0;
        S[(t + 1) * dims + d] = S[t * dims + d]! + v;
      }
    }
    if (needed === 0) continue;
    pointsToFill += needed;
    if (!(W[T]! > 0)) {
      for (let t = 0; t < T; t++) {
        const p = t * joints + j;
        confidence[p] = 0;
        data.fill(0, p * dims, (p + 1) * dims);
      }
      continue;
    }
    for (let t = 0; t < T; t++) {
      const w = weights[t]!;
      if (!(w < fillBelow || w === 0)) continue;
      const [lo, hi] = findWindow(W, t, T, target);
      const sum = windowMean(seq, weights, W, S, j, lo, hi, mean);
      const p = t * joints + j;
      for (let d = 0; d < dims; d++) data[p * dims + d] = mean[d]!;
      confidence[p] = Math.min(sum, cap);
      filled[p] = 1;
      pointsFilled++;
    }
  }
  const sequence = createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims,
    frames: T,
    data,
    confidence,
  });
  return { sequence, filled, pointsToFill, pointsFilled, pointsStillMissing: pointsToFill - pointsFilled };
}

/** A point's weight: its confidence clamped to [0, 1]; 0 when missing or any coordinate is not finite. */
function pointWeight(seq: PoseSequence, t: number, j: number): number {
  const p = t * seq.joints + j;
  const c = seq.confidence[p]!;
  if (!(c > 0)) return 0;
  for (let d = 0; d < seq.dims; d++) if (!Number.isFinite(seq.data[p * seq.dims + d]!)) return 0;
  return Math.min(c, 1);
}

/** The smallest window [t−δ, t+δ] ∩ [0, T−1] whose weight reaches `target`, else the whole clip. */
function findWindow(W: Float64Array, t: number, T: number, target: number): [number, number] {
  const total = (delta: number): number => W[Math.min(T - 1, t + delta) + 1]! - W[Math.max(0, t - delta)]!;
  let lo = 0;
  let hi = Math.max(t, T - 1 - t); // the whole clip
  if (total(0) >= target) hi = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (total(mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return [Math.max(0, t - hi), Math.min(T - 1, t + hi)];
}

/** Writes the weighted mean of joint j over frames lo..hi into `mean` and returns the summed weight. */
function windowMean(
  seq: PoseSequence,
  weights: Float64Array,
  W: Float64Array,
  S: Float64Array,
  j: number,
  lo: number,
  hi: number,
  mean: Float64Array,
): number {
  const { dims, joints } = seq;
  if (hi - lo + 1 > DIRECT_WINDOW) {
    const sum = W[hi + 1]! - W[lo]!;
    for (let d = 0; d < dims; d++) mean[d] = (S[(hi + 1) * dims + d]! - S[lo * dims + d]!) / sum;
    return sum;
  }
  let sum = 0;
  mean.fill(0);
  for (let s = lo; s <= hi; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    sum += w;
    for (let d = 0; d < dims; d++) mean[d] = mean[d]! + w * seq.data[(s * joints + j) * dims + d]!;
  }
  for (let d = 0; d < dims; d++) mean[d] = mean[d]! / sum;
  return sum;
}
