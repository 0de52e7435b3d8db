/**
 * Bad inputs of `normalizeSequence` and `denormalizeSequence`, and small synthetic cases with known
 * answers (including the fallbacks of the per-frame `progressive-transformers` convention).
 */
import {
  createPoseSequence,
  getSkeleton,
  type Normalisation,
  type PoseSequence,
  SignLLMError,
} from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { denormalizeSequence } from './denormalize-sequence.ts';
import { checkNormalisationMethod, type NormalisationMethod } from './normalisation-methods.ts';
import { normalizeSequence } from './normalize-sequence.ts';

const P50 = getSkeleton('prompt2sign-50');

/**
 * `frames` frames in 2D: neck at (100 + f, 50), right shoulder at neck − (20, 0), left at neck + (20, 0),
 * every other joint at (neck x + j, 80), all present.
 */
function body(frames: number, dims: 2 | 3 = 2): PoseSequence {
  const data = new Float32Array(frames * 50 * dims);
  for (let f = 0; f < frames; f++) {
    for (let j = 0; j < 50; j++) {
      const x = 100 + f + (j === 2 ? -20 : j === 5 ? 20 : j === 1 ? 0 : j);
      const y = j === 1 || j === 2 || j === 5 ? 50 : 80;
      data.set(dims === 3 ? [x, y, 7] : [x, y], (f * 50 + j) * dims);
    }
  }
  return createPoseSequence({ skeleton: P50, fps: 25, dims, data });
}

const expectError = (run: () => unknown, code: string, message: RegExp): void => {
  try {
    run();
  } catch (e) {
    expect(SignLLMError.isInstance(e)).toBe(true);
    expect((e as SignLLMError).code).toBe(code);
    expect((e as SignLLMError).message).toMatch(message);
    return;
  }
  throw new Error('expected a SignLLMError');
};

describe('normalizeSequence: known answers', () => {
  it('signllm: neck mean (101, 50) to the origin, width 40 to 1', () => {
    const { sequence, normalisation } = normalizeSequence(body(3), 'signllm');
    expect(normalisation).toEqual({ method: 'signllm', parameters: { center: [101, 50], scale: 40 } });
    // Frame 0, left shoulder: ((120 − 101) / 40, 0).
    expect(Array.from(sequence.data.subarray(10, 12))).toEqual([19 / 40, 0].map(Math.fround));
  });

  it('progressive-transformers: each frame on its own neck; a frame without a neck or shoulders uses the means', () => {
    const seq = body(3);
    seq.confidence[1 * 50 + 1] = 0; // frame 1: no neck
    seq.confidence[2 * 50 + 5] = 0; // frame 2: no left shoulder
    const { normalisation, sequence } = normalizeSequence(seq, 'progressive-transformers');
    expect(normalisation.parameters.center).toEqual([100, 50, 101, 50, 102, 50]); // frame 1: mean of 100 and 102
    expect(normalisation.parameters.scale).toEqual([40, 40, 40]);
    expect(normalisation.parameters.divisor).toBe(3);
    expect(sequence.data[0 * 100 + 5 * 2]).toBeCloseTo(20 / 120, 6);
  });

  it('progressive-transformers: a frame whose shoulders overlap in the image uses the mean width', () => {
    const seq = body(3);
    seq.data[(1 * 50 + 2) * 2] = seq.data[(1 * 50 + 5) * 2]!; // frame 1: width 0
    const { normalisation } = normalizeSequence(seq, 'progressive-transformers');
    const mean = (40 + 0 + 40) / 3;
    expect(normalisation.parameters.scale).toEqual([40, mean, 40]);
  });

  it('prompt2sign keeps missing points out of the means', () => {
    const seq = body(2);
    seq.data[(0 * 50 + 30) * 2] = 1e6;
    seq.confidence[0 * 50 + 30] = 0;
    const with30 = normalizeSequence(seq, 'prompt2sign').normalisation;
    seq.data[(0 * 50 + 30) * 2] = -1e6;
    expect(normalizeSequence(seq, 'prompt2sign').normalisation).toEqual(with30);
  });
});

describe('normalizeSequence: bad inputs', () => {
  it('rejects an unknown method naming the valid ones', () => {
    expectError(
      () => normalizeSequence(body(2), 'zscore' as NormalisationMethod),
      'invalid_argument',
      /Unknown normalisation method "zscore"; valid methods are "signllm", "prompt2sign", "progressive-transformers" or "none"/,
    );
    expect(() => checkNormalisationMethod(undefined)).toThrow(SignLLMError);
  });

  it('rejects an empty sequence', () => {
    expectError(() => normalizeSequence(body(0), 'signllm'), 'invalid_argument', /no frames/);
  });

  it('rejects a skeleton without neck and shoulders, suggesting cleanSequence', () => {
    const hand = createPoseSequence({
      skeleton: getSkeleton('holistic-178'),
      fps: 25,
      dims: 3,
      data: new Float32Array(178 * 3),
    });
    expectError(
      () => normalizeSequence(hand, 'signllm'),
      'invalid_argument',
      /needs joints named "Neck".*cleanSequence/,
    );
    // prompt2sign needs no named joints.
    expect(normalizeSequence(body(2), 'prompt2sign').normalisation.method).toBe('prompt2sign');
  });

  it('rejects a sequence whose neck or shoulders are never present', () => {
    const noNeck = body(3);
    for (let f = 0; f < 3; f++) noNeck.confidence[f * 50 + 1] = 0;
    expectError(() => normalizeSequence(noNeck, 'signllm'), 'invalid_argument', /no frame of 3 has the neck/);
    const noShoulder = body(3);
    for (let f = 0; f < 3; f++) noShoulder.confidence[f * 50 + 2] = 0;
    expectError(
      () => normalizeSequence(noShoulder, 'progressive-transformers'),
      'invalid_argument',
      /no frame of 3 has both shoulders/,
    );
  });

  it('rejects zero scales', () => {
    const same = body(2);
    for (let f = 0; f < 2; f++) same.data[(f * 50 + 2) * 2] = same.data[(f * 50 + 5) * 2]!;
    expectError(() => normalizeSequence(same, 'signllm'), 'invalid_argument', /mean shoulder width is 0/);
    const point = createPoseSequence({
      skeleton: P50,
      fps: 25,
      dims: 2,
      data: new Float32Array(100).fill(3),
    });
    expectError(
      () => normalizeSequence(point, 'prompt2sign'),
      'invalid_argument',
      /pooled σ of x and y is 0/,
    );
  });

  it('rejects present points with NaN or Infinity, naming the frame', () => {
    const seq = body(3);
    seq.data[(2 * 50 + 40) * 2 + 1] = Number.NaN;
    expectError(
      () => normalizeSequence(seq, 'signllm'),
      'format_invalid_number',
      /joint 40 of frame 2 .* NaN/,
    );
    seq.confidence[2 * 50 + 40] = 0; // missing: ignored
    expect(() => normalizeSequence(seq, 'signllm')).not.toThrow();
  });

  it('refuses per-frame parameters beyond the schema limit instead of writing an invalid record', () => {
    const long = createPoseSequence({
      skeleton: P50,
      fps: 25,
      dims: 2,
      data: new Float32Array(50_001 * 100),
    });
    for (let f = 0; f < 50_001; f++) long.data[(f * 50 + 5) * 2] = 1;
    expectError(
      () => normalizeSequence(long, 'progressive-transformers'),
      'format_too_large',
      /50001 frames/,
    );
  });
});

describe('denormalizeSequence: bad records', () => {
  const seq = body(2);
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['not an object', 42, 'schema_invalid', /normalisation/],
    ['a malformed method id', { method: 'Sign LLM', parameters: {} }, 'schema_invalid', /method/],
    ['an unknown method', { method: 'zscore', parameters: {} }, 'invalid_argument', /valid methods are/],
    [
      'no centre',
      { method: 'signllm', parameters: { scale: 2 } },
      'invalid_argument',
      /center must be an array/,
    ],
    [
      'a centre of the wrong size',
      { method: 'signllm', parameters: { center: [1, 2, 3], scale: 2 } },
      'shape_mismatch',
      /3 values, the sequence needs 2/,
    ],
    [
      'a zero scale',
      { method: 'signllm', parameters: { center: [1, 2], scale: 0 } },
      'invalid_argument',
      /scale must be finite and > 0/,
    ],
    [
      'an array scale where one is expected',
      { method: 'prompt2sign', parameters: { center: [1, 2], scale: [2] } },
      'invalid_argument',
      /scale must be a number/,
    ],
    [
      'a negative divisor',
      { method: 'prompt2sign', parameters: { center: [1, 2], scale: 2, divisor: -9 } },
      'invalid_argument',
      /divisor/,
    ],
    [
      'a per-frame record of another length',
      {
        method: 'progressive-transformers',
        parameters: { center: [0, 0, 0, 0, 0, 0], scale: [1, 1, 1], divisor: 3 },
      },
      'shape_mismatch',
      /same length/,
    ],
    [
      'per-frame scales of another length',
      { method: 'progressive-transformers', parameters: { center: [0, 0, 0, 0], scale: [1], divisor: 3 } },
      'shape_mismatch',
      /1 values, the sequence has 2 frames/,
    ],
    [
      'NaN in the centre',
      { method: 'signllm', parameters: { center: [Number.NaN, 0], scale: 1 } },
      'schema_invalid',
      /center/,
    ],
  ];
  it.each(cases)('rejects %s', (_, record, code, message) => {
    expectError(() => denormalizeSequence(seq, record as Normalisation), code, message);
  });

  it('fills default divisors when a record leaves them out, and inverts "none" as the identity', () => {
    const { sequence, normalisation } = normalizeSequence(seq, 'prompt2sign');
    const { divisor: _, ...rest } = normalisation.parameters;
    expect(denormalizeSequence(sequence, { method: 'prompt2sign', parameters: rest }).data).toEqual(
      denormalizeSequence(sequence, normalisation).data,
    );
    expect(denormalizeSequence(seq, { method: 'none', parameters: {} }).data).toEqual(seq.data);
  });
});
