/**
 * Evaluation of a Prompt2LangGloss stage 1 model: for each row, the prompt (or the model's input
 * column) is decoded greedily or by beam search to LangGloss, and compared with the row's LangGloss:
 * exact-match rate (the whole LangGloss right) and token accuracy (1 − word edit distance / length).
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { DatasetReader } from '@signllm/data';
import type { SignModel } from '../train/sign-model.ts';
import { encodeSource, sourceOf } from './pose-frames.ts';

/** Options of `evaluateTokenModel`. */
export interface EvaluateTokenOptions {
  split?: string;
  maxSequences?: number;
  /** 1 = greedy (default); more = beam search. */
  beamSize?: number;
  /** Called with each (expected, produced) pair. */
  onSequence?: (expected: string, produced: string) => void;
}

/** Result of `evaluateTokenModel`. */
export interface TokenEvaluation {
  split: string;
  sequences: number;
  exactMatch: number;
  tokenAccuracy: number;
  byLanguage: Record<string, { sequences: number; exactMatch: number; tokenAccuracy: number }>;
}

function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Decodes one input string to LangGloss with a stage 1 model. */
export function translateToLangGloss(model: SignModel, input: string, beamSize = 1): string {
  const tm = model.tokenModel;
  if (!tm) throw new SignLLMError(ERROR_CODES.invalidArgument, 'Not a stage 1 (prompt → LangGloss) model');
  const ids = encodeSource(tm.source, input, model.config.architecture.maxSourceLength);
  const maxLength = model.config.architecture.maxSourceLength;
  const out = beamSize > 1 ? tm.net.beam(ids, { beamSize, maxLength }) : tm.net.greedy(ids, maxLength);
  return tm.target.decode(out);
}

/**
 * Evaluates a stage 1 model on a split.
 *
 * @example
 * ```ts
 * const { exactMatch } = await evaluateTokenModel(model, await openDataset('out/synth'), { split: 'test' });
 * ```
 */
export async function evaluateTokenModel(
  model: SignModel,
  reader: DatasetReader,
  options: EvaluateTokenOptions = {},
): Promise<TokenEvaluation> {
  const split = options.split ?? 'dev';
  const max = options.maxSequences ?? Number.POSITIVE_INFINITY;
  const tm = model.tokenModel;
  if (!tm) throw new SignLLMError(ERROR_CODES.invalidArgument, 'Not a stage 1 (prompt → LangGloss) model');
  const per = new Map<string, { n: number; exact: number; acc: number }>();
  let n = 0;
  let exact = 0;
  let acc = 0;
  for await (const row of reader.rows({ split })) {
    if (n >= max) break;
    const input = sourceOf(row, model.input);
    if (input.trim() === '' || row.langGloss.trim() === '') continue;
    const produced = translateToLangGloss(model, input, options.beamSize ?? 1);
    const expectedTokens = tm.target.decode(tm.target.encode(row.langGloss)).split(/\s+/).filter(Boolean);
    const producedTokens = produced.split(/\s+/).filter(Boolean);
    const isExact = expectedTokens.join(' ') === producedTokens.join(' ') ? 1 : 0;
    const accuracy = Math.max(
      0,
      1 - editDistance(expectedTokens, producedTokens) / Math.max(1, expectedTokens.length),
    );
    options.onSequence?.(expectedTokens.join(' '), producedTokens.join(' '));
    n++;
    exact += isExact;
    acc += accuracy;
    const l = per.get(row.language) ?? { n: 0, exact: 0, acc: 0 };
    l.n++;
    l.exact += isExact;
    l.acc += accuracy;
    per.set(row.language, l);
  }
  if (n === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Split "${split}" of ${reader.dir} has no row with a ${model.input} and a LangGloss`,
    );
  }
  const byLanguage: TokenEvaluation['byLanguage'] = {};
  for (const [lang, l] of [...per].sort(([a], [b]) => a.localeCompare(b))) {
    byLanguage[lang] = { sequences: l.n, exactMatch: l.exact / l.n, tokenAccuracy: l.acc / l.n };
  }
  return { split, sequences: n, exactMatch: exact / n, tokenAccuracy: acc / n, byLanguage };
}
