/**
 * One optimiser step: forward, the loss (plain MSE, or the RL loss over per-sequence rewards with the
 * Priority Learning Channel's skip of a batch's low-reward part), gradients of the routed group only,
 * global-norm clipping, Adam. Also returns what the trainer needs afterwards: per-sample rewards (PLC
 * priorities) and, when Gaussian noise is on, per-dimension error sums (its running statistics).
 *
 * The losses (documented in the package README):
 * - `mse`: mean over every valid (frame, value) of the batch: long sequences weigh more (as PT).
 * - `rl`: reward r_i = −MSE_i, the masked mean over sequence i; the loss is −mean_{i∈K} r_i over the
 *   kept set K (every sequence weighs the same, whatever its length). With PLC, K drops the samples
 *   whose reward is below the batch's `skipQuantile` quantile; without PLC, K is the whole batch.
 */

import type { LossKind } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import { skipMask } from '../data/index.ts';
import type { PoseBatch, TokenBatch } from '../model/batch-types.ts';
import { JOINT_VALUES } from '../model/batch-types.ts';
import type { PoseTransformer } from '../model/pose-transformer.ts';
import type { TokenTransformer } from '../model/token-transformer.ts';
import type { Adam } from './adam.ts';

/** Loss settings of a step. */
export interface StepLoss {
  kind: LossKind;
  /** PLC on: skip samples whose reward is below this batch quantile (0 = keep all). */
  skipQuantile: number;
}

/** What one step did. */
export interface StepResult {
  /** The optimised loss value. */
  loss: number;
  /** Per-sample MSE (reward = −mse). */
  sampleMse: Float32Array;
  /** Samples that contributed to the loss. */
  kept: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Σ error and Σ error² per joint value over valid frames (when `errorStats` was asked). */
  errorSum?: Float64Array;
  errorSquares?: Float64Array;
  /** Valid frames the error sums cover. */
  errorFrames?: number;
}

/** Options of `trainStep`. */
export interface TrainStepOptions {
  loss: StepLoss;
  gradClip: number;
  /** Learning rate of this step. */
  lr: number;
  /** Dropout seed of this step. */
  seed: number;
  /** Collect per-dimension error sums (Gaussian noise statistics). */
  errorStats?: boolean;
}

function weightsFor(sampleMse: Float32Array, lengths: Int32Array, loss: StepLoss): Float32Array {
  const n = sampleMse.length;
  if (loss.kind === 'mse') {
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) w[i] = lengths[i]!;
    return w;
  }
  if (loss.skipQuantile <= 0) return new Float32Array(n).fill(1);
  const rewards = new Float32Array(n);
  for (let i = 0; i < n; i++) rewards[i] = -sampleMse[i]!;
  return skipMask(rewards, loss.skipQuantile);
}

function clipAndApply(optimizer: Adam, grads: tf.NamedTensorMap, gradClip: number, lr: number): number {
  return tf.tidy(() => {
    const list = optimizer.variables.map((v) => {
      const g = grads[v.name];
      if (!g) throw new Error(`no gradient for ${v.name}`);
      return g;
    });
    const norm = tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g))))).dataSync()[0]!;
    const scale = gradClip > 0 && norm > gradClip ? gradClip / norm : 1;
    optimizer.apply(
      list.map((g) => (scale === 1 ? g : tf.mul(g, scale))),
      lr,
    );
    return norm;
  });
}

/**
 * The shared part of a step: per-sample losses from `perSample` (run under the gradient tape), the
 * weighting of `loss`, gradients of `variables`, clipping and Adam.
 */
function optimise(
  variables: tf.Variable[],
  optimizer: Adam,
  lengths: Int32Array,
  options: TrainStepOptions,
  perSample: () => tf.Tensor1D,
): StepResult {
  let sampleMse: Float32Array = new Float32Array(0);
  let kept = 0;
  const { value, grads } = tf.variableGrads(() => {
    const per = perSample();
    sampleMse = per.dataSync() as Float32Array;
    const weights = weightsFor(sampleMse, lengths, options.loss);
    kept = weights.reduce((n, w) => n + (w > 0 ? 1 : 0), 0);
    const total = weights.reduce((a, b) => a + b, 0);
    return tf.div(tf.sum(tf.mul(per, tf.tensor1d(weights))), total) as tf.Scalar;
  }, variables);
  const loss = value.dataSync()[0]!;
  value.dispose();
  const gradNorm = clipAndApply(optimizer, grads, options.gradClip, options.lr);
  tf.dispose(grads);
  return { loss, sampleMse, kept, gradNorm };
}

/** Σ error and Σ error² per joint value over the valid frames of a batch (Gaussian-noise statistics). */
function errorSums(
  batch: PoseBatch,
  pred: tf.Tensor,
): Pick<StepResult, 'errorSum' | 'errorSquares' | 'errorFrames'> {
  const [sum, squares] = tf.tidy(() => {
    const target = tf.tensor3d(batch.target, [batch.size, batch.frames, batch.outputWidth]);
    const mask = tf.tensor3d(batch.frameMask, [batch.size, batch.frames, 1]);
    const error = tf.mul(
      tf.sub(
        tf.slice(pred, [0, 0, 0], [-1, -1, JOINT_VALUES]),
        tf.slice(target, [0, 0, 0], [-1, -1, JOINT_VALUES]),
      ),
      mask,
    );
    return [tf.sum(error, [0, 1]), tf.sum(tf.square(error), [0, 1])];
  });
  const out = {
    errorSum: Float64Array.from(sum!.dataSync()),
    errorSquares: Float64Array.from(squares!.dataSync()),
    errorFrames: batch.frameMask.reduce((a, b) => a + b, 0),
  };
  tf.dispose([sum!, squares!]);
  return out;
}

/**
 * One step of a pose model (MLSF group or stage 2).
 *
 * @example
 * ```ts
 * const result = trainPoseStep(group.net, optimizer, batch, { loss: { kind: 'mse', skipQuantile: 0 }, gradClip: 5, lr: 1e-3, seed: 1 });
 * ```
 */
export function trainPoseStep(
  net: PoseTransformer,
  optimizer: Adam,
  batch: PoseBatch,
  options: TrainStepOptions,
): StepResult {
  let stats: Pick<StepResult, 'errorSum' | 'errorSquares' | 'errorFrames'> = {};
  const result = optimise(net.params.variables, optimizer, batch.lengths, options, () => {
    const pred = net.forward(batch, { training: true, seed: options.seed });
    if (options.errorStats) stats = errorSums(batch, pred);
    return net.sampleLosses(batch, pred);
  });
  return { ...result, ...stats };
}

/**
 * One step of the stage 1 token model (per-sample cross-entropy; `rl` uses reward = −cross-entropy).
 *
 * @example
 * ```ts
 * const result = trainTokenStep(net, optimizer, batch, { loss: { kind: 'mse', skipQuantile: 0 }, gradClip: 5, lr: 1e-3, seed: 1 });
 * ```
 */
export function trainTokenStep(
  net: TokenTransformer,
  optimizer: Adam,
  batch: TokenBatch,
  options: TrainStepOptions,
): StepResult {
  return optimise(net.params.variables, optimizer, batch.lengths, options, () =>
    net.sampleLosses(batch, net.forward(batch, { training: true, seed: options.seed })),
  );
}
