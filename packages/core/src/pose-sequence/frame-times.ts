/**
 * Timestamps of the frames of a sequence.
 */
import type { PoseSequence } from './pose-sequence.ts';

/**
 * The time of each frame in seconds: frame `f` is at `f / fps` (the first frame at 0).
 *
 * @example
 * ```ts
 * frameTimes(seq); // fps 25 → Float64Array [0, 0.04, 0.08, …]
 * ```
 */
export function frameTimes(seq: PoseSequence): Float64Array {
  const times = new Float64Array(seq.frames);
  for (let f = 0; f < seq.frames; f++) times[f] = f / seq.fps;
  return times;
}
