/**
 * `PoseSequence`: one signer's poses over time, as flat typed arrays.
 *
 * Layout (C order): `data[(f * joints + j) * dims + d]`, `confidence[f * joints + j]`.
 * A confidence of 0 means the joint is missing in that frame; its coordinates are then meaningless
 * (usually 0).
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { Skeleton } from '../skeletons/skeleton.ts';

/** Number of coordinate axes: 2 (x, y) or 3 (x, y, z). */
export type Dims = 2 | 3;

/** Pose data of shape `[frames, joints, dims]` (flat). The shape lives in the owning sequence. */
export type PoseData = Float32Array;
/** Confidence of shape `[frames, joints]` (flat). */
export type ConfidenceData = Float32Array;

/** A single signer's pose sequence. */
export interface PoseSequence<D extends Dims = Dims> {
  /** The skeleton the joints are expressed in; `joints === skeleton.joints.length`. */
  readonly skeleton: Skeleton;
  /** Frames per second (> 0). */
  readonly fps: number;
  /** Number of frames. */
  readonly frames: number;
  /** Number of joints (the skeleton's). */
  readonly joints: number;
  /** Coordinate axes per joint. */
  readonly dims: D;
  /** `[frames, joints, dims]` coordinates. */
  readonly data: PoseData;
  /** `[frames, joints]` confidence in 0..1; 0 = missing. */
  readonly confidence: ConfidenceData;
}

/** Input of `createPoseSequence`: `joints` is taken from the skeleton; confidence defaults to all 1. */
export interface PoseSequenceInit<D extends Dims = Dims> {
  skeleton: Skeleton;
  fps: number;
  dims: D;
  data: Float32Array;
  confidence?: Float32Array;
  /** Number of frames; derived from `data.length` when absent. */
  frames?: number;
}

/**
 * Builds a `PoseSequence`, checking that every array has the length its shape says.
 *
 * @example
 * ```ts
 * const seq = createPoseSequence({ skeleton: getSkeleton('prompt2sign-50'), fps: 25, dims: 3,
 *   data: new Float32Array(10 * 50 * 3) }); // 10 frames, confidence all 1
 * ```
 */
export function createPoseSequence<D extends Dims>(init: PoseSequenceInit<D>): PoseSequence<D> {
  const joints = init.skeleton.joints.length;
  const { dims, data, fps } = init;
  if (dims !== 2 && dims !== 3) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `dims must be 2 or 3, got ${String(dims)}`);
  }
  if (!(fps > 0) || !Number.isFinite(fps)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `fps must be a positive finite number, got ${fps}`);
  }
  const perFrame = joints * dims;
  const frames = init.frames ?? data.length / perFrame;
  if (!Number.isInteger(frames) || frames < 0 || data.length !== frames * perFrame) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `data has ${data.length} values, which is not frames × ${joints} joints × ${dims} dims`,
      { details: { length: data.length, joints, dims, frames } },
    );
  }
  const confidence = init.confidence ?? new Float32Array(frames * joints).fill(1);
  if (confidence.length !== frames * joints) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `confidence has ${confidence.length} values, expected ${frames} frames × ${joints} joints = ${frames * joints}`,
    );
  }
  return { skeleton: init.skeleton, fps, frames, joints, dims, data, confidence };
}

/** Duration of a sequence in seconds. */
export function durationSeconds(seq: PoseSequence): number {
  return seq.frames / seq.fps;
}
