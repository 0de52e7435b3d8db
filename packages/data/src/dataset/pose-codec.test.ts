import { formatFixed } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { decodePose, encodePose, quantiseConfidence, quantiseCoordinate } from './pose-codec.ts';

const ctx = { source: 'test' };

describe('quantiseCoordinate', () => {
  it('gives the integer that %.5f prints, ties to even', () => {
    expect(quantiseCoordinate(Math.fround(0.12345))).toBe(12345);
    expect(quantiseCoordinate(Math.fround(-0.02429))).toBe(-2429);
    // exact binary ties: 2^-6 × 1e5 = 1562.5 and 3 × 2^-6 × 1e5 = 4687.5
    expect([0.015625, 0.046875, -0.015625].map(quantiseCoordinate)).toEqual([1562, 4688, -1562]);
    expect([0.015625, 0.046875, -0.015625].map((v) => formatFixed(v, 5))).toEqual([
      '0.01562',
      '0.04688',
      '-0.01562',
    ]);
  });

  it('agrees with formatFixed(v, 5) on arbitrary float32 values', () => {
    fc.assert(
      fc.property(fc.float({ min: -20000, max: 20000, noNaN: true }), (v) => {
        const q = quantiseCoordinate(v);
        const text = formatFixed(v, 5).replace('-0.00000', '0.00000');
        expect(formatFixed(q / 1e5, 5).replace('-0.00000', '0.00000')).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('quantiseConfidence', () => {
  it('keeps 0 and 1 exact, never turns a present joint into a missing one', () => {
    expect(quantiseConfidence(0)).toBe(0);
    expect(quantiseConfidence(1)).toBe(255);
    expect(quantiseConfidence(1e-9)).toBe(1);
    expect(quantiseConfidence(0.5)).toBe(128);
  });
});

describe('encodePose / decodePose', () => {
  it('round-trips 5-decimal values bit-exactly, negative zero included, in channel-major order', () => {
    const frames = 3;
    const joints = 2;
    const dims = 3;
    const tokens = ['0.12345', '-0.00000', '1.00000', '-3.14159', '0.00001', '-0.00001'];
    const data = new Float32Array(frames * joints * dims);
    for (let i = 0; i < data.length; i++) data[i] = Number(tokens[i % tokens.length]) + (i % 7) / 100;
    data[1] = -0;
    const confidence = Float32Array.from([1, 0, 0.5, 1, 0.25, 1]);
    const enc = encodePose(data, confidence, frames, joints, dims, ctx);
    // channel (joint 0, dim 1) over time starts at index 1 × frames
    expect(enc.pose[1 * frames + 0]).toBe(0);
    expect([...enc.negZero]).toEqual([frames]);
    expect(enc.pose[0]).toBe(quantiseCoordinate(data[0]!));
    expect(enc.pose[1]).toBe(quantiseCoordinate(data[6]!)); // frame 1 of channel 0
    const dec = decodePose(enc);
    for (let i = 0; i < data.length; i++) expect(Object.is(dec.data[i], data[i])).toBe(true);
    expect([...dec.confidence]).toEqual([1, 0, Math.fround(128 / 255), 1, Math.fround(64 / 255), 1]);
  });

  it('keeps the %.5f text of every value of arbitrary sequences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(2, 3),
        fc.array(fc.float({ min: -5000, max: 5000, noNaN: true }), { minLength: 72, maxLength: 72 }),
        (frames, joints, dims, pool) => {
          const data = Float32Array.from(
            { length: frames * joints * dims },
            (_, i) => pool[i % pool.length]!,
          );
          const conf = new Float32Array(frames * joints).fill(1);
          const dec = decodePose(encodePose(data, conf, frames, joints, dims, ctx));
          for (let i = 0; i < data.length; i++)
            expect(formatFixed(dec.data[i]!, 5)).toBe(formatFixed(data[i]!, 5));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stores NaN of a missing joint as 0 and rejects NaN, huge values and bad confidence elsewhere', () => {
    const data = Float32Array.from([Number.NaN, 1]);
    const enc = encodePose(data, Float32Array.from([0]), 1, 1, 2, ctx);
    expect(decodePose(enc).data[0]).toBe(0);
    expectError(
      () => encodePose(data, Float32Array.from([1]), 1, 1, 2, { source: 'row-7' }),
      'format_invalid_number',
      /NaN in sequence "row-7".*must be finite/,
    );
    expectError(
      () => encodePose(Float32Array.from([30000, 0]), Float32Array.from([1]), 1, 1, 2, ctx),
      'format_invalid_number',
      /30000.*up to 21474\.8/,
    );
    expectError(
      () => encodePose(Float32Array.from([0, 0]), Float32Array.from([1.5]), 1, 1, 2, ctx),
      'format_invalid_number',
      /Confidence 1\.5/,
    );
    expectError(
      () => encodePose(Float32Array.from([0, 0]), Float32Array.from([Number.NaN]), 1, 1, 2, ctx),
      'format_invalid_number',
    );
  });
});
