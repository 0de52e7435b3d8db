/**
 * Step 2 of cleaning: the frames the original Prompt2Sign pipeline would not keep. It skipped frames
 * with no person and frames whose root (joint 0, the nose) was undetected (`x == 0`), and pruned
 * frames whose mean confidence over the upper body (joints 0–7) is below 0.3 (paper.md §6.2).
 */
import type { PoseSequence } from '@signllm/core';
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/** Why a frame was dropped or masked, in the order they are checked. */
export type FrameIssueReason = 'no-person' | 'no-root' | 'low-confidence';

/** One frame that fails the checks. */
export interface FrameIssue {
  /** The frame's index in the input sequence. */
  readonly frame: number;
  /** The first check it fails. */
  readonly reason: FrameIssueReason;
  /** Its mean confidence over joints 0–7 (missing joints count as 0). */
  readonly upperBodyConfidence: number;
}

/** Options of `findBadFrames`. */
export interface FindBadFramesOptions {
  /** Frames whose mean upper-body confidence is below this are bad (default 0.3; 0 disables the check). */
  minUpperBodyConfidence?: number;
  /** Frames whose root joint 0 (nose) is missing are bad, as in the original (default true). */
  requireRoot?: boolean;
}

/** Upper-body joints of `prompt2sign-50`: OpenPose BODY_25 joints 0–7. */
export const UPPER_BODY_JOINTS = 8;
/** The original pipeline's pruning threshold. */
export const DEFAULT_MIN_UPPER_BODY_CONFIDENCE = 0.3;

/**
 * The mean confidence of joints 0–7 in `frame` (a missing joint counts as 0).
 *
 * @example
 * ```ts
 * upperBodyConfidence(p50, 0); // e.g. 0.82
 * ```
 */
export function upperBodyConfidence(seq: PoseSequence, frame: number): number {
  let sum = 0;
  const base = frame * seq.joints;
  for (let j = 0; j < UPPER_BODY_JOINTS; j++) {
    const c = seq.confidence[base + j]!;
    if (c > 0) sum += Math.min(c, 1);
  }
  return sum / UPPER_BODY_JOINTS;
}

/** Checks a threshold option in [0, 1]. */
export function checkUnitInterval(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${name} must be a number in [0, 1], got ${String(value)}`,
      {
        details: { option: name, value },
      },
    );
  }
  return value;
}

/**
 * Lists the frames of a `prompt2sign-50` sequence that fail, with the first reason each fails:
 * `no-person` (every joint missing), `no-root` (joint 0 missing, when `requireRoot`), or
 * `low-confidence` (mean confidence of joints 0–7 below `minUpperBodyConfidence`; a frame exactly at
 * the threshold passes). The sequence is not changed.
 *
 * @example
 * ```ts
 * const bad = findBadFrames(p50, { minUpperBodyConfidence: 0.3 }); // [{ frame: 12, reason: 'low-confidence', ... }]
 * ```
 */
export function findBadFrames(seq: PoseSequence, options: FindBadFramesOptions = {}): FrameIssue[] {
  const threshold = checkUnitInterval(
    'minUpperBodyConfidence',
    options.minUpperBodyConfidence ?? DEFAULT_MIN_UPPER_BODY_CONFIDENCE,
  );
  const requireRoot = options.requireRoot ?? true;
  if (seq.joints < UPPER_BODY_JOINTS) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `findBadFrames needs the ${UPPER_BODY_JOINTS} upper-body joints of prompt2sign-50; the sequence has ${seq.joints} joints`,
    );
  }
  const issues: FrameIssue[] = [];
  const { joints, confidence } = seq;
  for (let f = 0; f < seq.frames; f++) {
    const upper = upperBodyConfidence(seq, f);
    let anyPresent = false;
    for (let j = 0; j < joints && !anyPresent; j++) anyPresent = confidence[f * joints + j]! > 0;
    let reason: FrameIssueReason | undefined;
    if (!anyPresent) reason = 'no-person';
    else if (requireRoot && !(confidence[f * joints]! > 0)) reason = 'no-root';
    else if (upper < threshold) reason = 'low-confidence';
    if (reason) issues.push({ frame: f, reason, upperBodyConfidence: upper });
  }
  return issues;
}
