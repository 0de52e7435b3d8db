/**
 * The word-level tokenizer (glosses and LangGloss such as `<ase> HOUSE <ase> BIG`): NFKC, optional
 * lowercasing, reserved tokens cut out whole, the rest split on whitespace; each word is one id, a
 * word outside the vocabulary is `<unk>`.
 */

import { reservedMatcher, segmentText, splitOnWhitespace } from './normalise-text.ts';
import { SPECIAL_COUNT, UNK_ID } from './special-tokens.ts';
import type { Tokenizer } from './tokenizer.ts';
import type { TokenizerJson } from './tokenizer-json.ts';
import { TOKENIZER_FORMAT, TOKENIZER_FORMAT_VERSION } from './tokenizer-json.ts';
import { Vocabulary } from './vocabulary.ts';

class WordTokenizer implements Tokenizer {
  readonly kind: 'word' = 'word';
  readonly lowercase: boolean;
  private readonly vocab: Vocabulary;
  private readonly reserved: readonly string[];
  private readonly matcher: RegExp | undefined;

  constructor(vocab: readonly string[], reserved: readonly string[], lowercase: boolean) {
    this.vocab = new Vocabulary(vocab);
    this.reserved = reserved;
    this.lowercase = lowercase;
    this.matcher = reservedMatcher(reserved);
  }

  get vocabSize(): number {
    return this.vocab.size;
  }

  tokens(text: string): string[] {
    const out: string[] = [];
    for (const segment of segmentText(text, this.lowercase, this.matcher)) {
      if (segment.reserved) out.push(segment.text);
      else for (const word of splitOnWhitespace(segment.text)) out.push(word);
    }
    return out;
  }

  encode(text: string): number[] {
    // A special token's text (e.g. a literal "<s>") in the input is an unknown word, not a special.
    return this.tokens(text).map((word) => {
      const id = this.vocab.idOf(word);
      return id < SPECIAL_COUNT ? UNK_ID : id;
    });
  }

  decode(ids: ArrayLike<number>): string {
    const words: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      const token = this.vocab.tokenOf(id);
      if (id >= SPECIAL_COUNT) words.push(token);
    }
    return words.join(' ');
  }

  idOf(token: string): number {
    return this.vocab.idOf(token);
  }

  tokenOf(id: number): string {
    return this.vocab.tokenOf(id);
  }

  toJSON(): TokenizerJson {
    return {
      format: TOKENIZER_FORMAT,
      version: TOKENIZER_FORMAT_VERSION,
      kind: 'word',
      lowercase: this.lowercase,
      vocab: [...this.vocab.tokens],
      reserved: [...this.reserved],
    };
  }
}

/**
 * A word tokenizer over a validated vocabulary (specials at 0..3, no duplicates, reserved tokens in it).
 * Use `trainTokenizer` or `loadTokenizer` rather than calling this directly.
 *
 * @example
 * ```ts
 * const tok = createWordTokenizer(['<pad>', '<unk>', '<s>', '</s>', '<ase>', 'HOUSE'], ['<ase>'], false);
 * tok.encode('<ase> HOUSE CAR'); // [4, 5, 1]
 * ```
 */
export function createWordTokenizer(
  vocab: readonly string[],
  reserved: readonly string[],
  lowercase: boolean,
): Tokenizer {
  return new WordTokenizer(vocab, reserved, lowercase);
}
