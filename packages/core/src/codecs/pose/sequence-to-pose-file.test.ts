import { describe, expect, it } from 'vitest';
import { createPoseSequence } from '../../pose-sequence/pose-sequence.ts';
import { HAND_COLORS, PROMPT2SIGN_50 } from '../../skeletons/prompt2sign-50.ts';
import { defineSkeleton } from '../../skeletons/skeleton.ts';
import { poseFileToSequence } from './pose-file-to-sequence.ts';
import { readPose } from './read-pose.ts';
import { sequenceToPoseFile } from './sequence-to-pose-file.ts';
import { writePose } from './write-pose.ts';

function prompt2signSequence(dims: 2 | 3) {
  const frames = 4;
  const data = Float32Array.from({ length: frames * 50 * dims }, (_, i) => Math.sin(i) * 100);
  const confidence = Float32Array.from({ length: frames * 50 }, (_, i) => (i % 7 === 0 ? 0 : 0.9));
  return createPoseSequence({ skeleton: PROMPT2SIGN_50, fps: 25, dims, data, confidence });
}

describe('sequenceToPoseFile', () => {
  it('turns prompt2sign-50 into 3 components with its point names, in-component limbs and palettes', () => {
    const file = sequenceToPoseFile(prompt2signSequence(3));
    const { components } = file.header;
    expect(components.map((c) => [c.name, c.format, c.points.length])).toEqual([
      ['pose_keypoints_2d', 'XYZC', 8],
      ['hand_left_keypoints_2d', 'XYZC', 21],
      ['hand_right_keypoints_2d', 'XYZC', 21],
    ]);
    expect(components[0]!.points).toEqual([
      'Nose',
      'Neck',
      'RShoulder',
      'RElbow',
      'RWrist',
      'LShoulder',
      'LElbow',
      'LWrist',
    ]);
    expect(components[1]!.points[0]).toBe('LEFT_WRIST');
    // Bones that cross components (wrist → hand root) cannot be stored; the rest are, in local indices.
    const inside = (a: number, b: number, s: number, n: number): boolean =>
      a >= s && a < s + n && b >= s && b < s + n;
    const expected = PROMPT2SIGN_50.components.map((c) =>
      PROMPT2SIGN_50.bones
        .filter(([a, b]) => inside(a, b, c.start, c.count))
        .map(([a, b]) => [a - c.start, b - c.start]),
    );
    expect(components.map((c) => c.limbs)).toEqual(expected);
    expect(expected.flat().length).toBe(PROMPT2SIGN_50.bones.length - 2);
    expect(components[0]!.colors).toEqual([[255, 0, 0]]);
    expect(components[1]!.colors).toEqual(HAND_COLORS);
    expect([
      file.header.width,
      file.header.height,
      file.header.depth,
      file.body.fps,
      file.body.people,
    ]).toEqual([1000, 1000, 0, 25, 1]);
  });

  it('round-trips through bytes back to the registered skeleton with the same data', () => {
    for (const dims of [2, 3] as const) {
      const seq = prompt2signSequence(dims);
      const back = poseFileToSequence(readPose(writePose(sequenceToPoseFile(seq, { fps: 50 }))));
      expect(back.skeleton).toBe(PROMPT2SIGN_50);
      expect([back.dims, back.fps, back.frames]).toEqual([dims, 50, 4]);
      expect(Array.from(back.data)).toEqual(Array.from(seq.data));
      expect(Array.from(back.confidence)).toEqual(Array.from(seq.confidence));
    }
  });

  it('writes XYC when the skeleton formats do not fit 2-D data', () => {
    const file = sequenceToPoseFile(prompt2signSequence(2));
    expect(file.header.components.map((c) => c.format)).toEqual(['XYC', 'XYC', 'XYC']);
    expect(file.body.dims).toBe(2);
  });

  it('stores the shortest palette that reproduces the joint colours', () => {
    const a = [1, 2, 3] as const;
    const b = [4, 5, 6] as const;
    const skeleton = defineSkeleton({
      name: 'palette-test',
      description: 'test',
      joints: ['p', 'q', 'r', 's', 't', 'u'],
      bones: [],
      colors: [a, b, a, b, a, [7, 8, 9]],
      root: 0,
      components: [
        { name: 'x', start: 0, count: 5, format: 'XYC' },
        { name: 'y', start: 5, count: 1, format: 'XYC' },
      ],
    });
    const seq = createPoseSequence({ skeleton, fps: 10, dims: 2, data: new Float32Array(12) });
    const file = sequenceToPoseFile(seq);
    expect(file.header.components.map((c) => c.colors)).toEqual([[a, b], [[7, 8, 9]]]);
  });
});
