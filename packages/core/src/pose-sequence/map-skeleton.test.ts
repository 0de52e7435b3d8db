import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getSkeleton, registerSkeleton } from '../skeletons/registry.ts';
import { getSkeletonMapping, registerSkeletonMapping } from '../skeletons/skeleton-mapping.ts';
import { thrown } from '../test-support/errors.ts';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { mapSkeleton } from './map-skeleton.ts';
import { maskMissing } from './mask-missing.ts';
import { createPoseSequence } from './pose-sequence.ts';

const SRC = testSkeleton('map-test-src', ['ls', 'rs', 'nose', 'hip'], { format: 'XYZC' });
const DST = testSkeleton('map-test-dst', ['neck', 'nose', 'tail', 'lean'], { format: 'XYZC' });
registerSkeleton(DST);
registerSkeletonMapping({
  from: SRC.name,
  to: DST.name,
  joints: [
    { joints: [0, 1] }, // neck = mean of shoulders
    { joints: [2] }, // nose
    { joints: [] }, // tail: not in the source
    { joints: [2, 3], weights: [0.25, 0.75] }, // lean: weighted
  ],
});

describe('mapSkeleton', () => {
  it('computes weighted means and min confidence per target joint (2D, target by name)', () => {
    // ls (0, 0) c .6; rs (2, 4) c .9; nose (1, -2) c .7; hip (5, 6) c .8
    const data = Float32Array.from([0, 0, 2, 4, 1, -2, 5, 6]);
    const confidence = Float32Array.from([0.6, 0.9, 0.7, 0.8]);
    const out = mapSkeleton(
      createPoseSequence({ skeleton: SRC, fps: 30, dims: 2, data, confidence }),
      DST.name,
    );
    expect(out.skeleton).toBe(DST);
    expect(out.joints).toBe(4);
    expect(out.fps).toBe(30);
    // neck (1, 2); nose (1, -2); tail missing; lean 0.25·(1, −2) + 0.75·(5, 6) = (4, 4)
    expect(Array.from(out.data)).toEqual([1, 2, 1, -2, 0, 0, 4, 4]);
    expect(Array.from(out.confidence)).toEqual([0.6, 0.7, 0, 0.7].map(Math.fround));
  });

  it('marks a target joint missing, at 0, when any of its sources is missing (3D, target as Skeleton)', () => {
    const data = Float32Array.from([1, 1, 1, 3, 3, 3, 7, 8, 9, 0, 0, 0, 2, 2, 2, 4, 4, 4, 6, 6, 6, 8, 8, 8]);
    const confidence = Float32Array.from([1, 0, 1, 1, 1, 1, 1, 0]); // frame 0: rs missing; frame 1: hip missing. Frame 0 lean = 0.25·(7, 8, 9) + 0.75·(0, 0, 0)
    const out = mapSkeleton(createPoseSequence({ skeleton: SRC, fps: 25, dims: 3, data, confidence }), DST);
    expect(Array.from(out.confidence)).toEqual([0, 1, 0, 1, 1, 1, 0, 0]);
    expect(Array.from(out.data.subarray(0, 12))).toEqual([0, 0, 0, 7, 8, 9, 0, 0, 0, 1.75, 2, 2.25]);
    expect(Array.from(out.data.subarray(12))).toEqual([3, 3, 3, 6, 6, 6, 0, 0, 0, 0, 0, 0]);
  });

  it('rescales weights that do not sum to 1 and rejects broken mappings', () => {
    const bad = testSkeleton('map-test-bad', ['x'], { format: 'XYZC' });
    const seq = createPoseSequence({
      skeleton: SRC,
      fps: 25,
      dims: 2,
      data: Float32Array.from([2, 2, 4, 4, 0, 0, 0, 0]),
    });
    registerSkeletonMapping({ from: SRC.name, to: bad.name, joints: [{ joints: [0, 1], weights: [1, 3] }] });
    expect(Array.from(mapSkeleton(seq, bad).data)).toEqual([3.5, 3.5]);
    registerSkeletonMapping({ from: SRC.name, to: bad.name, joints: [{ joints: [0, 4] }] });
    expect(() => mapSkeleton(seq, bad)).toThrow(/target joint 0 \("x"\) uses source joint 4, outside 0\.\.3/);
    registerSkeletonMapping({ from: SRC.name, to: bad.name, joints: [{ joints: [0, 1], weights: [1] }] });
    expect(() => mapSkeleton(seq, bad)).toThrow(/has 1 weights for 2 source joints/);
    registerSkeletonMapping({ from: SRC.name, to: bad.name, joints: [{ joints: [0, 1], weights: [1, -1] }] });
    expect(() => mapSkeleton(seq, bad)).toThrow(/weights that sum to 0/);
    registerSkeletonMapping({ from: SRC.name, to: bad.name, joints: [{ joints: [0] }, { joints: [1] }] });
    const e = thrown(() => mapSkeleton(seq, bad));
    expect(e.code).toBe('shape_mismatch');
    expect(e.message).toMatch(/has 2 entries, but skeleton "map-test-bad" has 1 joints/);
  });

  it('fails with noSkeletonMapping or unknownSkeleton, and maps a skeleton to itself as a copy', () => {
    const seq = createPoseSequence({
      skeleton: DST,
      fps: 25,
      dims: 2,
      data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
    });
    const e = thrown(() => mapSkeleton(seq, SRC));
    expect(e.code).toBe('no_skeleton_mapping');
    expect(e.message).toContain('"map-test-dst" to "map-test-src"');
    expect(thrown(() => mapSkeleton(seq, 'no-such-skeleton')).code).toBe('unknown_skeleton');
    const same = mapSkeleton(seq, DST.name);
    expect(Array.from(same.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(same.data).not.toBe(seq.data);
  });
});

/** The four OpenPose JSON arrays, in the order of the `openpose-137` skeleton's components. */
const OPENPOSE_PARTS = [
  'pose_keypoints_2d',
  'face_keypoints_2d',
  'hand_left_keypoints_2d',
  'hand_right_keypoints_2d',
];

describeWithData('mapSkeleton openpose-137 → prompt2sign-50 on How2Sign OpenPose JSON', () => {
  it('keeps body joints 0–7 and both hands, joint for joint, with their confidence', () => {
    const mapping = getSkeletonMapping('openpose-137', 'prompt2sign-50');
    expect(mapping.joints.length).toBe(50);
    const dir = ['how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front'];
    const files = readdirSync(dataPath(...dir))
      .filter((f) => f.endsWith('_keypoints.json'))
      .sort();
    const frames = files.map((file) => {
      const person = (JSON.parse(readDataText(...dir, file)) as { people: Array<Record<string, number[]>> })
        .people[0]!;
      return OPENPOSE_PARTS.flatMap((part) => person[part]!); // 137 × (x, y, c)
    });
    expect(frames[0]!.length).toBe(137 * 3);
    const data = new Float32Array(frames.length * 137 * 2);
    const confidence = new Float32Array(frames.length * 137);
    frames.forEach((kp, f) => {
      for (let j = 0; j < 137; j++) {
        data.set([kp[j * 3]!, kp[j * 3 + 1]!], (f * 137 + j) * 2);
        confidence[f * 137 + j] = kp[j * 3 + 2]!;
      }
    });
    const seq = maskMissing(
      createPoseSequence({ skeleton: getSkeleton('openpose-137'), fps: 24, dims: 2, data, confidence }),
      {
        zeroAsMissing: true,
      },
    );
    const out = mapSkeleton(seq, 'prompt2sign-50');
    expect(out.joints).toBe(50);
    expect(out.frames).toBe(frames.length);
    // prompt2sign-50 = OpenPose body 0–7, left hand (OpenPose 95–115), right hand (116–136).
    const sourceOf = (t: number): number => (t < 8 ? t : t < 29 ? 95 + (t - 8) : 116 + (t - 29));
    let present = 0;
    for (let f = 0; f < frames.length; f++) {
      for (let t = 0; t < 50; t++) {
        const s = sourceOf(t);
        expect(out.confidence[f * 50 + t]).toBe(seq.confidence[f * 137 + s]);
        expect(out.data[(f * 50 + t) * 2]).toBe(seq.data[(f * 137 + s) * 2]);
        expect(out.data[(f * 50 + t) * 2 + 1]).toBe(seq.data[(f * 137 + s) * 2 + 1]);
        if (out.confidence[f * 50 + t]! > 0) present++;
      }
    }
    expect(present).toBeGreaterThan(frames.length * 25); // most of the upper body and hands are tracked
  });
});
