/**
 * `openPoseFramesToSequence`: a directory's worth of OpenPose `*_<frame>_keypoints.json` files → one
 * `PoseSequence` on `openpose-137`.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { createPoseSequence, type PoseSequence } from '../../pose-sequence/pose-sequence.ts';
import { OPENPOSE_137 } from '../../skeletons/openpose-137.ts';
import { frameNumber, type NamedFrame, orderFrames } from './frame-order.ts';
import { type JsonFrameContent, parseJsonContent, personIndex } from './json-input.ts';
import {
  OPENPOSE_POINTS,
  type OpenPoseDims,
  readOpenPoseFrame,
  resolveOpenPoseDims,
} from './parse-openpose-frame.ts';

/** Frames per second of How2Sign and of pose-format's OpenPose loader. */
export const OPENPOSE_DEFAULT_FPS = 24;

const FRAME_PATTERN = /(?:^|\D)(\d+)_keypoints\.json$/;

/**
 * The frame number in an OpenPose file name (`..._000000000017_keypoints.json` → 17), or undefined.
 *
 * @example
 * ```ts
 * openPoseFrameId('CAM2_000000000017_keypoints.json'); // 17
 * ```
 */
export function openPoseFrameId(name: string): number | undefined {
  return frameNumber(FRAME_PATTERN.exec(name)?.[1]);
}

/** Options of `openPoseFramesToSequence`. */
export interface OpenPoseSequenceOptions {
  /** Frames per second (default 24, the rate of How2Sign and pose-format's default). */
  fps?: number;
  /** Label of the whole input (e.g. the directory) used when a frame error has no file name. */
  source?: string;
  /** Index in `people` of the signer (default 0). */
  person?: number;
  /** `'auto'` (default): 3D when any frame has non-empty `*_3d` arrays for the person, else 2D. */
  dims?: OpenPoseDims;
  /**
   * Insert all-missing frames for frame numbers absent between the first and last file, as
   * pose-format does (default false: the files' frames only, in order). At most 2 × files + 1000 frames.
   */
  fillGaps?: boolean;
}

/**
 * Builds a sequence from per-frame OpenPose JSON files, ordered by the frame number in their names
 * (numerically). A frame with no people (or fewer than `person + 1`) is all-missing (confidence 0).
 *
 * Throws `SignLLMError`: `invalidArgument` (empty list, bad options), `badFormat` (a name without
 * `_<number>_keypoints.json`, duplicate frame numbers, invalid JSON or structure — naming the file),
 * `invalidNumber`, `tooLarge` (`fillGaps` over a huge gap).
 *
 * @example
 * ```ts
 * const seq = openPoseFramesToSequence(files.map((f) => ({ name: f.name, content: f.text })));
 * seq.skeleton.name; // 'openpose-137'
 * ```
 */
export function openPoseFramesToSequence(
  frames: readonly NamedFrame<JsonFrameContent>[],
  options: OpenPoseSequenceOptions = {},
): PoseSequence {
  const person = personIndex(options.person);
  const ordered = orderFrames(frames, openPoseFrameId, 'a name ending in _<frame number>_keypoints.json');
  const parsed = ordered.map((f) => parseJsonContent(f.content, { source: f.name }));
  const dims = resolveOpenPoseDims(options.dims, parsed, person);
  const first = ordered[0]!.id;
  const slots = options.fillGaps ? ordered[ordered.length - 1]!.id - first + 1 : ordered.length;
  if (slots > 2 * ordered.length + 1000) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `Filling the gaps between frames ${first} and ${first + slots - 1} would make ${slots} frames from ` +
        `${ordered.length} files; the limit is 2 × files + 1000`,
      { position: { source: options.source ?? ordered[ordered.length - 1]!.name } },
    );
  }
  const data = new Float32Array(slots * OPENPOSE_POINTS * dims);
  const confidence = new Float32Array(slots * OPENPOSE_POINTS);
  ordered.forEach((f, i) => {
    const slot = options.fillGaps ? f.id - first : i;
    const frame = readOpenPoseFrame(parsed[i], person, dims, { source: f.name, frame: slot });
    data.set(frame.data, slot * OPENPOSE_POINTS * dims);
    confidence.set(frame.confidence, slot * OPENPOSE_POINTS);
  });
  return createPoseSequence({
    skeleton: OPENPOSE_137,
    fps: options.fps ?? OPENPOSE_DEFAULT_FPS,
    dims,
    frames: slots,
    data,
    confidence,
  });
}
