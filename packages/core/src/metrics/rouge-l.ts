/**
 * `rougeL`: sentence-level ROUGE-L (longest common subsequence F-measure) averaged over sentences, the
 * convention of the back-translation evaluation code used in sign-language production (the MS-COCO
 * `Rouge` scorer with β = 1.2 that neccam/slt and Progressive Transformers call). Digest §7.1.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { assertSameLength } from './input-checks.ts';
import { splitWhitespace } from './tokenize-13a.ts';

/** Options of `rougeL`. */
export interface RougeLOptions {
  /** Weight of recall against precision in the F-measure. Default 1.2 (the MS-COCO / SLT value). */
  beta?: number;
  /** Lower-case (JavaScript `toLowerCase`) before tokenising. Default true. */
  lowercase?: boolean;
  /**
   * Turns a (possibly lower-cased) sentence into tokens. Default: split on whitespace runs, dropping
   * empty tokens. Pass `(s) => s.split(' ')` to copy the Python scorer's `split(" ")` exactly.
   */
  tokenize?: (sentence: string) => string[];
}

/** ROUGE-L averaged over sentences, each in 0..1 (papers print 100 × f). */
export interface RougeLResult {
  /** Mean sentence F-measure (1 + β²)·P·R / (R + β²·P), 0 for a sentence with no common token. */
  f: number;
  /** Mean sentence precision LCS / |hypothesis|. */
  precision: number;
  /** Mean sentence recall LCS / |reference|. */
  recall: number;
}

/** Length of the longest common subsequence of two token lists (O(|a|·|b|) time, O(|b|) memory). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0; // row[j − 1] of the previous i
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

/**
 * ROUGE-L of each hypothesis against its reference, averaged over the sentences.
 *
 * Per sentence: LCS over tokens, P = LCS / |hyp|, R = LCS / |ref|,
 * F = (1 + β²)·P·R / (R + β²·P) when P > 0 and R > 0, else 0. A hypothesis and reference that are
 * both empty score P = R = F = 1 (identical); one empty side scores 0.
 *
 * Throws `SignLLMError`: `misaligned` for lists of different lengths, `invalidArgument` for an empty
 * list, a non-string entry or a β that is not a finite number > 0.
 *
 * @example
 * ```ts
 * rougeL(['the cat sat'], ['the cat sat down']).f; // P = 1, R = 0.75 → F = 1.83 / 2.19 ≈ 0.8356
 * ```
 */
export function rougeL(
  hypotheses: readonly string[],
  references: readonly string[],
  options: RougeLOptions = {},
): RougeLResult {
  assertSameLength(hypotheses, references, 'ROUGE-L');
  const beta = options.beta ?? 1.2;
  if (!Number.isFinite(beta) || beta <= 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `beta must be a finite number > 0, got ${beta}`);
  }
  if (hypotheses.length === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'ROUGE-L needs at least one sentence pair');
  }
  const lowercase = options.lowercase !== false;
  const tokenize = options.tokenize ?? splitWhitespace;
  const tokens = (s: unknown, what: string): string[] => {
    if (typeof s !== 'string') {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `${what} must be a string, got ${typeof s}`);
    }
    return tokenize(lowercase ? s.toLowerCase() : s);
  };
  const b2 = beta * beta;
  let f = 0;
  let precision = 0;
  let recall = 0;
  hypotheses.forEach((h, i) => {
    const hyp = tokens(h, `hypotheses[${i}]`);
    const ref = tokens(references[i], `references[${i}]`);
    if (hyp.length === 0 && ref.length === 0) {
      f += 1;
      precision += 1;
      recall += 1;
      return;
    }
    const lcs = lcsLength(hyp, ref);
    const p = hyp.length === 0 ? 0 : lcs / hyp.length;
    const r = ref.length === 0 ? 0 : lcs / ref.length;
    precision += p;
    recall += r;
    if (p > 0 && r > 0) f += ((1 + b2) * p * r) / (r + b2 * p);
  });
  const n = hypotheses.length;
  return { f: f / n, precision: precision / n, recall: recall / n };
}
