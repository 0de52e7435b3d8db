import { describe, expect, it } from 'vitest';
import { readPhoenixSequence } from '../test-support/read-phoenix-sequence.ts';
import { describeWithData } from '../test-support/shared-data.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { createPoseSequence, type Dims } from './pose-sequence.ts';
import { resampledFrameCount, resampleFps } from './resample-fps.ts';

const ONE = testSkeleton('resample-1', ['j']);

/** One joint, x = values[f], y = 2·x (z = 3·x in 3D); confidence given or 1. */
function line<D extends Dims>(dims: D, fps: number, xs: number[], confidence?: number[]) {
  const data = new Float32Array(xs.length * dims);
  xs.forEach((x, f) => {
    for (let d = 0; d < dims; d++) data[f * dims + d] = x * (d + 1);
  });
  return createPoseSequence({
    skeleton: ONE,
    fps,
    dims,
    data,
    ...(confidence ? { confidence: Float32Array.from(confidence) } : {}),
  });
}
const xs = (seq: { data: Float32Array; dims: number; frames: number }): number[] =>
  Array.from({ length: seq.frames }, (_, f) => seq.data[f * seq.dims]!);

describe('resampleFps', () => {
  it('2 frames at 10 fps → 20 fps: first, mid-point, last (coordinates and confidence)', () => {
    const out = resampleFps(line(2, 10, [0, 2], [1, 0.5]), 20);
    expect(out.fps).toBe(20);
    expect(out.frames).toBe(3);
    expect(Array.from(out.data)).toEqual([0, 0, 1, 2, 2, 4]);
    expect(Array.from(out.confidence)).toEqual([1, 0.75, 0.5]);
  });

  it('produces frames at k/fps while k/fps <= (frames − 1)/fps_in, interpolating in 3D', () => {
    // 5 frames at 30 fps span 4/30 s; at 25 fps the times 0, .04, .08, .12 fit: input positions 0, 1.2, 2.4, 3.6.
    const out = resampleFps(line(3, 30, [0, 1, 2, 3, 4]), 25);
    expect(out.frames).toBe(4);
    [0, 1.2, 2.4, 3.6].forEach((u, k) => {
      for (let d = 0; d < 3; d++) expect(out.data[k * 3 + d]).toBeCloseTo(u * (d + 1), 5);
    });
    expect(resampledFrameCount(5, 30, 25)).toBe(4);
    expect(resampledFrameCount(0, 30, 25)).toBe(0);
    expect(resampledFrameCount(1, 30, 25)).toBe(1);
    expect(resampledFrameCount(11, 10, 30)).toBe(31); // 1 s span at 30 fps: 0..30
  });

  it('downsamples 30 → 10 fps by taking every third frame exactly', () => {
    const out = resampleFps(line(2, 30, [5, 6, 7, 8, 9, 10, 11], [1, 0, 0, 0.5, 0, 0, 0.25]), 10);
    expect(xs(out)).toEqual([5, 8, 11]);
    expect(Array.from(out.confidence)).toEqual([1, 0.5, 0.25]);
  });

  it('leaves a joint missing when either neighbour is missing, unless fillGaps', () => {
    const gappy = line(2, 10, [0, 99, 99, 6], [1, 0, 0, 1]);
    const strict = resampleFps(gappy, 20);
    expect(Array.from(strict.confidence)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(xs(strict)).toEqual([0, 0, 0, 0, 0, 0, 6]); // missing → coordinates 0
    const filled = resampleFps(gappy, 20, { fillGaps: true });
    expect(xs(filled)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(filled.confidence)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('with fillGaps never extrapolates before the first or after the last present frame', () => {
    const out = resampleFps(line(2, 10, [9, 2, 4, 9], [0, 1, 1, 0]), 20, { fillGaps: true });
    expect(Array.from(out.confidence)).toEqual([0, 0, 1, 1, 1, 0, 0]);
    expect(xs(out)).toEqual([0, 0, 2, 3, 4, 0, 0]);
  });

  it('same fps is an identical copy; with fillGaps it fills interior gaps', () => {
    const seq = line(3, 25, [1, 7, 3], [1, 0, 1]);
    const same = resampleFps(seq, 25);
    expect(Array.from(same.data)).toEqual(Array.from(seq.data));
    expect(Array.from(same.confidence)).toEqual([1, 0, 1]);
    expect(same.data).not.toBe(seq.data);
    expect(xs(resampleFps(seq, 25, { fillGaps: true }))).toEqual([1, 2, 3]);
  });

  it('handles empty and single-frame sequences', () => {
    expect(resampleFps(line(2, 25, []), 50).frames).toBe(0);
    const single = resampleFps(line(2, 25, [4]), 50);
    expect(xs(single)).toEqual([4]);
    expect(single.fps).toBe(50);
  });

  it.each([0, -25, Number.NaN, Number.POSITIVE_INFINITY])('rejects fps %s', (fps) => {
    expect(() => resampleFps(line(2, 25, [1, 2]), fps)).toThrow(/fps must be a positive finite number/);
  });
});

describeWithData('resampleFps on PHOENIX-2014T .skels (prompt2sign-50, 3D)', () => {
  it('25 → 50 fps keeps every original frame and inserts exact mid-points', () => {
    const { values: raw, frames, sequence: seq } = readPhoenixSequence('train', 0);
    const out = resampleFps(seq, 50);
    expect(out.frames).toBe(2 * frames - 1);
    for (let f = 0; f < frames; f++) {
      for (let i = 0; i < 150; i += 7) {
        expect(out.data[2 * f * 150 + i]).toBeCloseTo(raw[f * 151 + i]!, 5);
        if (f + 1 < frames) {
          expect(out.data[(2 * f + 1) * 150 + i]).toBeCloseTo(
            (raw[f * 151 + i]! + raw[(f + 1) * 151 + i]!) / 2,
            5,
          );
        }
      }
    }
    // And back down: 50 → 25 restores the original frames.
    expect(Array.from(resampleFps(out, 25).data)).toEqual(Array.from(seq.data));
  });
});
