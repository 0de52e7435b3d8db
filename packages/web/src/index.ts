/**
 * @signllm/web: the pose viewer custom element and the in-browser translator. So far: the
 * onnxruntime-web runtime that runs a model bundle through core's decoding loop in the browser (and in
 * Node); the viewer and app land with their own issue (see README).
 */
export type { WebRuntimeOptions } from './runtime/onnxruntime-web.ts';
export { createWebRuntime } from './runtime/onnxruntime-web.ts';
/** Name of this package. */
export const PACKAGE_NAME = '@signllm/web';
