import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { type PlanOptions, planEpoch, planEpochDetailed } from './batch-plan.ts';
import type { Example } from './example-index.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(SignLLMError.isInstance(error)).toBe(true);
    return (error as SignLLMError).code;
  }
  throw new Error('expected a SignLLMError');
}

/** 7 shards of 9..15 examples, two languages, lengths from a fixed formula (with ties). */
function fakeIndex() {
  const examples: Example[] = [];
  const shards = [];
  for (let s = 0; s < 7; s++) {
    const rows = 9 + s;
    shards.push({ path: `train/shard-0000${s}.parquet`, sha256: '0'.repeat(64), rows });
    for (let r = 0; r < rows; r++) {
      const length = 20 + ((s * 31 + r * 17) % 40);
      examples.push({
        shard: s,
        row: r,
        id: `s${s}r${r}`,
        language: (s + r) % 3 === 0 ? 'gsg' : 'ase',
        frames: length,
        length,
        source: 'x',
        target: '',
        noisy: false,
        flags: [],
      });
    }
  }
  return { examples, shards };
}

const index = fakeIndex();
const base: PlanOptions = { index, epoch: 0, seed: 5, batchSize: 4, poolShards: 3, groupByLanguage: true };

describe('planEpoch', () => {
  it('uses every example exactly once per epoch, in batches of at most batchSize', () => {
    for (const groupByLanguage of [true, false]) {
      const plan = planEpoch({ ...base, groupByLanguage });
      expect(plan.flat().sort((a, b) => a - b)).toEqual(index.examples.map((_, i) => i));
      for (const batch of plan) {
        expect(batch.length).toBeGreaterThan(0);
        expect(batch.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('forms pools of poolShards permuted shards; batches stay in their pool, sorted by length per language', () => {
    const { batches, pools } = planEpochDetailed(base);
    expect(pools.map((p) => p.shards.length)).toEqual([3, 3, 1]);
    expect(pools.flatMap((p) => p.shards).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pools.reduce((n, p) => n + p.batchCount, 0)).toBe(batches.length);
    for (const pool of pools) {
      const mine = batches.slice(pool.firstBatch, pool.firstBatch + pool.batchCount);
      const byLanguage = new Map<string, number[][]>();
      for (const batch of mine) {
        const languages = new Set(batch.map((i) => index.examples[i]!.language));
        expect(languages.size).toBe(1);
        for (const i of batch) expect(pool.shards).toContain(index.examples[i]!.shard);
        const language = [...languages][0]!;
        byLanguage.set(language, [...(byLanguage.get(language) ?? []), batch]);
      }
      // Length bucketing: within a pool and language the batches' length ranges do not overlap.
      for (const group of byLanguage.values()) {
        const ranges = group
          .map((b) => b.map((i) => index.examples[i]!.length))
          .map((ls) => [Math.min(...ls), Math.max(...ls)] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        for (let k = 1; k < ranges.length; k++) expect(ranges[k - 1]![1]).toBeLessThanOrEqual(ranges[k]![0]);
      }
    }
  });

  it('is deterministic and changes with the epoch and the seed', () => {
    const a = planEpoch(base);
    expect(planEpoch({ ...base })).toEqual(a);
    expect(planEpoch({ ...base, epoch: 1 })).not.toEqual(a);
    expect(planEpoch({ ...base, seed: 6 })).not.toEqual(a);
    const firstShards = new Set(
      Array.from({ length: 8 }, (_, epoch) => planEpochDetailed({ ...base, epoch }).pools[0]!.shards.join()),
    );
    expect(firstShards.size).toBeGreaterThan(1);
  });

  it('shuffles batches within a pool (not in length order every epoch)', () => {
    let unsorted = 0;
    for (let epoch = 0; epoch < 5; epoch++) {
      const plan = planEpoch({ ...base, epoch, groupByLanguage: false, poolShards: 7 });
      const mins = plan.map((b) => Math.min(...b.map((i) => index.examples[i]!.length)));
      if (mins.some((m, k) => k > 0 && m < mins[k - 1]!)) unsorted++;
    }
    expect(unsorted).toBeGreaterThan(0);
  });

  it('with weights draws each pool/language group size with replacement, never a zero-weight example', () => {
    const weights = index.examples.map((e, i) => (i % 4 === 0 ? 0 : e.length));
    const plain = planEpochDetailed(base);
    const weighted = planEpochDetailed({ ...base, weights });
    expect(weighted.pools.map((p) => p.shards)).toEqual(plain.pools.map((p) => p.shards));
    const count = (batches: number[][], shards: number[], language: string) =>
      batches
        .flat()
        .filter((i) => shards.includes(index.examples[i]!.shard) && index.examples[i]!.language === language)
        .length;
    for (const pool of weighted.pools) {
      for (const language of ['ase', 'gsg']) {
        expect(count(weighted.batches, pool.shards, language)).toBe(
          count(plain.batches, pool.shards, language),
        );
      }
    }
    const drawn = weighted.batches.flat();
    expect(drawn.some((i) => i % 4 === 0)).toBe(false);
    expect(new Set(drawn).size).toBeLessThan(drawn.length); // with replacement
    expect(planEpochDetailed({ ...base, weights })).toEqual(weighted);
  });

  it('rejects hostile options with SignLLMError', () => {
    const n = index.examples.length;
    expect(code(() => planEpoch({ ...base, batchSize: 0 }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => planEpoch({ ...base, batchSize: 2.5 }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => planEpoch({ ...base, poolShards: 0 }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => planEpoch({ ...base, seed: -1 }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => planEpoch({ ...base, epoch: Number.NaN }))).toBe(ERROR_CODES.invalidArgument);
    const ones = new Array<number>(n).fill(1);
    expect(code(() => planEpoch({ ...base, weights: ones.slice(1) }))).toBe(ERROR_CODES.shapeMismatch);
    expect(code(() => planEpoch({ ...base, weights: ones.map((w, i) => (i === 3 ? -1 : w)) }))).toBe(
      ERROR_CODES.invalidNumber,
    );
    expect(code(() => planEpoch({ ...base, weights: ones.map((w, i) => (i === 3 ? Number.NaN : w)) }))).toBe(
      ERROR_CODES.invalidNumber,
    );
    expect(code(() => planEpoch({ ...base, weights: new Array<number>(n).fill(0) }))).toBe(
      ERROR_CODES.invalidArgument,
    );
    const broken = { ...index, examples: [...index.examples, { ...index.examples[0]!, shard: 99 }] };
    expect(code(() => planEpoch({ ...base, index: broken }))).toBe(ERROR_CODES.invalidArgument);
  });
});
