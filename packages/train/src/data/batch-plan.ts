/**
 * `planEpoch`: the seeded order of one epoch as batches of global example indices. Shards are
 * permuted by an RNG derived from (seed, epoch); consecutive shards form pools; inside a pool (per
 * language when grouping, for MLSF routing) examples are sorted by length with a random tie-break,
 * cut into batches and the batches shuffled. With PLC weights each group instead draws as many
 * examples as it holds, with replacement, with probability ∝ weight. The plan is a pure function
 * of its inputs, so a resumed run recomputes it and continues at any batch.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { createRng, hashString, type Rng } from '@signllm/data';
import { checkInteger } from './check-args.ts';
import type { ExampleIndex } from './example-index.ts';

/** Options of `planEpoch`. */
export interface PlanOptions {
  /** The index (only `examples[i].shard / language / length` and `shards.length` are read). */
  index: Pick<ExampleIndex, 'examples' | 'shards'>;
  /** Epoch number (integer ≥ 0); each epoch gets its own order. */
  epoch: number;
  /** Seed, an integer in 0..2^32−1. */
  seed: number;
  /** Most examples per batch (≥ 1). */
  batchSize: number;
  /** Shards per pool (≥ 1): a pool's shards are what must be decoded at once, and the sorting window. */
  poolShards: number;
  /** Keep every batch single-language (MLSF). */
  groupByLanguage: boolean;
  /** PLC sampling weights, one per example, finite and ≥ 0 (e.g. `PriorityTable.weights()`). */
  weights?: ArrayLike<number>;
}

/** One pool of an epoch plan. */
export interface PlannedPool {
  /** Shard ordinals of the pool, in the epoch's permuted order. */
  shards: number[];
  /** Index of the pool's first batch in `batches`. */
  firstBatch: number;
  /** Number of batches of the pool. */
  batchCount: number;
}

/** An epoch plan with its pools. */
export interface EpochPlan {
  /** Batches of global example indices, in training order. */
  batches: number[][];
  pools: PlannedPool[];
}

function fail(
  message: string,
  code: (typeof ERROR_CODES)[keyof typeof ERROR_CODES] = ERROR_CODES.invalidArgument,
) {
  return new SignLLMError(code, message);
}

function checkWeights(weights: ArrayLike<number>, n: number): void {
  if (weights.length !== n) {
    throw fail(
      `weights has ${weights.length} entries but the index has ${n} examples`,
      ERROR_CODES.shapeMismatch,
    );
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw fail(`weights[${i}] is ${String(w)}; weights must be finite and ≥ 0`, ERROR_CODES.invalidNumber);
    }
    total += w;
  }
  if (!(total > 0)) throw fail('weights are all 0; at least one example needs a positive weight');
}

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}

/** `count` draws with replacement from `members`, probability ∝ weight (none when all weigh 0). */
function drawWeighted(members: number[], weights: ArrayLike<number>, count: number, rng: Rng): number[] {
  const cumulative = new Float64Array(members.length);
  let total = 0;
  for (const [k, m] of members.entries()) {
    total += weights[m]!;
    cumulative[k] = total;
  }
  if (!(total > 0)) return [];
  const out: number[] = [];
  for (let d = 0; d < count; d++) {
    const u = rng.next() * total;
    let lo = 0;
    let hi = members.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out.push(members[lo]!);
  }
  return out;
}

/** Sorts by length (random tie-break) and cuts into batches of at most `batchSize`. */
function bucket(members: number[], lengths: (i: number) => number, batchSize: number, rng: Rng): number[][] {
  const keyed = members.map((m, k) => ({ m, length: lengths(m), tie: rng.next(), k }));
  keyed.sort((a, b) => a.length - b.length || a.tie - b.tie || a.k - b.k);
  const out: number[][] = [];
  for (let i = 0; i < keyed.length; i += batchSize) out.push(keyed.slice(i, i + batchSize).map((e) => e.m));
  return out;
}

/**
 * The epoch plan with its pools (see `planEpoch`).
 *
 * @example
 * ```ts
 * const { batches, pools } = planEpochDetailed({ index, epoch: 0, seed: 1, batchSize: 8, poolShards: 4, groupByLanguage: true });
 * ```
 */
export function planEpochDetailed(options: PlanOptions): EpochPlan {
  const { index, groupByLanguage, weights } = options;
  const epoch = checkInteger('epoch', options.epoch, 0);
  const seed = checkInteger('seed', options.seed, 0, 0xffffffff);
  const batchSize = checkInteger('batchSize', options.batchSize, 1);
  const poolShards = checkInteger('poolShards', options.poolShards, 1);
  const { examples } = index;
  const shardCount = index.shards.length;
  if (weights !== undefined) checkWeights(weights, examples.length);

  const byShard: number[][] = Array.from({ length: shardCount }, () => []);
  for (const [i, e] of examples.entries()) {
    const list = byShard[e.shard];
    if (list === undefined) {
      throw fail(`example ${i} ("${e.id}") names shard ${e.shard}, but the index has ${shardCount} shards`);
    }
    list.push(i);
  }
  const rng = createRng(hashString(`signllm-train/plan/${seed}/${epoch}`));
  const order = shuffle(
    Array.from({ length: shardCount }, (_, s) => s),
    rng.fork('shards'),
  );
  const batches: number[][] = [];
  const pools: PlannedPool[] = [];
  for (let p = 0; p * poolShards < shardCount; p++) {
    const shards = order.slice(p * poolShards, (p + 1) * poolShards);
    const poolRng = rng.fork(`pool/${p}`);
    const groups = new Map<string, number[]>();
    for (const s of shards) {
      for (const i of byShard[s]!) {
        const key = groupByLanguage ? examples[i]!.language : '*';
        const g = groups.get(key);
        if (g === undefined) groups.set(key, [i]);
        else g.push(i);
      }
    }
    const poolBatches: number[][] = [];
    for (const key of [...groups.keys()].sort()) {
      const members = groups.get(key)!;
      const chosen =
        weights === undefined ? members : drawWeighted(members, weights, members.length, poolRng);
      poolBatches.push(...bucket(chosen, (i) => examples[i]!.length, batchSize, poolRng));
    }
    shuffle(poolBatches, poolRng);
    pools.push({ shards, firstBatch: batches.length, batchCount: poolBatches.length });
    batches.push(...poolBatches);
  }
  return { batches, pools };
}

/**
 * Plans one epoch: batches of global example indices, in training order. Same options → same plan;
 * another epoch or seed → another order. Without `weights` every example appears exactly once.
 * Throws `invalid_argument` (bad sizes, seed, all-zero weights), `shape_mismatch` (weights length)
 * or `format_invalid_number` (a negative or non-finite weight).
 *
 * @example
 * ```ts
 * const batches = planEpoch({ index, epoch: 3, seed: 42, batchSize: 16, poolShards: 8, groupByLanguage: true });
 * const plc = planEpoch({ index, epoch: 3, seed: 42, batchSize: 16, poolShards: 8, groupByLanguage: true,
 *   weights: table.weights({ transform: 'exp', eta: 1 }) });
 * ```
 */
export function planEpoch(options: PlanOptions): number[][] {
  return planEpochDetailed(options).batches;
}
