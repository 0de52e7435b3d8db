/**
 * Back-translation evaluation as sign-language production papers report it (paper digest §7.1): poses
 * of a split — the dataset's ground truth (the ceiling) or generated free-running by a trained pose
 * model — are decoded to text by a back-translation model and scored against the source sentences with
 * core's BLEU-1..4 (sacreBLEU 2.x defaults, corpus level) and ROUGE-L (F, β = 1.2, sentence mean),
 * per language and over all languages. Generated poses are also scored with Progressive Transformers'
 * DTW against the ground truth, exactly as `evaluatePoseModel` scores free-running output.
 */
import { bleu1to4, dtwProgressiveTransformers, ERROR_CODES, rougeL, SignLLMError } from '@signllm/core';
import type { DatasetReader, DatasetRow } from '@signllm/data';
import { isNoisyRow } from '../eval/evaluate-pose-model.ts';
import { encodeSource, FRAME_WIDTH, sourceOf, targetFrames } from '../eval/pose-frames.ts';
import { SHARED_GROUP, type SignModel } from '../train/sign-model.ts';
import type { Backtranslator } from './backtranslator.ts';

/** Text scores of a group of sentences, each 0–100 as the paper's tables print them. */
export interface TextScores {
  /** Sentences scored. */
  count: number;
  bleu1: number;
  bleu2: number;
  bleu3: number;
  bleu4: number;
  /** ROUGE-L F-measure × 100. */
  rougeL: number;
}

/** Scores of one group, with the DTW of generated poses (absent for ground-truth poses). */
export interface BacktranslationMetrics extends TextScores {
  /** Mean PT DTW of the generated (free-running) poses against the ground truth. */
  dtw?: number;
}

/** One back-translated sentence kept for the report. */
export interface BacktranslationExample {
  id: string;
  language: string;
  reference: string;
  hypothesis: string;
}

/** Where the back-translated poses come from. */
export type PoseSource = { kind: 'ground-truth' } | { kind: 'generated'; model: SignModel };

/** Options of `evaluateBacktranslation`. */
export interface EvaluateBacktranslationOptions {
  /** Split to evaluate (default `dev`). */
  split?: string;
  poses: PoseSource;
  /** Evaluate at most this many sequences (default all). */
  maxSequences?: number;
  /** Only this language. */
  language?: string;
  /** Beam size of the back-translation decoder (default 1 = greedy). */
  beamSize?: number;
  /** Also score rows flagged noisy (default false: their poses are corrupted). */
  includeNoisy?: boolean;
  /** Sentences kept as examples, per language (default 3). */
  examples?: number;
  /** Called after each sequence with the number done. */
  onSequence?: (done: number) => void;
}

/** Result of `evaluateBacktranslation`. */
export interface BacktranslationScores {
  split: string;
  poses: PoseSource['kind'];
  /** Column the references come from. */
  target: 'text' | 'gloss';
  beamSize: number;
  overall: BacktranslationMetrics;
  byLanguage: Record<string, BacktranslationMetrics>;
  examples: BacktranslationExample[];
}

/**
 * BLEU-1..4 and ROUGE-L (all × 100) of hypotheses against one reference each.
 *
 * @example
 * ```ts
 * scoreTexts(['the sky is blue'], ['the sky is blue']).bleu4; // 100
 * ```
 */
export function scoreTexts(hypotheses: readonly string[], references: readonly string[]): TextScores {
  if (hypotheses.length === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'no sentence to score');
  }
  const b = bleu1to4(hypotheses, references);
  // exp(log p) of a perfect match can come out as 100.00000000000004: keep scores in [0, 100]
  const clamp = (x: number) => Math.min(100, Math.max(0, x));
  return {
    count: hypotheses.length,
    bleu1: clamp(b.bleu1),
    bleu2: clamp(b.bleu2),
    bleu3: clamp(b.bleu3),
    bleu4: clamp(b.bleu4),
    rougeL: clamp(100 * rougeL(hypotheses, references).f),
  };
}

/** `[BOS; frames]`: PT's hypothesis layout (its DTW drops the first frame), as `evaluatePoseModel`. */
function withBos(frames: Float32Array): Float32Array {
  const out = new Float32Array(frames.length + FRAME_WIDTH);
  out.set(frames, FRAME_WIDTH);
  return out;
}

function servesLanguage(model: SignModel, language: string): boolean {
  return model.groups.has(SHARED_GROUP) || model.groups.has(language);
}

function languageError(what: string, language: string, served: readonly string[]): SignLLMError {
  return new SignLLMError(
    ERROR_CODES.unknownLanguage,
    `${what} does not serve language "${language}" (it serves ${served.join(', ')}); pass --language with one both models serve`,
    { details: { value: language, options: served } },
  );
}

/** Free-running generation of a row with the pose model (the frame limit of `evaluatePoseModel`). */
function generate(model: SignModel, row: DatasetRow): Float32Array {
  const group = model.groupFor(row.language);
  const ids = encodeSource(
    group.tokenizer,
    sourceOf(row, model.input),
    model.config.architecture.maxSourceLength,
  );
  const T = row.sequence.frames;
  const limit = Math.min(model.config.architecture.maxTargetLength, Math.max(2 * T, 8));
  return group.net.generate(ids, { maxFrames: limit, stopCounter: model.config.stopCounter }).frames;
}

interface Group {
  hypotheses: string[];
  references: string[];
  dtw: number[];
}

function finish(group: Group): BacktranslationMetrics {
  const scores: BacktranslationMetrics = scoreTexts(group.hypotheses, group.references);
  if (group.dtw.length > 0) scores.dtw = group.dtw.reduce((a, b) => a + b, 0) / group.dtw.length;
  return scores;
}

/**
 * Back-translates the poses of a split and scores them.
 *
 * @throws SignLLMError `unknown_language` when a row's language is not served by the back-translation
 *   model (or by the pose model), `invalid_argument` for a stage 1 pose model or when nothing is left to
 *   score, and the dataset reader's errors (unknown split, damaged shard).
 * @example
 * ```ts
 * const gt = await evaluateBacktranslation(bt, reader, { split: 'test', poses: { kind: 'ground-truth' } });
 * const gen = await evaluateBacktranslation(bt, reader, { split: 'test', poses: { kind: 'generated', model } });
 * console.log(gt.overall.bleu4, gen.overall.bleu4, gen.overall.dtw);
 * ```
 */
export async function evaluateBacktranslation(
  bt: Backtranslator,
  reader: DatasetReader,
  options: EvaluateBacktranslationOptions,
): Promise<BacktranslationScores> {
  const split = options.split ?? 'dev';
  const target = bt.config.target;
  const poseModel = options.poses.kind === 'generated' ? options.poses.model : undefined;
  if (poseModel?.tokenModel) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'The pose model is a Prompt2LangGloss stage 1 model (prompt → LangGloss), which makes no poses; give an mlsf or p2lg-stage2 run',
    );
  }
  const poseLanguages = poseModel ? poseModel.config.languages : [];
  if (options.language !== undefined) {
    if (!bt.groups.has(options.language))
      throw languageError('The back-translation model', options.language, bt.languages);
    if (poseModel && !servesLanguage(poseModel, options.language)) {
      throw languageError('The pose model', options.language, poseLanguages);
    }
  }
  const max = options.maxSequences ?? Number.POSITIVE_INFINITY;
  const keepExamples = options.examples ?? 3;
  const all: Group = { hypotheses: [], references: [], dtw: [] };
  const per = new Map<string, Group>();
  const examples: BacktranslationExample[] = [];
  const filter = options.language === undefined ? { split } : { split, language: options.language };
  for await (const row of reader.rows(filter)) {
    if (all.hypotheses.length >= max) break;
    const reference = row[target].trim();
    if (reference === '') continue;
    if (!options.includeNoisy && isNoisyRow(row)) continue;
    if (!bt.groups.has(row.language))
      throw languageError('The back-translation model', row.language, bt.languages);
    let frames = targetFrames(row);
    let dtw: number | undefined;
    if (poseModel) {
      if (!servesLanguage(poseModel, row.language))
        throw languageError('The pose model', row.language, poseLanguages);
      if (sourceOf(row, poseModel.input).trim() === '') continue;
      const generated = generate(poseModel, row);
      dtw = dtwProgressiveTransformers(frames, withBos(generated), { width: FRAME_WIDTH }).normalized;
      frames = generated;
    }
    const hypothesis = bt.translate(row.language, frames, { beamSize: options.beamSize ?? 1 });
    const group = per.get(row.language) ?? { hypotheses: [], references: [], dtw: [] };
    per.set(row.language, group);
    for (const g of [all, group]) {
      g.hypotheses.push(hypothesis);
      g.references.push(reference);
      if (dtw !== undefined) g.dtw.push(dtw);
    }
    if (group.hypotheses.length <= keepExamples) {
      examples.push({ id: row.id, language: row.language, reference, hypothesis });
    }
    options.onSequence?.(all.hypotheses.length);
  }
  if (all.hypotheses.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Split "${split}" of ${reader.dir} has no sequence with a ${target} to back-translate${options.language ? ` in language "${options.language}"` : ''}`,
    );
  }
  const byLanguage: Record<string, BacktranslationMetrics> = {};
  for (const [language, group] of [...per].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    byLanguage[language] = finish(group);
  }
  examples.sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
  return {
    split,
    poses: options.poses.kind,
    target,
    beamSize: options.beamSize ?? 1,
    overall: finish(all),
    byLanguage,
    examples,
  };
}
