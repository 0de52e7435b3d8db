/**
 * Evaluation metrics: DTW as Progressive Transformers computes it, mean joint error (plain and
 * DTW-aligned), and the back-translation text metrics BLEU-1..4 (sacreBLEU-compatible) and ROUGE-L.
 * Definitions and verified cases: docs/architecture/metrics.md.
 */

export type { Bleu1to4, BleuOptions, BleuResult, BleuSmoothing, BleuTokenizer } from './bleu.ts';
export { bleu, bleu1to4 } from './bleu.ts';
export type { DtwOptions, DtwResult } from './dtw.ts';
export { dtw } from './dtw.ts';
export type { DtwPoseSequencesOptions } from './dtw-pose-sequences.ts';
export { dtwPoseSequences } from './dtw-pose-sequences.ts';
export type {
  DtwProgressiveTransformersOptions,
  DtwProgressiveTransformersResult,
} from './dtw-progressive-transformers.ts';
export { dtwProgressiveTransformers, progressiveTransformersCut } from './dtw-progressive-transformers.ts';
export type { JointErrorAlignment, MeanJointErrorOptions } from './mean-joint-error.ts';
export { meanJointError } from './mean-joint-error.ts';
export type { RougeLOptions, RougeLResult } from './rouge-l.ts';
export { lcsLength, rougeL } from './rouge-l.ts';
export { splitWhitespace, tokenize13a, tokenizeIntl } from './tokenize-13a.ts';
