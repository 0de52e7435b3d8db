/**
 * `parseOpenPoseFrame`: one OpenPose `*_keypoints.json` frame → the 137 points of `openpose-137`.
 *
 * OpenPose writes `{ version, people: [{ pose_keypoints_2d: [x, y, c, ...], face_keypoints_2d,
 * hand_left_keypoints_2d, hand_right_keypoints_2d, ..._3d }] }`: 25 body, 70 face and 2 × 21 hand
 * points, pixels, confidence `c` (0 = not detected). The `*_3d` arrays hold `x, y, z, c` per point
 * when OpenPose triangulated several cameras, and are empty otherwise.
 */
import { ERROR_CODES, type ErrorPosition, SignLLMError } from '../../errors/signllm-error.ts';
import {
  confidence,
  finite,
  isRecord,
  type JsonFrameContent,
  label,
  parseJsonContent,
  personIndex,
  show,
} from './json-input.ts';

/** The four OpenPose arrays, in `openpose-137` order, with their point counts. */
export const OPENPOSE_PARTS: ReadonlyArray<readonly [key: string, points: number]> = [
  ['pose_keypoints', 25],
  ['face_keypoints', 70],
  ['hand_left_keypoints', 21],
  ['hand_right_keypoints', 21],
];

/** Number of points of an OpenPose frame (`openpose-137`). */
export const OPENPOSE_POINTS = 137;

/** Which arrays to read: `2` the `*_2d` ones, `3` the `*_3d` ones, `'auto'` 3 when any `*_3d` has values. */
export type OpenPoseDims = 2 | 3 | 'auto';

/** Options of `parseOpenPoseFrame`. */
export interface OpenPoseFrameOptions {
  /** File name for error messages. */
  source?: string;
  /** Index in `people` of the signer to read (default 0). A frame with fewer people yields all-missing points. */
  person?: number;
  /** Default `'auto'`. */
  dims?: OpenPoseDims;
}

/** One parsed OpenPose frame. */
export interface OpenPoseFrame {
  /** Number of people in the frame. */
  people: number;
  /** 2 (`*_2d`: x, y pixels) or 3 (`*_3d`: x, y, z in the calibration's units). */
  dims: 2 | 3;
  /** `[137][dims]` coordinates; 0 for missing points. */
  data: Float32Array;
  /** `[137]` confidences in 0..1 (values above 1 clamp to 1); 0 = missing. */
  confidence: Float32Array;
}

/** True when the chosen person of a parsed frame has any non-empty `*_3d` array. */
export function hasOpenPose3d(frame: unknown, person: number): boolean {
  if (!isRecord(frame) || !Array.isArray(frame.people)) return false;
  const p: unknown = frame.people[person];
  if (!isRecord(p)) return false;
  return OPENPOSE_PARTS.some(([key]) => {
    const v = p[`${key}_3d`];
    return Array.isArray(v) && v.length > 0;
  });
}

/**
 * The `dims` option, checked, with `'auto'` resolved: 3 when the chosen person has `*_3d` values in
 * any of the parsed `frames`, else 2 (internal).
 */
export function resolveOpenPoseDims(
  dims: OpenPoseDims | undefined,
  frames: readonly unknown[],
  person: number,
): 2 | 3 {
  const requested = dims ?? 'auto';
  if (requested === 'auto') return frames.some((f) => hasOpenPose3d(f, person)) ? 3 : 2;
  if (requested !== 2 && requested !== 3) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `dims must be 2, 3 or "auto", got ${show(requested)}`,
    );
  }
  return requested;
}

/**
 * Reads one parsed frame (internal; `position` locates errors). Missing or empty arrays of the chosen
 * person mean "not detected" (OpenPose writes `[]` for parts it was not asked to find, and for all
 * `*_3d` arrays without 3D reconstruction), but a person with none of the eight arrays is `badFormat`.
 */
export function readOpenPoseFrame(
  frame: unknown,
  person: number,
  dims: 2 | 3,
  position: ErrorPosition,
): OpenPoseFrame {
  const where = `OpenPose frame ${label(position)}`;
  if (!isRecord(frame) || !Array.isArray(frame.people)) {
    const why = isRecord(frame) ? `its "people" is ${show(frame.people)}` : `it is ${show(frame)}`;
    throw new SignLLMError(ERROR_CODES.badFormat, `${where} needs an object with a "people" array; ${why}`, {
      position,
    });
  }
  const data = new Float32Array(OPENPOSE_POINTS * dims);
  const conf = new Float32Array(OPENPOSE_POINTS);
  const people = frame.people.length;
  if (person >= people) return { people, dims, data, confidence: conf };
  const p: unknown = frame.people[person];
  if (!isRecord(p)) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${where}: people[${person}] is ${show(p)}, expected an object`,
      { position },
    );
  }
  const suffix = dims === 2 ? '_2d' : '_3d';
  const stride = dims + 1;
  if (OPENPOSE_PARTS.every(([key]) => p[`${key}_2d`] === undefined && p[`${key}_3d`] === undefined)) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${where}: people[${person}] has none of the keypoint arrays ${OPENPOSE_PARTS.map(([k]) => `"${k}_2d"`).join(', ')}`,
      { position },
    );
  }
  let offset = 0;
  for (const [key, count] of OPENPOSE_PARTS) {
    const name = `${key}${suffix}`;
    const values = p[name];
    if (values !== undefined && !Array.isArray(values)) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `${where}: "${name}" is ${show(values)}, expected an array`,
        { position },
      );
    }
    if (values && values.length > 0) {
      if (values.length !== count * stride) {
        throw new SignLLMError(
          ERROR_CODES.badFormat,
          `${where}: "${name}" has ${values.length} values, expected ${count * stride} (${count} points × ` +
            `${dims === 2 ? 'x, y, c' : 'x, y, z, c'}) or 0`,
          { position, details: { key: name, length: values.length, expected: count * stride } },
        );
      }
      for (let k = 0; k < count; k++) {
        const j = offset + k;
        for (let d = 0; d < dims; d++)
          data[j * dims + d] = finite(values[k * stride + d], `"${name}"[${k * stride + d}]`, position);
        conf[j] = confidence(values[k * stride + dims], `"${name}"[${k * stride + dims}]`, position);
      }
    }
    offset += count;
  }
  return { people, dims, data, confidence: conf };
}

/**
 * Parses one OpenPose frame: JSON text, UTF-8 bytes or an already parsed object.
 *
 * Throws `SignLLMError`: `badFormat` (invalid JSON, no `people` array, an array whose length is not
 * points × 3 — or × 4 for `*_3d` — or 0), `invalidNumber` (a non-number, NaN/Infinity, a negative
 * confidence), `invalidUtf8`, `invalidArgument` (a bad `person`).
 *
 * @example
 * ```ts
 * const frame = parseOpenPoseFrame(text, { source: 'clip_000000000012_keypoints.json' });
 * frame.data[0]; // x of the nose, in pixels
 * ```
 */
export function parseOpenPoseFrame(
  json: JsonFrameContent,
  options: OpenPoseFrameOptions = {},
): OpenPoseFrame {
  const position: ErrorPosition = options.source === undefined ? {} : { source: options.source };
  const person = personIndex(options.person);
  const frame = parseJsonContent(json, position);
  return readOpenPoseFrame(frame, person, resolveOpenPoseDims(options.dims, [frame], person), position);
}
