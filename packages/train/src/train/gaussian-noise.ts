/**
 * Progressive Transformers' Gaussian-noise augmentation (paper digest §8.3): over each epoch the
 * per-dimension error (prediction − truth) of the joint values is accumulated; during the next epoch,
 * `rate · N(0,1) · std` of the previous epoch is added to every teacher-forced decoder input frame
 * (not to the BOS row, not to padding, never to the counter). Serialisable for checkpoints.
 */
import { createRng, hashString } from '@signllm/data';
import type { PoseBatch } from '../model/batch-types.ts';
import { JOINT_VALUES } from '../model/batch-types.ts';

/** JSON form of `GaussianNoise` (checkpoints). */
export interface GaussianNoiseState {
  std: number[] | null;
  sum: number[];
  squares: number[];
  frames: number;
}

/** Running error statistics and the noise they drive. */
export class GaussianNoise {
  /** Per-dimension std of the last finished epoch, or undefined before the first epoch ends. */
  std: Float64Array | undefined;
  private sum = new Float64Array(JOINT_VALUES);
  private squares = new Float64Array(JOINT_VALUES);
  private frames = 0;

  constructor(readonly rate: number) {}

  /** Adds one step's error sums (from `trainPoseStep` with `errorStats`). */
  observe(sum: Float64Array, squares: Float64Array, frames: number): void {
    for (let d = 0; d < JOINT_VALUES; d++) {
      this.sum[d]! += sum[d]!;
      this.squares[d]! += squares[d]!;
    }
    this.frames += frames;
  }

  /** Closes an epoch: its statistics become the noise scale of the next one. */
  endEpoch(): void {
    if (this.frames === 0) return;
    const std = new Float64Array(JOINT_VALUES);
    for (let d = 0; d < JOINT_VALUES; d++) {
      const mean = this.sum[d]! / this.frames;
      std[d] = Math.sqrt(Math.max(0, this.squares[d]! / this.frames - mean * mean));
    }
    this.std = std;
    this.sum.fill(0);
    this.squares.fill(0);
    this.frames = 0;
  }

  /**
   * Adds the noise to `batch.decoderInput` in place (seeded by `seed`); a no-op before the first
   * epoch's statistics exist or when the rate is 0.
   *
   * @example
   * ```ts
   * noise.apply(batch, hashString(`27:noise:${step}`));
   * ```
   */
  apply(batch: PoseBatch, seed: number): void {
    const std = this.std;
    if (!std || this.rate === 0) return;
    const rng = createRng(seed);
    const width = JOINT_VALUES + 1;
    for (let b = 0; b < batch.size; b++) {
      for (let t = 1; t < batch.frames; t++) {
        if (batch.frameMask[b * batch.frames + t] === 0) continue;
        const base = (b * batch.frames + t) * width;
        for (let d = 0; d < JOINT_VALUES; d++) {
          batch.decoderInput[base + d]! += this.rate * rng.normal() * std[d]!;
        }
      }
    }
  }

  toJSON(): GaussianNoiseState {
    return {
      std: this.std ? [...this.std] : null,
      sum: [...this.sum],
      squares: [...this.squares],
      frames: this.frames,
    };
  }

  /** Restores the state saved by `toJSON`. */
  static fromJSON(rate: number, state: GaussianNoiseState): GaussianNoise {
    const noise = new GaussianNoise(rate);
    noise.std = state.std ? Float64Array.from(state.std) : undefined;
    noise.sum = Float64Array.from(state.sum);
    noise.squares = Float64Array.from(state.squares);
    noise.frames = state.frames;
    return noise;
  }
}

/** The noise seed of a step. */
export function noiseSeed(seed: number, step: number): number {
  return hashString(`${seed}:noise:${step}`);
}
