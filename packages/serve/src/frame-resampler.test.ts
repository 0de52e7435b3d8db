import { createPoseSequence, getSkeleton, resampledFrameCount, resampleFps } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameResampler } from './frame-resampler.ts';
import { checkAnswerFrames } from './translation-support.ts';

const SKELETON = getSkeleton('prompt2sign-50');

function frames(count: number, seed: number): Float32Array[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31 - 0.5;
  };
  return Array.from({ length: count }, () => Float32Array.from({ length: 150 }, next));
}

describe('FrameResampler', () => {
  it('gives the frames of core resampleFps, each as soon as the frames around it exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(12, 25, 30, 7.5),
        fc.constantFrom(12, 24, 25, 10, 50, 6, 29.97),
        fc.integer({ min: 1, max: 1000 }),
        (count, from, to, seed) => {
          const input = frames(count, seed);
          const resampler = new FrameResampler(from, to);
          const out: Float32Array[] = [];
          input.forEach((values, i) => {
            const got = resampler.push({ values, counter: i });
            // Nothing is emitted beyond the time of the newest frame.
            for (const [k] of got.entries())
              expect((out.length + k) / to).toBeLessThanOrEqual(i / from + 1e-9);
            out.push(...got.map((f) => f.values));
            // …and everything up to it is: as many frames as the first i + 1 frames resample to.
            expect(out.length).toBe(resampledFrameCount(i + 1, from, to));
          });
          const data = new Float32Array(count * 150);
          input.forEach((v, i) => {
            data.set(v, i * 150);
          });
          const expected = resampleFps(
            createPoseSequence({ skeleton: SKELETON, fps: from, dims: 3, data }),
            to,
          );
          expect(out.length).toBe(resampledFrameCount(count, from, to));
          expect(out.length).toBe(expected.frames);
          let worst = 0;
          for (let k = 0; k < out.length; k++) {
            for (let j = 0; j < 150; j++) {
              worst = Math.max(worst, Math.abs(out[k]![j]! - expected.data[k * 150 + j]!));
            }
          }
          expect(worst).toBeLessThan(1e-6);
          expect(resampler.emitted).toBe(out.length);
        },
      ),
      { numRuns: 120, seed: 3 },
    );
  });

  it('passes frames through unchanged at the same rate and interpolates the counter', () => {
    const same = new FrameResampler(25, 25);
    const f = { values: new Float32Array(150), counter: 0.5 };
    expect(same.push(f)[0]).toBe(f);
    const up = new FrameResampler(10, 20);
    expect(up.push({ values: new Float32Array(150), counter: 0 }).map((x) => x.counter)).toEqual([0]);
    expect(
      up.push({ values: new Float32Array(150).fill(2), counter: 1 }).map((x) => [x.counter, x.values[0]]),
    ).toEqual([
      [0.5, 1],
      [1, 2],
    ]);
  });
});

describe('checkAnswerFrames', () => {
  it('refuses an fps that would make an answer longer than API_LIMITS.maxFrames', () => {
    expect(() => checkAnswerFrames(256, 12, 240)).not.toThrow();
    expect(() => checkAnswerFrames(1000, 25, 240)).not.toThrow();
    expect(() => checkAnswerFrames(1000, 12, 240)).toThrow(
      /fps 240 would turn 1000 frames at the model's 12 fps into 19981, more than the 10000/,
    );
  });
});
