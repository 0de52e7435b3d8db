import { createPoseSequence, ERROR_CODES, getSkeleton, type PoseSequence, SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LIFT_FRAMES } from './check-lift-input.ts';
import type { LiftOptions } from './lift-options.ts';
import { liftSequence } from './lift-sequence.ts';

const P50 = getSkeleton('prompt2sign-50');

function good(frames = 3): PoseSequence<2> {
  const data = Float32Array.from({ length: frames * 100 }, (_, i) => 100 + ((i * 37) % 211));
  return createPoseSequence({ skeleton: P50, fps: 24, dims: 2, data });
}

function expectError(run: () => unknown, code: string, message: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(SignLLMError.isInstance(error)).toBe(true);
    expect((error as SignLLMError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected a ${code} SignLLMError`);
}

describe('liftSequence input checks', () => {
  it('accepts a small valid sequence', () => {
    expect(liftSequence(good(), { iterations: 5 }).sequence.frames).toBe(3);
  });

  it('rejects a sequence with no frames', () => {
    const empty = createPoseSequence({ skeleton: P50, fps: 24, dims: 2, data: new Float32Array(0) });
    expectError(() => liftSequence(empty), ERROR_CODES.invalidArgument, /at least 1 frame, got 0/);
  });

  it('rejects the wrong skeleton, naming it and the fix', () => {
    const op = createPoseSequence({
      skeleton: getSkeleton('openpose-137'),
      fps: 24,
      dims: 2,
      data: new Float32Array(274),
    });
    expectError(
      () => liftSequence(op as PoseSequence<2>),
      ERROR_CODES.invalidArgument,
      /"prompt2sign-50".*got "openpose-137".*mapSkeleton/,
    );
  });

  it('rejects a 3D sequence', () => {
    const three = createPoseSequence({ skeleton: P50, fps: 24, dims: 3, data: new Float32Array(150) });
    expectError(
      () => liftSequence(three as unknown as PoseSequence<2>),
      ERROR_CODES.invalidArgument,
      /dims 3 \(already 3D\)/,
    );
  });

  it('rejects NaN and infinite coordinates, even of a missing joint, with the frame', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const seq = good();
      seq.data[2 * 100 + 2 * 7 + 1] = bad;
      seq.confidence[2 * 50 + 7] = 0;
      expectError(
        () => liftSequence(seq),
        ERROR_CODES.invalidNumber,
        /coordinate y of joint 7 in frame 2 is (NaN|Infinity)/,
      );
    }
  });

  it('rejects NaN and negative confidences', () => {
    for (const bad of [Number.NaN, -0.5]) {
      const seq = good();
      seq.confidence[60] = bad;
      expectError(() => liftSequence(seq), ERROR_CODES.invalidNumber, /confidence of joint 10 in frame 1/);
    }
  });

  it('rejects arrays whose lengths disagree with the shape', () => {
    const seq = good();
    expectError(() => liftSequence({ ...seq, frames: 4 }), ERROR_CODES.shapeMismatch, /data has 300 values/);
    expectError(
      () => liftSequence({ ...seq, confidence: new Float32Array(10) }),
      ERROR_CODES.shapeMismatch,
      /confidence has 10 values/,
    );
  });

  it('rejects a hostile frame count before allocating', () => {
    expectError(
      () => liftSequence({ ...good(), frames: MAX_LIFT_FRAMES + 1 }),
      ERROR_CODES.tooLarge,
      /at most 200000 frames/,
    );
  });

  it('rejects a sequence with no observed joint', () => {
    const seq = createPoseSequence({ ...good(), confidence: new Float32Array(150) });
    expectError(() => liftSequence(seq), ERROR_CODES.invalidArgument, /no joint is observed/);
  });

  it('rejects a non-sequence', () => {
    expectError(
      () => liftSequence(null as unknown as PoseSequence<2>),
      ERROR_CODES.invalidArgument,
      /expects a PoseSequence/,
    );
  });

  it('rejects bad options, naming the option and its domain', () => {
    const cases: [LiftOptions, RegExp][] = [
      [{ iterations: -1 }, /iterations must be an integer in 0\.\.100000, got -1/],
      [{ iterations: 2.5 }, /iterations/],
      [{ iterations: 1e9 }, /iterations/],
      [{ learningRate: 0 }, /learningRate must be a finite number > 0, got 0/],
      [{ learningRate: Number.NaN }, /learningRate/],
      [{ optimizer: 'sgd' as 'gd' }, /optimizer must be one of .*adam.*gd.*got sgd/],
      [{ weights: { smooth: -1 } }, /weights\.smooth must be a finite number ≥ 0, got -1/],
      [{ weights: { length: Number.POSITIVE_INFINITY } }, /weights\.length/],
      [{ seed: 1.5 }, /seed must be a safe integer/],
      [{ progressEvery: 0 }, /progressEvery/],
      [{ onProgress: 'x' as unknown as () => void }, /onProgress must be a function/],
    ];
    for (const [options, message] of cases) {
      expectError(() => liftSequence(good(), options), ERROR_CODES.invalidArgument, message);
    }
  });

  it('reports a diverging optimisation instead of returning NaN poses', () => {
    expectError(
      () => liftSequence(good(), { optimizer: 'gd', learningRate: 1e12, iterations: 50 }),
      ERROR_CODES.invalidNumber,
      /diverged.*lower learningRate/,
    );
  });

  it('never throws anything but SignLLMError and never returns non-finite poses on random input', () => {
    const coordinate = fc.oneof(
      { weight: 20, arbitrary: fc.double({ min: -2000, max: 2000, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0, 3e38, -3e38, 1e-30, 1e30) },
    );
    const conf = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1));
    const poison = fc.option(
      fc.record({ at: fc.nat(449), value: fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY, -1) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(coordinate, { minLength: 300, maxLength: 300 }),
        fc.array(conf, { minLength: 150, maxLength: 150 }),
        poison,
        (frames, values, confidences, bad) => {
          const data = Float32Array.from(values.slice(0, frames * 100));
          const confidence = Float32Array.from(confidences.slice(0, frames * 50));
          if (bad) {
            if (bad.at < 300 && bad.at < data.length) data[bad.at] = bad.value;
            else if (bad.at - 300 < confidence.length) confidence[bad.at - 300] = bad.value;
          }
          const seq = createPoseSequence({ skeleton: P50, fps: 24, dims: 2, frames, data, confidence });
          try {
            const { sequence } = liftSequence(seq, { iterations: 3 });
            expect(sequence.data.every(Number.isFinite)).toBe(true);
          } catch (error) {
            expect(SignLLMError.isInstance(error)).toBe(true);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
