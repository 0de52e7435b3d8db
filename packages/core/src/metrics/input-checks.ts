/**
 * Shared argument checks of the metrics: finite numbers, frame widths, list lengths, pose pairs.
 * Internal to `src/metrics` (not re-exported by the barrel).
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { PoseSequence } from '../pose-sequence/pose-sequence.ts';
import { isFloat32Array } from '../util/typed-array-checks.ts';

/**
 * Checks that `values` holds whole frames of `width` values, at least one frame, all finite.
 * Returns the number of frames.
 */
export function assertFrames(values: Float32Array, width: number, label: string): number {
  if (!isFloat32Array(values)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${label} must be a Float32Array`);
  }
  if (!Number.isInteger(width) || width < 1) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `width must be a positive integer (values per frame), got ${String(width)}`,
    );
  }
  if (values.length % width !== 0) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `${label} has ${values.length} values, which is not a whole number of frames of width ${width}`,
      { details: { length: values.length, width } },
    );
  }
  const frames = values.length / width;
  if (frames === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${label} has no frames; DTW needs at least one`);
  }
  assertFinite(values, width, label);
  return frames;
}

/** Throws `invalidNumber` at the first NaN or ±Infinity, naming the frame it sits in. */
export function assertFinite(values: Float32Array, width: number, label: string): void {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) {
      const frame = Math.floor(k / width);
      throw new SignLLMError(
        ERROR_CODES.invalidNumber,
        `${label} holds ${String(v)} at value ${k % width} of frame ${frame}; metrics need finite numbers`,
        { position: { source: label, frame } },
      );
    }
  }
}

/** Checks two lists have the same length (hypotheses vs references). */
export function assertSameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (!Array.isArray(a) || !Array.isArray(b)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${what}: hypotheses and references must be arrays`);
  }
  if (a.length !== b.length) {
    throw new SignLLMError(
      ERROR_CODES.misaligned,
      `${what}: ${a.length} hypotheses but ${b.length} references; each hypothesis needs its reference(s)`,
      { details: { hypotheses: a.length, references: b.length } },
    );
  }
}

/**
 * Checks that two pose sequences can be compared joint by joint: same joint count and dims, at least
 * one frame each, finite coordinates and confidences.
 */
export function assertPosePair(ref: PoseSequence, hyp: PoseSequence): void {
  if (ref.joints !== hyp.joints || ref.dims !== hyp.dims) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `reference has ${ref.joints} joints × ${ref.dims} dims but hypothesis has ${hyp.joints} × ${hyp.dims}; ` +
        'map both to one skeleton first',
      { details: { ref: [ref.joints, ref.dims], hyp: [hyp.joints, hyp.dims] } },
    );
  }
  for (const [seq, label] of [
    [ref, 'reference'],
    [hyp, 'hypothesis'],
  ] as const) {
    if (seq.frames < 1) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `${label} pose sequence has no frames`);
    }
    if (
      seq.data.length !== seq.frames * seq.joints * seq.dims ||
      seq.confidence.length !== seq.frames * seq.joints
    ) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `${label} pose sequence arrays do not match ${seq.frames} frames × ${seq.joints} joints × ${seq.dims} dims`,
      );
    }
    assertFinite(seq.data, seq.joints * seq.dims, `${label} pose data`);
    assertFinite(seq.confidence, seq.joints, `${label} confidence`);
  }
}
