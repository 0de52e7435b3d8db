/**
 * @signllm/serve: the SignLLM HTTP API (Hono on Node) for text, prompts and glosses to sign poses,
 * on an exported model bundle with onnxruntime-node. CLI: `signllm-serve`. See README.md.
 */

export type { AppOptions, AppType } from './app.ts';
export { createApp, NDJSON_MEDIA_TYPE, POSE_MEDIA_TYPE } from './app.ts';
export type { BundleFileEntry, BundleFilesOptions } from './bundle-files.ts';
export { BUNDLE_FILES_PREFIX, bundleFiles, bundleFileTable } from './bundle-files.ts';
export type { LogLevel, ServeConfig, ServeConfigInput, ServeLimits } from './config.ts';
export {
  autoWorkers,
  configFromEnv,
  DEFAULT_CONFIG,
  LOG_LEVELS,
  MAX_AUTO_WORKERS,
  resolveServeConfig,
  SETTINGS,
  SWITCH_VALUES,
} from './config.ts';
export { crossOriginHeaders, crossOriginIsolation } from './cross-origin-isolation.ts';
export type { TimedFrame } from './frame-resampler.ts';
export { FrameResampler } from './frame-resampler.ts';
export type { ErrorStatus, HttpErrorCode } from './http-errors.ts';
export { ApiError, errorAnswer, HTTP_ERROR_CODES } from './http-errors.ts';
export { openApiDocument } from './openapi.ts';
export { JSON_DECIMALS, POSE_CANVAS } from './output-formats.ts';
export { directoryBundleSource } from './runtime/directory-bundle-source.ts';
export type { NodeRuntimeOptions } from './runtime/onnxruntime-node.ts';
export { createNodeRuntime } from './runtime/onnxruntime-node.ts';
export type { RunningServer, StartServerOptions } from './server.ts';
export {
  createLogger,
  defaultBundleDir,
  defaultWebRoot,
  findDefaultBundle,
  SERVE_VERSION,
  startServer,
} from './server.ts';
export type {
  OutputFrame,
  PoseGenerator,
  ServiceLogger,
  ServiceState,
  Translation,
  TranslationPlan,
  TranslationSummary,
} from './translation-service.ts';
export { STREAM_BATCH_MS, TranslationService } from './translation-service.ts';
export { checkAnswerFrames } from './translation-support.ts';
export type { WorkerPoolOptions } from './worker-pool/worker-pool.ts';
export { WorkerPool } from './worker-pool/worker-pool.ts';
/** Name of this package. */
export const PACKAGE_NAME = '@signllm/serve';
