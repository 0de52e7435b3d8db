/**
 * `holistic-576` and `holistic-586`: MediaPipe Holistic as pose-format writes it into `.pose` files —
 * `POSE_LANDMARKS` 33, `FACE_LANDMARKS` 468 (586: 478 with the refined irises), `LEFT_HAND_LANDMARKS`
 * 21, `RIGHT_HAND_LANDMARKS` 21, `POSE_WORLD_LANDMARKS` 33, all `XYZC`. Point names, limbs and colours
 * come from the headers of real holistic files (the spoken-to-signed fingerspelling lexicon, which is
 * `holistic-586`); `holistic-576` is the same without the 10 iris points and their 8 limbs, i.e. what
 * pose-format writes without `refine_face_landmarks`. Joint names are the component prefix plus the
 * point name: `POSE_NOSE`, `FACE_0`, `LEFT_WRIST` (hand), `RIGHT_THUMB_CMC`, `POSE_WORLD_NOSE`.
 */
import { FACE_MESH_IRISES, FACE_MESH_TESSELATION } from './mediapipe-face-mesh.ts';
import {
  MEDIAPIPE_HAND_LIMBS,
  MEDIAPIPE_POSE_LIMBS,
  MEDIAPIPE_POSE_POINTS,
} from './mediapipe-holistic-data.ts';
import { handJointNames } from './openpose-137.ts';
import {
  POSE_FORMAT_BODY_COLOR,
  POSE_FORMAT_FACE_COLOR,
  POSE_FORMAT_HAND_COLORS,
} from './pose-format-colors.ts';
import { HAND_POINT_NAMES } from './prompt2sign-50.ts';
import type { Skeleton } from './skeleton.ts';
import { type ComponentSpec, skeletonFromComponents } from './skeleton-builder.ts';

const numbered = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i));

function poseComponent(name: string, prefix: string): ComponentSpec {
  return {
    name,
    format: 'XYZC',
    joints: MEDIAPIPE_POSE_POINTS.map((p) => `${prefix}${p}`),
    points: MEDIAPIPE_POSE_POINTS,
    limbs: MEDIAPIPE_POSE_LIMBS,
    palette: [POSE_FORMAT_BODY_COLOR],
  };
}

/**
 * The two MediaPipe hand components (`LEFT_HAND_LANDMARKS`, `RIGHT_HAND_LANDMARKS`) with joints
 * `LEFT_*` / `RIGHT_*`; shared by every holistic skeleton.
 */
export function holisticHandComponents(): ComponentSpec[] {
  return (['LEFT', 'RIGHT'] as const).map((side) => ({
    name: `${side}_HAND_LANDMARKS`,
    format: 'XYZC',
    joints: handJointNames(side),
    points: HAND_POINT_NAMES,
    limbs: MEDIAPIPE_HAND_LIMBS,
    palette: POSE_FORMAT_HAND_COLORS,
  }));
}

function holistic(faceCount: 468 | 478): Skeleton {
  const face = numbered(faceCount);
  const total = 33 + faceCount + 21 + 21 + 33;
  return skeletonFromComponents({
    name: `holistic-${total}`,
    description:
      `MediaPipe Holistic as pose-format writes it: pose 33, face ${faceCount}` +
      `${faceCount === 478 ? ' (refined irises)' : ''}, left hand 21, right hand 21, pose world 33 (XYZC)`,
    root: 'POSE_NOSE',
    components: [
      poseComponent('POSE_LANDMARKS', 'POSE_'),
      {
        name: 'FACE_LANDMARKS',
        format: 'XYZC',
        joints: face.map((p) => `FACE_${p}`),
        points: face,
        limbs: faceCount === 478 ? [...FACE_MESH_TESSELATION, ...FACE_MESH_IRISES] : FACE_MESH_TESSELATION,
        palette: [POSE_FORMAT_FACE_COLOR],
      },
      ...holisticHandComponents(),
      poseComponent('POSE_WORLD_LANDMARKS', 'POSE_WORLD_'),
    ],
  });
}

/**
 * The `holistic-576` skeleton: full MediaPipe Holistic with the 468-point face mesh.
 *
 * @example
 * ```ts
 * HOLISTIC_576.joints.indexOf('POSE_LEFT_WRIST'); // 15
 * ```
 */
export const HOLISTIC_576: Skeleton = holistic(468);

/**
 * The `holistic-586` skeleton: full MediaPipe Holistic with the refined 478-point face mesh (irises),
 * the layout of the holistic `.pose` files of the spoken-to-signed lexicons.
 *
 * @example
 * ```ts
 * HOLISTIC_586.components[1].count; // 478
 * ```
 */
export const HOLISTIC_586: Skeleton = holistic(478);
