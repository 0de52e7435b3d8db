import { describe, expect, it } from 'vitest';
import { readPhoenixSequence } from '../test-support/read-phoenix-sequence.ts';
import { describeWithData } from '../test-support/shared-data.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';
import { slice, sliceSeconds } from './slice.ts';

const ONE = testSkeleton('slice-1', ['j']);

/** `frames` frames of one joint whose x is the frame index (and y, z = 10×, 100× it). */
function counting<D extends Dims>(frames: number, dims: D, fps = 10): PoseSequence<D> {
  const data = new Float32Array(frames * dims);
  for (let f = 0; f < frames; f++) for (let d = 0; d < dims; d++) data[f * dims + d] = f * 10 ** d;
  const confidence = Float32Array.from({ length: frames }, (_, f) => (f % 2 ? 0.5 : 1));
  return createPoseSequence({ skeleton: ONE, fps, dims, data, confidence });
}

const xs = (seq: PoseSequence): number[] =>
  Array.from({ length: seq.frames }, (_, f) => seq.data[f * seq.dims]!);

describe('slice', () => {
  it('keeps frames [start, end) with their coordinates and confidence, in 2D and 3D', () => {
    const s3 = slice(counting(5, 3), 1, 3);
    expect(s3.frames).toBe(2);
    expect(Array.from(s3.data)).toEqual([1, 10, 100, 2, 20, 200]);
    expect(Array.from(s3.confidence)).toEqual([0.5, 1]);
    const s2 = slice(counting(5, 2), 3);
    expect(Array.from(s2.data)).toEqual([3, 30, 4, 40]);
    expect(s2.fps).toBe(10);
    expect(s2.skeleton).toBe(ONE);
  });

  it('follows Array.prototype.slice for negative, clamped and crossed indices', () => {
    const seq = counting(6, 2);
    const frames = [0, 1, 2, 3, 4, 5];
    const cases: Array<[number, number | undefined]> = [
      [-2, undefined],
      [1, -1],
      [-10, 2],
      [4, 100],
      [4, 2],
      [6, undefined],
      [0, 0],
    ];
    for (const [start, end] of cases) expect(xs(slice(seq, start, end))).toEqual(frames.slice(start, end));
    expect(xs(slice(seq))).toEqual(frames);
  });

  it('returns arrays of its own: writing to the slice leaves the input intact', () => {
    const seq = counting(4, 2);
    const part = slice(seq, 0, 2);
    part.data[0] = 99;
    part.confidence[0] = 0;
    expect(seq.data[0]).toBe(0);
    expect(seq.confidence[0]).toBe(1);
  });

  it('rejects non-integer indices', () => {
    const seq = counting(4, 2);
    expect(() => slice(seq, 0.5)).toThrow(/start must be an integer frame index, got 0\.5/);
    expect(() => slice(seq, 0, Number.NaN)).toThrow(/end must be an integer/);
    expect(() => slice(seq, Number.POSITIVE_INFINITY)).toThrow(/start/);
  });
});

describe('sliceSeconds', () => {
  it('keeps frames whose time f/fps is in [startS, endS), robust to float rounding', () => {
    // 1.1 s × 100 fps = 110.00000000000001 in floating point: frame 110 (t = 1.1 s) must be included.
    expect(xs(sliceSeconds(counting(200, 2, 100), 1.1, 1.12))).toEqual([110, 111]);
    expect(xs(sliceSeconds(counting(10, 2), 0.3, 0.5))).toEqual([3, 4]);
    expect(xs(sliceSeconds(counting(10, 3), 0.25, 0.45))).toEqual([3, 4]);
    expect(xs(sliceSeconds(counting(10, 2), 0.7))).toEqual([7, 8, 9]);
    expect(xs(sliceSeconds(counting(10, 2), 0.5, 99))).toEqual([5, 6, 7, 8, 9]);
    expect(sliceSeconds(counting(10, 2), 5, 6).frames).toBe(0);
    expect(sliceSeconds(counting(10, 2), 0.2, 0.2).frames).toBe(0);
  });

  it('rejects negative, non-finite and reversed bounds', () => {
    const seq = counting(10, 2);
    expect(() => sliceSeconds(seq, -1, 1)).toThrow(/startS must be a finite number of seconds >= 0, got -1/);
    expect(() => sliceSeconds(seq, 0, Number.NaN)).toThrow(/endS/);
    expect(() => sliceSeconds(seq, 0.5, 0.2)).toThrow(/endS \(0\.2\) is before startS \(0\.5\)/);
  });
});

describeWithData('slice on PHOENIX-2014T .skels (prompt2sign-50, 25 fps)', () => {
  it('sliceSeconds(1, 2) of the 42-frame first dev clip is its frames 25..41', () => {
    const { values, frames, sequence: seq } = readPhoenixSequence('dev', 0); // 151 values a frame: 150 + counter
    expect(frames).toBe(42);
    const second = sliceSeconds(seq, 1, 2);
    expect(second.frames).toBe(17); // frames 25..41: the clip ends at frame 41
    expect(second.data[0]).toBeCloseTo(values[25 * 151]!, 6);
    expect(second.data[second.data.length - 1]).toBeCloseTo(values[41 * 151 + 149]!, 6);
    expect(Array.from(slice(seq, 25).data)).toEqual(Array.from(second.data));
  });
});
