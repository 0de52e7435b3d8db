/**
 * `framesToPoseSequence`: generated frames (or their joint values, flat) as a 3-D `prompt2sign-50`
 * `PoseSequence` with confidence 1, ready for the pose codecs and the renderers.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { createPoseSequence, type PoseSequence } from '../pose-sequence/pose-sequence.ts';
import { getSkeleton } from '../skeletons/registry.ts';
import { isFloat32Array } from '../util/typed-array-checks.ts';
import type { GeneratedFrame } from './decode-pose.ts';

const SKELETON = 'prompt2sign-50';

/**
 * A `prompt2sign-50` pose sequence (3-D, confidence 1) from generated frames, or from a flat
 * `Float32Array` of `n × 150` joint values (joint-major x, y, z).
 *
 * @throws SignLLMError `shape_mismatch` when a frame does not have 50 × 3 values, `invalid_argument`
 *   for a bad `fps`.
 * @example
 * ```ts
 * const frames = [];
 * for await (const frame of bundle.generate(request)) frames.push(frame);
 * const pose = framesToPoseSequence(frames, bundle.manifest.fps);
 * ```
 */
export function framesToPoseSequence(
  frames: readonly GeneratedFrame[] | Float32Array,
  fps: number,
): PoseSequence<3> {
  const skeleton = getSkeleton(SKELETON);
  const perFrame = skeleton.joints.length * 3;
  if (isFloat32Array(frames)) {
    return createPoseSequence({ skeleton, fps, dims: 3, data: new Float32Array(frames) });
  }
  if (!Array.isArray(frames)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'frames must be an array of generated frames or a Float32Array',
    );
  }
  const data = new Float32Array(frames.length * perFrame);
  frames.forEach((frame: GeneratedFrame, i) => {
    const values = frame?.values;
    if (!isFloat32Array(values) || values.length !== perFrame) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `frame ${i} has ${String(values?.length)} values, expected ${perFrame} (${skeleton.joints.length} joints × 3)`,
        { position: { frame: i } },
      );
    }
    data.set(values, i * perFrame);
  });
  return createPoseSequence({ skeleton, fps, dims: 3, data, frames: frames.length });
}
