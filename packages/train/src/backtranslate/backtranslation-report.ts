/**
 * The JSON report of `signllm-train backtranslate eval` and where it lives in a run folder:
 * `<run>/eval/<split>-backtranslation.json` — in the pose-model run whose generated poses were
 * back-translated, or in the back-translation run itself for the ground-truth ceiling.
 * `signllm-train report` reads these files (and `eval --save`'s `<run>/eval/<split>-pose.json`).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ERROR_CODES, parseWith, SignLLMError } from '@signllm/core';
import { z } from 'zod';
import { writeJsonAtomic } from '../run/index.ts';
import type { BacktranslationScores } from './evaluate-backtranslation.ts';

/** `format` of every back-translation report. */
export const BACKTRANSLATION_REPORT_FORMAT = 'signllm-backtranslation-report';
/** Folder of evaluation reports inside a run folder. */
export const EVAL_DIR = 'eval';

/**
 * Path of a run's back-translation report for a split.
 *
 * @example
 * ```ts
 * backtranslationReportPath('runs/base', 'dev'); // 'runs/base/eval/dev-backtranslation.json'
 * ```
 */
export function backtranslationReportPath(runDir: string, split: string): string {
  return join(runDir, EVAL_DIR, `${split}-backtranslation.json`);
}

/**
 * Path of the pose evaluation report that `signllm-train eval --save` writes for a split.
 *
 * @example
 * ```ts
 * poseReportPath('runs/base', 'test'); // 'runs/base/eval/test-pose.json'
 * ```
 */
export function poseReportPath(runDir: string, split: string): string {
  return join(runDir, EVAL_DIR, `${split}-pose.json`);
}

const score = z.number().min(0).max(100);

/**
 * Scores of one group of sentences (all 0–100, as the paper prints them).
 *
 * @example
 * ```ts
 * BacktranslationMetricsSchema.parse({ count: 3, bleu1: 50, bleu2: 30, bleu3: 20, bleu4: 10, rougeL: 40 });
 * ```
 */
export const BacktranslationMetricsSchema = z.object({
  /** Sentences scored. */
  count: z.number().int().min(0),
  /** Cumulative BLEU-1 (sacreBLEU 2.x defaults, corpus level). */
  bleu1: score,
  bleu2: score,
  bleu3: score,
  bleu4: score,
  /** ROUGE-L F (β = 1.2), sentence mean × 100. */
  rougeL: score,
  /** Mean PT DTW of the generated (free-running) poses against the ground truth; absent for ground truth. */
  dtw: z.number().min(0).optional(),
});

/**
 * Schema of `<run>/eval/<split>-backtranslation.json`.
 *
 * @example
 * ```ts
 * const report = parseWith(BacktranslationReportSchema, JSON.parse(text), path);
 * ```
 */
export const BacktranslationReportSchema = z.object({
  /** Always `signllm-backtranslation-report`. */
  format: z.literal(BACKTRANSLATION_REPORT_FORMAT),
  /** Layout version (1). */
  version: z.literal(1),
  /** When it was written (ISO 8601). */
  createdAt: z.string(),
  /** Dataset split. */
  split: z.string().min(1),
  /** `ground-truth` (the ceiling) or `generated` by the pose model. */
  poses: z.enum(['ground-truth', 'generated']),
  /** Column the references come from. */
  target: z.enum(['text', 'gloss']),
  /** Beam size of the back-translation decoder (1 = greedy). */
  beamSize: z.number().int().min(1),
  /** Dataset folder, as given. */
  data: z.string(),
  /** Back-translation run, as given. */
  backtranslationModel: z.string(),
  /** Pose-model run whose poses were generated, as given. */
  poseModel: z.string().optional(),
  /** All languages together. */
  overall: BacktranslationMetricsSchema,
  /** Per language code. */
  byLanguage: z.record(z.string(), BacktranslationMetricsSchema),
  /** A few back-translated sentences per language. */
  examples: z.array(
    z.object({ id: z.string(), language: z.string(), reference: z.string(), hypothesis: z.string() }),
  ),
});

/** A parsed back-translation report. */
export type BacktranslationReport = z.infer<typeof BacktranslationReportSchema>;

/**
 * The report of an evaluation.
 *
 * @example
 * ```ts
 * const report = backtranslationReport(scores, { data: 'd', backtranslationModel: 'runs/bt', poseModel: 'runs/base' });
 * ```
 */
export function backtranslationReport(
  scores: BacktranslationScores,
  sources: { data: string; backtranslationModel: string; poseModel?: string | undefined },
): BacktranslationReport {
  return {
    format: BACKTRANSLATION_REPORT_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    split: scores.split,
    poses: scores.poses,
    target: scores.target,
    beamSize: scores.beamSize,
    data: sources.data,
    backtranslationModel: sources.backtranslationModel,
    ...(sources.poseModel === undefined ? {} : { poseModel: sources.poseModel }),
    overall: scores.overall,
    byLanguage: scores.byLanguage,
    examples: scores.examples,
  };
}

/**
 * Writes a report atomically, creating its folder.
 *
 * @example
 * ```ts
 * await writeBacktranslationReport(backtranslationReportPath('runs/base', 'test'), report);
 * ```
 */
export async function writeBacktranslationReport(path: string, report: BacktranslationReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeJsonAtomic(path, report);
}

/**
 * Reads and validates a report; undefined when the file does not exist.
 *
 * @throws SignLLMError `format_invalid` (not JSON) or `schema_invalid`, naming the file.
 * @example
 * ```ts
 * const report = await readBacktranslationReport('runs/base/eval/test-backtranslation.json');
 * ```
 */
export async function readBacktranslationReport(path: string): Promise<BacktranslationReport | undefined> {
  const value = await readJsonIfExists(path);
  return value === undefined ? undefined : parseWith(BacktranslationReportSchema, value, path);
}

/**
 * Reads a JSON file, or undefined when it does not exist; `format_invalid` for bad JSON.
 *
 * @example
 * ```ts
 * const config = await readJsonIfExists('runs/base/config.json');
 * ```
 */
export async function readJsonIfExists(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SignLLMError(ERROR_CODES.badFormat, `${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
