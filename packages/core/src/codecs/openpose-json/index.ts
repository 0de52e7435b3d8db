/**
 * OpenPose per-frame JSON (`*_<frame>_keypoints.json`): one frame → 137 points, a list of frame
 * files → a `PoseSequence` on `openpose-137` (pixels, confidence c). See docs/architecture/skeletons.md.
 */

export type { NamedFrame } from './frame-order.ts';
export type { JsonFrameContent } from './json-input.ts';
export type { OpenPoseSequenceOptions } from './openpose-frames-to-sequence.ts';
export {
  OPENPOSE_DEFAULT_FPS,
  openPoseFrameId,
  openPoseFramesToSequence,
} from './openpose-frames-to-sequence.ts';
export type { OpenPoseDims, OpenPoseFrame, OpenPoseFrameOptions } from './parse-openpose-frame.ts';
export { parseOpenPoseFrame } from './parse-openpose-frame.ts';
