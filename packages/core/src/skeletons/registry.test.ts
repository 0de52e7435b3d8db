import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../errors/signllm-error.ts';
import { BUILTIN_SKELETONS, getSkeleton, listSkeletons, registerSkeleton } from './registry.ts';
import { defineSkeleton, type Skeleton } from './skeleton.ts';

const REQUIRED = [
  'prompt2sign-50',
  'openpose-137',
  'holistic-576',
  'holistic-178',
  'dwpose-133',
  'dwpose-128',
];

/** Parent of every joint reachable from the root through `bones` (undirected); undefined = unreachable. */
function bfsParents(skeleton: Skeleton, bones = skeleton.bones, root = skeleton.root): Map<number, number> {
  const adjacent = new Map<number, number[]>();
  for (const [a, b] of bones) {
    adjacent.set(a, [...(adjacent.get(a) ?? []), b]);
    adjacent.set(b, [...(adjacent.get(b) ?? []), a]);
  }
  const parent = new Map<number, number>([[root, -1]]);
  const queue = [root];
  while (queue.length) {
    const j = queue.shift()!;
    for (const k of adjacent.get(j) ?? []) {
      if (!parent.has(k)) {
        parent.set(k, j);
        queue.push(k);
      }
    }
  }
  return parent;
}

const byName = (s: Skeleton, name: string): number => {
  const i = s.joints.indexOf(name);
  if (i < 0) throw new Error(`${s.name} has no joint ${name}`);
  return i;
};

describe('skeleton registry', () => {
  it('lists the six required built-in skeletons (and holistic-586)', () => {
    const names = listSkeletons();
    for (const name of REQUIRED) expect(names).toContain(name);
    expect(names).toContain('holistic-586');
    expect(BUILTIN_SKELETONS.map((s) => s.name)).toEqual(names.slice(0, BUILTIN_SKELETONS.length));
  });

  it('returns each built-in by name', () => {
    for (const s of BUILTIN_SKELETONS) expect(getSkeleton(s.name)).toBe(s);
  });

  it('throws unknownSkeleton listing the valid names for an unknown name', () => {
    let error: unknown;
    try {
      getSkeleton('openpose-135');
    } catch (e) {
      error = e;
    }
    expect(SignLLMError.isInstance(error)).toBe(true);
    const e = error as SignLLMError;
    expect(e.code).toBe('unknown_skeleton');
    expect(e.message).toContain('"openpose-135"');
    for (const name of REQUIRED) expect(e.message).toContain(`"${name}"`);
    expect(e.details?.options).toEqual(listSkeletons());
  });

  it('registers a user skeleton', () => {
    const tiny = defineSkeleton({
      name: 'registry-test-tiny',
      description: 'one joint',
      joints: ['a'],
      bones: [],
      colors: [[1, 2, 3]],
      root: 0,
      components: [{ name: 'body', start: 0, count: 1, format: 'XYC' }],
    });
    registerSkeleton(tiny);
    expect(getSkeleton('registry-test-tiny')).toBe(tiny);
  });
});

describe('built-in skeletons', () => {
  it.each(BUILTIN_SKELETONS.map((s) => [s.name, s] as const))('%s passes defineSkeleton', (_, s) => {
    expect(() => defineSkeleton({ ...s })).not.toThrow();
    expect(Object.isFrozen(s)).toBe(true);
    expect(new Set(s.joints).size).toBe(s.joints.length);
    for (const c of s.colors) for (const v of c) expect(Number.isInteger(v) && v >= 0).toBe(true);
  });

  it('have the documented joint counts and component sizes', () => {
    const counts = Object.fromEntries(
      BUILTIN_SKELETONS.map((s) => [s.name, s.components.map((c) => c.count)]),
    );
    expect(counts).toEqual({
      'prompt2sign-50': [8, 21, 21],
      'openpose-137': [25, 70, 21, 21],
      'holistic-576': [33, 468, 21, 21, 33],
      'holistic-586': [33, 478, 21, 21, 33],
      'holistic-178': [8, 128, 21, 21],
      'dwpose-133': [23, 68, 21, 21],
      'dwpose-128': [18, 21, 21, 68],
    });
  });

  it('prompt2sign-50 is a tree: 50 joints, 49 bones, connected from root 0, 25 bone-length ids', () => {
    const s = getSkeleton('prompt2sign-50');
    expect(s.joints).toHaveLength(50);
    expect(s.bones).toHaveLength(49);
    expect(s.root).toBe(0);
    expect(s.joints[0]).toBe('Nose');
    expect(new Set(s.boneLengthIds).size).toBe(25);
    expect(bfsParents(s).size).toBe(50);
    // ordered root → leaves: every bone starts at a joint already reached
    const reached = new Set([s.root]);
    for (const [a, b] of s.bones) {
      expect(reached.has(a)).toBe(true);
      reached.add(b);
    }
    // the hands hang off the wrists of their own side
    const parent = bfsParents(s);
    expect(s.joints[parent.get(byName(s, 'LEFT_WRIST'))!]).toBe('LWrist');
    expect(s.joints[parent.get(byName(s, 'RIGHT_WRIST'))!]).toBe('RWrist');
    // left and right share bone lengths: the forearms have the same id
    const id = (a: string, b: string): number | undefined =>
      s.boneLengthIds?.[s.bones.findIndex(([x, y]) => x === byName(s, a) && y === byName(s, b))];
    expect(id('LElbow', 'LWrist')).toBe(id('RElbow', 'RWrist'));
  });

  it('bodies and hands are trees where the formats define trees', () => {
    const trees: Array<[string, string, number]> = [
      ['openpose-137', 'pose_keypoints_2d', 24],
      ['openpose-137', 'hand_left_keypoints_2d', 20],
      ['openpose-137', 'hand_right_keypoints_2d', 20],
      ['dwpose-128', 'body_keypoints', 17],
      ['dwpose-128', 'left_hand_keypoints', 20],
      ['dwpose-128', 'right_hand_keypoints', 20],
      ['dwpose-133', 'LEFT_HAND', 20],
      ['dwpose-133', 'RIGHT_HAND', 20],
    ];
    for (const [name, component, edges] of trees) {
      const s = getSkeleton(name);
      const c = s.components.find((x) => x.name === component)!;
      const inside = (j: number): boolean => j >= c.start && j < c.start + c.count;
      const bones = s.bones.filter(([a, b]) => inside(a) && inside(b));
      expect(bones, `${name} ${component}`).toHaveLength(edges);
      expect(bones.length).toBe(c.count - 1);
      expect(bfsParents(s, bones, c.start).size, `${name} ${component} is connected`).toBe(c.count);
    }
  });

  it('has no bone crossing components (each component is drawn on its own)', () => {
    for (const s of BUILTIN_SKELETONS.filter((x) => x.name !== 'prompt2sign-50')) {
      const componentOf = (j: number): number =>
        s.components.findIndex((c) => j >= c.start && j < c.start + c.count);
      for (const [a, b] of s.bones) expect(componentOf(a), s.name).toBe(componentOf(b));
    }
  });

  it('roots are the documented joints', () => {
    const roots = Object.fromEntries(BUILTIN_SKELETONS.map((s) => [s.name, s.joints[s.root]]));
    expect(roots).toEqual({
      'prompt2sign-50': 'Nose',
      'openpose-137': 'Neck',
      'holistic-576': 'POSE_NOSE',
      'holistic-586': 'POSE_NOSE',
      'holistic-178': 'POSE_LEFT_SHOULDER',
      'dwpose-133': 'Nose',
      'dwpose-128': 'Neck',
    });
  });

  it('dwpose-128 body follows COCO-18 / OpenPose order, then hands[0] = left, hands[1] = right, face', () => {
    const s = getSkeleton('dwpose-128');
    expect(s.joints.slice(0, 18)).toEqual([
      'Nose',
      'Neck',
      'RShoulder',
      'RElbow',
      'RWrist',
      'LShoulder',
      'LElbow',
      'LWrist',
      'RHip',
      'RKnee',
      'RAnkle',
      'LHip',
      'LKnee',
      'LAnkle',
      'REye',
      'LEye',
      'REar',
      'LEar',
    ]);
    expect([s.joints[18], s.joints[39], s.joints[60], s.joints[127]]).toEqual([
      'LEFT_WRIST',
      'RIGHT_WRIST',
      'FB_0',
      'FLI_67',
    ]);
  });

  it('dwpose-133 follows COCO-WholeBody order: body 17, feet 6, face 68, left hand, right hand', () => {
    const s = getSkeleton('dwpose-133');
    const points = s.components.flatMap((c) => c.points ?? []);
    expect([points[0], points[5], points[6], points[16], points[17], points[22]]).toEqual([
      'nose',
      'left_shoulder',
      'right_shoulder',
      'right_ankle',
      'left_big_toe',
      'right_heel',
    ]);
    expect([s.joints[5], s.joints[6], s.joints[23], s.joints[91], s.joints[112], s.joints[132]]).toEqual([
      'LShoulder',
      'RShoulder',
      'FB_0',
      'LEFT_WRIST',
      'RIGHT_WRIST',
      'RIGHT_PINKY_TIP',
    ]);
  });
});
