/**
 * Reads one joint of one frame as a small object.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { resolveJoint } from './joint-index.ts';
import type { PoseSequence } from './pose-sequence.ts';

/** One joint in one frame. `z` is present only for 3D sequences. `confidence` 0 means missing. */
export interface JointValue {
  x: number;
  y: number;
  z?: number;
  confidence: number;
}

/**
 * Returns the coordinates and confidence of `joint` (index or name) in frame `frame` (0-based).
 *
 * @example
 * ```ts
 * const { x, y, z, confidence } = getJoint(seq, 0, 'RWrist');
 * ```
 */
export function getJoint(seq: PoseSequence, frame: number, joint: number | string): JointValue {
  if (!Number.isInteger(frame) || frame < 0 || frame >= seq.frames) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      seq.frames === 0
        ? `frame ${String(frame)} does not exist: the sequence has no frames`
        : `frame ${String(frame)} is outside 0..${seq.frames - 1}`,
      { details: { value: frame, frames: seq.frames } },
    );
  }
  const j = resolveJoint(seq.skeleton, joint);
  const at = (frame * seq.joints + j) * seq.dims;
  const value: JointValue = {
    x: seq.data[at]!,
    y: seq.data[at + 1]!,
    confidence: seq.confidence[frame * seq.joints + j]!,
  };
  if (seq.dims === 3) value.z = seq.data[at + 2]!;
  return value;
}
