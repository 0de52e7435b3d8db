/**
 * Tests of `interpolateMissing`: hand-computed answers, a brute-force reference on random clips
 * (fast-check), the prefix-sum path of long windows, and bad options.
 */
import { createPoseSequence, getSkeleton, type PoseSequence, SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateMissing } from './interpolate-missing.ts';

const P50 = getSkeleton('prompt2sign-50');

/** A 1-D clip: joint 0 has x = xs[t], y = 2·xs[t], confidence cs[t]; every other joint is present at 0. */
function clip(xs: number[], cs: number[]): PoseSequence<2> {
  const T = xs.length;
  const data = new Float32Array(T * 50 * 2);
  const confidence = new Float32Array(T * 50).fill(1);
  xs.forEach((x, t) => {
    data[t * 100] = x;
    data[t * 100 + 1] = 2 * x;
    confidence[t * 50] = cs[t]!;
  });
  return createPoseSequence({ skeleton: P50, fps: 25, dims: 2, data, confidence });
}

const x0 = (s: PoseSequence, t: number): number => s.data[t * s.joints * s.dims]!;
const c0 = (s: PoseSequence, t: number): number => s.confidence[t * s.joints]!;

/** The original's loop, written out: grow δ one frame at a time, summing directly. */
function reference(xs: number[], cs: number[], t: number, target: number): { x: number; sum: number } {
  const T = xs.length;
  let sum = 0;
  let acc = 0;
  for (let delta = 0; ; delta++) {
    const frames = delta === 0 ? [t] : [t - delta, t + delta];
    for (const s of frames) {
      if (s < 0 || s >= T || !(cs[s]! > 0)) continue;
      sum += cs[s]!;
      acc += cs[s]! * xs[s]!;
    }
    if (sum >= target || (t - delta <= 0 && t + delta >= T - 1)) return { x: acc / sum, sum };
  }
}

describe('interpolateMissing', () => {
  it('takes the nearest full-confidence neighbours, widening the window symmetrically', () => {
    const seq = clip([0, 99, 99, 99, 8], [1, 0, 0, 0, 1]);
    const { sequence, filled, pointsFilled, pointsToFill, pointsStillMissing } = interpolateMissing(seq);
    // t=1: δ=1 reaches frame 0 (weight 1 ≥ 0.99) → 0. t=2: δ=2 reaches both ends → (0 + 8) / 2. t=3 → 8.
    expect([1, 2, 3].map((t) => x0(sequence, t))).toEqual([0, 4, 8]);
    expect(sequence.data[2 * 100 + 1]).toBe(8); // y = 2x, averaged alike
    expect([1, 2, 3].map((t) => c0(sequence, t))).toEqual([0.5, 0.5, 0.5]);
    expect([0, 1, 2, 3, 4].map((t) => filled[t * 50])).toEqual([0, 1, 1, 1, 0]);
    expect([pointsToFill, pointsFilled, pointsStillMissing]).toEqual([3, 3, 0]);
  });

  it('weights neighbours by confidence and keeps the summed weight as confidence when below the cap', () => {
    const seq = clip([10, 0, 40], [0.25, 0, 0.125]);
    const { sequence } = interpolateMissing(seq);
    // δ=1: weight 0.375 < 0.99 but the window covers the clip.
    expect(x0(sequence, 1)).toBeCloseTo((0.25 * 10 + 0.125 * 40) / 0.375, 5);
    expect(c0(sequence, 1)).toBe(0.375);
  });

  it('includes a low-confidence point itself and leaves it alone when fillBelow is 0', () => {
    const seq = clip([0, 100, 10], [1, 0.0625, 1]);
    expect(x0(interpolateMissing(seq).sequence, 1)).toBeCloseTo((0 + 0.0625 * 100 + 10) / 2.0625, 4);
    const kept = interpolateMissing(seq, { fillBelow: 0 });
    expect(x0(kept.sequence, 1)).toBe(100);
    expect(c0(kept.sequence, 1)).toBe(0.0625);
    expect(kept.pointsToFill).toBe(0);
  });

  it('leaves a joint missing in every frame missing (confidence 0, coordinates 0)', () => {
    const seq = clip([5, 6, 7], [0, 0, 0]);
    const r = interpolateMissing(seq);
    expect([0, 1, 2].map((t) => c0(r.sequence, t))).toEqual([0, 0, 0]);
    expect([0, 1, 2].map((t) => x0(r.sequence, t))).toEqual([0, 0, 0]);
    expect([r.pointsToFill, r.pointsFilled, r.pointsStillMissing]).toEqual([3, 0, 3]);
  });

  it('treats non-finite coordinates as missing and never lets them leak into neighbours', () => {
    const seq = clip([0, Number.NaN, 8, Number.POSITIVE_INFINITY, 4], [1, 1, 1, 1, 1]);
    const { sequence, pointsFilled } = interpolateMissing(seq);
    expect(pointsFilled).toBe(2);
    expect(x0(sequence, 1)).toBe(4); // (0 + 8) / 2
    expect(x0(sequence, 3)).toBe(6); // (8 + 4) / 2
    expect(Array.from(sequence.data).every(Number.isFinite)).toBe(true);
  });

  it('does not change its input', () => {
    const seq = clip([0, 99, 8], [1, 0, 1]);
    const before = seq.data.slice();
    interpolateMissing(seq);
    expect(seq.data).toEqual(before);
    expect(c0(seq, 1)).toBe(0);
  });

  it('matches the brute-force original loop on random clips', () => {
    // Confidences are multiples of 1/8, so sums are exact and both loops stop at the same δ.
    const arb = fc
      .integer({ min: 1, max: 40 })
      .chain((T) =>
        fc.tuple(
          fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: T, maxLength: T }),
          fc.array(fc.integer({ min: 0, max: 8 }), { minLength: T, maxLength: T }),
          fc.constantFrom(0.99, 0.5, 2.5),
        ),
      );
    fc.assert(
      fc.property(arb, ([xs, eighths, target]) => {
        const cs = eighths.map((e) => e / 8);
        const { sequence } = interpolateMissing(clip(xs, cs), { fillBelow: 0.2, targetWeight: target });
        const any = cs.some((c) => c > 0);
        cs.forEach((c, t) => {
          if (c >= 0.2) {
            expect(x0(sequence, t)).toBe(Math.fround(xs[t]!));
          } else if (!any) {
            expect(c0(sequence, t)).toBe(0);
          } else {
            const ref = reference(xs, cs, t, target);
            expect(x0(sequence, t)).toBeCloseTo(ref.x, 2);
            expect(c0(sequence, t)).toBe(Math.fround(Math.min(ref.sum, 0.5)));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('uses the whole clip for long gaps (prefix-sum path) and stays between the values used', () => {
    const T = 2001;
    const xs = Array.from({ length: T }, (_, t) => (t === 0 ? 0 : t === T - 1 ? 999 : 5000));
    const cs = xs.map((_, t) => (t === 0 || t === T - 1 ? 1 : 0));
    const { sequence, pointsFilled } = interpolateMissing(clip(xs, cs));
    expect(pointsFilled).toBe(T - 2);
    expect(x0(sequence, 100)).toBe(0); // frame 0 is within δ = 100
    expect(x0(sequence, T - 101)).toBe(999);
    expect(x0(sequence, 1000)).toBeCloseTo(499.5, 3); // the midpoint: δ = 1000 reaches both ends at once
    for (let t = 0; t < T; t++) {
      expect(x0(sequence, t)).toBeGreaterThanOrEqual(0);
      expect(x0(sequence, t)).toBeLessThanOrEqual(999);
    }
  });

  it('handles a long clip with one detection without quadratic work', () => {
    const T = 50_000;
    const xs = new Array<number>(T).fill(0);
    const cs = new Array<number>(T).fill(0);
    xs[T - 1] = 7;
    cs[T - 1] = 0.75;
    const { sequence } = interpolateMissing(clip(xs, cs));
    expect(x0(sequence, 0)).toBe(7);
    expect(c0(sequence, 0)).toBe(0.5);
  });

  it.each([
    [{ fillBelow: -0.1 }, /fillBelow must be a number in \[0, 1\]/],
    [{ fillBelow: Number.NaN }, /fillBelow/],
    [{ targetWeight: 0 }, /targetWeight must be a finite number > 0/],
    [{ targetWeight: Number.POSITIVE_INFINITY }, /targetWeight/],
    [{ maxFilledConfidence: 0 }, /maxFilledConfidence must be a number in \(0, 1\]/],
    [{ maxFilledConfidence: 1.5 }, /maxFilledConfidence/],
  ])('rejects the option %o', (options, message) => {
    const run = () => interpolateMissing(clip([1, 2], [1, 0]), options);
    expect(run).toThrow(SignLLMError);
    expect(run).toThrow(message);
  });
});
