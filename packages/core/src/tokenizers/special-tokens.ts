/**
 * The four special tokens every SignLLM tokenizer starts with, at fixed ids: padding, unknown, start
 * and end of sequence. Models, batches and decoders rely on these ids, whatever the vocabulary.
 */

/**
 * Special tokens in id order: `<pad>` = 0, `<unk>` = 1, `<s>` = 2, `</s>` = 3.
 *
 * @example
 * ```ts
 * SPECIAL_TOKENS[EOS_ID]; // '</s>'
 * ```
 */
export const SPECIAL_TOKENS: readonly ['<pad>', '<unk>', '<s>', '</s>'] = Object.freeze([
  '<pad>',
  '<unk>',
  '<s>',
  '</s>',
] as const);

/**
 * Id of `<pad>`, the padding token (batches pad with 0).
 *
 * @example
 * ```ts
 * new Int32Array(8).fill(PAD_ID);
 * ```
 */
export const PAD_ID: 0 = 0;

/**
 * Id of `<unk>`, which stands for a word or character the vocabulary does not have.
 *
 * @example
 * ```ts
 * tokenizer.encode('zzz').includes(UNK_ID);
 * ```
 */
export const UNK_ID: 1 = 1;

/**
 * Id of `<s>`, the start of a target sequence.
 *
 * @example
 * ```ts
 * const targetInput = [BOS_ID, ...tokenizer.encode(gloss)];
 * ```
 */
export const BOS_ID: 2 = 2;

/**
 * Id of `</s>`, appended to source sequences and target outputs.
 *
 * @example
 * ```ts
 * const source = [...tokenizer.encode(text), EOS_ID];
 * ```
 */
export const EOS_ID: 3 = 3;

/** Number of special tokens: ids below this are special. */
export const SPECIAL_COUNT: number = SPECIAL_TOKENS.length;

/** Longest token (vocabulary entry or reserved token) in UTF-16 code units, in training and loading. */
export const MAX_TOKEN_LENGTH: number = 256;

/** Largest vocabulary (specials included) that training makes and loading accepts. */
export const MAX_VOCAB_SIZE: number = 1_000_000;

/** Most reserved tokens a tokenizer may have (they are matched with one regular expression). */
export const MAX_RESERVED: number = 10_000;

/** The word-start marker of subword pieces (U+2581 LOWER ONE EIGHTH BLOCK), as in SentencePiece. */
export const WORD_START: string = '\u2581';
