/**
 * The lifter's optimisers over a flat Float64Array of parameters: plain gradient descent (the
 * Prompt2Sign original: TF1 `GradientDescentOptimizer`, lr 0.1, 1000 steps) and Adam. Every buffer
 * is allocated before the loop; an iteration allocates nothing.
 */
import type { LiftObjective } from './lift-objective.ts';

/** The optimisers. */
export type LiftOptimizer = 'adam' | 'gd';

/** Progress of a lift, reported every `progressEvery` iterations and after the last one. */
export interface LiftProgress {
  /** Iterations done so far. */
  readonly iteration: number;
  /** Iterations planned. */
  readonly iterations: number;
  /** Loss at the parameters before the latest step. */
  readonly loss: number;
}

/** Settings of `optimiseLift`. */
export interface OptimiseSettings {
  readonly optimizer: LiftOptimizer;
  readonly iterations: number;
  readonly learningRate: number;
  readonly onProgress?: ((progress: LiftProgress) => void) | undefined;
  readonly progressEvery?: number;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
/** Adam's ε (the usual 1e-8; measured the same final losses as 1e-12 on the How2Sign clips). */
const EPSILON = 1e-8;

/**
 * Minimises `objective` from `params` (updated in place). Returns the number of steps taken.
 *
 * @example
 * ```ts
 * optimiseLift(objective, params, { optimizer: 'adam', iterations: 300, learningRate: 0.01 });
 * ```
 */
export function optimiseLift(
  objective: LiftObjective,
  params: Float64Array,
  settings: OptimiseSettings,
): number {
  const { optimizer, iterations, learningRate: lr, onProgress } = settings;
  const every = Math.max(1, settings.progressEvery ?? 50);
  const n = params.length;
  const grad = new Float64Array(n);
  const m = optimizer === 'adam' ? new Float64Array(n) : grad;
  const v = optimizer === 'adam' ? new Float64Array(n) : grad;
  let b1 = 1;
  let b2 = 1;
  for (let it = 1; it <= iterations; it++) {
    const loss = objective.evaluate(params, grad);
    if (optimizer === 'gd') {
      for (let i = 0; i < n; i++) params[i] = params[i]! - lr * grad[i]!;
    } else {
      b1 *= BETA1;
      b2 *= BETA2;
      const step = (lr * Math.sqrt(1 - b2)) / (1 - b1);
      for (let i = 0; i < n; i++) {
        const g = grad[i]!;
        const mi = BETA1 * m[i]! + (1 - BETA1) * g;
        const vi = BETA2 * v[i]! + (1 - BETA2) * g * g;
        m[i] = mi;
        v[i] = vi;
        params[i] = params[i]! - (step * mi) / (Math.sqrt(vi) + EPSILON);
      }
    }
    if (onProgress !== undefined && (it % every === 0 || it === iterations)) {
      onProgress({ iteration: it, iterations, loss });
    }
  }
  return iterations;
}
