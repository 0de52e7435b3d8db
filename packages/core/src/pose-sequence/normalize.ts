/**
 * Shoulder normalisation: translate the signer to the origin and scale the shoulder width to 1,
 * and the inverse (`denormalize`).
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { Skeleton } from '../skeletons/skeleton.ts';
import { resolveJoint } from './joint-index.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/** Options of `normalize` / `normalizeWithTransform`. */
export interface NormalizeOptions {
  /** What goes to the origin: `'shoulders'` (their mid-point, default) or a joint index or name. */
  center?: 'shoulders' | number | string;
  /** One centre for the whole sequence (default, mean over frames) or one centre per frame. */
  per?: 'frame' | 'sequence';
  /** The shoulders as `[left, right]` indices or names; default: found by name on the skeleton. */
  shoulders?: readonly [left: number | string, right: number | string];
  /** Scale so the mean shoulder width is 1 (default true); false keeps the scale (`scale` = 1). */
  scale?: boolean;
}

/** The transform `normalize` applied: `normalised = (original − centre) / scale`. */
export interface NormalizeTransform {
  /** `'sequence'`: `center` holds `dims` values; `'frame'`: `frames × dims` values, one row a frame. */
  readonly per: 'frame' | 'sequence';
  /** The centre subtracted, in input units. */
  readonly center: number[];
  /** The mean shoulder width in input units (1 when scaling was off). */
  readonly scale: number;
}

/** The result of `normalizeWithTransform`. */
export interface NormalizeResult<D extends Dims> {
  readonly sequence: PoseSequence<D>;
  readonly transform: NormalizeTransform;
}

/** Shoulder names tried in order, as `[left, right]`: OpenPose / prompt2sign-50, then MediaPipe. */
const SHOULDER_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['LShoulder', 'RShoulder'],
  ['LEFT_SHOULDER', 'RIGHT_SHOULDER'],
];

/**
 * Finds `[left, right]` shoulder indices: the explicit option, else joints named as in
 * `SHOULDER_NAMES`, else the same names among a component's `.pose` point names.
 */
function findShoulders(skeleton: Skeleton, explicit: NormalizeOptions['shoulders']): [number, number] {
  if (explicit) {
    const left = resolveJoint(skeleton, explicit[0], 'shoulders[0]');
    const right = resolveJoint(skeleton, explicit[1], 'shoulders[1]');
    if (left === right) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `shoulders names joint ${left} twice; give two joints`,
      );
    }
    return [left, right];
  }
  for (const [l, r] of SHOULDER_NAMES) {
    const left = skeleton.joints.indexOf(l);
    const right = skeleton.joints.indexOf(r);
    if (left >= 0 && right >= 0) return [left, right];
  }
  for (const [l, r] of SHOULDER_NAMES) {
    for (const c of skeleton.components) {
      const left = c.points?.indexOf(l) ?? -1;
      const right = c.points?.indexOf(r) ?? -1;
      if (left >= 0 && right >= 0) return [c.start + left, c.start + right];
    }
  }
  const tried = SHOULDER_NAMES.map(([l, r]) => `"${l}"/"${r}"`).join(' or ');
  throw new SignLLMError(
    ERROR_CODES.invalidArgument,
    `Cannot find the shoulders in skeleton "${skeleton.name}": no joints named ${tried}; pass options.shoulders: [left, right]`,
    { details: { skeleton: skeleton.name } },
  );
}

/**
 * Normalises `seq` and returns the transform used. The centre of a frame is the mid-point of the
 * shoulders (or the `center` joint) when they are present (confidence > 0) in that frame. With
 * `per: 'sequence'` one centre, the mean over those frames, is subtracted from every frame; with
 * `per: 'frame'` each frame's own centre is, and frames without one use the sequence mean. The scale
 * is the mean shoulder width (Euclidean, over all dims) over frames with both shoulders present.
 * Missing joints stay missing and are copied unchanged; they never enter the statistics.
 * Throws `invalidArgument` when no frame has the centre or both shoulders, or the width is 0.
 *
 * @example
 * ```ts
 * const { sequence, transform } = normalizeWithTransform(seq, { center: 'Neck' });
 * const back = denormalize(sequence, transform); // ≈ seq
 * ```
 */
export function normalizeWithTransform<D extends Dims>(
  seq: PoseSequence<D>,
  options: NormalizeOptions = {},
): NormalizeResult<D> {
  const per = options.per ?? 'sequence';
  if (per !== 'frame' && per !== 'sequence') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `per must be "frame" or "sequence", got ${JSON.stringify(per)}`,
    );
  }
  const { dims, frames, joints, data, confidence } = seq;
  const centerOption = options.center ?? 'shoulders';
  const scaling = options.scale ?? true;
  const needShoulders = scaling || centerOption === 'shoulders';
  const [left, right] = needShoulders ? findShoulders(seq.skeleton, options.shoulders) : [-1, -1];
  const centerJoint = centerOption === 'shoulders' ? -1 : resolveJoint(seq.skeleton, centerOption, 'center');
  const present = (f: number, j: number): boolean => confidence[f * joints + j]! > 0;
  const at = (f: number, j: number, d: number): number => data[(f * joints + j) * dims + d]!;

  const frameCenters = new Float64Array(frames * dims);
  const hasCenter = new Uint8Array(frames);
  const meanCenter = new Float64Array(dims);
  let centerFrames = 0;
  let widthSum = 0;
  let widthFrames = 0;
  for (let f = 0; f < frames; f++) {
    const shouldersPresent = needShoulders && present(f, left) && present(f, right);
    if (shouldersPresent && scaling) {
      let sq = 0;
      for (let d = 0; d < dims; d++) sq += (at(f, left, d) - at(f, right, d)) ** 2;
      widthSum += Math.sqrt(sq);
      widthFrames++;
    }
    const centerPresent = centerJoint < 0 ? shouldersPresent : present(f, centerJoint);
    if (!centerPresent) continue;
    hasCenter[f] = 1;
    centerFrames++;
    for (let d = 0; d < dims; d++) {
      const c = centerJoint < 0 ? (at(f, left, d) + at(f, right, d)) / 2 : at(f, centerJoint, d);
      frameCenters[f * dims + d] = c;
      meanCenter[d] = meanCenter[d]! + c;
    }
  }
  const centerName =
    centerJoint < 0
      ? `both shoulders ("${seq.skeleton.joints[left]}", "${seq.skeleton.joints[right]}")`
      : `joint "${seq.skeleton.joints[centerJoint]}"`;
  if (centerFrames === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Cannot normalise: no frame of ${frames} has ${centerName} present (confidence > 0)`,
    );
  }
  for (let d = 0; d < dims; d++) meanCenter[d] = meanCenter[d]! / centerFrames;
  let scale = 1;
  if (scaling) {
    scale = widthSum / widthFrames;
    if (widthFrames === 0 || !(scale > 0) || !Number.isFinite(scale)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        widthFrames === 0
          ? `Cannot normalise: no frame of ${frames} has both shoulders present (confidence > 0)`
          : `Cannot normalise: the mean shoulder width is ${scale}; it must be a finite number > 0 (non-finite coordinates: run maskMissing first)`,
        { details: { shoulders: [left, right], frames: widthFrames } },
      );
    }
  }
  let center: number[];
  if (per === 'sequence') {
    center = Array.from(meanCenter);
  } else {
    for (let f = 0; f < frames; f++) if (!hasCenter[f]) frameCenters.set(meanCenter, f * dims);
    center = Array.from(frameCenters);
  }
  if (!center.every(Number.isFinite)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Cannot normalise: the centre (${centerName}) has non-finite coordinates; run maskMissing first`,
    );
  }
  const transform: NormalizeTransform = { per, center, scale };
  const out = applyTransform(seq, transform, (v, c, s) => (v - c) / s);
  return { sequence: out, transform };
}

/** Applies `fn(value, centre, scale)` to the coordinates of present joints; others are copied. */
function applyTransform<D extends Dims>(
  seq: PoseSequence<D>,
  transform: NormalizeTransform,
  fn: (value: number, center: number, scale: number) => number,
): PoseSequence<D> {
  const { dims, frames, joints } = seq;
  const data = seq.data.slice();
  const rowed = transform.per === 'frame';
  for (let f = 0; f < frames; f++) {
    const c0 = rowed ? f * dims : 0;
    for (let j = 0; j < joints; j++) {
      if (!(seq.confidence[f * joints + j]! > 0)) continue;
      const at = (f * joints + j) * dims;
      for (let d = 0; d < dims; d++)
        data[at + d] = fn(data[at + d]!, transform.center[c0 + d]!, transform.scale);
    }
  }
  return createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims,
    frames,
    data,
    confidence: seq.confidence.slice(),
  });
}

/**
 * `normalizeWithTransform(seq, options).sequence`: the shoulder-normalised sequence.
 *
 * @example
 * ```ts
 * const n = normalize(seq); // shoulders' mean mid-point at the origin, mean shoulder width 1
 * ```
 */
export function normalize<D extends Dims>(
  seq: PoseSequence<D>,
  options: NormalizeOptions = {},
): PoseSequence<D> {
  return normalizeWithTransform(seq, options).sequence;
}

/**
 * Undoes a normalisation: `original = normalised × scale + centre` for present joints (missing
 * joints are copied unchanged). With `per: 'frame'` the transform must have one centre per frame.
 *
 * @example
 * ```ts
 * const pixels = denormalize(generated, transform);
 * ```
 */
export function denormalize<D extends Dims>(
  seq: PoseSequence<D>,
  transform: NormalizeTransform,
): PoseSequence<D> {
  const { per, center, scale } = transform;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `transform.scale must be a finite number > 0, got ${scale}`,
    );
  }
  const expected = per === 'frame' ? seq.frames * seq.dims : seq.dims;
  if (per !== 'frame' && per !== 'sequence') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `transform.per must be "frame" or "sequence", got ${JSON.stringify(per)}`,
    );
  }
  if (center.length !== expected || !center.every(Number.isFinite)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `transform.center must hold ${expected} finite values (${per === 'frame' ? `${seq.frames} frames × ` : ''}${seq.dims} dims), got ${center.length}`,
    );
  }
  return applyTransform(seq, transform, (v, c, s) => v * s + c);
}
