/**
 * MediaPipe Holistic point names and limbs as pose-format writes them (data only). Copied from the
 * headers of real `.pose` files: the full layout from the fingerspelling lexicon of spoken-to-signed,
 * the reduced one (`reduce_holistic`, 178 points) from pose-format's `tests/data/mediapipe.pose`.
 * Limbs are flat `[from0, to0, from1, to1, ...]` pairs of component-local indices, in file order.
 */

/** `POSE_LANDMARKS` (and `POSE_WORLD_LANDMARKS`) point names, MediaPipe's `PoseLandmark` enum. */
export const MEDIAPIPE_POSE_POINTS: readonly string[] = [
  'NOSE',
  'LEFT_EYE_INNER',
  'LEFT_EYE',
  'LEFT_EYE_OUTER',
  'RIGHT_EYE_INNER',
  'RIGHT_EYE',
  'RIGHT_EYE_OUTER',
  'LEFT_EAR',
  'RIGHT_EAR',
  'MOUTH_LEFT',
  'MOUTH_RIGHT',
  'LEFT_SHOULDER',
  'RIGHT_SHOULDER',
  'LEFT_ELBOW',
  'RIGHT_ELBOW',
  'LEFT_WRIST',
  'RIGHT_WRIST',
  'LEFT_PINKY',
  'RIGHT_PINKY',
  'LEFT_INDEX',
  'RIGHT_INDEX',
  'LEFT_THUMB',
  'RIGHT_THUMB',
  'LEFT_HIP',
  'RIGHT_HIP',
  'LEFT_KNEE',
  'RIGHT_KNEE',
  'LEFT_ANKLE',
  'RIGHT_ANKLE',
  'LEFT_HEEL',
  'RIGHT_HEEL',
  'LEFT_FOOT_INDEX',
  'RIGHT_FOOT_INDEX',
];

/** `POSE_CONNECTIONS`, 35 limbs. */
export const MEDIAPIPE_POSE_LIMBS: readonly number[] = [
  15, 21, 16, 20, 18, 20, 3, 7, 14, 16, 23, 25, 28, 30, 11, 23, 27, 31, 6, 8, 15, 17, 24, 26, 16, 22, 4, 5, 5,
  6, 29, 31, 12, 24, 23, 24, 0, 1, 9, 10, 1, 2, 0, 4, 11, 13, 30, 32, 28, 32, 15, 19, 16, 18, 25, 27, 26, 28,
  12, 14, 17, 19, 2, 3, 11, 12, 27, 29, 13, 15,
];

/** `HAND_CONNECTIONS`, 21 limbs (point names are `HAND_POINT_NAMES`). */
export const MEDIAPIPE_HAND_LIMBS: readonly number[] = [
  3, 4, 0, 5, 17, 18, 0, 17, 13, 14, 13, 17, 18, 19, 5, 6, 5, 9, 14, 15, 0, 1, 9, 10, 1, 2, 9, 13, 10, 11, 19,
  20, 6, 7, 15, 16, 2, 3, 11, 12, 7, 8,
];

/** Reduced holistic `POSE_LANDMARKS`: the 8 upper-body points `reduce_holistic` keeps. */
export const REDUCED_POSE_POINTS: readonly string[] = [
  'LEFT_SHOULDER',
  'RIGHT_SHOULDER',
  'LEFT_ELBOW',
  'RIGHT_ELBOW',
  'LEFT_WRIST',
  'RIGHT_WRIST',
  'LEFT_HIP',
  'RIGHT_HIP',
];

/** Reduced holistic body limbs, 8. */
export const REDUCED_POSE_LIMBS: readonly number[] = [3, 5, 0, 6, 1, 7, 6, 7, 0, 2, 1, 3, 0, 1, 2, 4];

/** Reduced holistic `FACE_LANDMARKS`: the 128 face-mesh indices of `FACEMESH_CONTOURS`, ascending. */
export const REDUCED_FACE_POINTS: readonly number[] = [
  0, 7, 10, 13, 14, 17, 21, 33, 37, 39, 40, 46, 52, 53, 54, 55, 58, 61, 63, 65, 66, 67, 70, 78, 80, 81, 82,
  84, 87, 88, 91, 93, 95, 103, 105, 107, 109, 127, 132, 133, 136, 144, 145, 146, 148, 149, 150, 152, 153, 154,
  155, 157, 158, 159, 160, 161, 162, 163, 172, 173, 176, 178, 181, 185, 191, 234, 246, 249, 251, 263, 267,
  269, 270, 276, 282, 283, 284, 285, 288, 291, 293, 295, 296, 297, 300, 308, 310, 311, 312, 314, 317, 318,
  321, 323, 324, 332, 334, 336, 338, 356, 361, 362, 365, 373, 374, 375, 377, 378, 379, 380, 381, 382, 384,
  385, 386, 387, 388, 389, 390, 397, 398, 400, 402, 405, 409, 415, 454, 466,
];

/** Reduced holistic face limbs, 196, indices into `REDUCED_FACE_POINTS`. */
export const REDUCED_FACE_LIMBS: readonly number[] = [
  34, 18, 29, 32, 6, 56, 63, 10, 52, 51, 32, 23, 19, 15, 79, 105, 35, 19, 107, 108, 127, 69, 77, 97, 80, 73,
  2, 36, 0, 8, 35, 15, 82, 97, 122, 90, 18, 22, 37, 65, 14, 6, 74, 80, 42, 41, 54, 53, 87, 86, 110, 111, 12,
  18, 1, 7, 34, 12, 105, 92, 89, 5, 43, 17, 123, 92, 124, 79, 23, 64, 66, 55, 81, 74, 40, 46, 8, 0, 97, 82,
  80, 96, 49, 48, 12, 34, 67, 118, 73, 84, 3, 88, 9, 10, 18, 34, 75, 80, 92, 123, 31, 38, 59, 39, 11, 22, 36,
  21, 20, 34, 62, 30, 63, 17, 48, 42, 100, 93, 13, 18, 70, 0, 126, 99, 96, 82, 77, 81, 69, 67, 12, 19, 64, 24,
  82, 74, 72, 124, 5, 89, 18, 12, 24, 25, 25, 26, 112, 113, 89, 123, 15, 19, 124, 72, 97, 77, 20, 12, 71, 70,
  35, 20, 46, 45, 116, 127, 75, 74, 120, 112, 83, 98, 113, 114, 114, 115, 15, 35, 85, 94, 106, 121, 13, 12,
  20, 35, 27, 5, 104, 109, 5, 27, 34, 20, 57, 1, 103, 104, 53, 52, 81, 82, 109, 110, 119, 78, 55, 54, 74, 75,
  45, 60, 99, 117, 95, 83, 74, 82, 28, 61, 58, 40, 93, 126, 125, 85, 80, 74, 60, 44, 12, 13, 76, 95, 84, 73,
  12, 20, 18, 13, 50, 49, 22, 11, 81, 77, 30, 43, 123, 89, 105, 79, 74, 81, 26, 3, 73, 80, 56, 37, 90, 4, 33,
  14, 92, 105, 11, 18, 111, 101, 82, 81, 4, 28, 62, 27, 30, 62, 121, 107, 39, 50, 13, 11, 20, 19, 102, 119,
  44, 47, 86, 125, 71, 72, 0, 70, 115, 116, 47, 106, 17, 63, 80, 75, 19, 12, 118, 103, 41, 57, 65, 31, 38, 16,
  84, 80, 43, 30, 19, 35, 22, 18, 78, 100, 91, 122, 7, 66, 70, 71, 51, 59, 9, 8, 101, 120, 16, 58, 61, 29, 72,
  71, 8, 9, 21, 33, 18, 11, 10, 9, 96, 80, 94, 91, 73, 75, 74, 96, 75, 73, 108, 102, 88, 87, 97, 81, 79, 124,
  11, 13, 19, 20, 82, 96, 80, 84, 117, 68, 27, 62, 81, 97, 98, 2, 17, 43, 96, 74, 68, 76, 10, 63,
];
