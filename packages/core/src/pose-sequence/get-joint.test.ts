import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../errors/signllm-error.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { getJoint } from './get-joint.ts';
import { createPoseSequence } from './pose-sequence.ts';

const SK = testSkeleton('get-joint-2', ['a', 'b'], { format: 'XYZC' });

describe('getJoint', () => {
  it('reads x, y, z and confidence of a 3D joint at data[(f*joints+j)*3 + d]', () => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const seq = createPoseSequence({
      skeleton: SK,
      fps: 25,
      dims: 3,
      data,
      confidence: Float32Array.from([1, 0.5, 0, 0.25]),
    });
    expect(getJoint(seq, 1, 'a')).toEqual({ x: 7, y: 8, z: 9, confidence: 0 });
    expect(getJoint(seq, 0, 1)).toEqual({ x: 4, y: 5, z: 6, confidence: 0.5 });
  });

  it('omits z for 2D sequences', () => {
    const seq = createPoseSequence({ skeleton: SK, fps: 25, dims: 2, data: Float32Array.from([1, 2, 3, 4]) });
    const j = getJoint(seq, 0, 'b');
    expect(j).toEqual({ x: 3, y: 4, confidence: 1 });
    expect('z' in j).toBe(false);
  });

  it('rejects frames outside the sequence and unknown joints', () => {
    const seq = createPoseSequence({ skeleton: SK, fps: 25, dims: 2, data: Float32Array.from([1, 2, 3, 4]) });
    for (const f of [-1, 1, 0.5]) {
      expect(() => getJoint(seq, f, 0)).toThrow(/frame .* is outside 0\.\.0/);
    }
    expect(() => getJoint(seq, 0, 'c')).toThrow(SignLLMError);
    expect(() => getJoint(seq, 0, 2)).toThrow(/0\.\.1/);
    const empty = createPoseSequence({ skeleton: SK, fps: 25, dims: 2, data: new Float32Array(0) });
    expect(() => getJoint(empty, 0, 0)).toThrow(/has no frames/);
  });
});
