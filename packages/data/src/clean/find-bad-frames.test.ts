/** Tests of `findBadFrames` / `upperBodyConfidence` on synthetic frames with known answers. */
import { createPoseSequence, getSkeleton, SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { findBadFrames, upperBodyConfidence } from './find-bad-frames.ts';

/** One frame per row of upper-body confidences (joints 0–7); hands present at 1 unless `empty`. */
function frames(rows: number[][], empty: number[] = []) {
  const confidence = new Float32Array(rows.length * 50).fill(1);
  for (const [f, row] of rows.entries()) {
    if (empty.includes(f)) confidence.fill(0, f * 50, (f + 1) * 50);
    else confidence.set(row, f * 50);
  }
  return createPoseSequence({
    skeleton: getSkeleton('prompt2sign-50'),
    fps: 25,
    dims: 2,
    data: new Float32Array(rows.length * 100),
    confidence,
  });
}

const row = (c: number): number[] => new Array<number>(8).fill(c);

describe('findBadFrames', () => {
  it('computes the mean upper-body confidence with missing joints as 0 and ignoring the hands', () => {
    const seq = frames([[1, 1, 1, 1, 0, 0, 0, 0.5]]);
    expect(upperBodyConfidence(seq, 0)).toBeCloseTo(4.5 / 8, 6);
  });

  it('keeps a frame exactly at the threshold and drops the one just below', () => {
    // 0.25 and 0.375 are exact in float32, so the comparison is exact.
    const seq = frames([row(0.375), row(0.25), row(0.375)]);
    expect(findBadFrames(seq, { minUpperBodyConfidence: 0.375 })).toEqual([
      { frame: 1, reason: 'low-confidence', upperBodyConfidence: 0.25 },
    ]);
    expect(findBadFrames(seq, { minUpperBodyConfidence: 0.25 })).toEqual([]);
  });

  it('uses 0.3 by default, like the original', () => {
    const seq = frames([row(0.3125), row(0.28125)]);
    expect(findBadFrames(seq).map((i) => i.frame)).toEqual([1]);
  });

  it('names no-person before no-root before low-confidence', () => {
    const noRoot = [0, 1, 1, 1, 1, 1, 1, 1];
    const seq = frames([row(1), row(1), noRoot, row(0.1)], [1]);
    expect(findBadFrames(seq).map((i) => [i.frame, i.reason])).toEqual([
      [1, 'no-person'],
      [2, 'no-root'],
      [3, 'low-confidence'],
    ]);
    expect(findBadFrames(seq, { requireRoot: false }).map((i) => i.frame)).toEqual([1, 3]);
    expect(findBadFrames(seq, { minUpperBodyConfidence: 0, requireRoot: false }).map((i) => i.frame)).toEqual(
      [1],
    );
  });

  it.each([-0.1, 1.5, Number.NaN])('rejects minUpperBodyConfidence %s', (value) => {
    expect(() => findBadFrames(frames([row(1)]), { minUpperBodyConfidence: value })).toThrow(SignLLMError);
    expect(() => findBadFrames(frames([row(1)]), { minUpperBodyConfidence: value })).toThrow(
      /minUpperBodyConfidence must be a number in \[0, 1\]/,
    );
  });
});
