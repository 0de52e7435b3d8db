import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareCodePoints,
  normaliseText,
  preTokenizeSubword,
  reservedMatcher,
  segmentText,
  splitOnWhitespace,
} from './normalise-text.ts';

describe('normaliseText', () => {
  it('applies NFKC: full-width letters, ligatures, compatibility forms, decomposed accents', () => {
    expect(normaliseText('ＡＢＣ ﬁ Ⅻ ²', false)).toBe('ABC fi XII 2');
    expect(normaliseText('e\u0301', false)).toBe('é');
    expect(normaliseText('\u1100\u1161', false)).toBe('가'); // Hangul jamo compose to a syllable
  });

  it('lowercases without locale: German, Turkish dotted and dotless i', () => {
    expect(normaliseText('STRASSE Straße ÜBER', true)).toBe('strasse straße über');
    expect(normaliseText('IŞIK', true)).toBe('işik'); // not the Turkish 'ışık'
    expect(normaliseText('İzmir', true)).toBe('i\u0307zmir'); // İ → i + combining dot above
    expect(normaliseText('ılık', true)).toBe('ılık');
    expect(normaliseText('ÑANDÚ', true)).toBe('ñandú');
  });

  it('keeps case when lowercase is off', () => {
    expect(normaliseText('HOUSE Big', false)).toBe('HOUSE Big');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 30 }), fc.boolean(), (s, lower) => {
        const once = normaliseText(s, lower);
        expect(normaliseText(once, lower)).toBe(once);
      }),
    );
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, also across the surrogate range', () => {
    const byCodePoints = (a: string, b: string): number => {
      const x = Array.from(a, (c) => c.codePointAt(0) as number);
      const y = Array.from(b, (c) => c.codePointAt(0) as number);
      for (let i = 0; i < Math.min(x.length, y.length); i++)
        if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
      return x.length - y.length;
    };
    expect(compareCodePoints('\uFFFD', '😀')).toBeLessThan(0); // UTF-16 order would say the opposite
    expect('\uFFFD' < '😀').toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
      }),
    );
  });
});

describe('pre-tokenization', () => {
  it('splits words on whitespace only', () => {
    expect(splitOnWhitespace('  <ase> HOUSE,\tBIG\n')).toEqual(['<ase>', 'HOUSE,', 'BIG']);
    expect(splitOnWhitespace('   ')).toEqual([]);
  });

  it('marks word starts with ▁ and splits off each punctuation character', () => {
    expect(preTokenizeSubword('hola, ¿qué tal?')).toEqual(['▁hola', ',', '▁¿', 'qué', '▁tal', '?']);
    expect(preTokenizeSubword("İstanbul'da ...")).toEqual(['▁İstanbul', "'", 'da', '▁.', '.', '.']);
    expect(preTokenizeSubword('안녕하세요. 반갑습니다')).toEqual(['▁안녕하세요', '.', '▁반갑습니다']);
    expect(preTokenizeSubword('a\u2581b')).toEqual(['▁a', '▁b']); // a literal ▁ is whitespace
    expect(preTokenizeSubword(' \t ')).toEqual([]);
  });

  it('cuts out reserved tokens whole, longest first, and lowercases only the rest', () => {
    const matcher = reservedMatcher(['<ase>', '<ase-x>', '$1']);
    expect(segmentText('<ase-x>HOUSE <ASE> $1', true, matcher)).toEqual([
      { reserved: true, text: '<ase-x>' },
      { reserved: false, text: 'house <ase> ' },
      { reserved: true, text: '$1' },
    ]);
    expect(segmentText('', true, matcher)).toEqual([]);
    expect(segmentText('ＨＩ', true, undefined)).toEqual([{ reserved: false, text: 'hi' }]);
    expect(reservedMatcher([])).toBeUndefined();
  });
});
