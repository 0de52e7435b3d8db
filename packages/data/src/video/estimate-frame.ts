/**
 * One rgb24 frame → raw detections: the 17 COCO body keypoints of movenet-lightning (run directly on
 * the graph model, so no left/right "fixing" or jitter smoothing is applied) and up to two 21-point
 * hands from human's handtrack + handlandmark pipeline. Coordinates are pixels of the given frame.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { PoseModels, TensorLike } from './load-pose-models.ts';

/** COCO-17 keypoint names in movenet's output order (left/right = the person's own side). */
// biome-ignore format: one row per group
export const COCO_BODY_NAMES: readonly string[] = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
];

/** A hand found in a frame: 21 points (MediaPipe / OpenPose hand order) and its scores. */
export interface HandDetection {
  /** `[x0, y0, x1, y1, ...]`, 21 points, frame pixels. */
  points: Float32Array;
  /** Hand detector score (0..1). */
  boxScore: number;
  /** Hand-landmark presence score (0..1; about 0.5 means "not sure"). */
  fingerScore: number;
}

/** Raw detections of one frame. */
export interface FrameDetections {
  /** Width of the frame the coordinates refer to. */
  width: number;
  /** Height of that frame. */
  height: number;
  /** `[x, y, score] × 17`, COCO order, frame pixels. */
  body: Float32Array;
  hands: HandDetection[];
}

const MOVENET_SIZE = 192;

/**
 * Runs the body and hand models on one rgb24 frame of `width × height`. `scratch`, when given, is a
 * reusable `Int32Array` of `width × height × 3` values (saves an allocation a frame).
 *
 * @example
 * ```ts
 * const det = await estimateFrame(await loadPoseModels(), rgb, 640, 360);
 * det.body.length; // 51; det.hands.length: 0..2
 * ```
 */
export async function estimateFrame(
  models: PoseModels,
  rgb: Uint8Array,
  width: number,
  height: number,
  scratch?: Int32Array,
): Promise<FrameDetections> {
  const { tf, movenet, human } = models;
  const values = scratch?.length === rgb.length ? scratch : new Int32Array(rgb.length);
  values.set(rgb);
  return models.run(async () => {
    const image = tf.tensor(values, [1, height, width, 3], 'int32');
    let bodyOut: TensorLike | undefined;
    try {
      // Pad to a centred square (as movenet expects), resize to 192², int32.
      const side = Math.max(width, height);
      const padX = Math.floor((side - width) / 2);
      const padY = Math.floor((side - height) / 2);
      bodyOut = tf.tidy(() => {
        const padded = tf.pad(image, [
          [0, 0],
          [padY, side - height - padY],
          [padX, side - width - padX],
          [0, 0],
        ]);
        const input = tf.cast(tf.image.resizeBilinear(padded, [MOVENET_SIZE, MOVENET_SIZE]), 'int32');
        const out = movenet.execute(input);
        return Array.isArray(out) ? out[0]! : out;
      });
      const raw = await bodyOut.data(); // [1, 1, 17, 3]: y, x, score in 0..1 of the square
      const body = new Float32Array(17 * 3);
      for (let k = 0; k < 17; k++) {
        body[k * 3] = raw[k * 3 + 1]! * side - padX;
        body[k * 3 + 1] = raw[k * 3]! * side - padY;
        body[k * 3 + 2] = raw[k * 3 + 2]!;
      }
      const result = await human.detect(image);
      if (result.error) {
        throw new SignLLMError(ERROR_CODES.badFormat, `Hand detection failed: ${result.error}`, {
          details: { width, height },
        });
      }
      const hands: HandDetection[] = [];
      for (const h of result.hand ?? []) {
        if (h.keypoints.length !== 21) continue;
        const points = new Float32Array(42);
        h.keypoints.forEach((p, i) => {
          points[i * 2] = p[0] ?? 0;
          points[i * 2 + 1] = p[1] ?? 0;
        });
        hands.push({ points, boxScore: h.boxScore, fingerScore: h.fingerScore });
      }
      return { width, height, body, hands };
    } finally {
      bodyOut?.dispose();
      image.dispose();
    }
  });
}
