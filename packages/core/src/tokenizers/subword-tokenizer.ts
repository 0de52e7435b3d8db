/**
 * The subword (byte-pair-encoding) tokenizer for spoken-language text and prompts: NFKC, optional
 * lowercasing, reserved tokens cut out whole, words with punctuation split off and '▁' marking a word
 * start, then BPE merges by rank. Characters outside the vocabulary become one `<unk>` each. Segmented
 * words are cached, so encoding is linear in the text for repeated words.
 */

import { type BpeMerges, pairKey, segmentWord, type WordSegments } from './bpe-segment.ts';
import { preTokenizeSubword, reservedMatcher, segmentText } from './normalise-text.ts';
import { SPECIAL_COUNT, WORD_START } from './special-tokens.ts';
import type { Tokenizer } from './tokenizer.ts';
import type { TokenizerJson } from './tokenizer-json.ts';
import { TOKENIZER_FORMAT, TOKENIZER_FORMAT_VERSION } from './tokenizer-json.ts';
import { Vocabulary } from './vocabulary.ts';

/** Words longer than this (in UTF-16 code units) are not cached. */
const CACHED_WORD_LENGTH = 64;
/** The cache is emptied when it holds this many words, which bounds its memory. */
const CACHE_ENTRIES = 50_000;

class SubwordTokenizer implements Tokenizer {
  readonly kind: 'subword' = 'subword';
  readonly lowercase: boolean;
  private readonly vocab: Vocabulary;
  private readonly merges: readonly (readonly [string, string])[];
  private readonly bpe: BpeMerges;
  private readonly reserved: readonly string[];
  private readonly reservedIds: ReadonlySet<number>;
  private readonly matcher: RegExp | undefined;
  private readonly cache = new Map<string, WordSegments>();

  constructor(
    vocab: readonly string[],
    merges: readonly (readonly [string, string])[],
    reserved: readonly string[],
    lowercase: boolean,
  ) {
    this.vocab = new Vocabulary(vocab);
    this.merges = merges;
    this.reserved = reserved;
    this.lowercase = lowercase;
    this.matcher = reservedMatcher(reserved);
    this.reservedIds = new Set(reserved.map((token) => this.vocab.idOf(token)));
    const rank = new Map<number, number>();
    const result: number[] = [];
    const index = this.vocab.index;
    merges.forEach(([left, right], r) => {
      rank.set(pairKey(index.get(left) as number, index.get(right) as number), r);
      result.push(index.get(left + right) as number);
    });
    this.bpe = { rank, result };
  }

  get vocabSize(): number {
    return this.vocab.size;
  }

  private segment(word: string): WordSegments {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const segments = segmentWord(word, this.vocab.index, this.bpe);
    if (word.length <= CACHED_WORD_LENGTH) {
      if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
      this.cache.set(word, segments);
    }
    return segments;
  }

  private walk(text: string, visit: (id: number, piece: string) => void): void {
    for (const part of segmentText(text, this.lowercase, this.matcher)) {
      if (part.reserved) {
        visit(this.vocab.idOf(part.text), part.text);
        continue;
      }
      for (const word of preTokenizeSubword(part.text)) {
        const { ids, pieces } = this.segment(word);
        for (let i = 0; i < ids.length; i++) visit(ids[i] as number, pieces[i] as string);
      }
    }
  }

  encode(text: string): number[] {
    const out: number[] = [];
    this.walk(text, (id) => out.push(id));
    return out;
  }

  tokens(text: string): string[] {
    const out: string[] = [];
    this.walk(text, (_, piece) => out.push(piece));
    return out;
  }

  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      const token = this.vocab.tokenOf(id);
      if (id < SPECIAL_COUNT) continue;
      text += this.reservedIds.has(id) ? ` ${token} ` : token.replaceAll(WORD_START, ' ');
    }
    return text.replace(/ {2,}/g, ' ').trim();
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
      kind: 'subword',
      lowercase: this.lowercase,
      vocab: [...this.vocab.tokens],
      merges: this.merges.map(([left, right]): [string, string] => [left, right]),
      reserved: [...this.reserved],
    };
  }
}

/**
 * A subword tokenizer over a validated vocabulary and merge list (every part and result in the
 * vocabulary, '▁' in it). Use `trainTokenizer` or `loadTokenizer` rather than calling this directly.
 *
 * @example
 * ```ts
 * const tok = createSubwordTokenizer(vocab, [['▁', 'a'], ['▁a', 'b']], [], true);
 * tok.tokens('ab ab'); // ['▁ab', '▁ab']
 * ```
 */
export function createSubwordTokenizer(
  vocab: readonly string[],
  merges: readonly (readonly [string, string])[],
  reserved: readonly string[],
  lowercase: boolean,
): Tokenizer {
  return new SubwordTokenizer(vocab, merges, reserved, lowercase);
}
