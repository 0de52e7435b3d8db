/**
 * Named, seeded model parameters. Each variable's initial values come from `createRng(seed).fork(name)`,
 * so they depend only on the seed and the name (not on creation order), and several groups (one per
 * language in MLSF) can live side by side under different name prefixes.
 */

import { ERROR_CODES, formatOptions, SignLLMError } from '@signllm/core';
import { createRng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';

/** How a parameter is initialised: xavier-uniform (matrices, embeddings), zeros (biases), ones (LN gains). */
export type ParamInit = 'xavier' | 'zeros' | 'ones';

/** One parameter as plain data (checkpoints, bundles). */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

/**
 * A set of named `tf.Variable`s created deterministically from a seed.
 *
 * @example
 * ```ts
 * const store = new ParamStore(27);
 * const w = store.create('ase/encoder/layer0/attention/wq', [512, 512], 'xavier');
 * store.count(); // 262144
 * const saved = store.toWeights();
 * store.loadWeights(saved);
 * store.dispose();
 * ```
 */
export class ParamStore {
  readonly seed: number;
  private readonly byName = new Map<string, tf.Variable>();

  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `seed ${seed} is not a finite number`);
    }
    this.seed = seed >>> 0;
  }

  /** Creates a trainable variable; a name may be created once. */
  create(name: string, shape: number[], init: ParamInit): tf.Variable {
    if (this.byName.has(name)) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `parameter "${name}" already exists`);
    }
    const size = shape.reduce((p, v) => p * v, 1);
    const data = new Float32Array(size);
    if (init === 'ones') data.fill(1);
    if (init === 'xavier') {
      const fanIn = shape.length >= 2 ? (shape[0] ?? 1) : 1;
      const fanOut = shape.length >= 2 ? (shape[1] ?? 1) : (shape[0] ?? 1);
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const rng = createRng(this.seed).fork(name);
      for (let i = 0; i < size; i++) data[i] = rng.uniform(-limit, limit);
    }
    const initial = tf.tensor(data, shape, 'float32');
    const variable = tf.variable(initial, true);
    initial.dispose();
    this.byName.set(name, variable);
    return variable;
  }

  /** The variable called `name`. */
  get(name: string): tf.Variable {
    const v = this.byName.get(name);
    if (v === undefined) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `unknown parameter "${name}"`, {
        details: { value: name },
      });
    }
    return v;
  }

  /** All variables, in creation order (what an optimiser minimises over). */
  get variables(): tf.Variable[] {
    return [...this.byName.values()];
  }

  /** All parameter names, in creation order. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Number of scalar parameters. */
  count(): number {
    let n = 0;
    for (const v of this.byName.values()) n += v.size;
    return n;
  }

  /** Copies every parameter out as plain data, in creation order. */
  toWeights(): NamedWeight[] {
    return [...this.byName.entries()].map(([name, v]) => ({
      name,
      shape: [...v.shape],
      data: Float32Array.from(v.dataSync() as Float32Array),
    }));
  }

  /**
   * Replaces every parameter's values. The list must name exactly this store's parameters with the same
   * shapes and finite values; otherwise nothing is changed and a `shapeMismatch` (or `invalidNumber`)
   * error names the offending weight.
   */
  loadWeights(list: readonly NamedWeight[]): void {
    const seen = new Set<string>();
    for (const w of list) {
      const v = this.byName.get(w.name);
      if (v === undefined) {
        throw new SignLLMError(
          ERROR_CODES.shapeMismatch,
          `weight "${w.name}" is not a parameter of this model`,
          {
            details: { value: w.name },
          },
        );
      }
      if (seen.has(w.name)) {
        throw new SignLLMError(ERROR_CODES.shapeMismatch, `weight "${w.name}" is listed twice`);
      }
      seen.add(w.name);
      const size = w.shape.reduce((p, s) => p * s, 1);
      if (
        w.shape.length !== v.shape.length ||
        w.shape.some((s, i) => s !== v.shape[i]) ||
        w.data.length !== size
      ) {
        throw new SignLLMError(
          ERROR_CODES.shapeMismatch,
          `weight "${w.name}" has shape [${w.shape}] (${w.data.length} values), expected [${v.shape}]`,
          { details: { value: w.name, shape: w.shape, expected: v.shape } },
        );
      }
      for (let i = 0; i < w.data.length; i++) {
        if (!Number.isFinite(w.data[i])) {
          throw new SignLLMError(
            ERROR_CODES.invalidNumber,
            `weight "${w.name}" has a non-finite value at ${i}`,
          );
        }
      }
    }
    const missing = this.names().filter((n) => !seen.has(n));
    if (missing.length > 0) {
      throw new SignLLMError(ERROR_CODES.shapeMismatch, `missing weights: ${formatOptions(missing, 5)}`, {
        details: { missing },
      });
    }
    for (const w of list) {
      const t = tf.tensor(w.data, w.shape, 'float32');
      this.get(w.name).assign(t);
      t.dispose();
    }
  }

  /** Disposes every variable; the store is empty afterwards. */
  dispose(): void {
    for (const v of this.byName.values()) v.dispose();
    this.byName.clear();
  }
}
