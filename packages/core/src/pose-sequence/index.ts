export { createPoseSequence, durationSeconds } from './pose-sequence.ts';
export type { ConfidenceData, Dims, PoseData, PoseSequence, PoseSequenceInit } from './pose-sequence.ts';
