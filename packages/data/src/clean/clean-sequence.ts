/**
 * `cleanSequence`: any supported keypoint sequence → a clean `prompt2sign-50` sequence, following the
 * Prompt2Sign pipeline (paper.md §6.2): map the skeleton, drop (or mask) frames with too little
 * upper-body confidence, interpolate missing points weighted by confidence, and report what changed.
 */
import {
  countMissing,
  createPoseSequence,
  type Dims,
  ERROR_CODES,
  type PoseSequence,
  SignLLMError,
} from '@signllm/core';
import { type FindBadFramesOptions, type FrameIssue, findBadFrames } from './find-bad-frames.ts';
import type { CleanReport } from './format-clean-report.ts';
import { type InterpolateOptions, interpolateMissing } from './interpolate-missing.ts';
import { PROMPT2SIGN_JOINTS, toPrompt2Sign } from './to-prompt2sign.ts';

/** What to do with frames that fail the upper-body check. */
export type LowConfidenceAction = 'drop' | 'mask';

/** Options of `cleanSequence`. */
export interface CleanOptions extends FindBadFramesOptions, InterpolateOptions {
  /**
   * `'drop'` (default): remove failing frames. `'mask'`: keep them (timing preserved) but discard their
   * detections (confidence 0), so interpolation re-estimates them from their neighbours, as the
   * original's prune-then-interpolate did; with `interpolate: false` they stay at zero weight.
   */
  lowConfidence?: LowConfidenceAction;
  /** Run the interpolation step (default true). */
  interpolate?: boolean;
}

/** The result of `cleanSequence`. */
export interface CleanResult<D extends Dims = Dims> {
  /** The clean sequence on `prompt2sign-50`, same `dims` and `fps` as the input. */
  readonly sequence: PoseSequence<D>;
  /** What was done. */
  readonly report: CleanReport;
  /** `[framesOut]`: the input frame each output frame comes from. */
  readonly frameIndex: Uint32Array;
  /** `[framesOut × 50]`: 1 where a point was re-estimated by interpolation. */
  readonly filled: Uint8Array;
}

const ACTIONS: readonly LowConfidenceAction[] = ['drop', 'mask'];

/**
 * Cleans one sequence: (1) maps it to `prompt2sign-50` (openpose-137, holistic-*, dwpose-133/128 or
 * already prompt2sign-50; anything else throws `noSkeletonMapping` naming the supported skeletons),
 * treating non-finite points as missing; (2) finds frames with no person, no root (joint 0), or a mean
 * confidence over joints 0–7 below `minUpperBodyConfidence` (0.3) and drops or masks them; (3) fills
 * missing and low-confidence points (`fillBelow`, 0.1) with `interpolateMissing`.
 *
 * Throws `SignLLMError` `invalidArgument` when the input has no frames or when every frame fails
 * step 2 (the message counts the reasons: the input is unusable), and for bad options.
 *
 * @example
 * ```ts
 * const { sequence, report } = cleanSequence(openPoseFramesToSequence(files));
 * console.log(formatCleanReport(report));
 * ```
 */
export function cleanSequence<D extends Dims>(
  seq: PoseSequence<D>,
  options: CleanOptions = {},
): CleanResult<D> {
  const action = options.lowConfidence ?? 'drop';
  if (!ACTIONS.includes(action)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `lowConfidence must be "drop" or "mask", got ${JSON.stringify(action)}`,
      { details: { value: action, options: ACTIONS } },
    );
  }
  const mapped = toPrompt2Sign(seq);
  const framesIn = mapped.frames;
  if (framesIn === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'Cannot clean a sequence with no frames');
  }
  const missingBefore = countMissing(mapped);
  const issues = findBadFrames(mapped, options);
  if (issues.length === framesIn) {
    const counts = countReasons(issues);
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Every one of the ${framesIn} frames fails the upper-body check (${counts}; minUpperBodyConfidence ` +
        `${options.minUpperBodyConfidence ?? 0.3}): the input has no usable frame`,
      { details: { reason: 'all-frames-bad', frames: framesIn, issues: issues.slice(0, 100) } },
    );
  }
  const { kept, frameIndex } = action === 'drop' ? dropFrames(mapped, issues) : maskFrames(mapped, issues);
  let sequence = kept;
  let filled: Uint8Array = new Uint8Array(kept.frames * kept.joints);
  let pointsToFill = countMissing(kept);
  let pointsFilled = 0;
  if (options.interpolate ?? true) {
    const result = interpolateMissing(kept, options);
    sequence = result.sequence;
    filled = result.filled;
    pointsToFill = result.pointsToFill;
    pointsFilled = result.pointsFilled;
  }
  const framesOut = sequence.frames;
  const missingAfter = countMissing(sequence);
  const report: CleanReport = {
    skeleton: seq.skeleton.name,
    framesIn,
    framesOut,
    dropped: action === 'drop' ? issues : [],
    masked: action === 'mask' ? issues : [],
    pointsToFill,
    pointsFilled,
    pointsStillMissing: pointsToFill - pointsFilled,
    missingBefore,
    missingAfter,
    missingRateBefore: missingBefore / (framesIn * PROMPT2SIGN_JOINTS),
    missingRateAfter: missingAfter / (framesOut * PROMPT2SIGN_JOINTS),
  };
  return { sequence, report, frameIndex, filled };
}

function countReasons(issues: readonly FrameIssue[]): string {
  const counts: Record<string, number> = {};
  for (const i of issues) counts[i.reason] = (counts[i.reason] ?? 0) + 1;
  return Object.entries(counts)
    .map(([r, n]) => `${n} ${r}`)
    .join(', ');
}

interface Kept<D extends Dims> {
  kept: PoseSequence<D>;
  frameIndex: Uint32Array;
}

function dropFrames<D extends Dims>(seq: PoseSequence<D>, issues: readonly FrameIssue[]): Kept<D> {
  const bad = new Uint8Array(seq.frames);
  for (const i of issues) bad[i.frame] = 1;
  const frameIndex = new Uint32Array(seq.frames - issues.length);
  const { joints, dims } = seq;
  const data = new Float32Array(frameIndex.length * joints * dims);
  const confidence = new Float32Array(frameIndex.length * joints);
  let out = 0;
  for (let f = 0; f < seq.frames; f++) {
    if (bad[f]) continue;
    frameIndex[out] = f;
    data.set(seq.data.subarray(f * joints * dims, (f + 1) * joints * dims), out * joints * dims);
    confidence.set(seq.confidence.subarray(f * joints, (f + 1) * joints), out * joints);
    out++;
  }
  const kept = createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims,
    frames: out,
    data,
    confidence,
  });
  return { kept, frameIndex };
}

/** Zeroes every point of the failing frames (the mapped sequence is owned here, so in place). */
function maskFrames<D extends Dims>(seq: PoseSequence<D>, issues: readonly FrameIssue[]): Kept<D> {
  const { joints, dims } = seq;
  for (const { frame } of issues) {
    seq.confidence.fill(0, frame * joints, (frame + 1) * joints);
    seq.data.fill(0, frame * joints * dims, (frame + 1) * joints * dims);
  }
  const frameIndex = new Uint32Array(seq.frames);
  for (let f = 0; f < seq.frames; f++) frameIndex[f] = f;
  return { kept: seq, frameIndex };
}
