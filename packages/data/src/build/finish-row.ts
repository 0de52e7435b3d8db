/**
 * The last step before a sample becomes a dataset row: its split (kept from the source, or chosen
 * from the id), a question-style prompt and its LangGloss tokens, all seeded by the id so every row
 * is reproducible on its own.
 */
import { ERROR_CODES, resolveLanguage, SignLLMError } from '@signllm/core';
import type { DatasetRow } from '../dataset/index.ts';
import { formatLangGloss, makePrompt, toLangGloss } from '../prompts/index.ts';
import type { Sample } from '../sample.ts';
import { repairMojibake } from '../util/repair-mojibake.ts';
import { createRng, hashString } from '../util/rng.ts';
import { assignSplit, type SplitRatios } from './assign-split.ts';

/**
 * The error for a sample that has no sign language and no default: raised early by the builder (before
 * any lifting) and here as the last line of defence.
 *
 * @example
 * ```ts
 * missingLanguage('clip-1').message; // 'clip-1 has no sign language: give it in a metadata mapping or with --language'
 * ```
 */
export function missingLanguage(id: string): SignLLMError {
  return new SignLLMError(
    ERROR_CODES.invalidArgument,
    `${id} has no sign language: give it in a metadata mapping or with --language`,
  );
}

/** How rows are finished. */
export interface FinishRowOptions {
  /** Seed of splits and prompts. */
  seed: number;
  /** Split shares for samples whose source fixes no split (or all samples with `resplit`). */
  splits: SplitRatios;
  /** Ignore splits the sources give and assign every sample by its id (default false). */
  resplit?: boolean;
  /** Language of samples that have none. */
  language?: string;
}

/**
 * Turns a processed sample into a dataset row.
 *
 * @throws SignLLMError `invalid_argument` when the sample has no language and no default is given.
 * @example
 * ```ts
 * const row = finishRow(sample, { seed: 1, splits: DEFAULT_SPLITS });
 * row.prompt; // e.g. 'How do you sign "the sky is blue" in ASL?'
 * ```
 */
export function finishRow(sample: Sample, options: FinishRowOptions): DatasetRow {
  const lang = sample.language ?? options.language;
  if (lang === undefined) throw missingLanguage(sample.id);
  const language = resolveLanguage(lang);
  const text = repairMojibake(sample.text ?? '').trim();
  const gloss = (sample.gloss ?? '').trim();
  const split =
    !options.resplit && sample.split !== undefined
      ? sample.split
      : assignSplit(sample.id, options.splits, options.seed);
  const rng = createRng(hashString(`${options.seed}:prompt:${sample.id}`));
  const prompt = text === '' ? '' : makePrompt(text, language, rng);
  const tokens =
    gloss === '' && text === '' ? [] : toLangGloss(language, gloss === '' ? undefined : gloss, text);
  return { ...sample, language, text, gloss, split, prompt, langGloss: formatLangGloss(tokens) };
}
