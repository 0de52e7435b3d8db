import { describe, expect, it } from 'vitest';
import { createPoseSequence } from '../pose-sequence/pose-sequence.ts';
import { expectCode } from '../test-support/errors.ts';
import { readPhoenixSequence } from '../test-support/read-phoenix-sequence.ts';
import { describeWithData } from '../test-support/shared-data.ts';
import { syntheticSequence } from '../test-support/synthetic-sequence.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { dtw } from './dtw.ts';
import { dtwPoseSequences } from './dtw-pose-sequences.ts';

const TWO = testSkeleton('two-joints-test', ['a', 'b']);

/** frames[f][j] = [x, y]; confidence[f][j] defaults to 1. */
const pose = (frames: number[][][], confidence?: number[][]) =>
  syntheticSequence(frames, { skeleton: TWO, confidence });

describe('dtwPoseSequences', () => {
  const ref = pose([
    [
      [0, 0],
      [1, 1],
    ],
    [
      [1, 0],
      [2, 2],
    ],
  ]);
  const hyp = pose(
    [
      [
        [0, 1],
        [5, 5],
      ],
      [
        [1, 0],
        [2, 2],
      ],
    ],
    [
      [1, 0],
      [1, 1],
    ],
  );

  it('masks joints missing in either frame (useConfidence, the default)', () => {
    // C00 = |0−0|+|0−1| (joint b missing in hyp frame 0) = 1;  C01 = 1 + 2 = 3
    // C10 = |1−0|+|0−1| = 2 (b missing);                      C11 = 0
    // D row 0: [1, 4]; row 1: [2+1=3, 0+min(1,4,3)=1] → distance 1, normalised 1/2
    const r = dtwPoseSequences(ref, hyp, { path: true });
    expect(r.distance).toBe(1);
    expect(r.normalized).toBe(0.5);
    expect(r.path).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('counts every coordinate with useConfidence: false', () => {
    // C00 = 1 + |1−5|+|1−5| = 9; C01 = 3; C10 = 2 + 3 + 3 = 8; C11 = 0
    // D row 0: [9, 12]; row 1: [17, 0+min(9,12,17)=9] → 9, normalised 4.5
    const r = dtwPoseSequences(ref, hyp, { useConfidence: false });
    expect(r.distance).toBe(9);
    expect(r.normalized).toBe(4.5);
  });

  it('rejects NaN pose data, different joint layouts and empty sequences', () => {
    const nan = pose([
      [
        [0, Number.NaN],
        [0, 0],
      ],
    ]);
    expectCode(() => dtwPoseSequences(ref, nan), 'format_invalid_number');
    const threeD = createPoseSequence({ skeleton: TWO, fps: 25, dims: 3, data: new Float32Array(6) });
    expectCode(() => dtwPoseSequences(ref, threeD), 'shape_mismatch');
    const empty = createPoseSequence({ skeleton: TWO, fps: 25, dims: 2, data: new Float32Array(0) });
    expectCode(() => dtwPoseSequences(empty, ref), 'invalid_argument');
  });
});

describeWithData('dtwPoseSequences on PHOENIX14T .skels poses', () => {
  it('equals flat dtw over the 150 joint values when every joint is present', () => {
    const a = readPhoenixSequence('dev', 0).sequence;
    const b = readPhoenixSequence('dev', 3).sequence;
    const flat = dtw(a.data, b.data, 150);
    const r = dtwPoseSequences(a, b);
    expect(r.distance).toBeCloseTo(flat.distance, 9);
    expect(r.normalized).toBeCloseTo(flat.normalized, 9);
    expect(r.distance).toBeGreaterThan(0);
  });
});
