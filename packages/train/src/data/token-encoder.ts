/**
 * The tokenizer shape the data pipeline needs. Declared structurally here so the batch code does
 * not depend on a concrete tokenizer; any `@signllm/core` tokenizer with `encode` and `vocabSize`
 * satisfies it.
 */

/**
 * Turns text into token ids. Ids follow the shared convention: 0 = <pad>, 1 = <unk>, 2 = <s>,
 * 3 = </s>; `encode` returns only the content tokens (no <s> / </s>).
 *
 * @example
 * ```ts
 * const encoder: TokenEncoder = { vocabSize: 5, encode: (t) => t.split(' ').map(() => 4) };
 * ```
 */
export interface TokenEncoder {
  /** Content token ids of `text`, each an integer in `0..vocabSize-1`. */
  encode(text: string): number[];
  /** Number of ids, special tokens included. */
  readonly vocabSize: number;
}

export { BOS_ID, EOS_ID, PAD_ID } from '@signllm/core';
