/**
 * Renders a motion primitive alone (body units, no signer variation) and compares motions: the mean
 * Euclidean distance of the moving joints (elbows, wrists, hands) over time-aligned frames. Used to
 * keep a lexicon's primitives apart and by tests to classify gloss segments.
 */
import { STATE_PARAMS } from './body-model.ts';
import { type MotionPrimitive, primitiveStateAt } from './motion-primitive.ts';
import { renderPoseState } from './pose-kinematics.ts';

/**
 * Joints that move in a sign (elbows, wrists, both hands); nose, neck and shoulders are fixed.
 *
 * @example
 * ```ts
 * MOVING_JOINTS.length; // 46
 * ```
 */
export const MOVING_JOINTS: readonly number[] = [3, 4, 6, 7, ...Array.from({ length: 42 }, (_, i) => 8 + i)];

/**
 * `frames` frames (≥ 2) of a primitive, time spread evenly from its start to its end, as flat
 * prompt2sign-50 data (`frames × 50 × 3`, body units).
 *
 * @example
 * ```ts
 * const data = renderPrimitive(entry.primitive, 16); // 16 × 150 values
 * ```
 */
export function renderPrimitive(primitive: MotionPrimitive, frames: number): Float32Array {
  const out = new Float32Array(frames * 150);
  const state = new Float64Array(STATE_PARAMS);
  for (let f = 0; f < frames; f++) {
    primitiveStateAt(primitive, frames === 1 ? 0 : f / (frames - 1), state);
    renderPoseState(state, out, f * 150);
  }
  return out;
}

/**
 * Mean distance between two equally long prompt2sign-50 3D motions (flat, `frames × 150`) over the
 * moving joints and all frames.
 *
 * @example
 * ```ts
 * motionDistance(renderPrimitive(a, 16), renderPrimitive(b, 16)); // 0 for the same primitive
 * ```
 */
export function motionDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const frames = Math.min(a.length, b.length) / 150;
  let sum = 0;
  for (let f = 0; f < frames; f++) {
    for (const j of MOVING_JOINTS) {
      const at = f * 150 + j * 3;
      const dx = a[at]! - b[at]!;
      const dy = a[at + 1]! - b[at + 1]!;
      const dz = a[at + 2]! - b[at + 2]!;
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return frames > 0 ? sum / (frames * MOVING_JOINTS.length) : 0;
}
