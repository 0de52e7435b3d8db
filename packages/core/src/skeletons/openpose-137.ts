/**
 * `openpose-137`: OpenPose BODY_25 + face 70 + left hand 21 + right hand 21, exactly as pose-format
 * writes OpenPose into `.pose` files (components, point names, limbs and colours copied from the
 * header of pose-format's `tests/data/openpose.pose`). Joint names: body and face keep pose-format's
 * names (`Nose`, `LWrist`, `FB_0`, ...); hand joints are `LEFT_<hand point>` / `RIGHT_<hand point>`
 * with MediaPipe hand names (`LEFT_WRIST`, `LEFT_THUMB_CMC`, ...), the same as in `prompt2sign-50`,
 * while `components[i].points` keeps the raw `BASE`, `T_STT`, ... names. See
 * docs/architecture/skeletons.md.
 */
import {
  POSE_FORMAT_BODY_COLOR,
  POSE_FORMAT_FACE_COLOR,
  POSE_FORMAT_HAND_COLORS,
} from './pose-format-colors.ts';
import { HAND_POINT_NAMES } from './prompt2sign-50.ts';
import type { Skeleton } from './skeleton.ts';
import { skeletonFromComponents } from './skeleton-builder.ts';

/** BODY_25 point names in OpenPose order. */
// biome-ignore format: one row per body part
export const OPENPOSE_BODY_POINTS: readonly string[] = [
  'Nose', 'Neck', 'RShoulder', 'RElbow', 'RWrist', 'LShoulder', 'LElbow', 'LWrist',
  'MidHip', 'RHip', 'RKnee', 'RAnkle', 'LHip', 'LKnee', 'LAnkle',
  'REye', 'LEye', 'REar', 'LEar',
  'LBigToe', 'LSmallToe', 'LHeel', 'RBigToe', 'RSmallToe', 'RHeel',
];

/** BODY_25 limbs as pose-format writes them (flat local pairs; a tree rooted at the neck). */
// biome-ignore format: data
export const OPENPOSE_BODY_LIMBS: readonly number[] = [
  1, 2, 2, 3, 3, 4, 1, 5, 5, 6, 6, 7, 1, 8, 0, 16, 0, 15, 0, 18, 0, 17, 1, 0,
  8, 9, 9, 10, 10, 11, 8, 12, 12, 13, 13, 14, 11, 24, 11, 22, 22, 23, 14, 21, 14, 19, 19, 20,
];

const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, k) => `${prefix}_${from + k}`);

/**
 * The 70 OpenPose face point names of pose-format: jaw `FB_0..16`, eyebrows `FEB_17..26`, nose
 * `FN_27..35`, eyes `FE_36..47`, outer lips `FLO_48..59`, inner lips `FLI_60..67`, pupils `FP_68/69`.
 * Points 0..67 follow the 68-point iBUG / 300-W layout, which DWPose's face uses too.
 */
export const OPENPOSE_FACE_POINTS: readonly string[] = [
  ...range('FB', 0, 16),
  ...range('FEB', 17, 26),
  ...range('FN', 27, 35),
  ...range('FE', 36, 47),
  ...range('FLO', 48, 59),
  ...range('FLI', 60, 67),
  'FP_68',
  'FP_69',
];

/** Face limbs as pose-format writes them (flat local pairs, 65 limbs, none touching the pupils). */
// biome-ignore format: data
export const OPENPOSE_FACE_LIMBS: readonly number[] = [
  8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16,
  48, 49, 49, 50, 50, 51, 51, 52, 52, 53, 53, 54, 54, 55, 55, 56, 56, 57, 57, 58, 58, 59, 59, 48,
  60, 61, 61, 62, 62, 63, 63, 64, 64, 65, 65, 66, 66, 67, 67, 60,
  27, 28, 28, 29, 29, 30, 30, 31, 31, 32, 32, 33, 33, 34, 34, 35, 30, 33,
  17, 18, 18, 19, 19, 20, 20, 21, 22, 23, 23, 24, 24, 25, 25, 26,
  36, 37, 37, 38, 38, 39, 39, 40, 40, 41, 41, 36, 42, 43, 43, 44, 44, 45, 45, 46, 46, 47, 47, 42,
];

/** OpenPose hand point names of pose-format (0 = `BASE`, the wrist; then 4 per finger). */
// biome-ignore format: one row per finger
export const OPENPOSE_HAND_POINTS: readonly string[] = [
  'BASE',
  'T_STT', 'T_BCMC', 'T_MCP', 'T_IP',
  'I_CMC', 'I_MCP', 'I_PIP', 'I_DIP',
  'M_CMC', 'M_MCP', 'M_PIP', 'M_DIP',
  'R_CMC', 'R_MCP', 'R_PIP', 'R_DIP',
  'P_CMC', 'P_MCP', 'P_PIP', 'P_DIP',
];

/** OpenPose hand limbs as pose-format writes them (flat local pairs; a tree rooted at the wrist). */
// biome-ignore format: data
export const OPENPOSE_HAND_LIMBS: readonly number[] = [
  0, 1, 0, 5, 0, 9, 0, 13, 0, 17, 1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 7, 8,
  9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 17, 18, 18, 19, 19, 20,
];

/**
 * Global names of one hand's 21 joints: `LEFT_WRIST`, `LEFT_THUMB_CMC`, ... (MediaPipe hand names).
 *
 * @example
 * ```ts
 * handJointNames('RIGHT')[0]; // 'RIGHT_WRIST'
 * ```
 */
export function handJointNames(side: 'LEFT' | 'RIGHT'): string[] {
  return HAND_POINT_NAMES.map((p) => `${side}_${p}`);
}

/**
 * The `openpose-137` skeleton (root: `Neck`).
 *
 * @example
 * ```ts
 * OPENPOSE_137.components[2].name; // 'hand_left_keypoints_2d'
 * ```
 */
export const OPENPOSE_137: Skeleton = skeletonFromComponents({
  name: 'openpose-137',
  description: 'OpenPose BODY_25 + face 70 + left hand 21 + right hand 21, as pose-format writes it (XYC)',
  root: 'Neck',
  components: [
    {
      name: 'pose_keypoints_2d',
      format: 'XYC',
      joints: OPENPOSE_BODY_POINTS,
      points: OPENPOSE_BODY_POINTS,
      limbs: OPENPOSE_BODY_LIMBS,
      palette: [POSE_FORMAT_BODY_COLOR],
    },
    {
      name: 'face_keypoints_2d',
      format: 'XYC',
      joints: OPENPOSE_FACE_POINTS,
      points: OPENPOSE_FACE_POINTS,
      limbs: OPENPOSE_FACE_LIMBS,
      palette: [POSE_FORMAT_FACE_COLOR],
    },
    {
      name: 'hand_left_keypoints_2d',
      format: 'XYC',
      joints: handJointNames('LEFT'),
      points: OPENPOSE_HAND_POINTS,
      limbs: OPENPOSE_HAND_LIMBS,
      palette: POSE_FORMAT_HAND_COLORS,
    },
    {
      name: 'hand_right_keypoints_2d',
      format: 'XYC',
      joints: handJointNames('RIGHT'),
      points: OPENPOSE_HAND_POINTS,
      limbs: OPENPOSE_HAND_LIMBS,
      palette: POSE_FORMAT_HAND_COLORS,
    },
  ],
});
