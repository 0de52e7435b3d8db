/**
 * Adam for one group of variables, written out (rather than `tf.train.adam`) so that its state has
 * stable names for checkpoints (`<weight>/m`, `<weight>/v`, one step counter per group), the learning
 * rate can change between steps (plateau schedule), and groups (MLSF languages) stay independent.
 * Weight decay, when set, is decoupled (AdamW): w ← w − lr·wd·w.
 */

import { ERROR_CODES, SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '../run/index.ts';

/** Adam hyper-parameters. */
export interface AdamSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

/** The optimiser section of a training or back-translation config. */
export interface OptimiserConfig {
  betas: readonly [number, number];
  epsilon: number;
  weightDecay: number;
}

/** Adam state of one variable group. */
export class Adam {
  /** Steps taken (bias correction). */
  steps = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    readonly names: readonly string[],
    readonly variables: readonly tf.Variable[],
    readonly settings: AdamSettings,
  ) {
    // tidy frees the zeros the variables are copied from (variables themselves survive a tidy)
    this.m = tf.tidy(() => variables.map((x) => tf.variable(tf.zerosLike(x), false)));
    this.v = tf.tidy(() => variables.map((x) => tf.variable(tf.zerosLike(x), false)));
  }

  /**
   * Adam over every variable of a parameter store, with a config's `optimiser` settings.
   *
   * @example
   * ```ts
   * const adam = Adam.forParams(net.params, config.optimiser);
   * ```
   */
  static forParams(
    params: { names(): string[]; readonly variables: readonly tf.Variable[] },
    optimiser: OptimiserConfig,
  ): Adam {
    return new Adam(params.names(), params.variables, {
      beta1: optimiser.betas[0],
      beta2: optimiser.betas[1],
      epsilon: optimiser.epsilon,
      weightDecay: optimiser.weightDecay,
    });
  }

  /**
   * One update with gradients aligned with `variables`.
   *
   * @example
   * ```ts
   * adam.apply(grads, 1e-3);
   * ```
   */
  apply(grads: readonly tf.Tensor[], lr: number): void {
    this.steps++;
    const { beta1, beta2, epsilon, weightDecay } = this.settings;
    const c1 = 1 - beta1 ** this.steps;
    const c2 = 1 - beta2 ** this.steps;
    tf.tidy(() => {
      for (let i = 0; i < this.variables.length; i++) {
        const g = grads[i]!;
        const w = this.variables[i]!;
        const m = tf.add(tf.mul(this.m[i]!, beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[i]!, beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[i]!.assign(m);
        this.v[i]!.assign(v);
        let update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon));
        if (weightDecay > 0) update = tf.add(update, tf.mul(w, weightDecay));
        w.assign(tf.sub(w, tf.mul(update, lr)));
      }
    });
  }

  /** Moments as named tensors (for checkpoints). */
  toTensors(): NamedTensor[] {
    const out: NamedTensor[] = [];
    for (let i = 0; i < this.names.length; i++) {
      out.push({
        name: `${this.names[i]}/m`,
        shape: this.m[i]!.shape,
        data: this.m[i]!.dataSync() as Float32Array,
      });
      out.push({
        name: `${this.names[i]}/v`,
        shape: this.v[i]!.shape,
        data: this.v[i]!.dataSync() as Float32Array,
      });
    }
    return out;
  }

  /** Restores moments saved by `toTensors` (and the step count). */
  load(tensors: readonly NamedTensor[], steps: number): void {
    const byName = new Map(tensors.map((t) => [t.name, t]));
    for (let i = 0; i < this.names.length; i++) {
      for (const [slot, target] of [
        ['m', this.m[i]!],
        ['v', this.v[i]!],
      ] as const) {
        const saved = byName.get(`${this.names[i]}/${slot}`);
        if (!saved || saved.data.length !== target.size) {
          throw new SignLLMError(
            ERROR_CODES.shapeMismatch,
            `Optimizer state for ${this.names[i]}/${slot} is ${saved ? `of size ${saved.data.length}, expected ${target.size}` : 'missing'}`,
          );
        }
        tf.tidy(() => target.assign(tf.tensor(saved.data, target.shape)));
      }
    }
    this.steps = steps;
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
