/**
 * Marking unusable joints as missing, and counting missing joints.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/** Options of `maskMissing`. */
export interface MaskMissingOptions {
  /** Confidences strictly below this are missing (default 0: only confidence 0, negative or NaN). */
  threshold?: number;
  /** Also treat joints whose coordinates are exactly 0 in every axis as missing (OpenPose style). */
  zeroAsMissing?: boolean;
}

/**
 * Returns a copy of `seq` in which every joint that is unusable gets confidence 0 and coordinates 0.
 * A joint is unusable when its confidence is not > 0 (0, negative or NaN), is below `threshold`, any
 * coordinate is NaN or ±Infinity, or — with `zeroAsMissing` — all its coordinates are exactly 0.
 * Other joints are copied unchanged, so confidence never increases.
 *
 * @example
 * ```ts
 * const clean = maskMissing(openposeSeq, { zeroAsMissing: true, threshold: 0.1 });
 * ```
 */
export function maskMissing<D extends Dims>(
  seq: PoseSequence<D>,
  options: MaskMissingOptions = {},
): PoseSequence<D> {
  const threshold = options.threshold ?? 0;
  if (!Number.isFinite(threshold) || threshold < 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `threshold must be a finite number >= 0, got ${String(threshold)}`,
      { details: { value: threshold } },
    );
  }
  const zeroAsMissing = options.zeroAsMissing ?? false;
  const { dims } = seq;
  const data = seq.data.slice();
  const confidence = seq.confidence.slice();
  for (let i = 0; i < confidence.length; i++) {
    const c = confidence[i]!;
    let missing = !(c > 0) || c < threshold;
    if (!missing) {
      let finite = true;
      let allZero = true;
      for (let d = 0; d < dims; d++) {
        const v = data[i * dims + d]!;
        if (!Number.isFinite(v)) finite = false;
        if (v !== 0) allZero = false;
      }
      missing = !finite || (zeroAsMissing && allZero);
    }
    if (missing) {
      confidence[i] = 0;
      data.fill(0, i * dims, (i + 1) * dims);
    }
  }
  return createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims,
    frames: seq.frames,
    data,
    confidence,
  });
}

/**
 * Counts the (frame, joint) entries that are missing: confidence not > 0 (0, negative or NaN).
 *
 * @example
 * ```ts
 * const ratio = countMissing(seq) / (seq.frames * seq.joints);
 * ```
 */
export function countMissing(seq: PoseSequence): number {
  let missing = 0;
  for (let i = 0; i < seq.frames * seq.joints; i++) if (!(seq.confidence[i]! > 0)) missing++;
  return missing;
}
