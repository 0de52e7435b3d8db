/**
 * The Priority Learning Channel (SignLLM §4.4, paper.md §4–5): every example's latest reward
 * r = −MSE, turned into sampling weights P(i) ∝ p_i^η, and the per-batch skip rule. The paper gives
 * neither the priority transform nor η nor the skip reference ("if the reward is less than 50%"),
 * and r ≤ 0 makes its literal r^η ill-defined; the choices made here are documented on each export.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '@signllm/core';
import { checkInteger, checkNumber } from './check-args.ts';

/** Priority transforms. */
export const PRIORITY_TRANSFORMS = ['exp', 'inverse', 'rank'] as const;
/** How rewards become priorities p (weights are p^η). */
export type PriorityTransform = (typeof PRIORITY_TRANSFORMS)[number];

/** Options of `PriorityTable.weights`. */
export interface PriorityWeightOptions {
  /**
   * - `'exp'` (default): z = (r − mean) / max(std, 1e-12) over the table, p = exp(z), so weights are
   *   exp(η·z). Standardising makes η scale-free: η = 1 means the same for any pose scale.
   * - `'inverse'`: p = 1 / (MSE + epsilon), MSE = −r.
   * - `'rank'`: p = 1 / rank, rank 1 = highest reward (equal rewards share the best rank).
   */
  transform?: PriorityTransform;
  /** Prioritisation intensity η ≥ 0 (default 1); 0 gives uniform weights. */
  eta?: number;
  /** Added to the MSE by `'inverse'` (> 0; default 1e-6). */
  epsilon?: number;
}

/** Checkpoint form of a `PriorityTable` (NaN rewards as `null`). */
export interface PriorityTableJson {
  version: 1;
  rewards: (number | null)[];
}

/** Largest table (examples). */
const MAX_EXAMPLES = 2 ** 28;

/**
 * Latest reward of every example (NaN until seen) and the sampling weights derived from them.
 * Unseen examples count as the mean of the seen rewards when weights are computed, so they are
 * neither favoured nor starved; with nothing seen every weight is 1.
 *
 * @example
 * ```ts
 * const table = new PriorityTable(index.examples.length);
 * table.update(batch.rows, perSampleRewards); // r = −MSE per sample
 * const weights = table.weights({ transform: 'exp', eta: 1 });
 * planEpoch({ ...plan, weights });
 * ```
 */
export class PriorityTable {
  readonly size: number;
  readonly #rewards: Float64Array;

  constructor(size: number) {
    this.size = checkInteger('PriorityTable size', size, 0, MAX_EXAMPLES);
    this.#rewards = new Float64Array(this.size).fill(Number.NaN);
  }

  /** Latest reward of example `i` (NaN when unseen). */
  reward(i: number): number {
    return this.#rewards[i] ?? Number.NaN;
  }

  /** Number of examples with a reward. */
  get seen(): number {
    let n = 0;
    for (const r of this.#rewards) if (!Number.isNaN(r)) n++;
    return n;
  }

  /**
   * Records rewards (r = −MSE ≤ 0) for examples `rows` (e.g. `PoseBatch.rows`). Non-finite rewards
   * (a diverged step) are ignored, the example keeping its previous reward; returns how many were.
   * Throws `invalid_argument` for mismatched lengths or a row out of range, `format_invalid_number`
   * for a positive reward.
   */
  update(rows: ArrayLike<number>, rewards: ArrayLike<number>): number {
    if (rows.length !== rewards.length) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `update() got ${rows.length} rows but ${rewards.length} rewards`,
      );
    }
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      if (!Number.isInteger(i) || i < 0 || i >= this.size) {
        throw new SignLLMError(ERROR_CODES.invalidArgument, `row ${String(i)} is not in 0..${this.size - 1}`);
      }
      const r = rewards[k]!;
      if (r > 0) {
        throw new SignLLMError(
          ERROR_CODES.invalidNumber,
          `reward ${r} of row ${i} is positive; rewards are −MSE ≤ 0`,
        );
      }
    }
    let ignored = 0;
    for (let k = 0; k < rows.length; k++) {
      const r = rewards[k]!;
      if (Number.isFinite(r)) this.#rewards[rows[k]!] = r;
      else ignored++;
    }
    return ignored;
  }

  /** Rewards with unseen entries filled by the mean of the seen ones (all 0 when nothing is seen). */
  #filled(): Float64Array {
    let sum = 0;
    let n = 0;
    for (const r of this.#rewards) {
      if (!Number.isNaN(r)) {
        sum += r;
        n++;
      }
    }
    const mean = n === 0 ? 0 : sum / n;
    return this.#rewards.map((r) => (Number.isNaN(r) ? mean : r));
  }

  /**
   * Sampling weights ∝ p^η, scaled so their mean is 1 (probability of i = w_i / size). Computed in
   * log space, so no η overflows. Throws `invalid_argument` for an unknown transform, η < 0 or a
   * non-positive epsilon.
   *
   * @example
   * ```ts
   * table.weights({ transform: 'inverse', eta: 0.5, epsilon: 1e-4 });
   * ```
   */
  weights(options: PriorityWeightOptions = {}): Float64Array {
    const transform = options.transform ?? 'exp';
    if (!(PRIORITY_TRANSFORMS as readonly string[]).includes(transform)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `transform "${String(transform)}" is not supported; use ${formatOptions(PRIORITY_TRANSFORMS)}`,
      );
    }
    const eta = checkNumber('eta', options.eta ?? 1, 0);
    const epsilon = checkNumber('epsilon', options.epsilon ?? 1e-6, Number.MIN_VALUE);
    const n = this.size;
    const r = this.#filled();
    const logP = new Float64Array(n);
    if (transform === 'exp') {
      const mean = r.reduce((a, b) => a + b, 0) / Math.max(1, n);
      const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n);
      const std = Math.max(Math.sqrt(variance), 1e-12);
      for (let i = 0; i < n; i++) logP[i] = (r[i]! - mean) / std;
    } else if (transform === 'inverse') {
      for (let i = 0; i < n; i++) logP[i] = -Math.log(-r[i]! + epsilon);
    } else {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => r[b]! - r[a]!);
      let rank = 1;
      for (const [position, i] of order.entries()) {
        if (position > 0 && r[i]! !== r[order[position - 1]!]!) rank = position + 1;
        logP[i] = -Math.log(rank);
      }
    }
    const out = new Float64Array(n);
    if (eta === 0 || n === 0) return out.fill(1);
    let max = Number.NEGATIVE_INFINITY;
    for (const v of logP) max = Math.max(max, eta * v);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      out[i] = Math.exp(eta * logP[i]! - max);
      sum += out[i]!;
    }
    for (let i = 0; i < n; i++) out[i] = (out[i]! * n) / sum;
    return out;
  }

  /** Checkpoint form (NaN → `null`). */
  toJSON(): PriorityTableJson {
    return { version: 1, rewards: Array.from(this.#rewards, (r) => (Number.isNaN(r) ? null : r)) };
  }

  /**
   * Restores a table from `toJSON()` output. Throws `schema_invalid` naming what is wrong.
   *
   * @example
   * ```ts
   * const table = PriorityTable.fromJSON(JSON.parse(text).priorities);
   * ```
   */
  static fromJSON(value: unknown): PriorityTable {
    const bad = (message: string) =>
      new SignLLMError(ERROR_CODES.schemaInvalid, `PriorityTable JSON: ${message}`);
    if (value === null || typeof value !== 'object') throw bad('expected an object');
    const { version, rewards } = value as Record<string, unknown>;
    if (version !== 1) throw bad(`version is ${String(version)}; only 1 is supported`);
    if (!Array.isArray(rewards) || rewards.length > MAX_EXAMPLES) throw bad('rewards must be an array');
    const table = new PriorityTable(rewards.length);
    for (const [i, r] of rewards.entries()) {
      if (r === null) continue;
      if (typeof r !== 'number' || !Number.isFinite(r) || r > 0) {
        throw bad(`rewards[${i}] is ${JSON.stringify(r)}; expected null or a finite number ≤ 0`);
      }
      table.#rewards[i] = r;
    }
    return table;
  }
}

/**
 * The PLC skip rule for one batch: 1 = keep, 0 = skip. A sample is skipped when its reward is
 * strictly below the batch's `quantile` quantile (linear interpolation between order statistics,
 * like numpy's default), so quantile 0.5 skips the worse half; ties at the threshold are kept,
 * the best sample is always kept, quantile 0 keeps all, equal rewards keep all. NaN rewards count
 * as the lowest (skipped first). The paper's "skip if the reward is less than 50%" gives no
 * reference value; the batch quantile is this package's reading.
 *
 * @example
 * ```ts
 * skipMask(new Float32Array([-1, -4, -2, -3]), 0.5); // [1, 0, 1, 0]
 * ```
 */
export function skipMask(rewards: Float32Array, quantile: number): Float32Array {
  checkNumber('quantile', quantile, 0, 1);
  const n = rewards.length;
  const mask = new Float32Array(n).fill(1);
  if (n === 0 || quantile === 0) return mask;
  const value = (r: number) => (Number.isNaN(r) ? Number.NEGATIVE_INFINITY : r);
  const sorted = Float64Array.from(rewards, value).sort();
  const position = quantile * (n - 1);
  const i = Math.floor(position);
  const lo = sorted[i]!;
  const hi = sorted[Math.min(i + 1, n - 1)]!;
  // The interpolated threshold lies strictly between lo and hi when they differ: skip everything ≤ lo.
  const strictlyBetween = position > i && lo < hi;
  for (let k = 0; k < n; k++) {
    const r = value(rewards[k]!);
    if (strictlyBetween ? r <= lo : r < lo) mask[k] = 0;
  }
  return mask;
}
