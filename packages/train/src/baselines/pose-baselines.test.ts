import { SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import {
  glossSimilarity,
  meanFrameOf,
  meanPoseBaseline,
  nearestNeighbourBaseline,
  scorePoseFrames,
} from './pose-baselines.ts';

const W = 151;

/** `[T × 151]` frames whose joint value j of frame t is `f(t, j)`, counters (t+1)/T. */
function frames(T: number, f: (t: number, j: number) => number): Float32Array {
  const out = new Float32Array(T * W);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < 150; j++) out[t * W + j] = f(t, j);
    out[t * W + 150] = (t + 1) / T;
  }
  return out;
}

describe('meanFrameOf / meanPoseBaseline', () => {
  it('averages every frame of every sequence (longer sequences weigh more)', () => {
    const a = frames(2, (t, j) => t + j); // frames: j, 1 + j
    const b = frames(1, (_, j) => 10 - j);
    const mean = meanFrameOf([a, b]);
    expect(mean.length).toBe(150);
    for (const j of [0, 7, 149]) expect(mean[j]).toBeCloseTo((j + (1 + j) + (10 - j)) / 3, 5);
  });

  it('repeats the mean frame with counters (t+1)/T', () => {
    const mean = Float32Array.from({ length: 150 }, (_, j) => j / 100);
    const out = meanPoseBaseline(mean, 4);
    expect(out.length).toBe(4 * W);
    for (let t = 0; t < 4; t++) {
      expect(Array.from(out.subarray(t * W, t * W + 150))).toEqual(Array.from(mean));
      expect(out[t * W + 150]).toBeCloseTo((t + 1) / 4, 7);
    }
  });

  it('bad inputs are SignLLMErrors naming the problem', () => {
    expect(() => meanFrameOf([])).toThrow(SignLLMError);
    expect(() => meanFrameOf([new Float32Array(150)])).toThrow(/T × 151/);
    expect(() => meanPoseBaseline(new Float32Array(151), 3)).toThrow(/150 joint values/);
    for (const bad of [0, -1, 2.5, Number.NaN, 1e9])
      expect(() => meanPoseBaseline(new Float32Array(150), bad)).toThrow(/length must be an integer/);
  });
});

describe('nearestNeighbourBaseline', () => {
  const train = [
    { gloss: 'A B', frames: frames(2, () => 0) },
    { gloss: 'C A', frames: frames(3, () => 1) },
    { gloss: 'A C', frames: frames(4, () => 2) },
    { gloss: 'B A', frames: frames(5, () => 3) },
  ];

  it('returns the training sequence sharing the most glosses in order; ties go to the first', () => {
    expect(nearestNeighbourBaseline(train, 'A C')).toMatchObject({ index: 2, similarity: 2 });
    expect(nearestNeighbourBaseline(train, 'A C').frames).toBe(train[2]!.frames);
    // "C B": C is shared by rows 1 and 2, B by rows 0 and 3; none has both in order → first (row 0)
    expect(nearestNeighbourBaseline(train, 'C B')).toMatchObject({ index: 0, similarity: 1 });
    // "B C A": row 1 (C A) and row 3 (B A) both share two in order → row 1 comes first
    expect(nearestNeighbourBaseline(train, 'B C A')).toMatchObject({ index: 1, similarity: 2 });
    expect(nearestNeighbourBaseline(train, 'Z')).toMatchObject({ index: 0, similarity: 0 });
  });

  it('glossSimilarity is the in-order overlap', () => {
    expect(glossSimilarity('HOUSE BIG', 'BIG HOUSE RED')).toBe(1);
    expect(glossSimilarity('A B C D', 'A X C D')).toBe(3);
    expect(glossSimilarity('  A   B ', 'A B')).toBe(2);
    expect(glossSimilarity('', 'A')).toBe(0);
  });

  it('bad inputs are SignLLMErrors', () => {
    expect(() => nearestNeighbourBaseline([], 'A')).toThrow(SignLLMError);
    expect(() => nearestNeighbourBaseline([{ gloss: 'A', frames: new Float32Array(10) }], 'A')).toThrow(
      /example 0/,
    );
  });
});

describe('scorePoseFrames', () => {
  it('is 0 for the reference itself and for a time-stretched copy of a constant pose', () => {
    const ref = frames(6, (t, j) => Math.sin(t + j));
    expect(scorePoseFrames(ref, ref)).toBe(0);
    expect(
      scorePoseFrames(
        frames(3, () => 0.5),
        frames(9, () => 0.5),
      ),
    ).toBe(0);
  });

  it('a constant offset d costs 150·d per reference frame (the counter frame is cut, as in PT)', () => {
    // ref 0.1 everywhere, hyp 0.3: every pair of frames costs 150 × 0.2 (L1); DTW takes the diagonal
    const T = 5;
    const score = scorePoseFrames(
      frames(T, () => 0.1),
      frames(T, () => 0.3),
    );
    expect(score).toBeCloseTo(150 * 0.2, 3);
  });

  it('matches a hand-computed DTW on a one-joint-value difference', () => {
    // Reference values 0,1,2,(3 cut); hypothesis 0,2,(9 cut) on joint value 0 only.
    const ref = frames(4, (t, j) => (j === 0 ? t : 0));
    const hyp = frames(3, (t, j) => (j === 0 ? [0, 2, 9][t]! : 0));
    // cost |r−h|: r=[0,1,2], h=[0,2]: D = [[0,2],[1,1],[3,1]] → 1; divided by 3 reference frames
    expect(scorePoseFrames(ref, hyp)).toBeCloseTo(1 / 3, 6);
  });

  it('bad shapes are SignLLMErrors', () => {
    expect(() => scorePoseFrames(new Float32Array(151), new Float32Array(150))).toThrow(/hypothesis/);
    expect(() => scorePoseFrames(new Float32Array(0), new Float32Array(151))).toThrow(/reference/);
  });
});
