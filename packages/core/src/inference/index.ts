/**
 * Inference on exported model bundles, the same in Node and in browsers: the runtime interface (ONNX
 * Runtime adapters live in @signllm/serve and @signllm/web), bundle sources, `loadBundle` with its
 * integrity checks, `SignBundle`, and the pose and token decoding loops with the key/value cache.
 * See docs/architecture/model-bundle.md.
 */

export type { BeamSearchOptions } from './beam-search.ts';
export { BeamSearch } from './beam-search.ts';
export type { InputKind } from './bundle-input.ts';
export {
  checkInputString,
  encodeSourceText,
  glossToLangGloss,
  INPUT_KINDS,
  MAX_INPUT_CHARACTERS,
  resolveBundleLanguage,
  retagLangGloss,
} from './bundle-input.ts';
export type { BundleReadOptions, BundleSource } from './bundle-source.ts';
export { bundlePathProblem, checkBundlePath, httpBundleSource, memoryBundleSource } from './bundle-source.ts';
export type { DecodePoseOptions, GeneratedFrame, GenerationSummary, PoseSessions } from './decode-pose.ts';
export { decodePoseFrames, decodePoseFramesFullRecompute } from './decode-pose.ts';
export type { DecodeTokensBeamOptions, DecodeTokensOptions, TokenSessions } from './decode-tokens.ts';
export { decodeTokensBeam, decodeTokensGreedy } from './decode-tokens.ts';
export { framesToPoseSequence } from './frames-to-pose-sequence.ts';
export type { LoadBundleOptions } from './load-bundle.ts';
export { loadBundle, MAX_MANIFEST_BYTES, MAX_TOKENIZER_BYTES } from './load-bundle.ts';
export type { ModelNames, ModelRole } from './model-contract.ts';
export { checkModelNames, requiredModelNames } from './model-contract.ts';
export type { OrtModuleLike, OrtSessionLike, OrtTensorLike } from './ort-runtime.ts';
export { createOrtRuntime } from './ort-runtime.ts';
export type {
  InferenceRuntime,
  InferenceSession,
  RuntimeTensor,
  RuntimeTensorType,
} from './runtime.ts';
export { float32Tensor, int64Tensor } from './runtime.ts';
export { sha256Hex, sha256HexSync } from './sha256.ts';
export type {
  GenerateFromIdsOptions,
  GenerateRequest,
  SignBundleParts,
  TranslateOptions,
} from './sign-bundle.ts';
export { SignBundle } from './sign-bundle.ts';
export type { AbortSignalLike, FetchLike, FetchResponseLike, SubtleDigestLike } from './web-types.ts';
