/**
 * `fitToCanvas`: places a sequence on a pixel canvas, so that viewers that draw coordinates as
 * pixels (pose-format's, sign.mt's) show a generated signer centred and whole.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/** Options of `fitToCanvas`. */
export interface FitToCanvasOptions {
  /** Canvas width in pixels (default 512). */
  width?: number;
  /** Canvas height in pixels (default 512). */
  height?: number;
  /** Empty border on every side, as a fraction of the smaller canvas side (default 0.1). */
  margin?: number;
}

/** What `fitToCanvas` did: the sequence, and `pixel = value × scale + offset` per axis. */
export interface FitToCanvasResult<D extends Dims> {
  sequence: PoseSequence<D>;
  /** Pixels per unit of the input (the same on every axis, so shapes keep their proportions). */
  scale: number;
  /** Added to x and y after scaling (z is only scaled). */
  offset: [number, number];
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${name} must be a finite number > 0, got ${value}`, {
      details: { value },
    });
  }
  return value;
}

/**
 * Scales and moves a sequence uniformly so that the bounding box of its present joints (x and y over
 * all frames) is centred on a `width` × `height` canvas inside the margin; z is scaled by the same
 * factor. Missing joints (confidence 0) are copied unchanged. One transform for the whole sequence,
 * so motion is kept; a sequence with no present joint, or a box of one point, is only centred.
 *
 * @throws SignLLMError `invalid_argument` for a bad width, height or margin.
 * @example
 * ```ts
 * const { sequence } = fitToCanvas(generated, { width: 512, height: 512 });
 * const bytes = writePose(sequenceToPoseFile(sequence, { width: 512, height: 512 }));
 * ```
 */
export function fitToCanvas<D extends Dims>(
  seq: PoseSequence<D>,
  options: FitToCanvasOptions = {},
): FitToCanvasResult<D> {
  const width = positive('width', options.width ?? 512);
  const height = positive('height', options.height ?? 512);
  const margin = options.margin ?? 0.1;
  if (!(margin >= 0 && margin < 0.5)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `margin must be in [0, 0.5), got ${margin}`, {
      details: { value: margin },
    });
  }
  const { data, confidence, dims } = seq;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < confidence.length; p++) {
    if (!(confidence[p]! > 0)) continue;
    const x = data[p * dims]!;
    const y = data[p * dims + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const border = margin * Math.min(width, height);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const found = minX <= maxX;
  const fits = [
    spanX > 0 ? (width - 2 * border) / spanX : Infinity,
    spanY > 0 ? (height - 2 * border) / spanY : Infinity,
  ];
  const scale = found && Math.min(...fits) < Infinity ? Math.min(...fits) : 1;
  const offset: [number, number] = found
    ? [width / 2 - ((minX + maxX) / 2) * scale, height / 2 - ((minY + maxY) / 2) * scale]
    : [width / 2, height / 2];
  const out = new Float32Array(data.length);
  for (let p = 0; p < confidence.length; p++) {
    const o = p * dims;
    if (!(confidence[p]! > 0)) {
      for (let d = 0; d < dims; d++) out[o + d] = data[o + d]!;
      continue;
    }
    out[o] = data[o]! * scale + offset[0];
    out[o + 1] = data[o + 1]! * scale + offset[1];
    for (let d = 2; d < dims; d++) out[o + d] = data[o + d]! * scale;
  }
  const sequence = createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims: seq.dims,
    frames: seq.frames,
    data: out,
    confidence: confidence.slice(),
  });
  return { sequence, scale, offset };
}
