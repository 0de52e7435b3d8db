/**
 * @signllm/web: the `<signllm-pose-viewer>` custom element (2D canvas and 3D three.js views), the
 * pieces of its app (translators on `signllm-serve` or on onnxruntime-web in the page, pose file
 * opening and saving, video recording), and the onnxruntime-web runtime. Importing this module defines
 * nothing; call `defineSignPoseViewer()` or import `@signllm/web/define`.
 */
export type { BrowserTranslatorOptions } from './client/browser-translator.ts';
export { BrowserTranslator } from './client/browser-translator.ts';
export { DEFAULT_MAX_NDJSON_LINE, ndjsonValues } from './client/ndjson.ts';
export type { ServerTranslatorOptions } from './client/server-translator.ts';
export { ServerTranslator } from './client/server-translator.ts';
export type {
  LanguageOption,
  TranslatedFrame,
  TranslationEvent,
  TranslationRequest,
  Translator,
} from './client/translator.ts';
export { TranslatorError } from './client/translator.ts';
export type { OpenedPose, OpenPoseOptions } from './io/pose-files.ts';
export { guessSkelsDialect, MAX_POSE_FILE_BYTES, openPoseFile, poseFileBytes } from './io/pose-files.ts';
export type { RecordVideoOptions } from './io/record-video.ts';
export { pickWebmType, recordVideo, WEBM_TYPES } from './io/record-video.ts';
export type { WebRuntimeOptions } from './runtime/onnxruntime-web.ts';
export { createWebRuntime } from './runtime/onnxruntime-web.ts';
export { CanvasRenderer, drawPoseFrame } from './viewer/canvas-renderer.ts';
export type { Bounds, Transform2D, Viewport } from './viewer/geometry.ts';
export {
  boneDrawOrder,
  emptyBounds,
  fitTransform,
  growBounds,
  projectFrame,
  sequenceBounds,
} from './viewer/geometry.ts';
export type { CounterSpanOptions, GlossSpan } from './viewer/highlight.ts';
export { counterSpans, evenSpans, glossLabels, spanAt, wordLabels } from './viewer/highlight.ts';
export { LivePose } from './viewer/live-pose.ts';
export type { PlaybackOptions } from './viewer/playback.ts';
export { clampRate, MAX_RATE, MIN_RATE, PlaybackClock, RATE_STEPS, stepRate } from './viewer/playback.ts';
export type { SetPoseOptions } from './viewer/pose-viewer-element.ts';
export { defineSignPoseViewer, POSE_VIEWER_TAG, PoseViewerElement } from './viewer/pose-viewer-element.ts';
export type { PoseRenderer, RenderStyle } from './viewer/renderer.ts';
export {
  boneColors,
  cssColor,
  jointRadius,
  limbAlpha,
  lineThickness,
  parseHexColor,
  unitColor,
} from './viewer/style.ts';

/** Name of this package. */
export const PACKAGE_NAME = '@signllm/web';
