/**
 * `dtwPoseSequences`: PT-style DTW (L1 frame cost, reference-length normalisation) between two
 * `PoseSequence`s, with missing joints masked out.
 */
import type { PoseSequence } from '../pose-sequence/pose-sequence.ts';
import type { DtwResult } from './dtw.ts';
import { dtwCore } from './dtw-core.ts';
import { assertPosePair } from './input-checks.ts';

/** Options of `dtwPoseSequences`. */
export interface DtwPoseSequencesOptions {
  /**
   * When true (default), a joint whose confidence is 0 in either frame adds 0 to the frame cost;
   * when false, every coordinate counts whatever its confidence.
   */
  useConfidence?: boolean;
  /** Also return the warping path. Default false. */
  path?: boolean;
}

/**
 * DTW between two pose sequences with the same joints and dims. Frame cost: the L1 distance over all
 * joint coordinates, C[i][j] = Σ_joints Σ_axes |ref − hyp| (joints missing in either frame skipped
 * when `useConfidence`); then the same recursion and normalisation (÷ reference frames) as `dtw`.
 * Confidence values are used only as a mask (> 0 = present), not as weights.
 *
 * @example
 * ```ts
 * const { normalized } = dtwPoseSequences(reference, produced);
 * ```
 */
export function dtwPoseSequences(
  ref: PoseSequence,
  hyp: PoseSequence,
  options: DtwPoseSequencesOptions = {},
): DtwResult {
  assertPosePair(ref, hyp);
  const useConfidence = options.useConfidence !== false;
  const { joints, dims } = ref;
  const stride = joints * dims;
  const cost = (i: number, j: number): number => {
    let sum = 0;
    for (let k = 0; k < joints; k++) {
      if (
        useConfidence &&
        (!(ref.confidence[i * joints + k]! > 0) || !(hyp.confidence[j * joints + k]! > 0))
      ) {
        continue;
      }
      const a = i * stride + k * dims;
      const b = j * stride + k * dims;
      for (let d = 0; d < dims; d++) sum += Math.abs(ref.data[a + d]! - hyp.data[b + d]!);
    }
    return sum;
  };
  const { distance, path } = dtwCore(ref.frames, hyp.frames, cost, options.path === true);
  const normalized = distance / ref.frames;
  return path ? { distance, normalized, path } : { distance, normalized };
}
