import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../errors/signllm-error.ts';
import { BUILTIN_SKELETON_MAPPINGS } from './mappings.ts';
import { createNameMapping } from './name-mapping.ts';
import { getSkeleton, listSkeletons } from './registry.ts';
import { getSkeletonMapping, listSkeletonMappings, type SkeletonMapping } from './skeleton-mapping.ts';

/** The source joints (by name) and weights of target joint `name`. */
function sourcesOf(m: SkeletonMapping, name: string): Array<[string, number]> {
  const from = getSkeleton(m.from);
  const to = getSkeleton(m.to);
  const t = to.joints.indexOf(name);
  if (t < 0) throw new Error(`${m.to} has no joint ${name}`);
  const src = m.joints[t]!;
  return src.joints.map((j, k) => [from.joints[j]!, src.weights?.[k] ?? 1 / src.joints.length]);
}

const one = (name: string): Array<[string, number]> => [[name, 1]];
const mean = (a: string, b: string): Array<[string, number]> => [
  [a, 0.5],
  [b, 0.5],
];

const TO_P50 = ['openpose-137', 'holistic-576', 'holistic-586', 'holistic-178', 'dwpose-133', 'dwpose-128'];

describe('built-in skeleton mappings', () => {
  it('are registered, for every built-in skeleton to prompt2sign-50 and back to openpose-137', () => {
    const pairs = listSkeletonMappings().map(([a, b]) => `${a}→${b}`);
    for (const from of TO_P50) expect(pairs).toContain(`${from}→prompt2sign-50`);
    expect(pairs).toContain('prompt2sign-50→openpose-137');
    for (const m of BUILTIN_SKELETON_MAPPINGS) expect(getSkeletonMapping(m.from, m.to)).toBe(m);
  });

  it.each(BUILTIN_SKELETON_MAPPINGS.map((m) => [`${m.from}→${m.to}`, m] as const))(
    '%s: one entry per target joint, indices in range, weights summing to 1',
    (_, m) => {
      expect(listSkeletons()).toContain(m.from);
      const from = getSkeleton(m.from);
      const to = getSkeleton(m.to);
      expect(m.joints).toHaveLength(to.joints.length);
      for (const src of m.joints) {
        for (const j of src.joints)
          expect(Number.isInteger(j) && j >= 0 && j < from.joints.length).toBe(true);
        expect(new Set(src.joints).size).toBe(src.joints.length);
        if (src.joints.length > 0) {
          const weights = src.weights ?? src.joints.map(() => 1 / src.joints.length);
          expect(weights).toHaveLength(src.joints.length);
          expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          for (const w of weights) expect(w).toBeGreaterThan(0);
        }
      }
    },
  );

  it.each(TO_P50)('%s → prompt2sign-50 fills all 50 joints', (from) => {
    const m = getSkeletonMapping(from, 'prompt2sign-50');
    expect(m.joints.filter((s) => s.joints.length === 0)).toHaveLength(0);
  });

  it('OpenPose-vocabulary sources copy the body by name and the hands from the hand components', () => {
    for (const from of ['openpose-137', 'dwpose-128']) {
      const m = getSkeletonMapping(from, 'prompt2sign-50');
      for (const name of ['Nose', 'Neck', 'RShoulder', 'RElbow', 'RWrist', 'LShoulder', 'LElbow', 'LWrist']) {
        expect(sourcesOf(m, name), `${from} ${name}`).toEqual(one(name));
      }
      expect(sourcesOf(m, 'LEFT_WRIST')).toEqual(one('LEFT_WRIST'));
      expect(sourcesOf(m, 'RIGHT_PINKY_TIP')).toEqual(one('RIGHT_PINKY_TIP'));
    }
    // the copied hand joints are the hand components' points, not the body wrists
    const op = getSkeleton('openpose-137');
    const m = getSkeletonMapping('openpose-137', 'prompt2sign-50');
    const leftWrist = m.joints[getSkeleton('prompt2sign-50').joints.indexOf('LEFT_WRIST')]!.joints[0]!;
    const hand = op.components.find((c) => c.name === 'hand_left_keypoints_2d')!;
    expect(leftWrist).toBe(hand.start);
    expect(hand.points?.[0]).toBe('BASE');
    const rightTip = m.joints[49]!.joints[0]!;
    const right = op.components.find((c) => c.name === 'hand_right_keypoints_2d')!;
    expect(right.points?.[rightTip - right.start]).toBe('P_DIP');
  });

  it('dwpose-133 → prompt2sign-50: neck = mean of the shoulders, rest by COCO meaning', () => {
    const m = getSkeletonMapping('dwpose-133', 'prompt2sign-50');
    expect(sourcesOf(m, 'Neck')).toEqual(mean('LShoulder', 'RShoulder'));
    const coco = getSkeleton('dwpose-133');
    const point = (name: string): string => {
      const [[joint]] = sourcesOf(m, name) as [[string, number]];
      const j = coco.joints.indexOf(joint);
      const c = coco.components.find((x) => j >= x.start && j < x.start + x.count)!;
      return `${c.name}.${c.points![j - c.start]}`;
    };
    expect(point('Nose')).toBe('BODY.nose');
    expect(point('LWrist')).toBe('BODY.left_wrist');
    expect(point('RShoulder')).toBe('BODY.right_shoulder');
    expect(point('LEFT_WRIST')).toBe('LEFT_HAND.left_hand_0');
    expect(point('RIGHT_INDEX_FINGER_TIP')).toBe('RIGHT_HAND.right_hand_8');
  });

  it('holistic → prompt2sign-50: MediaPipe LEFT_* is the signer’s left, like OpenPose L*', () => {
    for (const from of ['holistic-576', 'holistic-586', 'holistic-178']) {
      const m = getSkeletonMapping(from, 'prompt2sign-50');
      expect(sourcesOf(m, 'LWrist'), from).toEqual(one('POSE_LEFT_WRIST'));
      expect(sourcesOf(m, 'RWrist')).toEqual(one('POSE_RIGHT_WRIST'));
      expect(sourcesOf(m, 'LShoulder')).toEqual(one('POSE_LEFT_SHOULDER'));
      expect(sourcesOf(m, 'RElbow')).toEqual(one('POSE_RIGHT_ELBOW'));
      expect(sourcesOf(m, 'Neck')).toEqual(mean('POSE_LEFT_SHOULDER', 'POSE_RIGHT_SHOULDER'));
      // the hand wrist comes from the hand component
      const from_ = getSkeleton(from);
      const [[wrist]] = sourcesOf(m, 'LEFT_WRIST') as [[string, number]];
      const hand = from_.components.find((c) => c.name === 'LEFT_HAND_LANDMARKS')!;
      expect(from_.joints.indexOf(wrist)).toBe(hand.start);
      const [[tip]] = sourcesOf(m, 'RIGHT_THUMB_TIP') as [[string, number]];
      const right = from_.components.find((c) => c.name === 'RIGHT_HAND_LANDMARKS')!;
      expect(right.points?.[from_.joints.indexOf(tip) - right.start]).toBe('THUMB_TIP');
    }
    expect(sourcesOf(getSkeletonMapping('holistic-576', 'prompt2sign-50'), 'Nose')).toEqual(one('POSE_NOSE'));
    expect(sourcesOf(getSkeletonMapping('holistic-178', 'prompt2sign-50'), 'Nose')).toEqual([
      ['FACE_0', 0.5],
      ['FACE_133', 0.25],
      ['FACE_362', 0.25],
    ]);
  });

  it('prompt2sign-50 → openpose-137 places the 50 joints by name and leaves the other 87 missing', () => {
    const m = getSkeletonMapping('prompt2sign-50', 'openpose-137');
    const op = getSkeleton('openpose-137');
    const p50 = getSkeleton('prompt2sign-50');
    const placed = op.joints.filter((_, t) => m.joints[t]!.joints.length > 0);
    expect(placed).toHaveLength(50);
    expect(new Set(placed)).toEqual(new Set(p50.joints));
    expect(sourcesOf(m, 'LWrist')).toEqual(one('LWrist'));
    expect(sourcesOf(m, 'RIGHT_WRIST')).toEqual(one('RIGHT_WRIST'));
    expect(sourcesOf(m, 'MidHip')).toEqual([]);
    expect(sourcesOf(m, 'FB_0')).toEqual([]);
  });

  it('dwpose skeletons → openpose-137 copy by name, derive Neck/MidHip for COCO', () => {
    const m128 = getSkeletonMapping('dwpose-128', 'openpose-137');
    expect(m128.joints.filter((s) => s.joints.length > 0)).toHaveLength(128);
    expect(sourcesOf(m128, 'FLI_67')).toEqual(one('FLI_67'));
    expect(sourcesOf(m128, 'FP_68')).toEqual([]);
    const m133 = getSkeletonMapping('dwpose-133', 'openpose-137');
    expect(sourcesOf(m133, 'MidHip')).toEqual(mean('LHip', 'RHip'));
    expect(sourcesOf(m133, 'Neck')).toEqual(mean('LShoulder', 'RShoulder'));
    expect(sourcesOf(m133, 'LBigToe')).toEqual(one('LBigToe'));
    const to128 = getSkeletonMapping('dwpose-133', 'dwpose-128');
    expect(to128.joints.filter((s) => s.joints.length === 0)).toHaveLength(0);
  });
});

describe('createNameMapping', () => {
  const op = getSkeleton('openpose-137');
  const p50 = getSkeleton('prompt2sign-50');
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return SignLLMError.isInstance(e) ? e.code : 'not a SignLLMError';
    }
    return undefined;
  };

  it('rejects unknown source or target names and bad weights', () => {
    expect(code(() => createNameMapping(op, p50, { Neck: 'Nek' }))).toBe('invalid_argument');
    expect(code(() => createNameMapping(op, p50, { Nek: 'Neck' }))).toBe('invalid_argument');
    expect(
      code(() =>
        createNameMapping(op, p50, { Neck: { joints: ['LShoulder', 'RShoulder'], weights: [0.5, 0.6] } }),
      ),
    ).toBe('invalid_argument');
    expect(
      code(() => createNameMapping(op, p50, { Neck: { joints: ['LShoulder'], weights: [0.5, 0.5] } })),
    ).toBe('invalid_argument');
  });

  it('null drops a joint; a rule overrides the same-name copy', () => {
    const m = createNameMapping(op, p50, { Nose: null, Neck: ['LShoulder', 'RShoulder'] });
    expect(m.joints[0]).toEqual({ joints: [] });
    expect(m.joints[1]).toEqual({ joints: [5, 2], weights: [0.5, 0.5] });
    expect(m.joints[2]).toEqual({ joints: [2] });
  });
});
