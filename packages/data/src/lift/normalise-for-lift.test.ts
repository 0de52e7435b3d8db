import { createPoseSequence, getSkeleton, type PoseSequence, SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.ts';
import { normaliseForLift } from './normalise-for-lift.ts';

function sequence(frames: number, seed: number, missing = 0): PoseSequence<2> {
  const rng = createRng(seed);
  const data = Float32Array.from({ length: frames * 100 }, (_, i) =>
    i % 2 === 0 ? rng.uniform(300, 900) : rng.uniform(100, 600),
  );
  const confidence = Float32Array.from({ length: frames * 50 }, () =>
    rng.next() < missing ? 0 : rng.uniform(0.1, 1),
  );
  return createPoseSequence({ skeleton: getSkeleton('prompt2sign-50'), fps: 24, dims: 2, data, confidence });
}

describe('normaliseForLift', () => {
  it('subtracts per-axis means and divides by the pooled σ of the observed joints', () => {
    const seq = sequence(6, 1, 0.3);
    const { target, meanX, meanY, sigma } = normaliseForLift(seq);
    const xs: number[] = [];
    const ys: number[] = [];
    seq.confidence.forEach((c, i) => {
      if (c > 0) {
        xs.push(seq.data[i * 2]!);
        ys.push(seq.data[i * 2 + 1]!);
      }
    });
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const pooled = [...xs, ...ys];
    const mu = mean(pooled);
    expect(meanX).toBeCloseTo(mean(xs), 9);
    expect(meanY).toBeCloseTo(mean(ys), 9);
    expect(sigma).toBeCloseTo(Math.sqrt(mean(pooled.map((v) => (v - mu) ** 2))), 9);
    seq.confidence.forEach((c, i) => {
      expect(target.w[i]).toBeCloseTo(c, 7);
      if (c > 0) expect(target.x[i]! * sigma + meanX).toBeCloseTo(seq.data[i * 2]!, 3);
      else expect([target.x[i], target.y[i]]).toEqual([0, 0]);
    });
  });

  it('ignores the coordinates of missing joints', () => {
    const seq = sequence(4, 2, 0.4);
    const poisoned = createPoseSequence({
      ...seq,
      data: seq.data.map((v, i) => (seq.confidence[i >> 1]! > 0 ? v : 1e6)),
    });
    const a = normaliseForLift(seq);
    const b = normaliseForLift(poisoned);
    expect([b.meanX, b.meanY, b.sigma]).toEqual([a.meanX, a.meanY, a.sigma]);
  });

  it('pools x and y around one mean as the original: an x-only shift changes σ', () => {
    const seq = sequence(4, 3);
    const shifted = createPoseSequence({ ...seq, data: seq.data.map((v, i) => (i % 2 === 0 ? v + 500 : v)) });
    expect(normaliseForLift(shifted).sigma).toBeGreaterThan(normaliseForLift(seq).sigma * 1.5);
    const both = createPoseSequence({ ...seq, data: seq.data.map((v) => v + 500) });
    expect(normaliseForLift(both).sigma).toBeCloseTo(normaliseForLift(seq).sigma, 3);
  });

  it('falls back to σ = 1 when the pooled spread is 0 and rejects a sequence with no observed joint', () => {
    // One observed point with x = y: the only input whose pooled σ (around one x/y mean) is 0.
    const seq = createPoseSequence({ ...sequence(2, 4), data: new Float32Array(200).fill(250) });
    const single = new Float32Array(100);
    single[7] = 0.5;
    const one = createPoseSequence({ ...seq, confidence: single });
    expect(normaliseForLift(one).sigma).toBe(1);
    const none = createPoseSequence({ ...seq, confidence: new Float32Array(100) });
    expect(() => normaliseForLift(none)).toThrow(SignLLMError);
    expect(() => normaliseForLift(none)).toThrow(/no joint is observed/);
  });
});
