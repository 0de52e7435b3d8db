/**
 * The SignLLM model on TensorFlow.js ops: wasm-friendly building blocks, a seeded parameter store,
 * pre-LN transformer layers, the Progressive-Transformers pose model, the Prompt2LangGloss token model
 * and a FLOP counter. The backend is chosen elsewhere (src/backend); call `ensureGradients()` before
 * differentiating anything built outside these classes.
 */
export type { PoseBatch, TokenBatch } from './batch-types.ts';
export { FRAME_WIDTH, JOINT_VALUES, POSE_JOINTS } from './batch-types.ts';
export type { Architecture, EncoderDecoderOptions, ForwardOptions } from './encoder-decoder.ts';
export { EncoderDecoder } from './encoder-decoder.ts';
export {
  causalMask,
  dropout,
  embed,
  layerNorm,
  linear,
  MASK_NEGATIVE,
  matMul,
  paddingMask,
  scatterSumsDuplicates,
} from './fast-ops.ts';
export type { StepShape } from './flops.ts';
export { trainingStepFlops } from './flops.ts';
export { ensureGradients, GRADIENT_KERNELS } from './gradients.ts';
export type { NamedWeight, ParamInit } from './param-store.ts';
export { ParamStore } from './param-store.ts';
export type { PoseGenerateOptions, PoseGenerateResult, PoseTransformerOptions } from './pose-transformer.ts';
export { PoseTransformer } from './pose-transformer.ts';
export type { BeamOptions, TokenTransformerOptions } from './token-transformer.ts';
export { TokenTransformer } from './token-transformer.ts';
export type { DropoutContext, LayerCache, LayerSizes } from './transformer-layers.ts';
export { multiHeadAttention, sinusoidalEncoding } from './transformer-layers.ts';
