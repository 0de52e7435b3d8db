/**
 * Collects what `signllm-train report` tabulates from run folders: per split (DEV, TEST) the
 * back-translation report `<run>/eval/<split>-backtranslation.json` (BLEU-1..4, ROUGE-L and the DTW of
 * the generated poses, overall and per language); when that report has no DTW, the free-running DTW of
 * `eval --save`'s `<run>/eval/<split>-pose.json` (the same quantity); and the ablation label from
 * `<run>/config.json`.
 */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ERROR_CODES, parseWith, SignLLMError } from '@signllm/core';
import { z } from 'zod';
import {
  type BacktranslationReport,
  backtranslationReportPath,
  poseReportPath,
  readBacktranslationReport,
  readJsonIfExists,
} from '../backtranslate/backtranslation-report.ts';
import { ablationLabel } from './ablation-label.ts';

/**
 * The splits the tables have columns for by default, as the paper's DEV and TEST (`report --splits`
 * chooses others, e.g. `dev,train` for a dataset without a test split).
 *
 * @example
 * ```ts
 * REPORT_SPLITS; // ['dev', 'test']
 * ```
 */
export const REPORT_SPLITS = ['dev', 'test'] as const;

/** One table cell group: the numbers of one run, split and language (any may be missing). */
export interface ResultCell {
  bleu1?: number;
  bleu2?: number;
  bleu3?: number;
  bleu4?: number;
  rougeL?: number;
  dtw?: number;
}

/** A run's numbers for one split. */
export interface SplitResults {
  overall: ResultCell;
  byLanguage: Record<string, ResultCell>;
}

/** What a run folder contributes to the tables. */
export interface RunResults {
  /** The folder, as given. */
  dir: string;
  /** Its last path component. */
  name: string;
  /** Ablation label from `config.json`; undefined when the folder holds no pose-model training config. */
  label?: string;
  /** True when its reports back-translate ground-truth poses (a back-translation run: the ceiling). */
  groundTruth: boolean;
  /** Results by split (those asked for); a split without reports is absent. */
  splits: Partial<Record<string, SplitResults>>;
}

const dtwValue = z.number().nullable().optional();
/** The fields of `eval --save`'s pose report that the tables use (it holds more). */
const PoseReportSchema = z.object({
  dtwFreeRunning: dtwValue,
  byLanguage: z.record(z.string(), z.object({ dtwFreeRunning: dtwValue })).default({}),
});

function cellOf(m: BacktranslationReport['overall'] | undefined, dtw: number | null | undefined): ResultCell {
  const cell: ResultCell = m
    ? { bleu1: m.bleu1, bleu2: m.bleu2, bleu3: m.bleu3, bleu4: m.bleu4, rougeL: m.rougeL }
    : {};
  const d = m?.dtw ?? dtw;
  if (typeof d === 'number' && Number.isFinite(d)) cell.dtw = d;
  return cell;
}

/**
 * Reads one run folder's reports of `splits` (default `REPORT_SPLITS`) and its config.
 *
 * @throws SignLLMError `invalid_argument` when the folder does not exist; the readers' errors for a
 *   damaged report (naming the file).
 * @example
 * ```ts
 * const run = await readRunResults('runs/base'); // run.splits.dev?.overall.bleu4
 * ```
 */
export async function readRunResults(
  dir: string,
  splits: readonly string[] = REPORT_SPLITS,
): Promise<RunResults> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${dir} is not a folder (expected a run folder)`);
  }
  const found: RunResults['splits'] = {};
  const kinds: string[] = [];
  for (const split of splits) {
    const bt = await readBacktranslationReport(backtranslationReportPath(dir, split));
    const posePath = poseReportPath(dir, split);
    const rawPose = await readJsonIfExists(posePath);
    const pose = rawPose === undefined ? undefined : parseWith(PoseReportSchema, rawPose, posePath);
    if (!bt && !pose) continue;
    if (bt) kinds.push(bt.poses);
    const languages = new Set([...Object.keys(bt?.byLanguage ?? {}), ...Object.keys(pose?.byLanguage ?? {})]);
    const byLanguage: Record<string, ResultCell> = {};
    for (const language of languages) {
      byLanguage[language] = cellOf(bt?.byLanguage[language], pose?.byLanguage[language]?.dtwFreeRunning);
    }
    found[split] = { overall: cellOf(bt?.overall, pose?.dtwFreeRunning), byLanguage };
  }
  const label = ablationLabel(await readJsonIfExists(join(dir, 'config.json')));
  return {
    dir,
    name: basename(dir.replace(/[/\\]+$/, '')) || dir,
    ...(label === undefined ? {} : { label }),
    groundTruth: kinds.length > 0 && kinds.every((k) => k === 'ground-truth'),
    splits: found,
  };
}
