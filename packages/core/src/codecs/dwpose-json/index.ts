/**
 * DWPose per-frame JSON (Prompt2Sign 2025 `num_persons` / `person_<i>` files, and the raw easy_dwpose
 * `bodies` / `hands` / `faces` layout): one frame → 128 points, a clip → a `PoseSequence` on
 * `dwpose-128`. See docs/architecture/skeletons.md.
 */

export type { DwposeSequenceOptions } from './dwpose-frames-to-sequence.ts';
export { DWPOSE_DEFAULT_FPS, dwposeFrameId, dwposeFramesToSequence } from './dwpose-frames-to-sequence.ts';
export type { DwposeFrame, DwposeFrameOptions } from './parse-dwpose-frame.ts';
export { parseDwposeFrame } from './parse-dwpose-frame.ts';
