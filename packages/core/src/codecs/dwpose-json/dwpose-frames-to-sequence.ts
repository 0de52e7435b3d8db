/**
 * `dwposeFramesToSequence`: the per-frame DWPose JSON files of one clip → a `PoseSequence` on
 * `dwpose-128`.
 */
import { createPoseSequence, type PoseSequence } from '../../pose-sequence/pose-sequence.ts';
import { DWPOSE_128 } from '../../skeletons/dwpose-128.ts';
import { frameNumber, type NamedFrame, orderFrames } from '../openpose-json/frame-order.ts';
import { type JsonFrameContent, parseJsonContent, personIndex } from '../openpose-json/json-input.ts';
import { DWPOSE_POINTS, dwposeScale, readDwposeFrame } from './parse-dwpose-frame.ts';

/** Frames per second of Prompt2Sign 2025 frame extraction (`pipeline00`, 24 fps). */
export const DWPOSE_DEFAULT_FPS = 24;

/**
 * The frame number of a DWPose frame file: the last run of digits in its base name
 * (`00000012.json` → 12, `clip_0007.json` → 7), or undefined.
 *
 * @example
 * ```ts
 * dwposeFrameId('json/00000012.json'); // 12
 * ```
 */
export function dwposeFrameId(name: string): number | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return frameNumber(/(\d+)\D*$/.exec(base)?.[1]);
}

/** Options of `dwposeFramesToSequence`. */
export interface DwposeSequenceOptions {
  /** Frames per second (default 24, the rate of Prompt2Sign's frame extraction). */
  fps?: number;
  /** Image width: with `height`, coordinates become pixels; without, they stay in [0, 1]. */
  width?: number;
  /** Image height. */
  height?: number;
  /** Which person (default 0). */
  person?: number;
}

/**
 * Builds a 2D sequence from per-frame DWPose JSON files ordered by the number in their names. A frame
 * with no people is all-missing.
 *
 * Throws `SignLLMError`: `invalidArgument` (empty list, bad options), `badFormat` (names without a
 * number, duplicate numbers, invalid JSON or structure — naming the file), `invalidNumber`.
 *
 * @example
 * ```ts
 * const seq = dwposeFramesToSequence(files, { width: 1280, height: 720 });
 * seq.skeleton.name; // 'dwpose-128'
 * ```
 */
export function dwposeFramesToSequence(
  frames: readonly NamedFrame<JsonFrameContent>[],
  options: DwposeSequenceOptions = {},
): PoseSequence<2> {
  const person = personIndex(options.person);
  const scale = dwposeScale(options.width, options.height);
  const ordered = orderFrames(frames, dwposeFrameId, 'a name with a frame number, e.g. 00000001.json');
  const data = new Float32Array(ordered.length * DWPOSE_POINTS * 2);
  const confidence = new Float32Array(ordered.length * DWPOSE_POINTS);
  ordered.forEach((f, i) => {
    const position = { source: f.name, frame: i };
    const frame = readDwposeFrame(parseJsonContent(f.content, position), person, scale, position);
    data.set(frame.data, i * DWPOSE_POINTS * 2);
    confidence.set(frame.confidence, i * DWPOSE_POINTS);
  });
  return createPoseSequence({
    skeleton: DWPOSE_128,
    fps: options.fps ?? DWPOSE_DEFAULT_FPS,
    dims: 2,
    frames: ordered.length,
    data,
    confidence,
  });
}
