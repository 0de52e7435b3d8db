/**
 * Validation during training: the rows (the first usable, clean rows of the validation split) and the
 * score, PT's DTW for pose models (ground-truth timing or free-running) or 1 − exact match for stage 1.
 * Lower is better for both, which is what the plateau schedule expects.
 */
import { defaultModelInput, type ValidationTiming } from '@signllm/core';
import { type DatasetRow, openDataset } from '@signllm/data';
import { isNoisyRow, scoreRow } from '../eval/evaluate-pose-model.ts';
import { translateToLangGloss } from '../eval/evaluate-token-model.ts';
import { sourceOf } from '../eval/pose-frames.ts';
import type { EffectiveTrainConfig } from './load-train-config.ts';
import type { SignModel } from './sign-model.ts';

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** The rows validated on: the first `validation.maxSequences` usable, clean rows of the split (none when it is missing). */
export async function loadValidationRows(config: EffectiveTrainConfig, dir: string): Promise<DatasetRow[]> {
  const reader = await openDataset(dir);
  if (!(config.validation.split in reader.manifest.splits)) return [];
  const rows: DatasetRow[] = [];
  const input = config.model.input ?? defaultModelInput(config.model.mode);
  for await (const row of reader.rows({ split: config.validation.split })) {
    if (rows.length >= config.validation.maxSequences) break;
    if (!config.model.languages.includes(row.language) || sourceOf(row, input).trim() === '') continue;
    // low-quality rows (flagged by the data pipeline) would make the validation score noise
    if (isNoisyRow(row)) continue;
    if (config.model.mode === 'p2lg-stage1' && row.langGloss.trim() === '') continue;
    if (config.model.mode !== 'p2lg-stage1' && row.sequence.frames > config.loading.maxFrames) continue;
    rows.push(row);
  }
  return rows;
}

/** Validation score: PT DTW (pose models) or 1 − exact-match rate (stage 1); lower is better. */
export function validate(
  model: SignModel,
  rows: readonly DatasetRow[],
  timing: ValidationTiming,
): Record<string, number> {
  if (model.tokenModel) {
    let exact = 0;
    for (const row of rows) {
      const produced = translateToLangGloss(model, sourceOf(row, model.input));
      const expected = model.tokenModel.target.decode(model.tokenModel.target.encode(row.langGloss));
      if (produced.split(/\s+/).join(' ') === expected.split(/\s+/).join(' ')) exact++;
    }
    const exactMatch = exact / Math.max(1, rows.length);
    return { dtw: 1 - exactMatch, exactMatch };
  }
  const key = timing === 'ground-truth' ? 'dtw' : 'dtwFree';
  const scores = rows.map((row) => scoreRow(model, row, [timing])[key]!);
  return { dtw: mean(scores) };
}
