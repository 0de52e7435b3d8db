import { describe, expect, it } from 'vitest';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import type { Skeleton } from '../skeletons/skeleton.ts';
import { thrown } from '../test-support/errors.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { concatenate } from './concatenate.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

const TWO = testSkeleton('concat-2', 2);

function seq<D extends Dims>(
  dims: D,
  values: number[],
  options: { fps?: number; sk?: Skeleton } = {},
): PoseSequence<D> {
  const sk = options.sk ?? TWO;
  const data = Float32Array.from(values);
  const frames = values.length / (sk.joints.length * dims);
  const confidence = Float32Array.from(
    { length: frames * sk.joints.length },
    (_, i) => values[i * dims]! / 100,
  );
  return createPoseSequence({ skeleton: sk, fps: options.fps ?? 25, dims, data, confidence });
}

describe('concatenate', () => {
  it('joins 2D sequences frame after frame, confidence included', () => {
    const a = seq(2, [1, 2, 3, 4]);
    const b = seq(2, [5, 6, 7, 8, 9, 10, 11, 12]);
    const out = concatenate([a, b]);
    expect(out.frames).toBe(3);
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Array.from(out.confidence)).toEqual([0.01, 0.03, 0.05, 0.07, 0.09, 0.11].map(Math.fround));
    expect(out.skeleton).toBe(TWO);
  });

  it('joins 3D sequences, skips empty ones, and returns a copy for a single input', () => {
    const a = seq(3, [1, 2, 3, 4, 5, 6]);
    const empty = seq(3, []);
    const out = concatenate([empty, a, empty, a]);
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
    const copy = concatenate([a]);
    expect(copy.data).not.toBe(a.data);
    copy.data[0] = 42;
    expect(a.data[0]).toBe(1);
  });

  it('rejects an empty list', () => {
    const e = thrown(() => concatenate([]));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toMatch(/at least one sequence/);
  });

  it('names the first mismatch: skeleton, dims or fps, with the index of the offending sequence', () => {
    const base = seq(2, [1, 2, 3, 4]);
    const other = seq(2, new Array(50 * 2).fill(1), { sk: PROMPT2SIGN_50 });
    let e = thrown(() => concatenate([base, base, other]));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toBe(
      'Cannot concatenate: sequence 2 has skeleton "prompt2sign-50", expected "concat-2" (the skeleton of sequence 0)',
    );
    e = thrown(() => concatenate<Dims>([base, seq(3, [1, 2, 3, 4, 5, 6])]));
    expect(e.message).toMatch(/sequence 1 has dims 3, expected 2/);
    e = thrown(() => concatenate([base, seq(2, [1, 2, 3, 4], { fps: 30 })]));
    expect(e.message).toMatch(/sequence 1 has fps 30, expected 25/);
    // Same name, different joint count: a skeleton re-registered under the same name.
    e = thrown(() => concatenate([base, seq(2, [1, 2, 3, 4, 5, 6], { sk: testSkeleton('concat-2', 3) })]));
    expect(e.message).toMatch(/joint count 3, expected 2/);
  });
});
