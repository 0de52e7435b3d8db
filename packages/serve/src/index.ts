/**
 * @signllm/serve: the HTTP API (Hono on Node) for text and prompts to sign poses. So far: the
 * onnxruntime-node runtime and the bundle-folder reader that run a model bundle through core's
 * decoding loop; the HTTP API lands with its own issue (see README).
 */

export { directoryBundleSource } from './runtime/directory-bundle-source.ts';
export type { NodeRuntimeOptions } from './runtime/onnxruntime-node.ts';
export { createNodeRuntime } from './runtime/onnxruntime-node.ts';
/** Name of this package. */
export const PACKAGE_NAME = '@signllm/serve';
