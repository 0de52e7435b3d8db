/**
 * `dtw`: dynamic time warping between two sequences of flat frames, exactly as Progressive
 * Transformers scores produced poses (paper digest §8.4): L1 frame cost, steps (1,1), (1,0), (0,1)
 * with equal weight, no window, score normalised by the reference length.
 */

import { dtwCore } from './dtw-core.ts';
import { assertFrames } from './input-checks.ts';

/** Options of `dtw`. */
export interface DtwOptions {
  /**
   * Keep the full accumulated-cost matrix and return the warping path (O(n·m) memory, at most
   * 2^25 cells). Default false: two rows only, O(m) memory.
   */
  path?: boolean;
}

/** Result of a DTW comparison. */
export interface DtwResult {
  /** Accumulated cost D[last][last]: the sum of frame costs along the best warping path. */
  distance: number;
  /** `distance / referenceFrames`, the score Progressive Transformers reports. */
  normalized: number;
  /** [referenceFrame, hypothesisFrame] pairs from (0, 0) to the last frames; only with `path: true`. */
  path?: [number, number][];
}

/**
 * DTW between `ref` and `hyp`, each a flat `Float32Array` of frames with `width` values per frame.
 *
 * Frame cost C[i][j] = Σ_k |ref_i[k] − hyp_j[k]| (L1; PT's code calls it `euclidean_norm`), accumulated
 * D[i][j] = C[i][j] + min(D[i−1][j−1], D[i−1][j], D[i][j−1]); `normalized = D[n−1][m−1] / n` with n
 * the number of reference frames. Computed in float64 (PT sums each frame cost in float32, so its
 * numbers can differ in the 6th–7th significant digit).
 *
 * Throws `SignLLMError`: `shapeMismatch` when a length is not a multiple of `width`, `invalidArgument`
 * for an empty sequence or a bad width, `invalidNumber` for NaN / ±Infinity, `tooLarge` when a path
 * is asked for over more than 2^25 cells.
 *
 * @example
 * ```ts
 * const ref = new Float32Array([0, 1, 2]); // three 1-value frames
 * const hyp = new Float32Array([0, 2]);
 * dtw(ref, hyp, 1); // { distance: 1, normalized: 1 / 3 }
 * dtw(ref, hyp, 1, { path: true }).path; // [[0, 0], [1, 0], [2, 1]]
 * ```
 */
export function dtw(
  ref: Float32Array,
  hyp: Float32Array,
  width: number,
  options: DtwOptions = {},
): DtwResult {
  const n = assertFrames(ref, width, 'reference');
  const m = assertFrames(hyp, width, 'hypothesis');
  const cost = (i: number, j: number): number => {
    const a = i * width;
    const b = j * width;
    let sum = 0;
    for (let k = 0; k < width; k++) sum += Math.abs(ref[a + k]! - hyp[b + k]!);
    return sum;
  };
  const { distance, path } = dtwCore(n, m, cost, options.path === true);
  return path ? { distance, normalized: distance / n, path } : { distance, normalized: distance / n };
}
