/**
 * The colours pose-format writes into `.pose` headers, as found in real files (pose-format's
 * `tests/data/openpose.pose`, `mediapipe.pose`, and the holistic lexicon files of spoken-to-signed):
 * one red for the body, one dark red for the face, and a 21-colour per-finger palette for each hand.
 * Some channels exceed 255 (262, 297); renderers clamp. Newer pose-format releases override the pinky
 * with oranges; the files at hand use the palette below, so the built-in skeletons do too.
 */
import type { Rgb } from './skeleton.ts';

/** Body colour of pose-format headers. */
export const POSE_FORMAT_BODY_COLOR: Rgb = [255, 0, 0];

/** Face colour of pose-format headers. */
export const POSE_FORMAT_FACE_COLOR: Rgb = [128, 0, 0];

/**
 * Hand palette of pose-format headers: wrist, then thumb, index, middle, ring, pinky (4 points each,
 * brightening towards the tip).
 *
 * @example
 * ```ts
 * POSE_FORMAT_HAND_COLORS[0]; // [232, 232, 232], the wrist
 * ```
 */
// biome-ignore format: one row per finger
export const POSE_FORMAT_HAND_COLORS: readonly Rgb[] = [
  [232, 232, 232],
  [192, 0, 0], [227, 35, 35], [262, 70, 70], [297, 105, 105],
  [192, 192, 0], [227, 227, 35], [262, 262, 70], [297, 297, 105],
  [0, 192, 0], [35, 227, 35], [70, 262, 70], [105, 297, 105],
  [0, 192, 192], [35, 227, 227], [70, 262, 262], [105, 297, 297],
  [0, 0, 192], [35, 35, 227], [70, 70, 262], [105, 105, 297],
];
