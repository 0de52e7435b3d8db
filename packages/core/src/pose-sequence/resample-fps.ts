/**
 * Changing the frame rate by linear interpolation in time, joint by joint, honouring missing data.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/** Options of `resampleFps`. */
export interface ResampleFpsOptions {
  /**
   * Interpolate across gaps: between the nearest frames before and after where the joint is present,
   * however far apart. Before its first or after its last present frame a joint stays missing.
   * Default false: a joint is missing in the output when it is missing at either neighbour.
   */
  fillGaps?: boolean;
}

/** Tolerance on input frame positions, so that e.g. 3 × (10 / 30) counts as input frame 1. */
const POSITION_EPSILON = 1e-9;

/**
 * Number of output frames of `resampleFps`: output frame `k` is at time `k / fps`, for every `k`
 * with `k / fps <= (frames − 1) / seq.fps`; 0 for an empty sequence.
 *
 * @example
 * ```ts
 * resampledFrameCount(5, 30, 25); // 4: times 0, 0.04, 0.08, 0.12 s fit in the 4/30 s span
 * ```
 */
export function resampledFrameCount(frames: number, fromFps: number, toFps: number): number {
  return frames === 0 ? 0 : Math.floor(((frames - 1) * toFps) / fromFps + POSITION_EPSILON) + 1;
}

/**
 * Resamples `seq` to `fps`. Output frame `k` is at time `k / fps` (input frame `f` at `f / seq.fps`),
 * for every `k` with `k / fps <= (frames − 1) / seq.fps`, so the first and last input instants are
 * kept and `resampledFrameCount` frames are produced. Each joint is interpolated linearly (coordinates
 * and confidence) between the two input frames around the output time, using only frames where it is
 * present (confidence > 0): an output time that falls on an input frame copies it; if the joint is
 * missing at either neighbour, the output joint is missing (confidence 0, coordinates 0) unless
 * `fillGaps` is set. Resampling to the same fps without `fillGaps` returns an identical copy.
 *
 * @example
 * ```ts
 * const at25 = resampleFps(seq30, 25);
 * // 2 frames at 10 fps → 20 fps: 3 frames, the middle one the mid-point of the two
 * ```
 */
export function resampleFps<D extends Dims>(
  seq: PoseSequence<D>,
  fps: number,
  options: ResampleFpsOptions = {},
): PoseSequence<D> {
  if (!(fps > 0) || !Number.isFinite(fps)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `fps must be a positive finite number, got ${String(fps)}`,
      {
        details: { value: fps },
      },
    );
  }
  const fillGaps = options.fillGaps ?? false;
  const { dims, frames, joints, skeleton } = seq;
  if (fps === seq.fps && !fillGaps) {
    return createPoseSequence({
      skeleton,
      fps,
      dims,
      frames,
      data: seq.data.slice(),
      confidence: seq.confidence.slice(),
    });
  }
  const count = resampledFrameCount(frames, seq.fps, fps);
  // Input position of each output frame: lower neighbour, upper neighbour, exact position.
  const lower = new Int32Array(count);
  const upper = new Int32Array(count);
  const position = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const u = Math.min((k * seq.fps) / fps, frames - 1);
    const i0 = Math.min(Math.floor(u + POSITION_EPSILON), frames - 1);
    const onFrame = Math.abs(u - i0) < POSITION_EPSILON;
    lower[k] = i0;
    upper[k] = onFrame ? i0 : i0 + 1;
    position[k] = onFrame ? i0 : u;
  }
  const data = new Float32Array(count * joints * dims);
  const confidence = new Float32Array(count * joints);
  const prev = new Int32Array(frames); // last frame <= f where the joint is present, or -1
  const next = new Int32Array(frames); // first frame >= f where the joint is present, or `frames`
  for (let j = 0; j < joints; j++) {
    const conf = seq.confidence;
    for (let f = 0, last = -1; f < frames; f++) prev[f] = last = conf[f * joints + j]! > 0 ? f : last;
    for (let f = frames - 1, first = frames; f >= 0; f--)
      next[f] = first = conf[f * joints + j]! > 0 ? f : first;
    for (let k = 0; k < count; k++) {
      const lo = lower[k]!;
      const hi = upper[k]!;
      const p = prev[lo]!;
      const n = next[hi]!;
      if (p < 0 || n >= frames) continue;
      if (!fillGaps && (p !== lo || n !== hi)) continue;
      const t = p === n ? 0 : (position[k]! - p) / (n - p);
      const a = p * joints + j;
      const b = n * joints + j;
      const dst = k * joints + j;
      confidence[dst] = seq.confidence[a]! + t * (seq.confidence[b]! - seq.confidence[a]!);
      for (let d = 0; d < dims; d++) {
        const va = seq.data[a * dims + d]!;
        data[dst * dims + d] = va + t * (seq.data[b * dims + d]! - va);
      }
    }
  }
  return createPoseSequence({ skeleton, fps, dims, frames: count, data, confidence });
}
