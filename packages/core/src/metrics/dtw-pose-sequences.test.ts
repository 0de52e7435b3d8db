import { describe, expect, it } from 'vitest';
import { createPoseSequence, type PoseSequence } from '../pose-sequence/pose-sequence.ts';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { defineSkeleton } from '../skeletons/skeleton.ts';
import { expectCode } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { dtw } from './dtw.ts';
import { dtwPoseSequences } from './dtw-pose-sequences.ts';

const TWO = defineSkeleton({
  name: 'two-joints-test',
  description: 'two joints',
  joints: ['a', 'b'],
  bones: [[0, 1]],
  colors: [
    [255, 0, 0],
    [0, 0, 255],
  ],
  root: 0,
  components: [{ name: 'body', start: 0, count: 2, format: 'XYC' }],
});

/** frames[f][j] = [x, y]; confidence[f][j] defaults to 1. */
const pose = (frames: number[][][], confidence?: number[][]): PoseSequence =>
  createPoseSequence({
    skeleton: TWO,
    fps: 25,
    dims: 2,
    data: new Float32Array(frames.flat(2)),
    confidence: confidence ? new Float32Array(confidence.flat()) : undefined,
  });

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
  const lines = readDataText('phoenix14t-sample', 'dev.skels').trim().split('\n');
  const joints = (i: number): Float32Array => {
    const v = lines[i]!.trim().split(/\s+/).map(Number);
    return new Float32Array(v.filter((_, k) => k % 151 !== 150)); // drop the counter
  };
  const asPose = (data: Float32Array) =>
    createPoseSequence({ skeleton: PROMPT2SIGN_50, fps: 25, dims: 3, data });

  it('equals flat dtw over the 150 joint values when every joint is present', () => {
    const a = joints(0);
    const b = joints(3);
    const flat = dtw(a, b, 150);
    const r = dtwPoseSequences(asPose(a), asPose(b));
    expect(r.distance).toBeCloseTo(flat.distance, 9);
    expect(r.normalized).toBeCloseTo(flat.normalized, 9);
    expect(r.distance).toBeGreaterThan(0);
  });
});
