/**
 * Pose sequences: the `PoseSequence` type and pure operations on it (slicing, joint selection,
 * skeleton mapping, shoulder normalisation, resampling, masking, concatenation). Every operation
 * returns a new sequence and never mutates its inputs. See docs/architecture/pose-sequence.md.
 */
export { concatenate } from './concatenate.ts';
export type { FitToCanvasOptions, FitToCanvasResult } from './fit-to-canvas.ts';
export { fitToCanvas } from './fit-to-canvas.ts';
export { frameTimes } from './frame-times.ts';
export type { JointValue } from './get-joint.ts';
export { getJoint } from './get-joint.ts';
export { jointIndex } from './joint-index.ts';
export { mapSkeleton } from './map-skeleton.ts';
export type { MaskMissingOptions } from './mask-missing.ts';
export { countMissing, maskMissing } from './mask-missing.ts';
export type { NormalizeOptions, NormalizeResult, NormalizeTransform } from './normalize.ts';
export { denormalize, normalize, normalizeWithTransform } from './normalize.ts';
export type { ConfidenceData, Dims, PoseData, PoseSequence, PoseSequenceInit } from './pose-sequence.ts';
export { createPoseSequence, durationSeconds } from './pose-sequence.ts';
export type { ResampleFpsOptions } from './resample-fps.ts';
export { resampledFrameCount, resampleFps } from './resample-fps.ts';
export type { SelectJointsOptions } from './select-joints.ts';
export { selectJoints } from './select-joints.ts';
export { slice, sliceSeconds } from './slice.ts';
