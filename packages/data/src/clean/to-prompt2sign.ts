/**
 * Step 1 of cleaning: re-express a sequence on `prompt2sign-50` with core's skeleton mappings, and
 * sanitise it so every later step can trust that a present point has finite coordinates and a
 * confidence in (0, 1].
 */
import {
  createPoseSequence,
  type Dims,
  ERROR_CODES,
  formatOptions,
  listSkeletonMappings,
  mapSkeleton,
  type PoseSequence,
  SignLLMError,
} from '@signllm/core';

/** The skeleton every cleaned sequence is on. */
export const CLEAN_TARGET_SKELETON = 'prompt2sign-50';

/** Joints of `prompt2sign-50`. */
export const PROMPT2SIGN_JOINTS = 50;

/**
 * The skeletons `cleanSequence` accepts: `prompt2sign-50` itself and every skeleton with a registered
 * mapping to it (openpose-137, holistic-576/586/178, dwpose-133/128 among the built-ins).
 *
 * @example
 * ```ts
 * cleanableSkeletons().includes('openpose-137'); // true
 * ```
 */
export function cleanableSkeletons(): string[] {
  const sources = listSkeletonMappings()
    .filter(([, to]) => to === CLEAN_TARGET_SKELETON)
    .map(([from]) => from);
  return [CLEAN_TARGET_SKELETON, ...sources.filter((s) => s !== CLEAN_TARGET_SKELETON)];
}

/**
 * Maps `seq` to `prompt2sign-50` (a copy when it is already there) and sanitises it: a point whose
 * confidence is not > 0 (0, negative, NaN) or whose coordinates are not all finite becomes missing
 * (confidence 0, coordinates 0); a confidence above 1 is clamped to 1.
 *
 * Throws `SignLLMError` `noSkeletonMapping` naming the supported skeletons for any other skeleton,
 * and `shapeMismatch` for a sequence that claims `prompt2sign-50` with the wrong joint count.
 *
 * @example
 * ```ts
 * const p50 = toPrompt2Sign(openPoseSequence); // p50.joints === 50
 * ```
 */
export function toPrompt2Sign<D extends Dims>(seq: PoseSequence<D>): PoseSequence<D> {
  const name = seq.skeleton.name;
  const supported = cleanableSkeletons();
  if (!supported.includes(name)) {
    throw new SignLLMError(
      ERROR_CODES.noSkeletonMapping,
      `Cannot clean a sequence on skeleton "${name}": supported skeletons are ${formatOptions(supported)}`,
      { details: { skeleton: name, options: supported } },
    );
  }
  if (name === CLEAN_TARGET_SKELETON && seq.joints !== PROMPT2SIGN_JOINTS) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `A sequence on "${CLEAN_TARGET_SKELETON}" must have ${PROMPT2SIGN_JOINTS} joints, got ${seq.joints}`,
    );
  }
  return sanitise(mapSkeleton(seq, CLEAN_TARGET_SKELETON));
}

/** Missing or non-finite points → confidence 0 and coordinates 0; confidence clamped to ≤ 1. Owns its input. */
function sanitise<D extends Dims>(seq: PoseSequence<D>): PoseSequence<D> {
  const { data, confidence, dims } = seq;
  for (let p = 0; p < confidence.length; p++) {
    const c = confidence[p]!;
    let ok = c > 0;
    for (let d = 0; ok && d < dims; d++) ok = Number.isFinite(data[p * dims + d]!);
    if (!ok) {
      confidence[p] = 0;
      data.fill(0, p * dims, (p + 1) * dims);
    } else if (c > 1) {
      confidence[p] = 1;
    }
  }
  return createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims,
    frames: seq.frames,
    data,
    confidence,
  });
}
