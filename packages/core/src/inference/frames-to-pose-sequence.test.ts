import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import type { GeneratedFrame } from './decode-pose.ts';
import { framesToPoseSequence } from './frames-to-pose-sequence.ts';

function frame(index: number): GeneratedFrame {
  const values = new Float32Array(150);
  for (let i = 0; i < 150; i++) values[i] = index * 1000 + i;
  return { index, values, counter: index / 10 };
}

describe('framesToPoseSequence', () => {
  it('lays generated frames out as a 3-D prompt2sign-50 sequence with confidence 1', () => {
    const seq = framesToPoseSequence([frame(0), frame(1), frame(2)], 25);
    expect(seq.skeleton.name).toBe('prompt2sign-50');
    expect([seq.frames, seq.joints, seq.dims, seq.fps]).toEqual([3, 50, 3, 25]);
    // frame 2, joint 7, axis y → value 2·1000 + (7·3 + 1)
    expect(seq.data[(2 * 50 + 7) * 3 + 1]).toBe(2022);
    expect(Array.from(seq.confidence).every((c) => c === 1)).toBe(true);
    expect(seq.confidence).toHaveLength(150);
  });

  it('takes a flat Float32Array of n × 150 values, copying it', () => {
    const flat = new Float32Array(300).map((_, i) => i);
    const seq = framesToPoseSequence(flat, 30);
    expect(seq.frames).toBe(2);
    flat[0] = 99;
    expect(seq.data[0]).toBe(0);
    expect(framesToPoseSequence([], 25).frames).toBe(0);
  });

  it('refuses frames of another width and bad fps', () => {
    const short = { index: 0, values: new Float32Array(151), counter: 0 };
    expectError(
      () => framesToPoseSequence([frame(0), short], 25),
      'shape_mismatch',
      /frame 1 has 151 values/,
    );
    expectError(() => framesToPoseSequence(new Float32Array(151), 25), 'shape_mismatch');
    expectError(() => framesToPoseSequence([frame(0)], 0), 'invalid_argument');
    expectError(() => framesToPoseSequence('x' as never, 25), 'invalid_argument');
  });
});
