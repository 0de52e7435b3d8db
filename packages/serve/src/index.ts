/**
 * @signllm/serve: the HTTP API (Hono on Node) for text and prompts to sign poses. This package is a
 * shell until its own issue lands; see README.
 */
/** Name of this package. */
export const PACKAGE_NAME = '@signllm/serve';
