import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../errors/signllm-error.ts';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { defineSkeleton } from '../skeletons/skeleton.ts';
import { createPoseSequence } from './pose-sequence.ts';
import { selectJoints } from './select-joints.ts';

/** body: a(0) b(1) c(2); hand: d(3) e(4) f(5). Bones a-b, b-c, c-d, d-e, e-f. Root b. */
const SIX = defineSkeleton({
  name: 'six',
  description: 'six joints',
  joints: ['a', 'b', 'c', 'd', 'e', 'f'],
  bones: [
    [1, 0],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
  ],
  boneLengthIds: [0, 0, 1, 2, 3],
  colors: [
    [10, 0, 0],
    [20, 0, 0],
    [30, 0, 0],
    [40, 0, 0],
    [50, 0, 0],
    [60, 0, 0],
  ],
  root: 1,
  components: [
    { name: 'body', start: 0, count: 3, format: 'XYZC' },
    { name: 'hand', start: 3, count: 3, format: 'XYZC', points: ['D', 'E', 'F'] },
  ],
});

/** 2 frames; joint j of frame f has coordinates (f*100 + j*10 + d) and confidence (j + 1) / 10. */
function sixSeq(dims: 2 | 3) {
  const data = new Float32Array(2 * 6 * dims);
  for (let f = 0; f < 2; f++)
    for (let j = 0; j < 6; j++)
      for (let d = 0; d < dims; d++) data[(f * 6 + j) * dims + d] = f * 100 + j * 10 + d;
  const confidence = Float32Array.from({ length: 12 }, (_, i) => ((i % 6) + 1) / 10);
  return createPoseSequence({ skeleton: SIX, fps: 25, dims, data, confidence });
}

describe('selectJoints', () => {
  it('keeps the chosen joints in the chosen order with their data and confidence (3D)', () => {
    const out = selectJoints(sixSeq(3), ['e', 0, 'c']);
    expect(out.joints).toBe(3);
    expect(out.frames).toBe(2);
    expect(Array.from(out.data)).toEqual([
      40, 41, 42, 0, 1, 2, 20, 21, 22, 140, 141, 142, 100, 101, 102, 120, 121, 122,
    ]);
    expect(Array.from(out.confidence)).toEqual([0.5, 0.1, 0.3, 0.5, 0.1, 0.3].map(Math.fround));
  });

  it('derives the skeleton: bones with both ends kept, colours, runs of components, dropped root → first joint', () => {
    const sk = selectJoints(sixSeq(2), ['e', 'f', 'a', 'c', 'd']).skeleton;
    expect(sk.name).toBe('six:subset');
    expect(sk.joints).toEqual(['e', 'f', 'a', 'c', 'd']);
    // Original bones kept: c-d → [3, 4], d-e → [4, 0], e-f → [0, 1]; a-b and b-c lose b.
    expect(sk.bones).toEqual([
      [3, 4],
      [4, 0],
      [0, 1],
    ]);
    expect(sk.boneLengthIds).toEqual([1, 2, 3]);
    expect(sk.colors).toEqual([
      [50, 0, 0],
      [60, 0, 0],
      [10, 0, 0],
      [30, 0, 0],
      [40, 0, 0],
    ]);
    expect(sk.root).toBe(0); // b (the root) was dropped
    expect(sk.components).toEqual([
      { name: 'hand', start: 0, count: 2, format: 'XYZC', points: ['E', 'F'] },
      { name: 'body', start: 2, count: 2, format: 'XYZC' },
      { name: 'hand#2', start: 4, count: 1, format: 'XYZC', points: ['D'] },
    ]);
  });

  it('keeps the original root when it is selected, and honours a given name', () => {
    const sk = selectJoints(sixSeq(2), ['a', 'b'], { name: 'ab' }).skeleton;
    expect(sk.name).toBe('ab');
    expect(sk.root).toBe(1);
    expect(sk.bones).toEqual([[1, 0]]);
    expect(sk.components).toEqual([{ name: 'body', start: 0, count: 2, format: 'XYZC' }]);
  });

  it('rejects unknown names listing valid ones, bad indices, duplicates and an empty list', () => {
    const seq = sixSeq(2);
    let e: unknown;
    try {
      selectJoints(seq, ['a', 'zz']);
    } catch (err) {
      e = err;
    }
    expect(SignLLMError.isInstance(e) && e.code).toBe('invalid_argument');
    expect((e as Error).message).toBe(
      'Unknown joint "zz" in skeleton "six"; valid joints are "a", "b", "c", "d", "e" or "f"',
    );
    expect(() => selectJoints(seq, [6])).toThrow(
      /joints\[0\] 6 is not a joint index of skeleton "six" \(0\.\.5\)/,
    );
    expect(() => selectJoints(seq, ['a', 0])).toThrow(/joints\[1\] selects joint 0 \("a"\) a second time/);
    expect(() => selectJoints(seq, [])).toThrow(/at least one joint/);
  });

  it('splits prompt2sign-50 into its two hands: 42 joints, 40 hand bones, left wrist as root', () => {
    const data = new Float32Array(3 * 50 * 3).map((_, i) => i);
    const seq = createPoseSequence({ skeleton: PROMPT2SIGN_50, fps: 25, dims: 3, data });
    const hands = selectJoints(seq, PROMPT2SIGN_50.joints.slice(8));
    const expectedBones = PROMPT2SIGN_50.bones
      .filter(([a, b]) => a >= 8 && b >= 8)
      .map(([a, b]) => [a - 8, b - 8]);
    expect(expectedBones.length).toBe(40); // 49 bones − 7 body bones − the 2 wrist links (7→8, 4→29)
    expect(hands.skeleton.bones).toEqual(expectedBones);
    expect(hands.skeleton.root).toBe(0);
    expect(hands.skeleton.joints[0]).toBe('LEFT_WRIST');
    expect(hands.skeleton.components.map((c) => [c.name, c.start, c.count])).toEqual([
      ['hand_left_keypoints_2d', 0, 21],
      ['hand_right_keypoints_2d', 21, 21],
    ]);
    expect(hands.data[0]).toBe(8 * 3); // frame 0, joint 8, x
    expect(hands.data[42 * 3]).toBe((50 + 8) * 3); // frame 1, joint 8, x
  });
});
