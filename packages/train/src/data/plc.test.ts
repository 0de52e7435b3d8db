import { ERROR_CODES, SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planEpoch } from './batch-plan.ts';
import type { Example } from './example-index.ts';
import { PriorityTable, skipMask } from './plc.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(SignLLMError.isInstance(error)).toBe(true);
    return (error as SignLLMError).code;
  }
  throw new Error('expected a SignLLMError');
}

function table(rewards: number[]): PriorityTable {
  const t = new PriorityTable(rewards.length);
  t.update(
    rewards.map((_, i) => i),
    rewards,
  );
  return t;
}

describe('PriorityTable.weights', () => {
  it("'exp' standardises rewards: weights ∝ exp(η·z), scale-free, higher reward → higher weight", () => {
    const rewards = [-1, -2, -3, -4, -5];
    const w = table(rewards).weights({ transform: 'exp', eta: 1 });
    const std = Math.sqrt(2); // population std of 1..5
    for (let i = 1; i < 5; i++) {
      expect(w[i - 1]! > w[i]!).toBe(true);
      expect(w[i - 1]! / w[i]!).toBeCloseTo(Math.exp(1 / std), 10);
    }
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(5, 10);
    const scaled = table(rewards.map((r) => r * 1000)).weights({ transform: 'exp', eta: 1 });
    for (let i = 0; i < 5; i++) expect(scaled[i]).toBeCloseTo(w[i]!, 10);
    const sharper = table(rewards).weights({ transform: 'exp', eta: 2 });
    expect(sharper[0]! / sharper[4]!).toBeCloseTo(Math.exp((2 * 4) / std), 6);
  });

  it("'inverse' uses (1/(MSE+ε))^η and 'rank' uses rank^−η with shared ranks for ties", () => {
    const eps = 0.01;
    const inv = table([-1, -5, -2]).weights({ transform: 'inverse', eta: 0.5, epsilon: eps });
    expect(inv[0]! / inv[1]!).toBeCloseTo(Math.sqrt((5 + eps) / (1 + eps)), 10);
    expect(inv[0]! / inv[2]!).toBeCloseTo(Math.sqrt((2 + eps) / (1 + eps)), 10);
    const rank = table([-3, -1, -2, -1]).weights({ transform: 'rank', eta: 1 });
    // Ranks: -1 → 1 (twice), -2 → 3, -3 → 4.
    const p = [1 / 4, 1, 1 / 3, 1];
    const sum = p.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 4; i++) expect(rank[i]).toBeCloseTo((p[i]! * 4) / sum, 10);
  });

  it('η = 0 gives uniform weights for every transform; nothing seen gives uniform weights', () => {
    for (const transform of ['exp', 'inverse', 'rank'] as const) {
      expect([...table([-1, -9, -3]).weights({ transform, eta: 0 })]).toEqual([1, 1, 1]);
    }
    expect([...new PriorityTable(3).weights({ transform: 'inverse', eta: 3 })]).toEqual([1, 1, 1]);
    expect([...new PriorityTable(0).weights()]).toEqual([]);
  });

  it('gives unseen examples the mean of the seen rewards', () => {
    const t = new PriorityTable(4);
    t.update([0, 1], [-1, -3]);
    expect(t.seen).toBe(2);
    const w = t.weights({ transform: 'inverse', eta: 1, epsilon: 1e-9 });
    expect(w[2]).toBe(w[3]);
    expect(w[0]! / w[2]!).toBeCloseTo(2, 6); // MSE 1 vs the mean MSE 2
    expect(w[2]! / w[1]!).toBeCloseTo(1.5, 6);
  });

  it('keeps the previous reward on a non-finite one and rejects bad updates and options', () => {
    const t = table([-1, -2]);
    expect(t.update([0, 1], [Number.NaN, Number.NEGATIVE_INFINITY])).toBe(2);
    expect([t.reward(0), t.reward(1)]).toEqual([-1, -2]);
    expect(code(() => t.update([0], [0.5]))).toBe(ERROR_CODES.invalidNumber);
    expect(code(() => t.update([2], [-1]))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => t.update([0, 1], [-1]))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => t.weights({ eta: -1 }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => t.weights({ eta: Number.NaN }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => t.weights({ transform: 'softmax' as 'exp' }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => t.weights({ transform: 'inverse', epsilon: 0 }))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => new PriorityTable(-1))).toBe(ERROR_CODES.invalidArgument);
  });

  it('round-trips through JSON with NaN kept as null, and rejects bad checkpoints', () => {
    const t = new PriorityTable(3);
    t.update([2], [-0.25]);
    const text = JSON.stringify(t);
    expect(text).toBe('{"version":1,"rewards":[null,null,-0.25]}');
    const back = PriorityTable.fromJSON(JSON.parse(text));
    expect(back.size).toBe(3);
    expect(Number.isNaN(back.reward(0))).toBe(true);
    expect(back.reward(2)).toBe(-0.25);
    for (const bad of [
      null,
      3,
      { version: 2, rewards: [] },
      { version: 1, rewards: [0.5] },
      { version: 1, rewards: ['x'] },
    ]) {
      expect(code(() => PriorityTable.fromJSON(bad))).toBe(ERROR_CODES.schemaInvalid);
    }
  });

  it('planEpoch draws examples with frequencies matching the weights', () => {
    const n = 8;
    const rewards = Array.from({ length: n }, (_, i) => -(i + 1) * 0.3);
    const weights = table(rewards).weights({ transform: 'exp', eta: 1 });
    const examples: Example[] = rewards.map((_, i) => ({
      shard: 0,
      row: i,
      id: `e${i}`,
      language: 'ase',
      frames: 10 + i,
      length: 10 + i,
      source: 'x',
      target: '',
      noisy: false,
      flags: [],
    }));
    const index = {
      examples,
      shards: [{ path: 'train/shard-00000.parquet', sha256: '0'.repeat(64), rows: n }],
    };
    const counts = new Float64Array(n);
    const epochs = 2500;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const plan = planEpoch({
        index,
        epoch,
        seed: 11,
        batchSize: 3,
        poolShards: 1,
        groupByLanguage: true,
        weights,
      });
      for (const batch of plan) for (const i of batch) counts[i]!++;
    }
    const draws = epochs * n;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(draws);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) {
      const p = weights[i]! / total;
      const sigma = Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs(counts[i]! / draws - p)).toBeLessThan(4 * sigma);
    }
  });
});

describe('skipMask', () => {
  it('skips rewards below the batch quantile, keeping ties and the best sample', () => {
    expect([...skipMask(new Float32Array([-1, -4, -2, -3]), 0.5)]).toEqual([1, 0, 1, 0]);
    expect([...skipMask(new Float32Array([-1, -2, -2, -3]), 0.5)]).toEqual([1, 1, 1, 0]);
    expect([...skipMask(new Float32Array([-1, -1, -2]), 1)]).toEqual([1, 1, 0]);
    expect([...skipMask(new Float32Array([-1, -4, -2, -3]), 0)]).toEqual([1, 1, 1, 1]);
    expect([...skipMask(new Float32Array([-2, -2, -2]), 0.9)]).toEqual([1, 1, 1]);
    expect([...skipMask(new Float32Array([-5]), 1)]).toEqual([1]);
    expect([...skipMask(new Float32Array([]), 0.5)]).toEqual([]);
  });

  it('treats NaN rewards as the lowest', () => {
    expect([...skipMask(new Float32Array([Number.NaN, -1, -2, -3]), 0.25)]).toEqual([0, 1, 1, 1]);
    // Median of [NaN→−∞, −3, −1] is −3: kept (ties at the threshold), NaN skipped.
    expect([...skipMask(new Float32Array([-3, Number.NaN, -1]), 0.5)]).toEqual([1, 0, 1]);
    expect([...skipMask(new Float32Array([Number.NaN, Number.NaN]), 0.5)]).toEqual([1, 1]);
  });

  it('rejects a quantile outside [0, 1]', () => {
    for (const q of [-0.1, 1.5, Number.NaN]) {
      expect(code(() => skipMask(new Float32Array([-1]), q))).toBe(ERROR_CODES.invalidArgument);
    }
  });

  it('matches the linearly interpolated quantile threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 0 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 20 }),
        (values, q20) => {
          const q = q20 / 20;
          const mask = skipMask(new Float32Array(values), q);
          const sorted = [...values].sort((a, b) => a - b);
          const pos = q * (values.length - 1);
          const i = Math.floor(pos);
          const lo = sorted[i]!;
          const hi = sorted[Math.min(i + 1, values.length - 1)]!;
          const threshold = lo + (hi - lo) * (pos - i);
          const expected = values.map((v) => (v >= threshold ? 1 : 0));
          expect([...mask]).toEqual(expected);
          expect(mask.some((m) => m === 1)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
