/**
 * `dwpose-128`: the OpenPose-style layout that easy_dwpose produces and that the Prompt2Sign 2025
 * per-frame JSON and "trg384" `.skels` use — body 18 in COCO-18 / OpenPose order (DWPose inserts a
 * neck, the mean of the shoulders, and reorders COCO's 17 points), then the left hand (`hands[0]`),
 * the right hand (`hands[1]`) and the 68-point face. Joint names use the OpenPose vocabulary of
 * `openpose-137` (`Nose`, `Neck`, `RShoulder`, ..., `LEFT_WRIST`, ..., `FB_0`, ...); component names
 * are the keys of the per-frame JSON. Limbs: OpenPose's 17 COCO-18 limbs, the 20 hand limbs and the
 * 68-point face contours; colours follow pose-format (body red, face dark red, hands per finger).
 */
import {
  handJointNames,
  OPENPOSE_FACE_LIMBS,
  OPENPOSE_FACE_POINTS,
  OPENPOSE_HAND_LIMBS,
} from './openpose-137.ts';
import {
  POSE_FORMAT_BODY_COLOR,
  POSE_FORMAT_FACE_COLOR,
  POSE_FORMAT_HAND_COLORS,
} from './pose-format-colors.ts';
import type { Skeleton } from './skeleton.ts';
import { skeletonFromComponents } from './skeleton-builder.ts';

/** The 18 body joints of DWPose / OpenPose COCO-18, in order. */
// biome-ignore format: one row per group
export const DWPOSE_BODY_POINTS: readonly string[] = [
  'Nose', 'Neck', 'RShoulder', 'RElbow', 'RWrist', 'LShoulder', 'LElbow', 'LWrist',
  'RHip', 'RKnee', 'RAnkle', 'LHip', 'LKnee', 'LAnkle', 'REye', 'LEye', 'REar', 'LEar',
];

/** OpenPose COCO-18 limbs as DWPose draws them (flat local pairs), a tree rooted at the neck. */
// biome-ignore format: data
const BODY_LIMBS: readonly number[] = [
  1, 2, 1, 5, 2, 3, 3, 4, 5, 6, 6, 7, 1, 8, 8, 9, 9, 10, 1, 11, 11, 12, 12, 13,
  1, 0, 0, 14, 14, 16, 0, 15, 15, 17,
];

/**
 * The `dwpose-128` skeleton (root: `Neck`).
 *
 * @example
 * ```ts
 * DWPOSE_128.components.map((c) => c.name);
 * // ['body_keypoints', 'left_hand_keypoints', 'right_hand_keypoints', 'face_keypoints']
 * ```
 */
export const DWPOSE_128: Skeleton = skeletonFromComponents({
  name: 'dwpose-128',
  description:
    'DWPose as easy_dwpose / Prompt2Sign 2025 store it: body 18 (COCO-18 order), left hand 21, right hand 21, face 68',
  root: 'Neck',
  components: [
    {
      name: 'body_keypoints',
      format: 'XYC',
      joints: DWPOSE_BODY_POINTS,
      limbs: BODY_LIMBS,
      palette: [POSE_FORMAT_BODY_COLOR],
    },
    {
      name: 'left_hand_keypoints',
      format: 'XYC',
      joints: handJointNames('LEFT'),
      limbs: OPENPOSE_HAND_LIMBS,
      palette: POSE_FORMAT_HAND_COLORS,
    },
    {
      name: 'right_hand_keypoints',
      format: 'XYC',
      joints: handJointNames('RIGHT'),
      limbs: OPENPOSE_HAND_LIMBS,
      palette: POSE_FORMAT_HAND_COLORS,
    },
    {
      name: 'face_keypoints',
      format: 'XYC',
      joints: OPENPOSE_FACE_POINTS.slice(0, 68),
      limbs: OPENPOSE_FACE_LIMBS,
      palette: [POSE_FORMAT_FACE_COLOR],
    },
  ],
});
