/**
 * @signllm/core: what every SignLLM package shares. Skeletons, pose sequences over typed arrays,
 * format codecs, zod schemas, the language registry, metrics and errors. Runs unchanged in Node and
 * in the browser: no `fs`, no Node globals (enforced by the tsconfig and a test).
 */
export * from './codecs/dwpose-json/index.ts';
export * from './codecs/openpose-json/index.ts';
export * from './codecs/pose/index.ts';
export * from './codecs/skels/index.ts';
export * from './errors/index.ts';
export * from './inference/index.ts';
export * from './languages/index.ts';
export * from './metrics/index.ts';
export * from './pose-sequence/index.ts';
export * from './schemas/index.ts';
export * from './skeletons/index.ts';
export * from './tokenizers/index.ts';
