import { describe, expect, it } from 'vitest';
import { createPoseSequence } from '../pose-sequence/pose-sequence.ts';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { expectError } from '../test-support/errors.ts';
import { readPhoenixSequence } from '../test-support/read-phoenix-sequence.ts';
import { describeWithData } from '../test-support/shared-data.ts';
import { syntheticSequence } from '../test-support/synthetic-sequence.ts';
import { meanJointError } from './mean-joint-error.ts';

/** frames[f][j] = coordinates; dims from the first joint. */
const pose = (frames: number[][][], confidence?: number[][]) => syntheticSequence(frames, { confidence });

describe('meanJointError, align none', () => {
  it('averages Euclidean joint distances over joints present in both', () => {
    const ref = pose([
      [
        [0, 0],
        [0, 0],
      ],
      [
        [1, 1],
        [2, 2],
      ],
    ]);
    const hyp = pose(
      [
        [
          [3, 4],
          [6, 8],
        ],
        [
          [1, 1],
          [9, 9],
        ],
      ],
      [
        [1, 1],
        [1, 0],
      ],
    );
    // distances: f0 j0 = 5 (3-4-5), f0 j1 = 10 (6-8-10), f1 j0 = 0, f1 j1 missing → (5+10+0)/3 = 5
    expect(meanJointError(ref, hyp)).toBe(5);
  });

  it('works in 3D: (1,2,2) away is 3', () => {
    // frame 0: 3; frame 1: 0 → mean 1.5
    expect(meanJointError(pose([[[0, 0, 0]], [[1, 1, 1]]]), pose([[[1, 2, 2]], [[1, 1, 1]]]))).toBe(1.5);
  });

  it('is 0 for identical sequences and symmetric', () => {
    const a = pose([[[0.5, 1]], [[2, -1]]]);
    const b = pose([[[1, 1]], [[0, 0]]]);
    expect(meanJointError(a, a)).toBe(0);
    expect(meanJointError(a, b)).toBe(meanJointError(b, a));
  });

  it('needs equal frame counts', () => {
    expectError(
      () => meanJointError(pose([[[0, 0]]]), pose([[[0, 0]], [[1, 1]]])),
      'invalid_argument',
      /equal frame counts/,
    );
  });
});

describe("meanJointError, align 'dtw' (DTW-MJE)", () => {
  it('averages along the DTW path: ref (0),(1),(2) vs hyp (0),(2)', () => {
    // frame cost = distance of the one joint; as in the dtw test the path is (0,0),(1,0),(2,1)
    // errors along it: 0, 1, 0 → 1/3
    const ref = pose([[[0, 0]], [[1, 0]], [[2, 0]]]);
    const hyp = pose([[[0, 0]], [[2, 0]]]);
    expect(meanJointError(ref, hyp, { align: 'dtw' })).toBeCloseTo(1 / 3, 12);
  });

  it('forgives a timing shift that frame-by-frame MJE punishes', () => {
    // ref x: 0, 0, 1; hyp x: 0, 1, 1. none: errors 0, 1, 0 → 1/3.
    // DTW: C r0 [0,1,1], r1 [0,1,1], r2 [1,0,0]; D r0 [0,1,2], r1 [0,1,2], r2 [1,0,0]
    // path (0,0),(1,0),(2,1),(2,2): errors 0, 0, 0, 0 → 0
    const ref = pose([[[0, 0]], [[0, 0]], [[1, 0]]]);
    const hyp = pose([[[0, 0]], [[1, 0]], [[1, 0]]]);
    expect(meanJointError(ref, hyp)).toBeCloseTo(1 / 3, 12);
    expect(meanJointError(ref, hyp, { align: 'dtw' })).toBe(0);
  });

  it('rejects an unknown alignment and sequences with no shared joint', () => {
    const a = pose([[[0, 0]]]);
    expectError(
      () => meanJointError(a, a, { align: 'warp' as never }),
      'invalid_argument',
      /"none" or "dtw"/,
    );
    const hidden = pose([[[0, 0]]], [[0]]);
    expectError(() => meanJointError(a, hidden, { align: 'dtw' }), 'invalid_argument', /undefined/);
  });

  it('rejects NaN coordinates', () => {
    expectError(
      () => meanJointError(pose([[[0, Number.NaN]]]), pose([[[0, 0]]])),
      'format_invalid_number',
      /NaN/,
    );
  });
});

describeWithData('meanJointError on PHOENIX14T .skels poses', () => {
  const seq = readPhoenixSequence('dev', 1).sequence;
  const { data } = seq;

  it('is 0 for a sequence against itself, and DTW-MJE is 0 against a slowed-down copy', () => {
    expect(meanJointError(seq, seq)).toBe(0);
    const slow = new Float32Array(data.length * 2);
    for (let f = 0; f < seq.frames; f++) {
      const frame = data.subarray(f * 150, f * 150 + 150);
      slow.set(frame, 2 * f * 150);
      slow.set(frame, (2 * f + 1) * 150);
    }
    const slowSeq = createPoseSequence({ skeleton: PROMPT2SIGN_50, fps: 50, dims: 3, data: slow });
    expect(meanJointError(seq, slowSeq, { align: 'dtw' })).toBe(0);
  });

  it('shifting every joint by (0.03, 0.04, 0) gives an MJE of 0.05', () => {
    const shifted = data.map((v, k) => (k % 3 === 0 ? v + 0.03 : k % 3 === 1 ? v + 0.04 : v));
    const other = createPoseSequence({ skeleton: PROMPT2SIGN_50, fps: 25, dims: 3, data: shifted });
    expect(meanJointError(seq, other)).toBeCloseTo(0.05, 6);
  });
});
