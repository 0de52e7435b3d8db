/**
 * @signllm/web: the pose viewer custom element and the in-browser translator. This package is a shell
 * until its own issue lands; see README.
 */
/** Name of this package. */
export const PACKAGE_NAME = '@signllm/web';
