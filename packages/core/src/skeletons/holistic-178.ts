/**
 * `holistic-178`: MediaPipe Holistic reduced by pose-format's `reduce_holistic` — 8 upper-body points,
 * the 128 face-mesh points of `FACEMESH_CONTOURS`, and both hands; no world landmarks. This is what
 * spoken-to-signed emits. Components, point names, limbs and colours are exactly the header of
 * pose-format's `tests/data/mediapipe.pose`. Joint names follow `holistic-576`: `POSE_LEFT_SHOULDER`,
 * `FACE_0`, `FACE_7`, ... (the mesh index), `LEFT_WRIST` (hand).
 */
import { holisticHandComponents } from './holistic-576.ts';
import {
  REDUCED_FACE_LIMBS,
  REDUCED_FACE_POINTS,
  REDUCED_POSE_LIMBS,
  REDUCED_POSE_POINTS,
} from './mediapipe-holistic-data.ts';
import { POSE_FORMAT_BODY_COLOR, POSE_FORMAT_FACE_COLOR } from './pose-format-colors.ts';
import type { Skeleton } from './skeleton.ts';
import { skeletonFromComponents } from './skeleton-builder.ts';

const FACE_POINTS = REDUCED_FACE_POINTS.map(String);

/**
 * The `holistic-178` skeleton (root: `POSE_LEFT_SHOULDER`; the reduced body has no nose).
 *
 * @example
 * ```ts
 * HOLISTIC_178.components.map((c) => c.count); // [8, 128, 21, 21]
 * ```
 */
export const HOLISTIC_178: Skeleton = skeletonFromComponents({
  name: 'holistic-178',
  description:
    'MediaPipe Holistic reduced (pose-format reduce_holistic): body 8, face contours 128, hands 21 + 21',
  root: 'POSE_LEFT_SHOULDER',
  components: [
    {
      name: 'POSE_LANDMARKS',
      format: 'XYZC',
      joints: REDUCED_POSE_POINTS.map((p) => `POSE_${p}`),
      points: REDUCED_POSE_POINTS,
      limbs: REDUCED_POSE_LIMBS,
      palette: [POSE_FORMAT_BODY_COLOR],
    },
    {
      name: 'FACE_LANDMARKS',
      format: 'XYZC',
      joints: FACE_POINTS.map((p) => `FACE_${p}`),
      points: FACE_POINTS,
      limbs: REDUCED_FACE_LIMBS,
      palette: [POSE_FORMAT_FACE_COLOR],
    },
    ...holisticHandComponents(),
  ],
});
