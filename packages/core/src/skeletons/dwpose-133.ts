/**
 * `dwpose-133`: DWPose's raw whole-body output in COCO-WholeBody order — 17 body, 6 feet, 68 face,
 * 21 left hand, 21 right hand. Components and their point names follow pose-format's COCO-WholeBody
 * 133 header (`BODY` = body + feet, `FACE`, `LEFT_HAND`, `RIGHT_HAND`; `nose`, `face-0`,
 * `left_hand_0`, ...). Joint names use the OpenPose vocabulary of `openpose-137` (`Nose`, `LShoulder`,
 * `LBigToe`, `FB_0`, `LEFT_WRIST`, ...), so this skeleton maps to OpenPose layouts by name.
 * Limbs: COCO body + feet limbs and the 20 hand limbs as pose-format lists them; the face (which
 * pose-format leaves without limbs) gets the 68-point contour limbs of `openpose-137`.
 * Colours follow the pose-format convention of the other skeletons (body red, face dark red, hands
 * per finger).
 */
import { handJointNames, OPENPOSE_FACE_LIMBS, OPENPOSE_FACE_POINTS } from './openpose-137.ts';
import {
  POSE_FORMAT_BODY_COLOR,
  POSE_FORMAT_FACE_COLOR,
  POSE_FORMAT_HAND_COLORS,
} from './pose-format-colors.ts';
import type { Skeleton } from './skeleton.ts';
import { type ComponentSpec, skeletonFromComponents } from './skeleton-builder.ts';

/** COCO-WholeBody body (17) + feet (6) point names as pose-format writes them. */
// biome-ignore format: one row per group
export const COCO_WHOLEBODY_BODY_POINTS: readonly string[] = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
  'left_big_toe', 'left_small_toe', 'left_heel', 'right_big_toe', 'right_small_toe', 'right_heel',
];

/** The same 23 points in the OpenPose vocabulary (the skeleton's joint names). */
// biome-ignore format: one row per group
const BODY_JOINTS: readonly string[] = [
  'Nose', 'LEye', 'REye', 'LEar', 'REar',
  'LShoulder', 'RShoulder', 'LElbow', 'RElbow', 'LWrist', 'RWrist',
  'LHip', 'RHip', 'LKnee', 'RKnee', 'LAnkle', 'RAnkle',
  'LBigToe', 'LSmallToe', 'LHeel', 'RBigToe', 'RSmallToe', 'RHeel',
];

/** COCO-WholeBody body + feet limbs (pose-format order; flat local pairs). */
// biome-ignore format: data
const BODY_LIMBS: readonly number[] = [
  15, 13, 13, 11, 16, 14, 14, 12, 11, 12, 5, 11, 6, 12, 5, 6, 5, 7, 6, 8, 7, 9, 8, 10,
  1, 2, 0, 1, 0, 2, 1, 3, 2, 4, 3, 5, 4, 6,
  15, 17, 15, 18, 15, 19, 16, 20, 16, 21, 16, 22,
];

/** COCO-WholeBody hand limbs (pose-format order; flat local pairs), a tree rooted at the wrist. */
// biome-ignore format: data
const HAND_LIMBS: readonly number[] = [
  0, 1, 1, 2, 2, 3, 3, 4, 0, 5, 5, 6, 6, 7, 7, 8, 0, 9, 9, 10,
  10, 11, 11, 12, 0, 13, 13, 14, 14, 15, 15, 16, 0, 17, 17, 18, 18, 19, 19, 20,
];

function hand(side: 'LEFT' | 'RIGHT'): ComponentSpec {
  const prefix = side === 'LEFT' ? 'left_hand_' : 'right_hand_';
  return {
    name: `${side}_HAND`,
    format: 'XYC',
    joints: handJointNames(side),
    points: Array.from({ length: 21 }, (_, i) => `${prefix}${i}`),
    limbs: HAND_LIMBS,
    palette: POSE_FORMAT_HAND_COLORS,
  };
}

/**
 * The `dwpose-133` skeleton (root: `Nose`).
 *
 * @example
 * ```ts
 * DWPOSE_133.joints[91]; // 'LEFT_WRIST'
 * ```
 */
export const DWPOSE_133: Skeleton = skeletonFromComponents({
  name: 'dwpose-133',
  description: 'DWPose / COCO-WholeBody 133: body 17, feet 6, face 68, left hand 21, right hand 21 (XYC)',
  root: 'Nose',
  components: [
    {
      name: 'BODY',
      format: 'XYC',
      joints: BODY_JOINTS,
      points: COCO_WHOLEBODY_BODY_POINTS,
      limbs: BODY_LIMBS,
      palette: [POSE_FORMAT_BODY_COLOR],
    },
    {
      name: 'FACE',
      format: 'XYC',
      joints: OPENPOSE_FACE_POINTS.slice(0, 68),
      points: Array.from({ length: 68 }, (_, i) => `face-${i}`),
      limbs: OPENPOSE_FACE_LIMBS,
      palette: [POSE_FORMAT_FACE_COLOR],
    },
    hand('LEFT'),
    hand('RIGHT'),
  ],
});
