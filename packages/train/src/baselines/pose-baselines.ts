/**
 * Non-learned reference points for pose models, in the model's frame layout (`[T × 151]`: 150 joint
 * values + the progress counter (t+1)/T), so they are scored with PT's DTW exactly like a model:
 * - mean pose: the training set's mean frame repeated for the requested length;
 * - nearest neighbour: the training sequence whose gloss sequence shares the most glosses in order
 *   (longest common subsequence; ties → the first such sequence) is returned as the prediction.
 */
import { dtwProgressiveTransformers, ERROR_CODES, lcsLength, SignLLMError } from '@signllm/core';
import { JOINT_VALUES as JOINTS, FRAME_WIDTH as WIDTH } from '../model/batch-types.ts';

/** Longest sequence a baseline builds (frames). */
const MAX_FRAMES = 1_000_000;

function checkFrames(frames: Float32Array, what: string): number {
  if (!(frames instanceof Float32Array) || frames.length === 0 || frames.length % WIDTH !== 0) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `${what}: expected a non-empty Float32Array of T × ${WIDTH} values (joints + counter), got ${frames instanceof Float32Array ? `${frames.length} values` : typeof frames}`,
    );
  }
  return frames.length / WIDTH;
}

/** Splits a gloss string into tokens (whitespace). */
function tokensOf(gloss: string): string[] {
  return gloss.split(/\s+/).filter(Boolean);
}

/**
 * The mean of every joint value over all frames of the given `[T × 151]` sequences (150 values).
 *
 * @example
 * ```ts
 * const mean = meanFrameOf(trainRows.map(targetFrames));
 * ```
 */
export function meanFrameOf(sequences: readonly Float32Array[]): Float32Array {
  if (sequences.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'meanFrameOf: expected at least one sequence, got none',
    );
  }
  const sum = new Float64Array(JOINTS);
  let frames = 0;
  sequences.forEach((seq, i) => {
    const n = checkFrames(seq, `meanFrameOf: sequence ${i}`);
    for (let t = 0; t < n; t++) for (let j = 0; j < JOINTS; j++) sum[j]! += seq[t * WIDTH + j]!;
    frames += n;
  });
  return Float32Array.from(sum, (s) => s / frames);
}

/**
 * The mean-pose baseline: `meanFrame` (150 joint values, e.g. from `meanFrameOf`) repeated for
 * `length` frames, with the counters (t+1)/length.
 *
 * @example
 * ```ts
 * const hyp = meanPoseBaseline(meanFrameOf(train), row.sequence.frames);
 * scorePoseFrames(targetFrames(row), hyp);
 * ```
 */
export function meanPoseBaseline(meanFrame: Float32Array, length: number): Float32Array {
  if (!(meanFrame instanceof Float32Array) || meanFrame.length !== JOINTS) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `meanPoseBaseline: expected a mean frame of ${JOINTS} joint values, got ${meanFrame instanceof Float32Array ? meanFrame.length : typeof meanFrame}`,
    );
  }
  if (!Number.isInteger(length) || length < 1 || length > MAX_FRAMES) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `meanPoseBaseline: length must be an integer from 1 to ${MAX_FRAMES}, got ${String(length)}`,
    );
  }
  const out = new Float32Array(length * WIDTH);
  for (let t = 0; t < length; t++) {
    out.set(meanFrame, t * WIDTH);
    out[t * WIDTH + JOINTS] = (t + 1) / length;
  }
  return out;
}

/** One retrievable training example of `nearestNeighbourBaseline`. */
export interface NeighbourExample {
  /** Space-separated glosses. */
  gloss: string;
  /** `[T × 151]` frames (e.g. `targetFrames(row)`). */
  frames: Float32Array;
}

/** What `nearestNeighbourBaseline` retrieved. */
export interface NeighbourPrediction {
  /** Index of the retrieved example. */
  index: number;
  /** Its similarity: glosses shared in order (LCS length). */
  similarity: number;
  /** Its frames (the array given, not a copy). */
  frames: Float32Array;
}

/**
 * Glosses two gloss sequences share in order: the length of their longest common subsequence.
 *
 * @example
 * ```ts
 * glossSimilarity('HOUSE BIG', 'BIG HOUSE RED'); // 1
 * ```
 */
export function glossSimilarity(a: string, b: string): number {
  return lcsLength(tokensOf(a), tokensOf(b));
}

/**
 * The nearest-neighbour (retrieval) baseline: the training example whose glosses share the most
 * glosses in order with `gloss`; ties go to the first such example.
 *
 * @example
 * ```ts
 * const { frames } = nearestNeighbourBaseline(train.map((r) => ({ gloss: r.gloss, frames: targetFrames(r) })), 'HOUSE BIG');
 * ```
 */
export function nearestNeighbourBaseline(
  train: readonly NeighbourExample[],
  gloss: string,
): NeighbourPrediction {
  if (train.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'nearestNeighbourBaseline: expected at least one training example, got none',
    );
  }
  const query = tokensOf(gloss);
  let best = -1;
  let bestScore = -1;
  train.forEach((example, i) => {
    checkFrames(example.frames, `nearestNeighbourBaseline: example ${i}`);
    const score = lcsLength(query, tokensOf(example.gloss));
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return { index: best, similarity: bestScore, frames: train[best]!.frames };
}

/**
 * PT DTW (normalised by the reference length) of a prediction against a reference, both `[T × 151]`,
 * scored as `evaluatePoseModel` scores a model: a BOS frame is prepended to the hypothesis, and both
 * are cut at their counter maximum.
 *
 * @example
 * ```ts
 * scorePoseFrames(targetFrames(row), meanPoseBaseline(mean, row.sequence.frames));
 * ```
 */
export function scorePoseFrames(reference: Float32Array, hypothesis: Float32Array): number {
  checkFrames(reference, 'scorePoseFrames: reference');
  checkFrames(hypothesis, 'scorePoseFrames: hypothesis');
  const withBos = new Float32Array(hypothesis.length + WIDTH);
  withBos.set(hypothesis, WIDTH);
  return dtwProgressiveTransformers(reference, withBos, { width: WIDTH }).normalized;
}
