/**
 * `parseDwposeFrame`: one DWPose per-frame JSON → the 128 points of `dwpose-128` (body 18, left hand
 * 21, right hand 21, face 68), coordinates as stored (normalised to [0, 1] by the image size) or in
 * pixels when `width` and `height` are given.
 *
 * Two layouts are read:
 * - Prompt2Sign 2025 (`pipeline01`): `{ num_persons, person_0: { body_keypoints [18][2], body_scores
 *   [18], left_hand_keypoints [21][2], left_hand_scores [21], right_hand_keypoints, right_hand_scores,
 *   face_keypoints [68][2], face_scores [68] }, person_1: ... }`;
 * - raw easy_dwpose (`DWposeDetector(..., draw_pose=None)`, arrays as lists): `{ bodies [18N][2],
 *   body_scores [N][18], hands [2N][21][2], hands_scores [2N][21], faces [N][68][2], faces_scores
 *   [N][68] }`, where hands are stacked all-left then all-right (person p: `hands[p]`, `hands[N + p]`).
 * `body_scores` are not confidences but candidate indices, −1 = missing: an index ≥ 0 gives
 * confidence 1, a negative one 0. Hand and face scores are confidences (clamped to 1).
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
} from '../openpose-json/json-input.ts';

/** Number of points of a DWPose frame (`dwpose-128`). */
export const DWPOSE_POINTS = 128;

/** Options of `parseDwposeFrame`. */
export interface DwposeFrameOptions {
  /** File name for error messages. */
  source?: string;
  /** Which person (default 0). A frame with fewer people yields all-missing points. */
  person?: number;
  /** Image width in pixels: x is multiplied by it (give both `width` and `height`, or neither). */
  width?: number;
  /** Image height in pixels: y is multiplied by it. */
  height?: number;
}

/** One parsed DWPose frame. */
export interface DwposeFrame {
  /** Number of people in the frame. */
  people: number;
  /** `[128][2]` coordinates (normalised, or pixels with `width`/`height`). */
  data: Float32Array;
  /** `[128]` confidences in 0..1; 0 = missing. */
  confidence: Float32Array;
}

/** The parts of one person in `dwpose-128` order: key stem, point count. */
const PARTS: ReadonlyArray<readonly [string, number]> = [
  ['body', 18],
  ['left_hand', 21],
  ['right_hand', 21],
  ['face', 68],
];

/** Per part: the `[n][2]` points, the scores, and whether scores are body indices. */
type PartArrays = Array<{
  name: string;
  points: unknown;
  scores: unknown;
  scoresName: string;
  indices: boolean;
}>;

interface Reader {
  position: ErrorPosition;
  where: string;
  scale: readonly [number, number];
}

function fail(r: Reader, message: string, details?: Record<string, unknown>): never {
  throw new SignLLMError(ERROR_CODES.badFormat, `${r.where}: ${message}`, {
    position: r.position,
    ...(details ? { details } : {}),
  });
}

function array(r: Reader, value: unknown, name: string, length: number): unknown[] {
  if (!Array.isArray(value)) fail(r, `"${name}" is ${show(value)}, expected an array of ${length}`);
  if (value.length !== length) {
    fail(r, `"${name}" has ${value.length} entries, expected ${length}`, {
      key: name,
      length: value.length,
      expected: length,
    });
  }
  return value;
}

/** Writes the parts of one person into `data` / `conf`. */
function fill(r: Reader, parts: PartArrays, data: Float32Array, conf: Float32Array): void {
  let offset = 0;
  parts.forEach((part, i) => {
    const count = PARTS[i]![1];
    const points = array(r, part.points, part.name, count);
    const scores = array(r, part.scores, part.scoresName, count);
    for (let k = 0; k < count; k++) {
      const xy = array(r, points[k], `${part.name}[${k}]`, 2);
      const j = offset + k;
      for (let d = 0; d < 2; d++)
        data[2 * j + d] = finite(xy[d], `"${part.name}"[${k}][${d}]`, r.position) * r.scale[d]!;
      const what = `"${part.scoresName}"[${k}]`;
      conf[j] = part.indices
        ? finite(scores[k], what, r.position) >= 0
          ? 1
          : 0
        : confidence(scores[k], what, r.position);
    }
    offset += count;
  });
}

function personParts(r: Reader, frame: Record<string, unknown>, person: number): PartArrays | number {
  const key = `person_${person}`;
  const n = frame.num_persons;
  if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 0)) {
    fail(r, `"num_persons" is ${show(n)}, expected a non-negative integer`);
  }
  const people = (n as number | undefined) ?? Object.keys(frame).filter((k) => /^person_\d+$/.test(k)).length;
  if (person >= people) return people;
  const p = frame[key];
  if (!isRecord(p)) fail(r, `"${key}" is ${show(p)}, expected an object (num_persons is ${people})`);
  return PARTS.map(([stem]) => ({
    name: `${key}.${stem}_keypoints`,
    points: p[`${stem}_keypoints`],
    scores: p[`${stem}_scores`],
    scoresName: `${key}.${stem}_scores`,
    indices: stem === 'body',
  }));
}

function rawParts(r: Reader, frame: Record<string, unknown>, person: number): PartArrays | number {
  if (!Array.isArray(frame.body_scores))
    fail(r, `"body_scores" is ${show(frame.body_scores)}, expected [people][18]`);
  const people = frame.body_scores.length;
  if (person >= people) return people;
  const slice = (value: unknown, name: string, length: number, from: number, to: number): unknown[] =>
    array(r, value, name, length).slice(from, to);
  const hands = array(r, frame.hands, 'hands', 2 * people);
  const handScores = array(r, frame.hands_scores, 'hands_scores', 2 * people);
  return [
    {
      name: `bodies[${18 * person}..]`,
      points: slice(frame.bodies, 'bodies', 18 * people, 18 * person, 18 * person + 18),
      scores: frame.body_scores[person],
      scoresName: `body_scores[${person}]`,
      indices: true,
    },
    {
      name: `hands[${person}]`,
      points: hands[person],
      scores: handScores[person],
      scoresName: `hands_scores[${person}]`,
      indices: false,
    },
    {
      name: `hands[${people + person}]`,
      points: hands[people + person],
      scores: handScores[people + person],
      scoresName: `hands_scores[${people + person}]`,
      indices: false,
    },
    {
      name: `faces[${person}]`,
      points: array(r, frame.faces, 'faces', people)[person],
      scores: array(r, frame.faces_scores, 'faces_scores', people)[person],
      scoresName: `faces_scores[${person}]`,
      indices: false,
    },
  ];
}

/** Checks `width` / `height` options and returns the x, y scale. */
export function dwposeScale(width: number | undefined, height: number | undefined): [number, number] {
  if (width === undefined && height === undefined) return [1, 1];
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${name} must be a positive finite number of pixels (give both width and height, or neither), got ${show(v)}`,
      );
    }
  }
  return [width!, height!];
}

/** Reads one parsed frame (internal). */
export function readDwposeFrame(
  frame: unknown,
  person: number,
  scale: readonly [number, number],
  position: ErrorPosition,
): DwposeFrame {
  const r: Reader = { position, where: `DWPose frame ${label(position)}`, scale };
  if (!isRecord(frame)) fail(r, `expected an object with "num_persons" and "person_0", got ${show(frame)}`);
  const raw = frame.bodies !== undefined;
  if (!raw && frame.num_persons === undefined && frame.person_0 === undefined) {
    fail(
      r,
      `expected "num_persons"/"person_<i>" (Prompt2Sign) or "bodies"/"hands"/"faces" (easy_dwpose) keys, found ${show(Object.keys(frame))}`,
    );
  }
  const parts = raw ? rawParts(r, frame, person) : personParts(r, frame, person);
  const data = new Float32Array(DWPOSE_POINTS * 2);
  const conf = new Float32Array(DWPOSE_POINTS);
  if (typeof parts === 'number') return { people: parts, data, confidence: conf };
  fill(r, parts, data, conf);
  const people = raw
    ? (frame.body_scores as unknown[]).length
    : ((frame.num_persons as number | undefined) ?? person + 1);
  return { people, data, confidence: conf };
}

/**
 * Parses one DWPose frame: JSON text, UTF-8 bytes or an already parsed object.
 *
 * Throws `SignLLMError`: `badFormat` (invalid JSON, missing keys, arrays of the wrong length),
 * `invalidNumber` (non-numbers, NaN/Infinity, negative hand/face scores), `invalidUtf8`,
 * `invalidArgument` (bad options).
 *
 * @example
 * ```ts
 * const f = parseDwposeFrame(text, { source: '00000001.json', width: 1280, height: 720 });
 * f.data[2]; // x of the neck, in pixels
 * ```
 */
export function parseDwposeFrame(json: JsonFrameContent, options: DwposeFrameOptions = {}): DwposeFrame {
  const position: ErrorPosition = options.source === undefined ? {} : { source: options.source };
  const person = personIndex(options.person);
  const scale = dwposeScale(options.width, options.height);
  return readDwposeFrame(parseJsonContent(json, position), person, scale, position);
}
