/**
 * Cutting a sequence in time: by frame index (`slice`) or by seconds (`sliceSeconds`).
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/** Tolerance for turning seconds into frame positions (absorbs `0.3 * 10 = 3.0000000000000004`). */
const TIME_EPSILON = 1e-9;

function requireInteger(value: number | undefined, what: string): void {
  if (value !== undefined && !Number.isInteger(value)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${what} must be an integer frame index, got ${String(value)}`,
      {
        details: { value },
      },
    );
  }
}

/** Array.prototype.slice index rule: negative counts from the end, then clamp to 0..length. */
function clampIndex(index: number, length: number): number {
  return index < 0 ? Math.max(0, length + index) : Math.min(index, length);
}

/** Copies frames `[start, end)` (already clamped, `start <= end`) into a new sequence. */
function copyFrames<D extends Dims>(seq: PoseSequence<D>, start: number, end: number): PoseSequence<D> {
  const perFrame = seq.joints * seq.dims;
  return createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims: seq.dims,
    frames: end - start,
    data: seq.data.slice(start * perFrame, end * perFrame),
    confidence: seq.confidence.slice(start * seq.joints, end * seq.joints),
  });
}

/**
 * Frames `start` (inclusive) to `end` (exclusive) of `seq`, with the index rules of
 * `Array.prototype.slice`: negative indices count from the end, indices are clamped to the sequence,
 * and `end <= start` gives an empty sequence. Indices must be integers. The result owns new arrays.
 *
 * @example
 * ```ts
 * slice(seq, 10, 20); // frames 10..19
 * slice(seq, -5);     // the last 5 frames
 * ```
 */
export function slice<D extends Dims>(seq: PoseSequence<D>, start = 0, end?: number): PoseSequence<D> {
  requireInteger(start, 'start');
  requireInteger(end, 'end');
  const from = clampIndex(start, seq.frames);
  const to = end === undefined ? seq.frames : clampIndex(end, seq.frames);
  return copyFrames(seq, from, Math.max(from, to));
}

/**
 * The frames whose time `f / fps` lies in `[startS, endS)` seconds (`endS` defaults to the end).
 * Both bounds must be finite and `0 <= startS <= endS`; bounds past the end are clamped.
 *
 * @example
 * ```ts
 * sliceSeconds(seq, 1, 2.5); // at 10 fps: frames 10..24
 * ```
 */
export function sliceSeconds<D extends Dims>(
  seq: PoseSequence<D>,
  startS: number,
  endS?: number,
): PoseSequence<D> {
  const check = (value: number, what: string): void => {
    if (!Number.isFinite(value) || value < 0) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${what} must be a finite number of seconds >= 0, got ${String(value)}`,
        { details: { value } },
      );
    }
  };
  check(startS, 'startS');
  if (endS !== undefined) {
    check(endS, 'endS');
    if (endS < startS) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `endS (${endS}) is before startS (${startS})`, {
        details: { startS, endS },
      });
    }
  }
  const firstAtOrAfter = (seconds: number): number =>
    Math.min(seq.frames, Math.ceil(seconds * seq.fps - TIME_EPSILON));
  const from = firstAtOrAfter(startS);
  const to = endS === undefined ? seq.frames : firstAtOrAfter(endS);
  return copyFrames(seq, from, Math.max(from, to));
}
