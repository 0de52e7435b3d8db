/**
 * Cleaning (pure, no Node APIs): any supported keypoint sequence → a clean `prompt2sign-50` sequence
 * (skeleton mapping, upper-body frame filter, confidence-weighted interpolation) with a report.
 */
export type { CleanOptions, CleanResult, LowConfidenceAction } from './clean-sequence.ts';
export { cleanSequence } from './clean-sequence.ts';
export type { FindBadFramesOptions, FrameIssue, FrameIssueReason } from './find-bad-frames.ts';
export {
  DEFAULT_MIN_UPPER_BODY_CONFIDENCE,
  findBadFrames,
  UPPER_BODY_JOINTS,
  upperBodyConfidence,
} from './find-bad-frames.ts';
export type { CleanReport } from './format-clean-report.ts';
export { formatCleanReport } from './format-clean-report.ts';
export type { InterpolateOptions, InterpolateResult } from './interpolate-missing.ts';
export {
  DEFAULT_FILL_BELOW,
  DEFAULT_MAX_FILLED_CONFIDENCE,
  DEFAULT_TARGET_WEIGHT,
  interpolateMissing,
} from './interpolate-missing.ts';
export { CLEAN_TARGET_SKELETON, cleanableSkeletons, toPrompt2Sign } from './to-prompt2sign.ts';
