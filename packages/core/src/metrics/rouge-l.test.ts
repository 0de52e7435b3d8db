import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { lcsLength, rougeL } from './rouge-l.ts';

describe('lcsLength', () => {
  it('finds hand-checked longest common subsequences', () => {
    // CLRS: ABCBDAB vs BDCABA → 4 (e.g. B C B A)
    expect(lcsLength([...'ABCBDAB'], [...'BDCABA'])).toBe(4);
    // a b c d e vs a c e b → a c e
    expect(lcsLength(['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'e', 'b'])).toBe(3);
    expect(lcsLength([], ['a'])).toBe(0);
  });

  it('is symmetric and at most the shorter length', () => {
    const tokens = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 15 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const l = lcsLength(a, b);
        expect(lcsLength(b, a)).toBe(l);
        expect(l).toBeLessThanOrEqual(Math.min(a.length, b.length));
        expect(lcsLength(a, a)).toBe(a.length);
      }),
    );
  });
});

describe('rougeL', () => {
  it('hand-computed F with β = 1.2', () => {
    // the cat sat / the cat sat down: LCS 3, P = 1, R = 3/4
    // F = (1 + 1.44) · 1 · 0.75 / (0.75 + 1.44 · 1) = 1.83 / 2.19 = 0.835616
    const r = rougeL(['the cat sat'], ['the cat sat down']);
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(0.75);
    expect(r.f).toBeCloseTo(1.83 / 2.19, 12);
    // a b c d e / a c e b: LCS 3 (a c e), P = 0.6, R = 0.75
    // F = 2.44 · 0.45 / (0.75 + 1.44 · 0.6) = 1.098 / 1.614 = 0.680297
    expect(rougeL(['a b c d e'], ['a c e b']).f).toBeCloseTo(1.098 / 1.614, 12);
    // β = 1: harmonic mean 2 · 0.45 / 1.35 = 2/3
    expect(rougeL(['a b c d e'], ['a c e b'], { beta: 1 }).f).toBeCloseTo(2 / 3, 12);
  });

  it('averages over sentences', () => {
    // sentence 1 identical (1), sentence 2 nothing in common (0) → 0.5
    expect(rougeL(['x y', 'p q'], ['x y', 'r s'])).toEqual({ f: 0.5, precision: 0.5, recall: 0.5 });
  });

  it('lower-cases by default; the option and a custom tokenizer change that', () => {
    expect(rougeL(['The Cat'], ['the cat']).f).toBe(1);
    expect(rougeL(['The Cat'], ['the cat'], { lowercase: false }).f).toBe(0);
    // Python-style split(" "): "a  b" has an empty middle token, which matches the reference's
    const pySplit = (s: string) => s.split(' ');
    // hyp tokens a, '', b (3) vs ref a, b (2): LCS 2 → P = 2/3, R = 1
    const r = rougeL(['a  b'], ['a b'], { tokenize: pySplit });
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBe(1);
    expect(rougeL(['a  b'], ['a b']).f).toBe(1); // default whitespace split ignores the double space
  });

  it('empty strings: both empty → 1, one empty → 0', () => {
    expect(rougeL([''], [''])).toEqual({ f: 1, precision: 1, recall: 1 });
    expect(rougeL([''], ['a b'])).toEqual({ f: 0, precision: 0, recall: 0 });
    expect(rougeL(['a b'], ['  '])).toEqual({ f: 0, precision: 0, recall: 0 });
  });

  it('identical sentences score 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        (sentences) => {
          const r = rougeL(sentences, sentences);
          expect(r.f).toBeCloseTo(1, 12);
          expect(r.precision).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('validates its input', () => {
    expectError(() => rougeL(['a'], ['a', 'b']), 'format_misaligned', /1 hypotheses but 2 references/);
    expectError(() => rougeL([], []), 'invalid_argument', /at least one/);
    expectError(() => rougeL(['a'], ['a'], { beta: 0 }), 'invalid_argument', /beta/);
    expectError(() => rougeL(['a'], [undefined as unknown as string]), 'invalid_argument', /references\[0\]/);
  });
});

describeWithData('rougeL on How2Sign sentences', () => {
  const lines = readDataText('how2sign-text', 'dev.text').trim().split('\n').slice(0, 200);

  it('is 1 against itself and lower against the next sentence', () => {
    expect(rougeL(lines, lines).f).toBeCloseTo(1, 12);
    const shifted = [...lines.slice(1), lines[0]!];
    const r = rougeL(shifted, lines);
    expect(r.f).toBeGreaterThan(0);
    expect(r.f).toBeLessThan(0.5);
  });
});
