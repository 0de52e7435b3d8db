/**
 * `trainTokenizer`: builds a word or subword (BPE) tokenizer from an iterable of texts. Training is
 * deterministic: the same texts and options give the same vocabulary and merges, in the same order.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { TOKENIZER_KINDS } from '../schemas/model-config.ts';
import {
  compareCodePoints,
  preTokenizeSubword,
  reservedMatcher,
  segmentText,
  splitOnWhitespace,
} from './normalise-text.ts';
import { reservedTokenProblem } from './reserved-token-problem.ts';
import { MAX_RESERVED, MAX_TOKEN_LENGTH, MAX_VOCAB_SIZE, SPECIAL_TOKENS } from './special-tokens.ts';
import { createSubwordTokenizer } from './subword-tokenizer.ts';
import type { Tokenizer, TrainTokenizerOptions } from './tokenizer.ts';
import { trainBpe } from './train-bpe.ts';
import { createWordTokenizer } from './word-tokenizer.ts';

interface CheckedOptions {
  kind: 'word' | 'subword';
  vocabSize: number;
  lowercase: boolean;
  minFrequency: number;
  reserved: string[];
}

function invalid(message: string, details?: Record<string, unknown>): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, `trainTokenizer: ${message}`, { details });
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

function checkOptions(options: TrainTokenizerOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options must be an object');
  const { kind, vocabSize, lowercase, minFrequency = 1, reserved = [] } = options;
  if (!(TOKENIZER_KINDS as readonly unknown[]).includes(kind)) {
    throw invalid(`kind must be ${formatOptions(TOKENIZER_KINDS)}, got ${JSON.stringify(kind)}`);
  }
  if (!isCount(vocabSize, MAX_VOCAB_SIZE)) {
    throw invalid(`vocabSize must be an integer in [1, ${MAX_VOCAB_SIZE}], got ${String(vocabSize)}`);
  }
  if (lowercase !== undefined && typeof lowercase !== 'boolean') {
    throw invalid(`lowercase must be true or false, got ${String(lowercase)}`);
  }
  if (!isCount(minFrequency, Number.MAX_SAFE_INTEGER)) {
    throw invalid(`minFrequency must be a positive integer, got ${String(minFrequency)}`);
  }
  if (!Array.isArray(reserved) || reserved.length > MAX_RESERVED) {
    throw invalid(`reserved must be an array of at most ${MAX_RESERVED} strings`);
  }
  const seen = new Set<string>();
  reserved.forEach((token: unknown, i) => {
    const problem = reservedTokenProblem(token);
    if (problem !== undefined) throw invalid(`reserved[${i}] ${JSON.stringify(token)} ${problem}`);
    if (seen.has(token as string)) throw invalid(`reserved[${i}] ${JSON.stringify(token)} is repeated`);
    seen.add(token as string);
  });
  return { kind, vocabSize, lowercase: lowercase ?? kind === 'subword', minFrequency, reserved: [...seen] };
}

/** Counts the words of every text, as `split` cuts its non-reserved parts. */
function countWords(
  texts: Iterable<string>,
  options: CheckedOptions,
  split: (text: string) => string[],
): Map<string, number> {
  if (texts === null || typeof (texts as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== 'function') {
    throw invalid('texts must be an iterable of strings (an array, a Set, a generator, …)');
  }
  const matcher = reservedMatcher(options.reserved);
  const counts = new Map<string, number>();
  let i = 0;
  for (const text of texts) {
    if (typeof text !== 'string') throw invalid(`texts[${i}] is not a string`, { index: i });
    for (const part of segmentText(text, options.lowercase, matcher)) {
      if (part.reserved) continue;
      for (const word of split(part.text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    i++;
  }
  return counts;
}

/** Longest word (in code points) BPE training looks at whole; longer ones are cut into pieces this long. */
const TRAINING_WORD_LENGTH = 100;

/** Subword pre-tokenization for training: long words are cut, so one merge never rescans a huge word. */
function trainingWords(text: string): string[] {
  const words = preTokenizeSubword(text);
  if (words.every((w) => w.length <= TRAINING_WORD_LENGTH)) return words;
  return words.flatMap((w) => {
    if (w.length <= TRAINING_WORD_LENGTH) return [w];
    const chars = Array.from(w);
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += TRAINING_WORD_LENGTH) {
      pieces.push(chars.slice(i, i + TRAINING_WORD_LENGTH).join(''));
    }
    return pieces;
  });
}

/** The `room` most frequent words (ties: code-point order) seen at least `minFrequency` times. */
function topWords(
  counts: Map<string, number>,
  room: number,
  minFrequency: number,
  taken: Set<string>,
): string[] {
  return [...counts]
    .filter(([word, n]) => n >= minFrequency && word.length <= MAX_TOKEN_LENGTH && !taken.has(word))
    .sort((x, y) => y[1] - x[1] || compareCodePoints(x[0], y[0]))
    .slice(0, Math.max(0, room))
    .map(([word]) => word);
}

/**
 * Trains a tokenizer on `texts`. Ids 0..3 are the specials, then the reserved tokens in the order
 * given. Word kind: then the most frequent words (ties in code-point order) up to `vocabSize`.
 * Subword kind: then '▁', the character alphabet (by frequency) and the learned merges. When
 * `vocabSize` is smaller than specials + reserved (+ alphabet), those are all kept anyway, so the
 * tokenizer's `vocabSize` is larger than asked. For subword training, a word longer than 100 code
 * points is learned from in 100-code-point pieces (encoding still handles it whole).
 *
 * @throws SignLLMError `invalid_argument` for bad options or a text that is not a string.
 * @example
 * ```ts
 * const tok = trainTokenizer(sentences, { kind: 'subword', vocabSize: 2000, reserved: ['<ase>'] });
 * tok.encode('<ase> good morning'); // [4, ...]
 * ```
 */
export function trainTokenizer(texts: Iterable<string>, options: TrainTokenizerOptions): Tokenizer {
  const o = checkOptions(options);
  const fixed = [...SPECIAL_TOKENS, ...o.reserved];
  if (o.kind === 'word') {
    const counts = countWords(texts, o, splitOnWhitespace);
    const words = topWords(counts, o.vocabSize - fixed.length, o.minFrequency, new Set(fixed));
    return createWordTokenizer([...fixed, ...words], o.reserved, o.lowercase);
  }
  const counts = countWords(texts, o, trainingWords);
  const { vocab, merges } = trainBpe(counts, { fixed, vocabSize: o.vocabSize, minFrequency: o.minFrequency });
  return createSubwordTokenizer(vocab, merges, o.reserved, o.lowercase);
}
