/**
 * Synthetic multilingual sign corpus: seeded per-language lexicons of motion primitives on
 * `prompt2sign-50`, sentences rendered with smooth transitions and signer variation, canonical
 * "signllm" normalisation, and an optional noisy fraction. Pure computation (no Node APIs).
 */
export type { NoiseKind } from './apply-noise.ts';
export { NOISE_KINDS } from './apply-noise.ts';
export { synthBoneLengths } from './body-model.ts';
export type { SynthCorpus, SynthSampleResult } from './create-synth-corpus.ts';
export { createSynthCorpus, generateSynthCorpus, generateSynthSample } from './create-synth-corpus.ts';
export type { SynthLexicon, SynthLexiconEntry, SynthLexiconOptions } from './create-synth-lexicon.ts';
export { createSynthLexicon, MIN_PRIMITIVE_DISTANCE } from './create-synth-lexicon.ts';
export { HAND_SHAPE_NAMES } from './hand-shapes.ts';
export type { MotionPrimitive, PrimitiveKind } from './motion-primitive.ts';
export { PRIMITIVE_FPS } from './motion-primitive.ts';
export { MOVING_JOINTS, motionDistance, renderPrimitive } from './render-primitive.ts';
export type { SynthSegment } from './render-sentence.ts';
export type { ResolvedSynthOptions, SynthOptions } from './synth-options.ts';
export { resolveSynthOptions } from './synth-options.ts';
export type { PartOfSpeech, VocabularyEntry } from './vocabulary.ts';
export { SYNTH_CONCEPT_COUNT, SYNTH_LANGUAGES, synthVocabulary } from './vocabulary.ts';
