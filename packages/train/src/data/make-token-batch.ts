/**
 * `makeTokenBatch`: packs (source, target) string pairs into a `TokenBatch` for the token model
 * (Prompt2LangGloss stage 1): sources end with </s> (3); target input = <s> (2) + tokens, target
 * output = tokens + </s>; everything padded with 0.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { TokenBatch } from '../model/batch-types.ts';
import { checkInteger } from './check-args.ts';
import { encodeChecked, encodeWithEos, packTokens } from './encode-tokens.ts';
import { BOS_ID, EOS_ID, type TokenEncoder } from './token-encoder.ts';

/** One example to pack into a token batch. */
export interface TokenExampleRow {
  /** Global example index (goes to `TokenBatch.rows`). */
  example: number;
  source: string;
  target: string;
}

/** Options of `makeTokenBatch`. */
export interface TokenBatchOptions {
  sourceEncoder: TokenEncoder;
  targetEncoder: TokenEncoder;
  /** Most source tokens, `</s>` included (≥ 1). */
  maxSourceLength: number;
  /** Most target steps L, `<s>` / `</s>` included (≥ 1): targets keep their first L−1 tokens. */
  maxTargetLength: number;
}

/**
 * Builds a `TokenBatch`. `lengths[b]` is sample b's target steps (tokens + 1). Throws
 * `invalid_argument` for an empty batch, bad lengths or tokenizer ids out of range.
 *
 * @example
 * ```ts
 * const batch = makeTokenBatch([{ example: 0, source: 'hello', target: '<ase> HELLO' }],
 *   { sourceEncoder, targetEncoder, maxSourceLength: 64, maxTargetLength: 64 });
 * ```
 */
export function makeTokenBatch(rows: readonly TokenExampleRow[], options: TokenBatchOptions): TokenBatch {
  const maxSourceLength = checkInteger('maxSourceLength', options.maxSourceLength, 1);
  const maxTargetLength = checkInteger('maxTargetLength', options.maxTargetLength, 1);
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'A token batch needs at least one row');
  }
  for (const [b, r] of rows.entries()) {
    if (
      !Number.isInteger(r?.example) ||
      r.example < 0 ||
      typeof r.source !== 'string' ||
      typeof r.target !== 'string'
    ) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Token batch row ${b}: needs an integer example ≥ 0 and string source and target`,
      );
    }
  }
  const size = rows.length;
  const source = packTokens(rows.map((r) => encodeWithEos(options.sourceEncoder, r.source, maxSourceLength)));
  const targets = rows.map((r) =>
    encodeChecked(options.targetEncoder, r.target).slice(0, maxTargetLength - 1),
  );
  const lengths = new Int32Array(targets.map((t) => t.length + 1));
  const targetLength = lengths.reduce((m, l) => Math.max(m, l), 0);
  const targetInput = new Int32Array(size * targetLength);
  const targetOutput = new Int32Array(size * targetLength);
  const targetMask = new Float32Array(size * targetLength);
  for (const [b, tokens] of targets.entries()) {
    const base = b * targetLength;
    targetInput[base] = BOS_ID;
    targetInput.set(tokens, base + 1);
    targetOutput.set(tokens, base);
    targetOutput[base + tokens.length] = EOS_ID;
    targetMask.fill(1, base, base + tokens.length + 1);
  }
  return {
    size,
    sourceLength: source.length,
    targetLength,
    sourceIds: source.ids,
    sourceMask: source.mask,
    targetInput,
    targetOutput,
    targetMask,
    lengths,
    rows: new Int32Array(rows.map((r) => r.example)),
  };
}
