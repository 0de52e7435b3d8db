import { describe, expect, it } from 'vitest';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { frameTimes } from './frame-times.ts';
import { createPoseSequence } from './pose-sequence.ts';

describe('frameTimes', () => {
  it('puts frame f at f / fps seconds', () => {
    const seq = createPoseSequence({
      skeleton: PROMPT2SIGN_50,
      fps: 25,
      dims: 2,
      data: new Float32Array(4 * 50 * 2),
    });
    expect(Array.from(frameTimes(seq))).toEqual([0, 0.04, 0.08, 0.12]);
  });

  it('is empty for an empty sequence and uses fractional fps exactly', () => {
    expect(
      frameTimes(
        createPoseSequence({ skeleton: PROMPT2SIGN_50, fps: 30, dims: 3, data: new Float32Array(0) }),
      ).length,
    ).toBe(0);
    const ntsc = createPoseSequence({
      skeleton: PROMPT2SIGN_50,
      fps: 29.97,
      dims: 2,
      data: new Float32Array(3 * 100),
    });
    expect(Array.from(frameTimes(ntsc))).toEqual([0, 1 / 29.97, 2 / 29.97]);
  });
});
