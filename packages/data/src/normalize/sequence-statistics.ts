/**
 * The statistics the normalisation conventions are built from: neck and shoulder positions, shoulder
 * widths, per-axis means and the pooled σ. Only present points (confidence > 0) count.
 */
import { ERROR_CODES, type PoseSequence, SignLLMError } from '@signllm/core';

/** Indices of the joints the neck-based conventions need. */
export interface AnchorJoints {
  readonly neck: number;
  readonly rightShoulder: number;
  readonly leftShoulder: number;
}

const NAMES = { neck: 'Neck', rightShoulder: 'RShoulder', leftShoulder: 'LShoulder' } as const;

/** Finds the neck and shoulders by name (prompt2sign-50: 1, 2, 5), or throws naming what is missing. */
export function findAnchorJoints(seq: PoseSequence, method: string): AnchorJoints {
  const joints = seq.skeleton.joints;
  const lacking = Object.values(NAMES).filter((n) => !joints.includes(n));
  if (lacking.length > 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Normalisation "${method}" needs joints named "Neck", "RShoulder" and "LShoulder" (prompt2sign-50 ` +
        `joints 1, 2, 5); skeleton "${seq.skeleton.name}" has no ${lacking.map((n) => `"${n}"`).join(', ')}. ` +
        'Map the sequence to prompt2sign-50 first (cleanSequence)',
      { details: { method, skeleton: seq.skeleton.name, missing: lacking } },
    );
  }
  return {
    neck: joints.indexOf(NAMES.neck),
    rightShoulder: joints.indexOf(NAMES.rightShoulder),
    leftShoulder: joints.indexOf(NAMES.leftShoulder),
  };
}

/** True when joint j of frame f is present. */
export const isPresent = (seq: PoseSequence, f: number, j: number): boolean =>
  seq.confidence[f * seq.joints + j]! > 0;

/** Coordinate d of joint j in frame f. */
export const coord = (seq: PoseSequence, f: number, j: number, d: number): number =>
  seq.data[(f * seq.joints + j) * seq.dims + d]!;

/** Throws `invalidNumber` at the first present point with a non-finite coordinate. */
export function checkFinitePresent(seq: PoseSequence): void {
  const { dims, confidence, data } = seq;
  for (let p = 0; p < confidence.length; p++) {
    if (!(confidence[p]! > 0)) continue;
    for (let d = 0; d < dims; d++) {
      if (!Number.isFinite(data[p * dims + d]!)) {
        const frame = Math.floor(p / seq.joints);
        throw new SignLLMError(
          ERROR_CODES.invalidNumber,
          `Cannot normalise: joint ${p % seq.joints} of frame ${frame} is present but has coordinate ` +
            `${data[p * dims + d]}; mark it missing (confidence 0) or clean the sequence first`,
          { position: { frame } },
        );
      }
    }
  }
}

/** Per-frame neck positions (`frames × dims`) and a presence flag per frame. */
export function frameNecks(seq: PoseSequence, neck: number): { centers: Float64Array; present: Uint8Array } {
  const centers = new Float64Array(seq.frames * seq.dims);
  const present = new Uint8Array(seq.frames);
  for (let f = 0; f < seq.frames; f++) {
    if (!isPresent(seq, f, neck)) continue;
    present[f] = 1;
    for (let d = 0; d < seq.dims; d++) centers[f * seq.dims + d] = coord(seq, f, neck, d);
  }
  return { centers, present };
}

/**
 * Per-frame shoulder width |right − left| over the first `axes` axes (NaN where a shoulder is
 * missing).
 */
export function frameShoulderWidths(seq: PoseSequence, anchors: AnchorJoints, axes: number): Float64Array {
  const widths = new Float64Array(seq.frames).fill(Number.NaN);
  for (let f = 0; f < seq.frames; f++) {
    if (!isPresent(seq, f, anchors.rightShoulder) || !isPresent(seq, f, anchors.leftShoulder)) continue;
    let sq = 0;
    for (let d = 0; d < axes; d++) {
      sq += (coord(seq, f, anchors.rightShoulder, d) - coord(seq, f, anchors.leftShoulder, d)) ** 2;
    }
    widths[f] = Math.sqrt(sq);
  }
  return widths;
}

/** The mean of the non-NaN values, or NaN when there are none. */
export function meanDefined(values: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** The mean neck over the frames where it is present (NaN per axis when it never is). */
export function meanNeck(seq: PoseSequence, neck: number): number[] {
  const { centers, present } = frameNecks(seq, neck);
  const mean = new Array<number>(seq.dims).fill(0);
  let n = 0;
  for (let f = 0; f < seq.frames; f++) {
    if (!present[f]) continue;
    n++;
    for (let d = 0; d < seq.dims; d++) mean[d] = mean[d]! + centers[f * seq.dims + d]!;
  }
  return mean.map((s) => (n === 0 ? Number.NaN : s / n));
}

/**
 * Per-axis means of x and y over present points, and the pooled σ of the Prompt2Sign pipeline:
 * σ² = Σ(x² + y²) / 2N − μ², μ = Σ(x + y) / 2N (computed in two passes for accuracy).
 */
export function pooledXYStatistics(seq: PoseSequence): {
  meanX: number;
  meanY: number;
  sigma: number;
  points: number;
} {
  const { dims, confidence, data } = seq;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let p = 0; p < confidence.length; p++) {
    if (!(confidence[p]! > 0)) continue;
    sx += data[p * dims]!;
    sy += data[p * dims + 1]!;
    n++;
  }
  const mu = (sx + sy) / (2 * n);
  let ss = 0;
  for (let p = 0; p < confidence.length; p++) {
    if (!(confidence[p]! > 0)) continue;
    ss += (data[p * dims]! - mu) ** 2 + (data[p * dims + 1]! - mu) ** 2;
  }
  return { meanX: sx / n, meanY: sy / n, sigma: Math.sqrt(ss / (2 * n)), points: n };
}
