/**
 * Validation of the sequence given to `liftSequence`: a 2D `prompt2sign-50` sequence with at least
 * one frame, arrays of the right length, finite coordinates and confidences in [0, ∞).
 */
import { ERROR_CODES, type PoseSequence, SignLLMError } from '@signllm/core';

/** The skeleton the lifter works on. */
export const LIFT_SKELETON = 'prompt2sign-50';

/** Most frames one call lifts (~2.3 h at 24 fps; the optimiser holds ~10 KB per frame). */
export const MAX_LIFT_FRAMES = 200_000;

/**
 * Throws a `SignLLMError` unless `sequence` can be lifted: `invalidArgument` (not an object, wrong
 * skeleton, dims ≠ 2, no frames), `tooLarge` (over `MAX_LIFT_FRAMES`), `shapeMismatch` (array
 * lengths), `invalidNumber` (NaN/±Infinity coordinate or confidence, negative confidence; with the frame).
 *
 * @example
 * ```ts
 * checkLiftInput(mapSkeleton(openPoseSeq, 'prompt2sign-50'));
 * ```
 */
export function checkLiftInput(sequence: PoseSequence): asserts sequence is PoseSequence<2> {
  if (typeof sequence !== 'object' || sequence === null || typeof sequence.skeleton !== 'object') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `liftSequence expects a PoseSequence, got ${String(sequence)}`,
    );
  }
  const { skeleton, dims, frames, joints, data, confidence } = sequence;
  if (skeleton.name !== LIFT_SKELETON || joints !== 50 || skeleton.joints.length !== 50) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `liftSequence lifts "${LIFT_SKELETON}" sequences (50 joints), got "${skeleton.name}" with ${joints} joints; ` +
        `convert first with mapSkeleton(sequence, '${LIFT_SKELETON}')`,
      { details: { skeleton: skeleton.name, expected: LIFT_SKELETON } },
    );
  }
  if (dims !== 2) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `liftSequence lifts 2D sequences, got dims ${String(dims)}${dims === 3 ? ' (already 3D)' : ''}`,
      { details: { dims } },
    );
  }
  if (!Number.isInteger(frames) || frames < 1) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `liftSequence needs at least 1 frame, got ${frames}`,
      {
        details: { frames },
      },
    );
  }
  if (frames > MAX_LIFT_FRAMES) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `liftSequence lifts at most ${MAX_LIFT_FRAMES} frames at once, got ${frames}; split the sequence`,
      { details: { frames, limit: MAX_LIFT_FRAMES } },
    );
  }
  if (!(data instanceof Float32Array) || data.length !== frames * 50 * 2) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `liftSequence: data has ${data?.length} values, expected ${frames} frames × 50 joints × 2 = ${frames * 100}`,
    );
  }
  if (!(confidence instanceof Float32Array) || confidence.length !== frames * 50) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `liftSequence: confidence has ${confidence?.length} values, expected ${frames} frames × 50 joints = ${frames * 50}`,
    );
  }
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i]!)) continue;
    const frame = Math.floor(i / 100);
    const joint = Math.floor(i / 2) % 50;
    throw new SignLLMError(
      ERROR_CODES.invalidNumber,
      `liftSequence: coordinate ${i % 2 === 0 ? 'x' : 'y'} of joint ${joint} in frame ${frame} is ${data[i]}; ` +
        'coordinates must be finite (mark a missing joint with confidence 0)',
      { position: { frame }, details: { joint, value: data[i] } },
    );
  }
  for (let i = 0; i < confidence.length; i++) {
    const c = confidence[i]!;
    if (Number.isFinite(c) && c >= 0) continue;
    const frame = Math.floor(i / 50);
    throw new SignLLMError(
      ERROR_CODES.invalidNumber,
      `liftSequence: confidence of joint ${i % 50} in frame ${frame} is ${c}; expected a finite number ≥ 0`,
      { position: { frame }, details: { joint: i % 50, value: c } },
    );
  }
}
