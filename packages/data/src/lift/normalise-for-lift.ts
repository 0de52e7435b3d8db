/**
 * The lifter's input normalisation (Prompt2Sign `pose2D.normalization`): subtract the per-axis means
 * and divide both axes by one pooled σ, σ² = Σ(x²+y²)/(2N) − μ² with μ the mean of all x and y
 * values together. Unlike the original, only observed joints (confidence > 0) enter the sums: the
 * original ran on OpenPose output where a missing joint is (0, 0), which biases both statistics.
 */
import { ERROR_CODES, type PoseSequence, SignLLMError } from '@signllm/core';
import type { LiftTarget } from './lift-objective.ts';

/** The normalised target and the transform back to input units. */
export interface LiftNormalisation {
  readonly target: LiftTarget;
  /** Mean x of the observed joints (input units). */
  readonly meanX: number;
  /** Mean y of the observed joints (input units). */
  readonly meanY: number;
  /** Pooled σ (input units per normalised unit). */
  readonly sigma: number;
}

/**
 * Normalises a 2D sequence for lifting. Confidence becomes the weight w (0 = missing). Throws
 * `invalidArgument` when no joint of any frame is observed.
 *
 * @example
 * ```ts
 * const { target, sigma } = normaliseForLift(seq2d);
 * ```
 */
export function normaliseForLift(sequence: PoseSequence<2>): LiftNormalisation {
  const { frames, joints, data, confidence } = sequence;
  const n = frames * joints;
  let count = 0;
  let sx = 0;
  let sy = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    if (!(confidence[i]! > 0)) continue;
    const xi = data[i * 2]!;
    const yi = data[i * 2 + 1]!;
    count++;
    sx += xi;
    sy += yi;
    s2 += xi * xi + yi * yi;
  }
  if (count === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Cannot lift a sequence in which no joint is observed (all ${n} confidences are 0)`,
      { details: { frames, joints } },
    );
  }
  const meanX = sx / count;
  const meanY = sy / count;
  const mu = (sx + sy) / (2 * count);
  const sigma2 = s2 / (2 * count) - mu * mu;
  // A single observed point (σ = 0) or round-off: fall back to the raw scale.
  const sigma = sigma2 > 1e-12 * (1 + mu * mu) ? Math.sqrt(sigma2) : 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = confidence[i]!;
    if (!(c > 0)) continue;
    x[i] = (data[i * 2]! - meanX) / sigma;
    y[i] = (data[i * 2 + 1]! - meanY) / sigma;
    w[i] = c;
  }
  return { target: { frames, x, y, w }, meanX, meanY, sigma };
}
