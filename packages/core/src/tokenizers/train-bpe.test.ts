import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECIAL_TOKENS } from './special-tokens.ts';
import { trainBpe } from './train-bpe.ts';

// Worked by hand. Characters: b 6, a 5, c 3 (▁ always comes first). Pairs: ▁a 5, ab 5, bc 3.
// 1. tie at 5: ('a','b') before ('▁','a') because 'a' < '▁' (U+2581) → ab
// 2. words ▁|ab ×3, ▁|ab|c ×2, b|c ×1: ('▁','ab') 5 → ▁ab
// 3. ('▁ab','c') 2 → ▁abc; then only ('b','c') 1 is left, which is not merged.
const WORDS = new Map([
  ['▁ab', 3],
  ['▁abc', 2],
  ['bc', 1],
]);
const FIXED: string[] = [...SPECIAL_TOKENS];

/** Code-point order, written independently of the code under test. */
function cmp(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++)
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

/** Reference BPE: recounts every pair after every merge (slow, obviously right). */
function naiveBpe(words: Map<string, number>, vocabSize: number): [string, string][] {
  const chars = new Map<string, number>();
  for (const [w, f] of words) for (const c of w) chars.set(c, (chars.get(c) ?? 0) + f);
  chars.delete('▁');
  const vocab = new Set<string>([...FIXED, '▁', ...chars.keys()]);
  const segs = [...words].map(([w, f]) => ({ pieces: Array.from(w), f }));
  const merges: [string, string][] = [];
  while (vocab.size < vocabSize) {
    const counts = new Map<string, { l: string; r: string; n: number }>();
    for (const { pieces, f } of segs) {
      for (let i = 0; i + 1 < pieces.length; i++) {
        const l = pieces[i] as string;
        const r = pieces[i + 1] as string;
        const key = `${l}\u0000${r}`;
        const c = counts.get(key) ?? { l, r, n: 0 };
        c.n += f;
        counts.set(key, c);
      }
    }
    const best = [...counts.values()]
      .filter((c) => !FIXED.includes(c.l + c.r))
      .sort((x, y) => y.n - x.n || cmp(x.l, y.l) || cmp(x.r, y.r))[0];
    if (best === undefined || best.n < 2) break;
    merges.push([best.l, best.r]);
    vocab.add(best.l + best.r);
    for (const seg of segs) {
      const out: string[] = [];
      for (let i = 0; i < seg.pieces.length; i++) {
        if (seg.pieces[i] === best.l && seg.pieces[i + 1] === best.r) {
          out.push(best.l + best.r);
          i++;
        } else out.push(seg.pieces[i] as string);
      }
      seg.pieces = out;
    }
  }
  return merges;
}

describe('trainBpe', () => {
  it('learns the hand-computed merges and stops when no pair occurs twice', () => {
    const { vocab, merges } = trainBpe(WORDS, { fixed: FIXED, vocabSize: 100, minFrequency: 1 });
    expect(vocab).toEqual([...FIXED, '▁', 'b', 'a', 'c', 'ab', '▁ab', '▁abc']);
    expect(merges).toEqual([
      ['a', 'b'],
      ['▁', 'ab'],
      ['▁ab', 'c'],
    ]);
  });

  it('stops at the target vocabulary size', () => {
    const { vocab, merges } = trainBpe(WORDS, { fixed: FIXED, vocabSize: 10, minFrequency: 1 });
    expect(vocab.length).toBe(10);
    expect(merges).toEqual([
      ['a', 'b'],
      ['▁', 'ab'],
    ]);
  });

  it('keeps the whole alphabet when the target is smaller', () => {
    const { vocab, merges } = trainBpe(WORDS, { fixed: FIXED, vocabSize: 3, minFrequency: 1 });
    expect(vocab).toEqual([...FIXED, '▁', 'b', 'a', 'c']);
    expect(merges).toEqual([]);
  });

  it('leaves rare characters out, and no pair spans them', () => {
    const { vocab, merges } = trainBpe(WORDS, { fixed: FIXED, vocabSize: 100, minFrequency: 4 });
    expect(vocab).toEqual([...FIXED, '▁', 'b', 'a', 'ab', '▁ab']);
    expect(merges).toEqual([
      ['a', 'b'],
      ['▁', 'ab'],
    ]);
  });

  it('never produces a fixed (special or reserved) token', () => {
    const { vocab, merges } = trainBpe(
      new Map([
        ['<s>', 4],
        ['xy', 3],
      ]),
      { fixed: [...FIXED, 'xy'], vocabSize: 100, minFrequency: 1 },
    );
    expect(merges.map(([l, r]) => l + r)).not.toContain('<s>');
    expect(merges.map(([l, r]) => l + r)).not.toContain('xy');
    expect(new Set(vocab).size).toBe(vocab.length);
    expect(merges).toEqual([['<', 's']]); // then '<s' + '>' is refused and nothing else occurs twice
  });

  it('learns the same merges as a full recount after every merge', () => {
    const word = fc
      .array(fc.constantFrom('▁', 'a', 'b', 'c', 'd', '😀', '\uFFFD'), { minLength: 1, maxLength: 10 })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.integer({ min: 1, max: 6 })), { maxLength: 30 }),
        fc.integer({ min: 5, max: 80 }),
        (counted, vocabSize) => {
          const words = new Map<string, number>();
          for (const [w, n] of counted) words.set(w, (words.get(w) ?? 0) + n);
          const { merges } = trainBpe(words, { fixed: FIXED, vocabSize, minFrequency: 1 });
          expect(merges).toEqual(naiveBpe(words, vocabSize));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a consistent vocabulary on random corpora: unique entries, merges of entries into entries', () => {
    const word = fc
      .array(fc.constantFrom('▁', 'a', 'b', 'c'), { minLength: 1, maxLength: 12 })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.integer({ min: 1, max: 9 })), { maxLength: 25 }),
        fc.integer({ min: 1, max: 60 }),
        (counted, vocabSize) => {
          const words = new Map<string, number>();
          for (const [w, n] of counted) words.set(w, (words.get(w) ?? 0) + n);
          const { vocab, merges } = trainBpe(words, { fixed: FIXED, vocabSize, minFrequency: 1 });
          expect(new Set(vocab).size).toBe(vocab.length);
          expect(vocab.slice(0, 5)).toEqual([...FIXED, '▁']);
          expect(new Set(merges.map(([l, r]) => `${l} ${r}`)).size).toBe(merges.length);
          for (const [l, r] of merges) {
            expect(vocab.indexOf(l)).toBeGreaterThanOrEqual(FIXED.length);
            expect(vocab.indexOf(r)).toBeGreaterThanOrEqual(FIXED.length);
            expect(vocab).toContain(l + r);
          }
          if (merges.length > 0) expect(vocab.length).toBeLessThanOrEqual(Math.max(vocabSize, 8));
        },
      ),
    );
  });
});
