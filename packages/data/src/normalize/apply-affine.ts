/**
 * The one transform behind every convention: per axis, `normalised = (value − centre) / (scale ×
 * divisor)`, with the centre and the scale either one for the sequence or one per frame; and its
 * inverse. Present points only: missing points (confidence not > 0) are copied unchanged.
 */
import { createPoseSequence, type Dims, type PoseSequence } from '@signllm/core';

/** A resolved affine normalisation. */
export interface AffineTransform {
  /** `dims` values, or `frames × dims` when `perFrame`. */
  readonly center: ArrayLike<number>;
  /** One value, or `frames` values when `perFrame`. */
  readonly scale: ArrayLike<number>;
  /** Fixed extra divisor (9, 3 or 1). */
  readonly divisor: number;
  /** Whether `center` and `scale` hold one row per frame. */
  readonly perFrame: boolean;
}

/**
 * Applies `transform` forward (`'normalise'`) or backward (`'denormalise'`) in float64, storing
 * float32. The two directions use the same `scale × divisor` product, so a round trip is exact to
 * float32 rounding.
 *
 * @example
 * ```ts
 * const n = applyAffine(seq, { center: [640, 360], scale: [200], divisor: 1, perFrame: false }, 'normalise');
 * ```
 */
export function applyAffine<D extends Dims>(
  seq: PoseSequence<D>,
  transform: AffineTransform,
  direction: 'normalise' | 'denormalise',
): PoseSequence<D> {
  const { frames, joints, dims, confidence } = seq;
  const data = seq.data.slice();
  const { center, scale, divisor, perFrame } = transform;
  for (let f = 0; f < frames; f++) {
    const k = scale[perFrame ? f : 0]! * divisor;
    const c0 = perFrame ? f * dims : 0;
    for (let j = 0; j < joints; j++) {
      const p = f * joints + j;
      if (!(confidence[p]! > 0)) continue;
      for (let d = 0; d < dims; d++) {
        const v = data[p * dims + d]!;
        const c = center[c0 + d]!;
        data[p * dims + d] = direction === 'normalise' ? (v - c) / k : v * k + c;
      }
    }
  }
  return createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims,
    frames,
    data,
    confidence: confidence.slice(),
  });
}
