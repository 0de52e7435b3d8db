/**
 * Token sequences for batches: encode, check the ids against the vocabulary, truncate and add the
 * end symbol, then pack a padded `B×L` id matrix with its mask.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { EOS_ID, type TokenEncoder } from './token-encoder.ts';

/**
 * `encoder.encode(text)` with every id checked to be an integer in `0..vocabSize−1`, truncated to
 * `maxLength − 1` tokens, then `</s>` (3) appended. Throws `invalid_argument` for a bad id.
 *
 * @example
 * ```ts
 * encodeWithEos(encoder, 'HELLO WORLD', 8); // e.g. [5, 6, 3]
 * ```
 */
export function encodeWithEos(encoder: TokenEncoder, text: string, maxLength: number): number[] {
  const ids = encodeChecked(encoder, text).slice(0, maxLength - 1);
  ids.push(EOS_ID);
  return ids;
}

/**
 * `encoder.encode(text)` with every id checked (an integer in `0..vocabSize−1`).
 *
 * @example
 * ```ts
 * encodeChecked(encoder, 'HELLO'); // e.g. [5]
 * ```
 */
export function encodeChecked(encoder: TokenEncoder, text: string): number[] {
  const ids = encoder.encode(text);
  if (!Array.isArray(ids)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `The tokenizer returned ${typeof ids}, not an array of ids`,
    );
  }
  const vocab = encoder.vocabSize;
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id >= vocab) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `The tokenizer returned id ${String(id)} for "${text.slice(0, 80)}"; ids must be integers in 0..${vocab - 1}`,
        { details: { id, vocabSize: vocab } },
      );
    }
  }
  return ids;
}

/** A padded id matrix and its mask. */
export interface PackedTokens {
  /** Longest sequence L. */
  length: number;
  /** `B×L` ids, padded with 0. */
  ids: Int32Array;
  /** `B×L`, 1 = real token. */
  mask: Float32Array;
}

/**
 * Packs id sequences into a padded `B×L` matrix (L = the longest) and its mask.
 *
 * @example
 * ```ts
 * packTokens([[5, 3], [3]]); // { length: 2, ids: [5, 3, 3, 0], mask: [1, 1, 1, 0] }
 * ```
 */
export function packTokens(sequences: readonly (readonly number[])[]): PackedTokens {
  const length = sequences.reduce((m, s) => Math.max(m, s.length), 0);
  const ids = new Int32Array(sequences.length * length);
  const mask = new Float32Array(sequences.length * length);
  for (const [b, seq] of sequences.entries()) {
    ids.set(seq, b * length);
    mask.fill(1, b * length, b * length + seq.length);
  }
  return { length, ids, mask };
}
