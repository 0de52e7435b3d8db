/**
 * The pose-format `.pose` codec: read versions 0.0, 0.1 and 0.2, write 0.2 (byte-identical for v0.2
 * inputs), and convert between `.pose` files and `PoseSequence`s. Layout and decisions:
 * docs/architecture/pose-format.md.
 */
export type { PoseBody, PoseFile, PoseHeader, PoseHeaderComponent } from './pose-file.ts';
export { POSE_FORMAT_VERSION, poseHeaderDims, poseHeaderPointCount } from './pose-file.ts';
export type { PoseFileToSequenceOptions } from './pose-file-to-sequence.ts';
export { poseFileToSequence } from './pose-file-to-sequence.ts';
export type { ReadPoseOptions } from './read-pose.ts';
export { readPose } from './read-pose.ts';
export { SUPPORTED_POSE_VERSIONS } from './read-pose-header.ts';
export type { SequenceToPoseFileOptions } from './sequence-to-pose-file.ts';
export { sequenceToPoseFile } from './sequence-to-pose-file.ts';
export {
  customSkeletonFromPoseHeader,
  skeletonFromPoseHeader,
  skeletonMatchesPoseHeader,
} from './skeleton-from-pose-header.ts';
export type { WritePoseOptions } from './write-pose.ts';
export { writePose } from './write-pose.ts';
