/**
 * `meanJointError`: mean Euclidean joint position error (MJE) between two pose sequences, frame by
 * frame or along a DTW alignment (DTW-MJE).
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import type { PoseSequence } from '../pose-sequence/pose-sequence.ts';
import { dtwCore } from './dtw-core.ts';
import { assertPosePair } from './input-checks.ts';

/** How frames are paired before joints are compared. */
export type JointErrorAlignment = 'none' | 'dtw';

/** Options of `meanJointError`. */
export interface MeanJointErrorOptions {
  /**
   * `'none'` (default): frame f with frame f; both sequences must have the same frame count.
   * `'dtw'`: the frame pairs of the DTW path whose frame cost is the mean joint distance (DTW-MJE).
   */
  align?: JointErrorAlignment;
}

const ALIGNMENTS: readonly JointErrorAlignment[] = ['none', 'dtw'];

/**
 * Mean Euclidean distance between corresponding joints, in the sequences' coordinate units.
 *
 * Average of ‖ref[f][j] − hyp[g][j]‖₂ over every paired frame (f, g) and every joint j whose
 * confidence is > 0 in both frames. With `align: 'dtw'` the pairs are the DTW warping path computed
 * with the frame cost "mean distance over joints present in both" (0 when no joint is shared), so a
 * reference frame matched to several hypothesis frames counts once per pair.
 *
 * Throws `SignLLMError`: `invalidArgument` for frame counts that differ under `align: 'none'`, an
 * unknown alignment, or when no joint is present in both sequences at any paired frame;
 * `shapeMismatch` for different joints/dims; `invalidNumber` for NaN / ±Infinity.
 *
 * @example
 * ```ts
 * const mje = meanJointError(reference, produced); // same frame count
 * const dtwMje = meanJointError(reference, produced, { align: 'dtw' });
 * ```
 */
export function meanJointError(
  ref: PoseSequence,
  hyp: PoseSequence,
  options: MeanJointErrorOptions = {},
): number {
  const align = options.align ?? 'none';
  if (!ALIGNMENTS.includes(align)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `align must be ${formatOptions(ALIGNMENTS)}, got ${JSON.stringify(align)}`,
    );
  }
  assertPosePair(ref, hyp);
  const { joints, dims } = ref;
  let sum = 0;
  let count = 0;
  // Adds frame pair (f, g) to sum/count; returns its own mean (0 when no joint is shared).
  const pair = (f: number, g: number, accumulate: boolean): number => {
    let s = 0;
    let c = 0;
    for (let j = 0; j < joints; j++) {
      if (!(ref.confidence[f * joints + j]! > 0) || !(hyp.confidence[g * joints + j]! > 0)) continue;
      const a = (f * joints + j) * dims;
      const b = (g * joints + j) * dims;
      let sq = 0;
      for (let d = 0; d < dims; d++) {
        const diff = ref.data[a + d]! - hyp.data[b + d]!;
        sq += diff * diff;
      }
      s += Math.sqrt(sq);
      c++;
    }
    if (accumulate) {
      sum += s;
      count += c;
    }
    return c === 0 ? 0 : s / c;
  };
  if (align === 'none') {
    if (ref.frames !== hyp.frames) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `align 'none' needs equal frame counts, got ${ref.frames} reference and ${hyp.frames} hypothesis frames; ` +
          "use align: 'dtw' for sequences of different lengths",
      );
    }
    for (let f = 0; f < ref.frames; f++) pair(f, f, true);
  } else {
    const { path } = dtwCore(ref.frames, hyp.frames, (f, g) => pair(f, g, false), true);
    for (const [f, g] of path!) pair(f, g, true);
  }
  if (count === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'no joint has confidence > 0 in both sequences at any paired frame; mean joint error is undefined',
    );
  }
  return sum / count;
}
