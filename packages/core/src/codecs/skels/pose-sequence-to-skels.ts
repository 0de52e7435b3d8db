/**
 * `PoseSequence` → `.skels` sequence, the inverse of `skelsToPoseSequence`, with the dialect's counter.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import type { PoseSequence } from '../../pose-sequence/pose-sequence.ts';
import { DWPOSE_FRAME, DWPOSE_JOINTS, DWPOSE_SKELETON } from './dwpose-layout.ts';
import { roundPython } from './format-fixed.ts';
import {
  P2S_MISSING_VALUE,
  type SkelsDialect,
  type SkelsSequence,
  skelsDialectInfo,
} from './skels-dialect.ts';
import { scaleFactor } from './skels-to-pose-sequence.ts';

/** Options of `poseSequenceToSkels`. */
export interface PoseToSkelsOptions {
  /** How to fill the counter; `dialect` (the only mode): the dialect's own convention. */
  counter?: 'dialect';
  /** `file` (default): the pose is in file units. `unscaled`: divide by 3 (`pt`) or 9 (`p2s`) first. */
  scale?: 'file' | 'unscaled';
}

/**
 * The counter a dialect writes for frame `i` of `frames`: `pt` i/T (i = 0..T−1), `p2s`
 * round(i/T, 5) for i = 1..T, `dwpose` i/(T−1) (0 when T = 1).
 *
 * @example
 * ```ts
 * skelsCounter('p2s', 0, 150); // 0.00667
 * ```
 */
export function skelsCounter(dialect: SkelsDialect, i: number, frames: number): number {
  switch (skelsDialectInfo(dialect).dialect) {
    case 'pt':
      return i / frames;
    case 'p2s':
      return roundPython((i + 1) / frames, 5);
    case 'dwpose':
      return frames > 1 ? i / (frames - 1) : 0;
  }
}

function requireSkeleton(seq: PoseSequence, dialect: SkelsDialect, name: string, dims: number): void {
  if (seq.skeleton.name !== name || seq.dims !== dims) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `The "${dialect}" .skels dialect needs a ${dims}D sequence on skeleton "${name}", got a ${seq.dims}D ` +
        `sequence on "${seq.skeleton.name}"; convert it with a skeleton mapping first`,
      { details: { skeleton: seq.skeleton.name, dims: seq.dims, expected: { skeleton: name, dims } } },
    );
  }
}

function toPrompt2Sign(seq: PoseSequence, p2s: boolean, divisor: number): Float32Array {
  const { frames, data, confidence } = seq;
  const values = new Float32Array(frames * 150);
  for (let j = 0; j < frames * 50; j++) {
    const present = !p2s || confidence[j]! > 0;
    for (let d = 0; d < 3; d++) {
      const v = data[j * 3 + d]! / divisor;
      // Prompt2Sign writes a 0 or NaN value as the sentinel; a missing joint becomes a sentinel triplet.
      values[j * 3 + d] = p2s && (!present || v === 0 || Number.isNaN(v)) ? P2S_MISSING_VALUE : v;
    }
  }
  return values;
}

function toDwpose(seq: PoseSequence): Float32Array {
  const { frames, data, confidence } = seq;
  const J = DWPOSE_JOINTS.total;
  const L = DWPOSE_FRAME;
  const values = new Float32Array(frames * L.valuesPerFrame);
  const put = (f: number, joint: number, xy: number): number => {
    const o = (f * J + joint) * 2;
    values[xy] = data[o]!;
    values[xy + 1] = data[o + 1]!;
    return confidence[f * J + joint]!;
  };
  for (let f = 0; f < frames; f++) {
    const base = f * L.valuesPerFrame;
    for (let k = 0; k < DWPOSE_JOINTS.body; k++) {
      values[base + L.bodyScores + k] = put(f, k, base + L.bodyXY + 2 * k) > 0 ? k : -1;
    }
    for (let k = 0; k < 2 * DWPOSE_JOINTS.hand; k++) {
      values[base + L.handScores + k] = put(f, DWPOSE_JOINTS.leftHandStart + k, base + L.handsXY + 2 * k);
    }
    for (let k = 0; k < DWPOSE_JOINTS.face; k++) {
      values[base + L.faceScores + k] = put(f, DWPOSE_JOINTS.faceStart + k, base + L.faceXY + 2 * k);
    }
  }
  return values;
}

/**
 * Converts a pose sequence to a `.skels` sequence in a dialect, with the dialect's counter.
 * `pt` / `p2s` need a 3D `prompt2sign-50` sequence (in `p2s`, joints with confidence 0 and values of
 * exactly 0 become the `0.01600` sentinel, as Prompt2Sign writes them); `dwpose` needs a 2D
 * `dwpose-128` sequence (body score = joint index where confidence > 0, else −1; hand and face score
 * = confidence). Write the result with `formatSkelsLine`.
 *
 * @example
 * ```ts
 * const line = formatSkelsLine(poseSequenceToSkels(pose, 'p2s', { scale: 'unscaled' }), 'p2s');
 * ```
 */
export function poseSequenceToSkels(
  seq: PoseSequence,
  dialect: SkelsDialect,
  options: PoseToSkelsOptions = {},
): SkelsSequence {
  const info = skelsDialectInfo(dialect);
  if (options.counter !== undefined && options.counter !== 'dialect') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Unknown counter mode "${String(options.counter)}"; the valid mode is "dialect"`,
      { details: { value: options.counter, options: ['dialect'] } },
    );
  }
  const divisor = scaleFactor(options.scale, info.scale);
  let values: Float32Array;
  if (info.dialect === 'dwpose') {
    requireSkeleton(seq, dialect, DWPOSE_SKELETON, 2);
    values = toDwpose(seq);
  } else {
    requireSkeleton(seq, dialect, 'prompt2sign-50', 3);
    values = toPrompt2Sign(seq, info.dialect === 'p2s', divisor);
  }
  const counter = new Float32Array(seq.frames);
  for (let i = 0; i < seq.frames; i++) counter[i] = skelsCounter(info.dialect, i, seq.frames);
  return { frames: seq.frames, valuesPerFrame: info.valuesPerFrame, values, counter };
}
