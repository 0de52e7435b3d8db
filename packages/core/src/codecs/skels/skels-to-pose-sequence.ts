/**
 * `.skels` sequence → `PoseSequence`: `pt` / `p2s` give 3D poses on `prompt2sign-50`, `dwpose` gives
 * 2D poses on `dwpose-128` (body 18, left hand, right hand, face 68).
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { createPoseSequence, type PoseSequence } from '../../pose-sequence/pose-sequence.ts';
import { getSkeleton } from '../../skeletons/registry.ts';
import type { Skeleton } from '../../skeletons/skeleton.ts';
import { DWPOSE_FRAME, DWPOSE_JOINTS, DWPOSE_SKELETON } from './dwpose-layout.ts';
import { assertSkelsShape } from './format-skels-line.ts';
import {
  P2S_MISSING_VALUE,
  type SkelsDialect,
  type SkelsSequence,
  skelsDialectInfo,
} from './skels-dialect.ts';

/** Options of `skelsToPoseSequence`. */
export interface SkelsToPoseOptions {
  /** The dialect the sequence was read in. */
  dialect: SkelsDialect;
  /** Frames per second of the result (default 25, the PHOENIX14T rate). */
  fps?: number;
  /**
   * `file` (default): coordinates as stored. `unscaled`: multiplied back by the dialect's divisor
   * (× 3 for `pt`, × 9 for `p2s`; `dwpose` coordinates are already in [0, 1] and are not changed).
   */
  scale?: 'file' | 'unscaled';
}

/** Scale option values. */
export const SKELS_SCALES: readonly ['file', 'unscaled'] = ['file', 'unscaled'];

/** Checks a `scale` option and returns the factor to multiply file values by. */
export function scaleFactor(scale: string | undefined, divisor: number): number {
  if (scale === undefined || scale === 'file') return 1;
  if (scale === 'unscaled') return divisor;
  throw new SignLLMError(
    ERROR_CODES.invalidArgument,
    `Unknown scale "${scale}"; valid scales are "file" or "unscaled"`,
    {
      details: { value: scale, options: SKELS_SCALES },
    },
  );
}

/** Looks up `dwpose-128` and checks it has the 128 joints the layout needs. */
export function dwposeSkeleton(): Skeleton {
  const skeleton = getSkeleton(DWPOSE_SKELETON);
  if (skeleton.joints.length !== DWPOSE_JOINTS.total) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `Skeleton "${DWPOSE_SKELETON}" has ${skeleton.joints.length} joints; the DWPose .skels layout needs 128`,
    );
  }
  return skeleton;
}

function fromPrompt2Sign(seq: SkelsSequence, p2s: boolean, factor: number, fps: number): PoseSequence<3> {
  const { frames, values } = seq;
  const joints = 50;
  const data = new Float32Array(frames * joints * 3);
  const confidence = new Float32Array(frames * joints).fill(1);
  const missing = P2S_MISSING_VALUE;
  for (let j = 0; j < frames * joints; j++) {
    const i = j * 3;
    let x = values[i]!;
    let y = values[i + 1]!;
    let z = values[i + 2]!;
    if (p2s && (x === missing || y === missing || z === missing)) {
      if (x === missing && y === missing && z === missing) confidence[j] = 0;
      // A lone sentinel stood for a 0 (or NaN) coordinate of a present joint.
      if (x === missing) x = 0;
      if (y === missing) y = 0;
      if (z === missing) z = 0;
    }
    data[i] = x * factor;
    data[i + 1] = y * factor;
    data[i + 2] = z * factor;
  }
  return createPoseSequence({
    skeleton: getSkeleton('prompt2sign-50'),
    fps,
    dims: 3,
    data,
    confidence,
    frames,
  });
}

function clampScore(score: number): number {
  return score > 0 ? Math.min(score, 1) : 0;
}

function fromDwpose(seq: SkelsSequence, fps: number): PoseSequence<2> {
  const skeleton = dwposeSkeleton();
  const { frames, values } = seq;
  const J = DWPOSE_JOINTS.total;
  const L = DWPOSE_FRAME;
  const data = new Float32Array(frames * J * 2);
  const confidence = new Float32Array(frames * J);
  const copy = (f: number, joint: number, xy: number, conf: number): void => {
    const o = (f * J + joint) * 2;
    data[o] = values[xy]!;
    data[o + 1] = values[xy + 1]!;
    confidence[f * J + joint] = conf;
  };
  for (let f = 0; f < frames; f++) {
    const base = f * L.valuesPerFrame;
    for (let k = 0; k < DWPOSE_JOINTS.body; k++) {
      copy(f, k, base + L.bodyXY + 2 * k, values[base + L.bodyScores + k]! >= 0 ? 1 : 0);
    }
    for (let k = 0; k < 2 * DWPOSE_JOINTS.hand; k++) {
      const joint = DWPOSE_JOINTS.leftHandStart + k;
      copy(f, joint, base + L.handsXY + 2 * k, clampScore(values[base + L.handScores + k]!));
    }
    for (let k = 0; k < DWPOSE_JOINTS.face; k++) {
      const joint = DWPOSE_JOINTS.faceStart + k;
      copy(f, joint, base + L.faceXY + 2 * k, clampScore(values[base + L.faceScores + k]!));
    }
  }
  return createPoseSequence({ skeleton, fps, dims: 2, data, confidence, frames });
}

/**
 * Converts a parsed `.skels` sequence to a `PoseSequence`.
 * - `pt` / `p2s`: 50 joints × xyz on `prompt2sign-50`, confidence 1; in `p2s` a joint whose three
 *   values are all the `0.01600` sentinel gets confidence 0 and coordinates 0 (a lone sentinel
 *   coordinate becomes 0, the value it replaced).
 * - `dwpose`: 128 joints × xy on `dwpose-128` (body 18, `hands[0]` 21, `hands[1]` 21, face 68); body
 *   confidence is 1 where the score (a subset index) is ≥ 0 and 0 where it is −1; hand and face
 *   confidence is the score clamped to [0, 1].
 * The counter is dropped (it is implied by the frame index).
 *
 * @example
 * ```ts
 * const pose = skelsToPoseSequence(parseSkelsLine(line, { dialect: 'pt' }), { dialect: 'pt', scale: 'unscaled' });
 * pose.joints; // 50
 * ```
 */
export function skelsToPoseSequence(seq: SkelsSequence, options: SkelsToPoseOptions): PoseSequence {
  const info = skelsDialectInfo(options.dialect);
  assertSkelsShape(seq, info);
  const fps = options.fps ?? 25;
  const factor = scaleFactor(options.scale, info.scale);
  if (info.dialect === 'dwpose') return fromDwpose(seq, fps);
  return fromPrompt2Sign(seq, info.dialect === 'p2s', factor, fps);
}
