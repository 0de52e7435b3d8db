import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../../errors/signllm-error.ts';
import { PROMPT2SIGN_50 } from '../../skeletons/prompt2sign-50.ts';
import { getSkeleton, listSkeletons, registerSkeleton } from '../../skeletons/registry.ts';
import { defineSkeleton } from '../../skeletons/skeleton.ts';
import { describeWithData, readDataBytes } from '../../test-support/shared-data.ts';
import type { PoseHeader, PoseHeaderComponent } from './pose-file.ts';
import { readPose } from './read-pose.ts';
import {
  customSkeletonFromPoseHeader,
  skeletonFromPoseHeader,
  skeletonMatchesPoseHeader,
} from './skeleton-from-pose-header.ts';

const header = (components: PoseHeaderComponent[]): PoseHeader => ({
  version: Math.fround(0.2),
  width: 1,
  height: 1,
  depth: 0,
  components,
});

const comp = (
  name: string,
  points: string[],
  extra: Partial<PoseHeaderComponent> = {},
): PoseHeaderComponent => ({
  name,
  format: 'XYC',
  points,
  limbs: [],
  colors: [[1, 2, 3]],
  ...extra,
});

describeWithData('customSkeletonFromPoseHeader on real headers', () => {
  it('example.pose (OpenPose 137): qualified joint names, global bones, raw cycled colours', () => {
    const { header: h } = readPose(readDataBytes('pose-format', 'example.pose'));
    const sk = customSkeletonFromPoseHeader(h);
    expect(sk.name).toBe(
      'pose:pose_keypoints_2d+face_keypoints_2d+hand_left_keypoints_2d+hand_right_keypoints_2d',
    );
    expect(sk.joints.length).toBe(137);
    // Both hands name their points BASE, T_STT, …: names are not unique, so every joint is qualified.
    expect(sk.joints[0]).toBe('pose_keypoints_2d.Nose');
    expect(sk.joints[95]).toBe('hand_left_keypoints_2d.BASE');
    expect(sk.joints[116]).toBe('hand_right_keypoints_2d.BASE');
    expect(sk.components.map((c) => [c.name, c.start, c.count, c.format])).toEqual([
      ['pose_keypoints_2d', 0, 25, 'XYC'],
      ['face_keypoints_2d', 25, 70, 'XYC'],
      ['hand_left_keypoints_2d', 95, 21, 'XYC'],
      ['hand_right_keypoints_2d', 116, 21, 'XYC'],
    ]);
    expect(sk.components.map((c) => c.points)).toEqual(h.components.map((c) => c.points));
    expect(sk.bones.length).toBe(h.components.reduce((n, c) => n + c.limbs.length, 0));
    const rightHand = h.components[3]!;
    const lastLimb = rightHand.limbs[rightHand.limbs.length - 1]!;
    expect(sk.bones[sk.bones.length - 1]).toEqual([116 + lastLimb[0], 116 + lastLimb[1]]);
    // Colours: body has one colour for all 25 points; hands cycle their 21-colour palette, raw (262 kept).
    expect(new Set(sk.colors.slice(0, 25).map(String))).toEqual(
      new Set([String(h.components[0]!.colors[0])]),
    );
    for (let i = 0; i < 21; i++) expect(sk.colors[95 + i]).toEqual(h.components[2]!.colors[i % 21]);
    expect(sk.colors.flat()).toContain(262);
    expect(sk.root).toBe(0);
  });

  it('mediapipe_hand_normalized.pose: unique point names are the joint names', () => {
    const { header: h } = readPose(readDataBytes('pose-format', 'mediapipe_hand_normalized.pose'));
    const sk = customSkeletonFromPoseHeader(h);
    expect(sk.name).toBe('pose:RIGHT_HAND_LANDMARKS');
    expect(sk.joints).toEqual(h.components[0]!.points);
    expect(sk.joints[0]).toBe('WRIST');
  });

  it.each([['example.pose'], ['mediapipe.pose'], ['openpose.pose']])(
    'skeletonFromPoseHeader(%s) matches the header, registered or not',
    (file) => {
      const { header: h } = readPose(readDataBytes('pose-format', file));
      const sk = skeletonFromPoseHeader(h);
      expect(skeletonMatchesPoseHeader(sk, h)).toBe(true);
      expect(sk.components.map((c) => [c.name, c.count])).toEqual(
        h.components.map((c) => [c.name, c.points.length]),
      );
      // Whatever is registered now: a registered match wins, otherwise the custom skeleton is built.
      const registered = listSkeletons()
        .map(getSkeleton)
        .find((s) => skeletonMatchesPoseHeader(s, h));
      expect(sk.name).toBe(registered?.name ?? customSkeletonFromPoseHeader(h).name);
    },
  );
});

describe('skeletonFromPoseHeader and the registry', () => {
  it('finds prompt2sign-50 for a header with its components and point names', () => {
    const h = header(
      PROMPT2SIGN_50.components.map((c) =>
        comp(c.name, PROMPT2SIGN_50.joints.slice(c.start, c.start + c.count), { format: 'XYZC' }),
      ),
    );
    expect(skeletonFromPoseHeader(h)).toBe(PROMPT2SIGN_50);
  });

  it('uses what is registered at call time, matching on component points when present', () => {
    const h = header([comp('TEST_HAND_A', ['WRIST', 'TIP']), comp('TEST_HAND_B', ['WRIST', 'TIP'])]);
    const before = skeletonFromPoseHeader(h);
    expect(before.name).toBe('pose:TEST_HAND_A+TEST_HAND_B');
    expect(before.joints).toEqual([
      'TEST_HAND_A.WRIST',
      'TEST_HAND_A.TIP',
      'TEST_HAND_B.WRIST',
      'TEST_HAND_B.TIP',
    ]);
    const hands = defineSkeleton({
      name: 'test-two-hands',
      description: 'test',
      joints: ['A_WRIST', 'A_TIP', 'B_WRIST', 'B_TIP'],
      bones: [[0, 1]],
      colors: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      root: 0,
      components: [
        { name: 'TEST_HAND_A', start: 0, count: 2, format: 'XYC', points: ['WRIST', 'TIP'] },
        { name: 'TEST_HAND_B', start: 2, count: 2, format: 'XYZC', points: ['WRIST', 'TIP'] },
      ],
    });
    registerSkeleton(hands);
    expect(skeletonFromPoseHeader(h)).toBe(hands);
    // Any difference in names, counts, point names or order means no match.
    for (const other of [
      header([comp('TEST_HAND_A', ['WRIST', 'TIP']), comp('TEST_HAND_C', ['WRIST', 'TIP'])]),
      header([comp('TEST_HAND_A', ['WRIST', 'TIP']), comp('TEST_HAND_B', ['WRIST', 'TOP'])]),
      header([comp('TEST_HAND_A', ['WRIST', 'TIP']), comp('TEST_HAND_B', ['WRIST'])]),
      header([comp('TEST_HAND_B', ['WRIST', 'TIP']), comp('TEST_HAND_A', ['WRIST', 'TIP'])]),
      header([comp('TEST_HAND_A', ['WRIST', 'TIP'])]),
    ]) {
      expect(skeletonFromPoseHeader(other).name.startsWith('pose:')).toBe(true);
    }
  });
});

describe('customSkeletonFromPoseHeader on odd headers', () => {
  it('cycles short palettes, greys an empty one, and keeps colours above 255', () => {
    const sk = customSkeletonFromPoseHeader(
      header([
        comp('a', ['p', 'q', 'r'], {
          colors: [
            [300, 0, 0],
            [0, 9, 0],
          ],
        }),
        comp('b', ['s'], { colors: [] }),
      ]),
    );
    expect(sk.colors).toEqual([
      [300, 0, 0],
      [0, 9, 0],
      [300, 0, 0],
      [128, 128, 128],
    ]);
  });

  it('makes repeated qualified names unique with #2, #3', () => {
    const sk = customSkeletonFromPoseHeader(header([comp('a', ['x', 'x', 'x'])]));
    expect(sk.joints).toEqual(['a.x', 'a.x#2', 'a.x#3']);
  });

  it('rejects a limb outside its component (badFormat) and an empty component (invalidArgument)', () => {
    const bad = header([comp('a', ['x', 'y']), comp('b', ['z'], { limbs: [[0, 1]] })]);
    expect(() => customSkeletonFromPoseHeader(bad)).toThrow(
      /component 1 "b": limb 0 \[0, 1\] is outside its points 0\.\.0/,
    );
    const empty = header([comp('a', ['x']), comp('none', [])]);
    try {
      customSkeletonFromPoseHeader(empty);
      throw new Error('expected an error');
    } catch (e) {
      expect(SignLLMError.isInstance(e) && e.code).toBe('invalid_argument');
      expect((e as Error).message).toContain('component 1 "none" has no points');
    }
  });
});
