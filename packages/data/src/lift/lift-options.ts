/**
 * Options of `liftSequence`, their defaults and their validation. The default optimiser was chosen by
 * measurement on the three How2Sign sample clips (final loss, normalised units): the original plain
 * GD (lr 0.1 × 1000) ends at 0.01164 / 0.01672 / 0.01024; Adam lr 0.03 is already lower after 50
 * steps (0.00894 / 0.01279 / 0.00815) and after 300 steps reaches 0.00854 / 0.01236 / 0.00779, within
 * 0.2 % of the lowest we found (Adam lr 0.01 × 1000: 0.00852 / 0.01234 / 0.00778), in less than half
 * of GD × 1000's time. Learning-rate decay (cosine, linear) was worse at every budget up to 300 steps;
 * lr 0.01, 0.05 and 0.1 ended higher at 300 steps. A ‖a‖ ≈ 1 term (λ_dir 0.01) changed nothing.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '@signllm/core';
import type { ObjectiveWeights } from './lift-objective.ts';
import type { LiftOptimizer, LiftProgress } from './optimise-lift.ts';

/** Options of `liftSequence`. Weights are in normalised units (pooled σ = 1). */
export interface LiftOptions {
  /** Optimiser steps (default 300 for Adam, 1000 for GD as the original). 0 returns the initialisation. */
  iterations?: number;
  /** Step size (default 0.03 for Adam, 0.1 for GD as the original). */
  learningRate?: number;
  /** `'adam'` (default) or `'gd'` (plain gradient descent, the original). */
  optimizer?: LiftOptimizer;
  /** λ_len (default 0.001), λ_smooth (default 0.1), λ_dir on (‖a‖² − 1)² (default 0: measured no gain). */
  weights?: { length?: number; smooth?: number; direction?: number };
  /** Seed of the ±0.001 root noise of the initialisation (default 1234, as the original). */
  seed?: number;
  /** Called every `progressEvery` iterations and after the last one. */
  onProgress?: (progress: LiftProgress) => void;
  /** Iterations between `onProgress` calls (default 50). */
  progressEvery?: number;
}

/** Options with every default filled in. */
export interface ResolvedLiftOptions {
  readonly iterations: number;
  readonly learningRate: number;
  readonly optimizer: LiftOptimizer;
  readonly weights: ObjectiveWeights;
  readonly seed: number;
  readonly onProgress: ((progress: LiftProgress) => void) | undefined;
  readonly progressEvery: number;
}

/** The Prompt2Sign weights (length 0.001, smooth 0.1) and no direction term. */
export const DEFAULT_LIFT_WEIGHTS: ObjectiveWeights = Object.freeze({
  length: 0.001,
  smooth: 0.1,
  direction: 0,
});

/** Upper bound on `iterations`, so that a typo cannot hang a pipeline for hours. */
export const MAX_LIFT_ITERATIONS = 100_000;

const OPTIMIZERS: readonly LiftOptimizer[] = ['adam', 'gd'];

function bad(what: string, value: unknown): never {
  throw new SignLLMError(ERROR_CODES.invalidArgument, `liftSequence: ${what}, got ${String(value)}`, {
    details: { value: typeof value === 'number' || typeof value === 'string' ? value : String(value) },
  });
}

function weight(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    bad(`weights.${name} must be a finite number ≥ 0`, value);
  }
  return value;
}

/**
 * Fills in and checks the options; throws `invalidArgument` naming the bad option and its domain.
 *
 * @example
 * ```ts
 * resolveLiftOptions({ optimizer: 'gd' }).iterations; // 1000
 * ```
 */
export function resolveLiftOptions(options: LiftOptions = {}): ResolvedLiftOptions {
  if (typeof options !== 'object' || options === null) bad('options must be an object', options);
  const optimizer = options.optimizer ?? 'adam';
  if (!OPTIMIZERS.includes(optimizer))
    bad(`optimizer must be one of ${formatOptions(OPTIMIZERS)}`, optimizer);
  const iterations = options.iterations ?? (optimizer === 'adam' ? 300 : 1000);
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_LIFT_ITERATIONS) {
    bad(`iterations must be an integer in 0..${MAX_LIFT_ITERATIONS}`, iterations);
  }
  const learningRate = options.learningRate ?? (optimizer === 'adam' ? 0.03 : 0.1);
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    bad('learningRate must be a finite number > 0', learningRate);
  }
  const w = options.weights ?? {};
  if (typeof w !== 'object' || w === null) bad('weights must be an object', w);
  const weights: ObjectiveWeights = {
    length: weight(w.length, 'length', DEFAULT_LIFT_WEIGHTS.length),
    smooth: weight(w.smooth, 'smooth', DEFAULT_LIFT_WEIGHTS.smooth),
    direction: weight(w.direction, 'direction', DEFAULT_LIFT_WEIGHTS.direction),
  };
  const seed = options.seed ?? 1234;
  if (!Number.isSafeInteger(seed)) bad('seed must be a safe integer', seed);
  const progressEvery = options.progressEvery ?? 50;
  if (!Number.isInteger(progressEvery) || progressEvery < 1)
    bad('progressEvery must be an integer ≥ 1', progressEvery);
  const { onProgress } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function')
    bad('onProgress must be a function', onProgress);
  return { iterations, learningRate, optimizer, weights, seed, onProgress, progressEvery };
}
