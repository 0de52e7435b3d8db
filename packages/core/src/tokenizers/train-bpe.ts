/**
 * Byte-pair-encoding training on counted, pre-tokenized words. The alphabet is '▁' plus every
 * character seen at least `minFrequency` times; then the most frequent adjacent pair is merged
 * (ties: the pair whose left, then right, piece comes first in code-point order) until the vocabulary
 * reaches its target or no pair occurs twice. Pair counts are kept incrementally: a merge only
 * revisits the words that contain the pair, and a heap with lazy deletion finds the next best pair.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { BinaryHeap } from './binary-heap.ts';
import { PAIR_BASE, pairKey } from './bpe-segment.ts';
import { compareCodePoints } from './normalise-text.ts';
import { MAX_TOKEN_LENGTH, MAX_VOCAB_SIZE, WORD_START } from './special-tokens.ts';

/** What BPE training learned. */
export interface BpeTrainResult {
  /** Vocabulary in id order: the fixed tokens, '▁', the alphabet, then merge results. */
  vocab: string[];
  /** Merges in rank order. */
  merges: [string, string][];
}

/** Options of `trainBpe`. */
export interface BpeTrainOptions {
  /** Tokens at the start of the vocabulary (specials, reserved) that no merge may produce. */
  fixed: readonly string[];
  /** Target vocabulary size; the alphabet is kept whole even when it is larger. */
  vocabSize: number;
  /** Characters seen fewer times are left out of the alphabet (they encode as `<unk>`). */
  minFrequency: number;
}

interface Candidate {
  count: number;
  key: number;
}

/** Alphabet characters by count (descending), then code point. */
function alphabet(words: ReadonlyMap<string, number>, minFrequency: number): string[] {
  const counts = new Map<string, number>();
  for (const [word, freq] of words) {
    for (const ch of word) counts.set(ch, (counts.get(ch) ?? 0) + freq);
  }
  counts.delete(WORD_START);
  return [...counts]
    .filter(([, n]) => n >= minFrequency)
    .sort((x, y) => y[1] - x[1] || compareCodePoints(x[0], y[0]))
    .map(([ch]) => ch);
}

/**
 * Learns BPE merges from `words` (pre-tokenized word → count).
 *
 * @example
 * ```ts
 * const { vocab, merges } = trainBpe(new Map([['▁low', 5], ['▁lower', 2]]), { fixed: SPECIAL_TOKENS, vocabSize: 20, minFrequency: 1 });
 * merges[0]; // ['▁', 'l']
 * ```
 */
export function trainBpe(words: ReadonlyMap<string, number>, options: BpeTrainOptions): BpeTrainResult {
  const { fixed, vocabSize } = options;
  const vocab: string[] = [...fixed];
  const index = new Map<string, number>();
  for (const [id, token] of vocab.entries()) index.set(token, id);
  for (const ch of [WORD_START, ...alphabet(words, options.minFrequency)]) {
    if (!index.has(ch)) index.set(ch, vocab.push(ch) - 1);
  }
  if (vocab.length > MAX_VOCAB_SIZE) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `the training text has ${vocab.length - fixed.length - 1} distinct characters; a vocabulary holds at most ${MAX_VOCAB_SIZE} tokens`,
    );
  }

  // Words as symbol-id arrays; -1 marks a character outside the alphabet (it pairs with nothing).
  const syms: number[][] = [];
  const freq: number[] = [];
  for (const [word, f] of words) {
    syms.push(Array.from(word, (ch) => index.get(ch) ?? -1));
    freq.push(f);
  }
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, number[]>();
  const changed = new Set<number>();
  const addPair = (key: number, delta: number): void => {
    pairCount.set(key, (pairCount.get(key) ?? 0) + delta);
    changed.add(key);
  };
  const noteWord = (key: number, w: number): void => {
    const list = pairWords.get(key);
    if (list === undefined) pairWords.set(key, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };
  syms.forEach((s, w) => {
    for (let i = 0; i + 1 < s.length; i++) {
      const l = s[i] as number;
      const r = s[i + 1] as number;
      if (l < 0 || r < 0) continue;
      addPair(pairKey(l, r), freq[w] as number);
      noteWord(pairKey(l, r), w);
    }
  });

  const comparePair = (a: number, b: number): number =>
    compareCodePoints(
      vocab[Math.floor(a / PAIR_BASE)] as string,
      vocab[Math.floor(b / PAIR_BASE)] as string,
    ) || compareCodePoints(vocab[a % PAIR_BASE] as string, vocab[b % PAIR_BASE] as string);
  const heap = new BinaryHeap<Candidate>(
    (x, y) => x.count > y.count || (x.count === y.count && comparePair(x.key, y.key) < 0),
  );
  const banned = new Set<number>();
  const flushChanged = (): void => {
    for (const key of changed) {
      const count = pairCount.get(key) ?? 0;
      if (count <= 0) {
        pairCount.delete(key);
        pairWords.delete(key);
      } else if (count >= 2 && !banned.has(key)) heap.push({ count, key });
    }
    changed.clear();
  };
  flushChanged();

  const merges: [string, string][] = [];
  const merged = new Set<number>();
  const lastVisit = new Int32Array(syms.length).fill(-1);
  let step = 0;
  while (vocab.length < vocabSize) {
    const best = heap.pop();
    if (best === undefined) break;
    const { key } = best;
    if (pairCount.get(key) !== best.count || banned.has(key)) continue; // stale or banned
    if (best.count < 2) break;
    const a = Math.floor(key / PAIR_BASE);
    const b = key % PAIR_BASE;
    const left = vocab[a] as string;
    const right = vocab[b] as string;
    const text = left + right;
    const existing = index.get(text);
    // Never produce a special or reserved token, nor a token longer than a saved one may be.
    if (text.length > MAX_TOKEN_LENGTH || (existing !== undefined && existing < fixed.length)) {
      banned.add(key);
      continue;
    }
    let c = existing;
    if (c === undefined) {
      c = vocab.push(text) - 1;
      index.set(text, c);
    }
    if (!merged.has(key)) {
      merged.add(key);
      merges.push([left, right]);
    }
    for (const w of pairWords.get(key) ?? []) {
      if (lastVisit[w] === step) continue;
      lastVisit[w] = step;
      mergeInWord(syms, w, a, b, c, freq[w] as number, addPair, noteWord);
    }
    step++;
    flushChanged();
  }
  return { vocab, merges };
}

/** Replaces (a, b) by c in word w, left to right, and updates the pair counts. */
function mergeInWord(
  syms: number[][],
  w: number,
  a: number,
  b: number,
  c: number,
  f: number,
  addPair: (key: number, delta: number) => void,
  noteWord: (key: number, w: number) => void,
): void {
  const s = syms[w] as number[];
  let found = false;
  for (let i = 0; i + 1 < s.length && !found; i++) found = s[i] === a && s[i + 1] === b;
  if (!found) return;
  const t: number[] = [];
  for (let i = 0; i < s.length; ) {
    if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
      t.push(c);
      i += 2;
    } else {
      t.push(s[i] as number);
      i++;
    }
  }
  for (let i = 0; i + 1 < s.length; i++) {
    const l = s[i] as number;
    const r = s[i + 1] as number;
    if (l >= 0 && r >= 0) addPair(pairKey(l, r), -f);
  }
  for (let i = 0; i + 1 < t.length; i++) {
    const l = t[i] as number;
    const r = t[i + 1] as number;
    if (l < 0 || r < 0) continue;
    addPair(pairKey(l, r), f);
    if (l === c || r === c) noteWord(pairKey(l, r), w);
  }
  syms[w] = t;
}
