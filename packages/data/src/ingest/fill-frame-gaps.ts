/**
 * `fillFrameGaps`: spreads a sequence read from numbered frame files over the full frame-number range,
 * inserting all-missing frames (confidence 0) where numbers are absent, so that time stays right.
 */
import { createPoseSequence, type Dims, ERROR_CODES, type PoseSequence, SignLLMError } from '@signllm/core';

/**
 * Places frame `i` of `seq` at slot `ids[i] − ids[0]`; absent slots are all-missing. `ids` must be
 * strictly increasing, one per frame. At most `2 × frames + 1000` slots (a wider gap throws
 * `tooLarge`, as the OpenPose reader does). Returns `seq` itself when there is no gap.
 *
 * @example
 * ```ts
 * fillFrameGaps(seq, [1, 2, 4]).frames; // 4: frame number 3 becomes an all-missing frame
 * ```
 */
export function fillFrameGaps<D extends Dims>(
  seq: PoseSequence<D>,
  ids: readonly number[],
  source = 'input',
): PoseSequence<D> {
  if (ids.length !== seq.frames) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `fillFrameGaps needs one frame number per frame (${ids.length} numbers, ${seq.frames} frames)`,
    );
  }
  if (ids.length === 0) return seq;
  const first = ids[0]!;
  const slots = ids[ids.length - 1]! - first + 1;
  if (slots === seq.frames) return seq;
  if (slots > 2 * seq.frames + 1000) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `Filling the gaps between frames ${first} and ${first + slots - 1} would make ${slots} frames from ` +
        `${seq.frames} files; the limit is 2 × files + 1000`,
      { position: { source } },
    );
  }
  const per = seq.joints * seq.dims;
  const data = new Float32Array(slots * per);
  const confidence = new Float32Array(slots * seq.joints);
  ids.forEach((id, i) => {
    const slot = id - first;
    if (i > 0 && id <= ids[i - 1]!) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Frame numbers must increase: ${ids[i - 1]} then ${id}`,
      );
    }
    data.set(seq.data.subarray(i * per, (i + 1) * per), slot * per);
    confidence.set(seq.confidence.subarray(i * seq.joints, (i + 1) * seq.joints), slot * seq.joints);
  });
  return createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims: seq.dims,
    frames: slots,
    data,
    confidence,
  });
}
