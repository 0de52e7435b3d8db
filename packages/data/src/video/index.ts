/**
 * Video ingestion: sign-language video (mp4, webm, anything ffmpeg reads) → a 2D `prompt2sign-50`
 * `PoseSequence`, offline (ffmpeg from `@ffmpeg-installer/ffmpeg`, movenet-lightning and the hand
 * models of `@vladmandic/human` on the tfjs wasm backend). See docs/architecture/video-ingest.md.
 */
export type { DecodeOptions } from './decode-frames.ts';
export { decodeArgs, decodeFrames } from './decode-frames.ts';
export type { HandAnchors, MappedFrame, MappingThresholds } from './detections-to-prompt2sign.ts';
export { assignHands, detectionsToPrompt2Sign } from './detections-to-prompt2sign.ts';
export type { FrameDetections, HandDetection } from './estimate-frame.ts';
export { COCO_BODY_NAMES, estimateFrame } from './estimate-frame.ts';
export type { FetchLike, FileFetchOptions } from './file-fetch.ts';
export { createFileFetch, withFileFetch } from './file-fetch.ts';
export type { BackendInfo, PoseModels } from './load-pose-models.ts';
export { loadPoseModels, locatePoseModelFiles } from './load-pose-models.ts';
export type { ProbeOptions, VideoInfo } from './probe-video.ts';
export { ffmpegFailure, parseFfmpegInfo, probeVideo, resolveFfmpegPath, stderrTail } from './probe-video.ts';
export type { VideoReport, VideoToSequenceOptions } from './video-to-sequence.ts';
export { videoToSequence } from './video-to-sequence.ts';
