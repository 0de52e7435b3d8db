import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { dtw } from './dtw.ts';
import { dtwProgressiveTransformers, progressiveTransformersCut } from './dtw-progressive-transformers.ts';

const f32 = (frames: number[][]): Float32Array => new Float32Array(frames.flat());

describe('dtwProgressiveTransformers: PT pre-processing', () => {
  it('drops the BOS frame, cuts at the counter argmax (excluded), drops the counter', () => {
    // width 3 = 2 joint values + counter.
    // ref counters 0.2, 0.4, 0.6, 0 (padding) → argmax frame 2 → keep frames 0..1: (0,0), (1,1)
    const ref = f32([
      [0, 0, 0.2],
      [1, 1, 0.4],
      [2, 2, 0.6],
      [0, 0, 0],
    ]);
    // hyp: BOS (5,5) dropped; counters then 0.2, 0.5, 0.9, 0.3 → argmax 2 → keep (0,1), (1,1)
    const hyp = f32([
      [5, 5, 0],
      [0, 1, 0.2],
      [1, 1, 0.5],
      [9, 9, 0.9],
      [0, 0, 0.3],
    ]);
    // C: r0(0,0): [1, 2]; r1(1,1): [1, 0]
    // D row 0: [1, 3]; row 1: [1+1=2, 0+min(1,3,2)=1] → distance 1, normalised by 2 ref frames = 0.5
    const r = dtwProgressiveTransformers(ref, hyp, { width: 3, path: true });
    expect(r).toEqual({
      distance: 1,
      normalized: 0.5,
      refFrames: 2,
      hypFrames: 2,
      path: [
        [0, 0],
        [1, 1],
      ],
    });
    // the same numbers as plain dtw on the hand-cut frames
    expect(
      dtw(
        f32([
          [0, 0],
          [1, 1],
        ]),
        f32([
          [0, 1],
          [1, 1],
        ]),
        2,
      ).distance,
    ).toBe(1);
  });

  it('keeps one frame when the argmax is frame 0 (PT: "if max_idx == 0: max_idx += 1")', () => {
    expect(
      progressiveTransformersCut(
        f32([
          [7, 0.9],
          [8, 0.5],
          [9, 0.1],
        ]),
        2,
        3,
      ),
    ).toBe(1);
  });

  it('cuts at the first of tied maxima (torch.max returns the first index)', () => {
    expect(
      progressiveTransformersCut(
        f32([
          [1, 0.1],
          [2, 0.5],
          [3, 1],
          [4, 1],
        ]),
        2,
        4,
      ),
    ).toBe(2);
  });

  it('scores 0 when the hypothesis is the reference behind a BOS frame', () => {
    const ref = f32([
      [0, 0.25],
      [1, 0.5],
      [2, 0.75],
      [3, 1],
    ]);
    const hyp = new Float32Array([42, 0, ...ref]);
    const r = dtwProgressiveTransformers(ref, hyp, { width: 2 });
    expect(r.normalized).toBe(0);
    expect([r.refFrames, r.hypFrames]).toEqual([3, 3]);
  });

  it('validates its input', () => {
    expectError(
      () => dtwProgressiveTransformers(new Float32Array(4), new Float32Array(4), { width: 1 }),
      'invalid_argument',
      /≥ 2/,
    );
    expectError(
      () => dtwProgressiveTransformers(new Float32Array(6), new Float32Array(3), { width: 3 }),
      'invalid_argument',
      /BOS/,
    );
    expectError(
      () => dtwProgressiveTransformers(new Float32Array(7), new Float32Array(6), { width: 3 }),
      'shape_mismatch',
      /width 3/,
    );
    expectError(
      () =>
        dtwProgressiveTransformers(new Float32Array([0, 1, Number.NaN, 1]), new Float32Array(4), {
          width: 2,
        }),
      'format_invalid_number',
      /NaN/,
    );
  });
});

describeWithData('dtwProgressiveTransformers on PHOENIX14T .skels (151 values a frame)', () => {
  const lines = readDataText('phoenix14t-sample', 'dev.skels').trim().split('\n');
  const seq = (i: number): Float32Array => new Float32Array(lines[i]!.trim().split(/\s+/).map(Number));

  it('scores 0 for the ground truth decoded from its own first frame, and cuts the last (max-counter) frame', () => {
    const trg = seq(0);
    const frames = trg.length / 151;
    // PT compares batch.trg (the target without its first frame) with the output that starts at that frame
    const reference = trg.subarray(151);
    const r = dtwProgressiveTransformers(reference, trg, { width: 151 });
    expect(r.normalized).toBe(0);
    // the counter i/T rises to its maximum on the last frame, which the cut excludes
    expect(r.refFrames).toBe(frames - 2);
    expect(r.hypFrames).toBe(frames - 2);
  });

  it('gives a different sentence a positive score normalised by the cut reference length', () => {
    const a = seq(0);
    const b = seq(2);
    const r = dtwProgressiveTransformers(a.subarray(151), b, { width: 151 });
    expect(r.normalized).toBeGreaterThan(0);
    expect(r.normalized).toBeCloseTo(r.distance / r.refFrames, 9);
  });
});
