import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { tokenizeText } from './tokenize-text.ts';

/** What tokenisation may drop: whitespace, control and format characters. */
const SEPARATORS = /[\s\p{Cc}\p{Cf}]+/gu;

describe('tokenizeText', () => {
  it('keeps case, contractions and hyphenated words; splits punctuation off', () => {
    expect(tokenizeText("We're going up... and down; OK?")).toEqual([
      "We're",
      'going',
      'up',
      '...',
      'and',
      'down',
      ';',
      'OK',
      '?',
    ]);
    expect(tokenizeText('"So," she said, "well-known ES-BEDEUTET."')).toEqual([
      '"',
      'So',
      ',',
      '"',
      'she',
      'said',
      ',',
      '"',
      'well-known',
      'ES-BEDEUTET',
      '.',
      '"',
    ]);
  });

  it('keeps numbers with inner "." or ",", but not a sentence-final full stop', () => {
    expect(tokenizeText('It costs 3.50 or 1,000 francs.')).toEqual([
      'It',
      'costs',
      '3.50',
      'or',
      '1,000',
      'francs',
      '.',
    ]);
    expect(tokenizeText('Year 2024.')).toEqual(['Year', '2024', '.']);
  });

  it('works for German, French, Spanish, Korean and Turkish', () => {
    expect(tokenizeText('größere wolkenlücken finden sich vor allem im nordwesten .')).toEqual([
      'größere',
      'wolkenlücken',
      'finden',
      'sich',
      'vor',
      'allem',
      'im',
      'nordwesten',
      '.',
    ]);
    expect(tokenizeText("Aujourd'hui, il fait beau !")).toEqual([
      "Aujourd'hui",
      ',',
      'il',
      'fait',
      'beau',
      '!',
    ]);
    expect(tokenizeText('¿Vos venís mañana?')).toEqual(['¿', 'Vos', 'venís', 'mañana', '?']);
    expect(tokenizeText('내일은 비가 올 거예요.')).toEqual(['내일은', '비가', '올', '거예요', '.']);
    expect(tokenizeText("Yarın İstanbul'da yağmur yağacak, değil mi?")).toEqual([
      'Yarın',
      "İstanbul'da",
      'yağmur',
      'yağacak',
      ',',
      'değil',
      'mi',
      '?',
    ]);
    // Decomposed accents (combining marks) stay inside their word.
    expect(tokenizeText('cafe\u0301 ok')).toEqual(['cafe\u0301', 'ok']);
  });

  it('never yields a tag-shaped token, and returns [] for empty text', () => {
    expect(tokenizeText('<ase> {} <<x>>')).toEqual(['<', 'ase', '>', '{', '}', '<<', 'x', '>>']);
    expect(tokenizeText('')).toEqual([]);
    expect(tokenizeText(' \n\t\u200b\u0000 ')).toEqual([]);
  });

  it('loses nothing but separators, and no token holds one (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const tokens = tokenizeText(text);
        return (
          tokens.join('') === text.replace(SEPARATORS, '') &&
          tokens.every((t) => t !== '' && !/[\s\p{Cc}\p{Cf}]/u.test(t) && !/^<[^<>]*>$/.test(t))
        );
      }),
    );
  });
});

describeWithData('tokenizeText on How2Sign', () => {
  it('loses nothing but separators on all 1,739 dev sentences', () => {
    const lines = readDataText('how2sign-text', 'dev.text')
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1739);
    let tokens = 0;
    for (const line of lines) {
      const t = tokenizeText(line);
      expect(t.join('')).toBe(line.replace(SEPARATORS, ''));
      tokens += t.length;
    }
    expect(tokens).toBeGreaterThan(lines.length * 5);
  });
});
