/**
 * Low-quality corruptions for the noisy fraction of the synthetic corpus: Gaussian jitter on every
 * coordinate, and dropped frames (runs of frames where the whole body or one hand is missing:
 * confidence 0, coordinates 0). Wrong timing is applied while rendering (see `renderSentence`).
 */
import type { Rng } from '../util/rng.ts';
import { JOINT } from './body-model.ts';

/**
 * The kinds of corruption; a noisy sample is flagged `noisy` and `noisy:<kind>`.
 *
 * @example
 * ```ts
 * const kinds = sample.flags?.filter((f) => f.startsWith('noisy:')); // e.g. ['noisy:jitter']
 * NOISE_KINDS.includes('jitter'); // true
 * ```
 */
export const NOISE_KINDS = ['jitter', 'dropped-frames', 'timing'] as const;
/** One kind of corruption. */
export type NoiseKind = (typeof NOISE_KINDS)[number];

/**
 * Adds Gaussian noise with σ drawn from 0.02..0.05 shoulder widths to every coordinate.
 *
 * @example
 * ```ts
 * addJitter(sequence.data, createRng(1)); // in place
 * ```
 */
export function addJitter(data: Float32Array, rng: Rng): void {
  const sigma = rng.uniform(0.02, 0.05);
  for (let i = 0; i < data.length; i++) data[i] = data[i]! + sigma * rng.normal();
}

/**
 * Drops 10–30 % of the frames (at least one) in 1–3 runs: per dropped frame either every joint or
 * one hand's 21 joints gets confidence 0 and coordinates 0. Data is `frames × joints × 3`.
 *
 * @example
 * ```ts
 * dropFrames(sequence.data, sequence.confidence, 50, createRng(1)); // in place
 * ```
 */
export function dropFrames(data: Float32Array, confidence: Float32Array, joints: number, rng: Rng): void {
  const frames = confidence.length / joints;
  if (frames === 0) return;
  const total = Math.max(1, Math.round(frames * rng.uniform(0.1, 0.3)));
  const runs = 1 + rng.int(3);
  let left = total;
  for (let r = 0; r < runs && left > 0; r++) {
    const length = r === runs - 1 ? left : Math.max(1, Math.round(total / runs));
    left -= length;
    const start = rng.int(Math.max(1, frames - length + 1));
    const part = rng.int(3); // 0: whole body, 1: left hand, 2: right hand
    const [first, count] = part === 0 ? [0, joints] : [part === 1 ? JOINT.leftHand : JOINT.rightHand, 21];
    for (let f = start; f < Math.min(frames, start + length); f++) {
      for (let j = first; j < first + count; j++) {
        confidence[f * joints + j] = 0;
        data.fill(0, (f * joints + j) * 3, (f * joints + j) * 3 + 3);
      }
    }
  }
}
