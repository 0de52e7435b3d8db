import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BpeMerges, pairKey, segmentWord } from './bpe-segment.ts';
import { SPECIAL_TOKENS, UNK_ID } from './special-tokens.ts';

interface Model {
  vocab: string[];
  index: Map<string, number>;
  mergeList: [string, string][];
  merges: BpeMerges;
}

function model(alphabet: string[], mergeList: [string, string][]): Model {
  const vocab = [...SPECIAL_TOKENS, ...alphabet];
  for (const [l, r] of mergeList) if (!vocab.includes(l + r)) vocab.push(l + r);
  const index = new Map(vocab.map((t, i) => [t, i] as [string, number]));
  const rank = new Map<number, number>();
  const result: number[] = [];
  mergeList.forEach(([l, r], i) => {
    rank.set(pairKey(index.get(l) as number, index.get(r) as number), i);
    result.push(index.get(l + r) as number);
  });
  return { vocab, index, mergeList, merges: { rank, result } };
}

// Reference: repeatedly merge the lowest-rank adjacent pair, leftmost first (quadratic, obviously right).
function naive(word: string, m: Model): string[] {
  const pieces = Array.from(word);
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < pieces.length; i++) {
      const l = pieces[i] as string;
      const r = pieces[i + 1] as string;
      if (!m.index.has(l) || !m.index.has(r)) continue;
      const rank = m.mergeList.findIndex(([a, b]) => a === l && b === r);
      if (rank >= 0 && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    if (best < 0) return pieces;
    pieces.splice(best, 2, (pieces[best] as string) + (pieces[best + 1] as string));
  }
}

describe('segmentWord', () => {
  it('applies merges by rank, leftmost first', () => {
    const m = model(
      ['▁', 'a', 'b'],
      [
        ['a', 'a'],
        ['▁', 'aa'],
        ['b', 'a'],
      ],
    );
    // ▁ a a a b a: rank 0 merges the first "a a" (leftmost), then ▁ + aa, then b + a.
    expect(segmentWord('▁aaaba', m.index, m.merges).pieces).toEqual(['▁aa', 'a', 'ba']);
    const ids = segmentWord('▁aaaba', m.index, m.merges).ids;
    expect(ids.map((id) => m.vocab[id])).toEqual(['▁aa', 'a', 'ba']);
  });

  it('gives one <unk> per character outside the vocabulary (code points, not UTF-16 units)', () => {
    const m = model(['▁', 'a'], [['▁', 'a']]);
    const s = segmentWord('▁a😀ж', m.index, m.merges);
    expect(s.pieces).toEqual(['▁a', '😀', 'ж']);
    expect(s.ids).toEqual([m.index.get('▁a'), UNK_ID, UNK_ID]);
  });

  it('agrees with a naive reference on random merges and words', () => {
    const alphabet = ['a', 'b', 'c'];
    const mergesArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }).map((picks) => {
      const vocab = [...alphabet];
      const list: [string, string][] = [];
      for (const [x, y] of picks) {
        const pair: [string, string] = [vocab[x % vocab.length] as string, vocab[y % vocab.length] as string];
        if (list.some(([l, r]) => l === pair[0] && r === pair[1])) continue;
        list.push(pair);
        if (!vocab.includes(pair[0] + pair[1])) vocab.push(pair[0] + pair[1]);
      }
      return list;
    });
    const word = fc.array(fc.constantFrom('a', 'b', 'c', 'z'), { maxLength: 25 }).map((c) => c.join(''));
    fc.assert(
      fc.property(mergesArb, word, (list, w) => {
        const m = model(alphabet, list);
        expect(segmentWord(w, m.index, m.merges).pieces).toEqual(naive(w, m));
      }),
    );
  });

  it('segments a 200,000-character word without quadratic work', () => {
    const m = model(
      ['a', 'b'],
      [
        ['a', 'b'],
        ['ab', 'ab'],
        ['abab', 'abab'],
      ],
    );
    const s = segmentWord('ab'.repeat(100_000), m.index, m.merges);
    expect(s.ids.length).toBe(25_000); // 200,000 characters in pieces of 8
    expect(new Set(s.pieces)).toEqual(new Set(['abababab']));
  });
});
