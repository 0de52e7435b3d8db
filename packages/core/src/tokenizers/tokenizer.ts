/**
 * The `Tokenizer` interface that both kinds (word and subword/BPE) implement, and the options of
 * `trainTokenizer`. Training, the saved bundle and inference in Node and the browser all go through it.
 */
import type { TokenizerKind } from '../schemas/model-config.ts';
import type { TokenizerJson } from './tokenizer-json.ts';

/**
 * A trained tokenizer: text ↔ token ids. Ids 0..3 are `<pad>`, `<unk>`, `<s>`, `</s>` in every
 * tokenizer; `encode` adds none of them except `<unk>` for what the vocabulary lacks.
 *
 * @example
 * ```ts
 * const tok = trainTokenizer(['<ase> HOUSE <ase> BIG'], { kind: 'word', vocabSize: 100 });
 * tok.decode(tok.encode('<ase> HOUSE')); // '<ase> HOUSE'
 * ```
 */
export interface Tokenizer {
  /** `'word'`: whole whitespace-separated words; `'subword'`: byte-pair-encoding pieces. */
  readonly kind: TokenizerKind;
  /** Number of vocabulary entries, the 4 specials included (the model's embedding size). */
  readonly vocabSize: number;
  /** Whether text (but not reserved tokens) is lowercased before tokenizing. */
  readonly lowercase: boolean;
  /** Token ids of `text`; no `<s>`/`</s>` are added. */
  encode(text: string): number[];
  /**
   * Text of `ids`, skipping ids 0..3. Word tokenizers join the words with one space; subword
   * tokenizers join the pieces, turn each '▁' into a space, put reserved tokens between spaces,
   * collapse runs of spaces and trim.
   *
   * @throws SignLLMError `invalid_argument` for an id that is not an integer in [0, vocabSize).
   */
  decode(ids: ArrayLike<number>): string;
  /** The pieces (subword) or words (word) that `encode` maps to ids, one per id, in order. */
  tokens(text: string): string[];
  /** Id of an exact vocabulary entry (no normalisation), or `UNK_ID` when it is absent. */
  idOf(token: string): number;
  /**
   * Vocabulary entry of `id`.
   *
   * @throws SignLLMError `invalid_argument` for an id that is not an integer in [0, vocabSize).
   */
  tokenOf(id: number): string;
  /** A plain JSON-able description that `loadTokenizer` turns back into an identical tokenizer. */
  toJSON(): TokenizerJson;
}

/**
 * Options of `trainTokenizer`.
 *
 * @example
 * ```ts
 * const options: TrainTokenizerOptions = { kind: 'subword', vocabSize: 4000, reserved: ['<ase>'] };
 * ```
 */
export interface TrainTokenizerOptions {
  /** `'word'` (glosses, LangGloss) or `'subword'` (BPE, for spoken-language text and prompts). */
  kind: TokenizerKind;
  /**
   * Target vocabulary size, specials and reserved tokens included (an integer in [1, 1,000,000]).
   * Word: the most frequent words fill it. Subword: merges are learned until it is reached, but the
   * full character alphabet is always kept, so a smaller target gives a larger vocabulary.
   */
  vocabSize: number;
  /** Lowercase text (not reserved tokens) first. Default: true for subword, false for word. */
  lowercase?: boolean;
  /** Words (word kind) or characters (subword kind) seen fewer times are left out. Default 1. */
  minFrequency?: number;
  /**
   * Tokens always in the vocabulary (ids 4, 5, … in this order), recognised whole anywhere in the
   * text and never split or lowercased, e.g. language tags `'<ase>'`. No whitespace, NFKC-stable.
   */
  reserved?: readonly string[];
}
