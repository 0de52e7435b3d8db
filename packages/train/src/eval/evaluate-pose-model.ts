/**
 * Evaluation of a pose model (MLSF or Prompt2LangGloss stage 2) on a dataset split, per language:
 * DTW as Progressive Transformers computes it, with ground-truth timing (PT's evaluation: the true
 * counter fed back and the true length) and free-running (stops on the predicted counter), reported
 * separately; mean joint error (ground-truth timing, frame by frame); counter error (mean |predicted −
 * true counter|, ground-truth timing) and length accuracy (free-running length within 10 % of the
 * truth).
 */
import { dtwProgressiveTransformers, ERROR_CODES, SignLLMError, type ValidationTiming } from '@signllm/core';
import type { DatasetReader, DatasetRow } from '@signllm/data';
import type { SignModel } from '../train/sign-model.ts';
import { encodeSource, FRAME_WIDTH, sourceOf, targetFrames } from './pose-frames.ts';

/** Options of `evaluatePoseModel`. */
export interface EvaluatePoseOptions {
  /** Split to evaluate (default `dev`). */
  split?: string;
  /** Evaluate at most this many sequences (default all). */
  maxSequences?: number;
  /** Which decoding(s) to run (default both). */
  timings?: readonly ValidationTiming[];
  /** Only this language. */
  language?: string;
  /** Free-running frame limit (default: 2 × the true length, at least the config's maxTargetLength cap). */
  maxFrames?: number;
  /** Also score rows flagged low-quality (`noisy`); default false: their targets are corrupted. */
  includeNoisy?: boolean;
  /** Called after each sequence. */
  onSequence?: (done: number) => void;
}

/** Whether a row is flagged low quality by the data pipeline (`noisy` or `noisy:<kind>`). */
export function isNoisyRow(row: { flags?: readonly string[] }): boolean {
  return row.flags?.some((f) => f === 'noisy' || f.startsWith('noisy:')) ?? false;
}

/** Metrics of one group of sequences. */
export interface PoseMetrics {
  sequences: number;
  /** PT DTW with ground-truth timing (NaN when not run). */
  dtw: number;
  /** PT DTW free-running (NaN when not run). */
  dtwFreeRunning: number;
  /** Mean Euclidean joint error, ground-truth timing. */
  meanJointError: number;
  /** Mean |predicted counter − true counter|, ground-truth timing. */
  counterError: number;
  /** Share of free-running outputs whose length is within 10 % of the truth. */
  lengthAccuracy: number;
  /** Mean |generated − true| frames, free-running. */
  lengthError: number;
}

/** Result of `evaluatePoseModel`: all sequences and per language. */
export interface PoseEvaluation extends PoseMetrics {
  split: string;
  byLanguage: Record<string, PoseMetrics>;
}

interface Accumulator {
  n: number;
  dtw: number[];
  dtwFree: number[];
  mje: number[];
  counter: number[];
  lengthOk: number[];
  lengthError: number[];
}

const empty = (): Accumulator => ({
  n: 0,
  dtw: [],
  dtwFree: [],
  mje: [],
  counter: [],
  lengthOk: [],
  lengthError: [],
});
const mean = (xs: number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

function finish(a: Accumulator): PoseMetrics {
  return {
    sequences: a.n,
    dtw: mean(a.dtw),
    dtwFreeRunning: mean(a.dtwFree),
    meanJointError: mean(a.mje),
    counterError: mean(a.counter),
    lengthAccuracy: mean(a.lengthOk),
    lengthError: mean(a.lengthError),
  };
}

/** `[BOS; frames]` as PT's hypothesis (DTW drops the first frame). */
function withBos(frames: Float32Array): Float32Array {
  const out = new Float32Array(frames.length + FRAME_WIDTH);
  out.set(frames, FRAME_WIDTH);
  return out;
}

function meanJointDistance(ref: Float32Array, hyp: Float32Array, frames: number): number {
  let sum = 0;
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < 50; j++) {
      const a = t * FRAME_WIDTH + j * 3;
      const dx = ref[a]! - hyp[a]!;
      const dy = ref[a + 1]! - hyp[a + 1]!;
      const dz = ref[a + 2]! - hyp[a + 2]!;
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return sum / (frames * 50);
}

/**
 * Scores one row: ground-truth timing and/or free-running generation against the row's frames.
 */
export function scoreRow(
  model: SignModel,
  row: DatasetRow,
  timings: readonly ValidationTiming[],
  maxFrames?: number,
): Partial<Record<keyof Omit<Accumulator, 'n'>, number>> {
  const group = model.groupFor(row.language);
  const ids = encodeSource(
    group.tokenizer,
    sourceOf(row, model.input),
    model.config.architecture.maxSourceLength,
  );
  const ref = targetFrames(row);
  const T = row.sequence.frames;
  const out: Partial<Record<keyof Omit<Accumulator, 'n'>, number>> = {};
  if (timings.includes('ground-truth')) {
    // target counters (t+1)/T are compared with the predictions; the decoder is fed, as in training,
    // the counter of its input frame: 0 for BOS, then t/T
    const counters = new Float32Array(T);
    const inputCounters = new Float32Array(T);
    for (let t = 0; t < T; t++) {
      counters[t] = (t + 1) / T;
      inputCounters[t] = t / T;
    }
    const { frames } = group.net.generate(ids, { maxFrames: T, groundTruthCounters: inputCounters });
    let counterError = 0;
    for (let t = 0; t < T; t++) {
      counterError += Math.abs(frames[t * FRAME_WIDTH + 150]! - counters[t]!);
      frames[t * FRAME_WIDTH + 150] = counters[t]!; // PT's output carries the fed-back true counter
    }
    out.counter = counterError / T;
    out.dtw = dtwProgressiveTransformers(ref, withBos(frames), { width: FRAME_WIDTH }).normalized;
    out.mje = meanJointDistance(ref, frames, T);
  }
  if (timings.includes('free-running')) {
    const limit = maxFrames ?? Math.min(model.config.architecture.maxTargetLength, Math.max(2 * T, 8));
    const { frames } = group.net.generate(ids, { maxFrames: limit, stopCounter: model.config.stopCounter });
    const n = frames.length / FRAME_WIDTH;
    out.dtwFree = dtwProgressiveTransformers(ref, withBos(frames), { width: FRAME_WIDTH }).normalized;
    out.lengthOk = Math.abs(n - T) <= 0.1 * T ? 1 : 0;
    out.lengthError = Math.abs(n - T);
  }
  return out;
}

/**
 * Evaluates a pose model on a split.
 *
 * @example
 * ```ts
 * const result = await evaluatePoseModel(model, await openDataset('out/synth'), { split: 'test' });
 * console.log(result.dtw, result.byLanguage.ase?.dtw);
 * ```
 */
export async function evaluatePoseModel(
  model: SignModel,
  reader: DatasetReader,
  options: EvaluatePoseOptions = {},
): Promise<PoseEvaluation> {
  if (model.config.mode === 'p2lg-stage1') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'A stage 1 model produces LangGloss, not poses: use evaluateTokenModel',
    );
  }
  const split = options.split ?? 'dev';
  const timings = options.timings ?? ['ground-truth', 'free-running'];
  const max = options.maxSequences ?? Number.POSITIVE_INFINITY;
  const all = empty();
  const per = new Map<string, Accumulator>();
  const filter = options.language === undefined ? { split } : { split, language: options.language };
  for await (const row of reader.rows(filter)) {
    if (all.n >= max) break;
    if (sourceOf(row, model.input).trim() === '') continue;
    if (!options.includeNoisy && isNoisyRow(row)) continue;
    const scores = scoreRow(model, row, timings, options.maxFrames);
    const lang = per.get(row.language) ?? empty();
    per.set(row.language, lang);
    for (const acc of [all, lang]) {
      acc.n++;
      for (const [key, value] of Object.entries(scores)) acc[key as keyof Omit<Accumulator, 'n'>].push(value);
    }
    options.onSequence?.(all.n);
  }
  if (all.n === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Split "${split}" of ${reader.dir} has no sequence with a ${model.input} to evaluate${options.language ? ` in language "${options.language}"` : ''}`,
    );
  }
  const byLanguage: Record<string, PoseMetrics> = {};
  for (const [lang, acc] of [...per].sort(([a], [b]) => a.localeCompare(b))) byLanguage[lang] = finish(acc);
  return { split, ...finish(all), byLanguage };
}
