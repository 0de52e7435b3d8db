/**
 * BPE encoding of one pre-tokenized word: characters → ids (`<unk>` for a character outside the
 * vocabulary), then merges applied by rank, lowest first, leftmost first among equal ranks. A heap of
 * candidate pairs over a linked list of symbols keeps this O(n log n) in the word length.
 */
import { BinaryHeap } from './binary-heap.ts';
import { UNK_ID } from './special-tokens.ts';

/** Pair keys are `left · PAIR_BASE + right`; ids stay below 2^20 (vocabularies hold ≤ 1,000,000). */
export const PAIR_BASE: number = 2 ** 20;

/** The key of the adjacent pair (left, right) of ids. */
export function pairKey(left: number, right: number): number {
  return left * PAIR_BASE + right;
}

/** Merges in usable form: pair key → rank, and the id each rank produces. */
export interface BpeMerges {
  /** Rank (0 = applied first) of each mergeable pair. */
  readonly rank: ReadonlyMap<number, number>;
  /** Id of the merged token, by rank. */
  readonly result: ArrayLike<number>;
}

/** One segmented word: ids and the matching pieces (an unknown character is its own piece). */
export interface WordSegments {
  ids: number[];
  pieces: string[];
}

interface Candidate {
  rank: number;
  pos: number;
  left: number;
  right: number;
}

const candidateBefore = (a: Candidate, b: Candidate): boolean =>
  a.rank < b.rank || (a.rank === b.rank && a.pos < b.pos);

/**
 * Segments `word` (already normalised and pre-tokenized) with the vocabulary `index` and `merges`.
 *
 * @example
 * ```ts
 * segmentWord('▁low', index, merges); // { ids: [57], pieces: ['▁low'] } once '▁low' is learned
 * ```
 */
export function segmentWord(
  word: string,
  index: ReadonlyMap<string, number>,
  merges: BpeMerges,
): WordSegments {
  const pieces = Array.from(word);
  const n = pieces.length;
  const ids = pieces.map((ch) => index.get(ch) ?? UNK_ID);
  if (n < 2 || merges.rank.size === 0) return { ids, pieces };
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const alive = new Uint8Array(n).fill(1);
  const heap = new BinaryHeap<Candidate>(candidateBefore);
  const consider = (pos: number): void => {
    const q = pos < 0 ? -1 : (next[pos] as number);
    if (q < 0) return;
    const left = ids[pos] as number;
    const right = ids[q] as number;
    const rank = merges.rank.get(pairKey(left, right));
    if (rank !== undefined) heap.push({ rank, pos, left, right });
  };
  for (let i = 0; i + 1 < n; i++) consider(i);
  for (let c = heap.pop(); c !== undefined; c = heap.pop()) {
    const { pos } = c;
    const q = next[pos] as number;
    // Skip candidates made stale by an earlier merge at or next to this position.
    if (!alive[pos] || q < 0 || ids[pos] !== c.left || ids[q] !== c.right) continue;
    ids[pos] = merges.result[c.rank] as number;
    pieces[pos] = (pieces[pos] as string) + (pieces[q] as string);
    alive[q] = 0;
    const after = next[q] as number;
    next[pos] = after;
    if (after >= 0) prev[after] = pos;
    consider(prev[pos] as number);
    consider(pos);
  }
  const out: WordSegments = { ids: [], pieces: [] };
  for (let i = 0; i >= 0; i = next[i] as number) {
    out.ids.push(ids[i] as number);
    out.pieces.push(pieces[i] as string);
  }
  return out;
}
