/**
 * Normalisation (pure, no Node APIs): the `signllm` (default), `prompt2sign`, `progressive-transformers`
 * and `none` conventions, each recorded as a core `Normalisation` and exactly invertible.
 * See docs/architecture/normalisation.md.
 */
export type { AffineTransform } from './apply-affine.ts';
export { applyAffine } from './apply-affine.ts';
export { denormalizeSequence } from './denormalize-sequence.ts';
export type { NormalisationMethod, NormalisationMethodInfo } from './normalisation-methods.ts';
export {
  checkNormalisationMethod,
  DEFAULT_NORMALISATION_METHOD,
  NORMALISATION_METHODS,
} from './normalisation-methods.ts';
export type { NormalizedSequence, NormalizeSequenceOptions } from './normalize-sequence.ts';
export {
  MAX_PARAMETER_VALUES,
  MIN_FRAME_WIDTH_FRACTION,
  normalizeSequence,
  PROGRESSIVE_TRANSFORMERS_DIVISOR,
  PROMPT2SIGN_DIVISOR,
} from './normalize-sequence.ts';
