import { describe, expect, it } from 'vitest';
import { glossOf, sentenceText, splitArticle, upperCase } from './sentence-text.ts';
import { SYNTH_LANGUAGES, spokenColumn, synthVocabulary } from './vocabulary.ts';

describe('sentence text', () => {
  it('splits articles, including elided ones', () => {
    expect(splitArticle('das Haus', 'de')).toEqual(['das ', 'Haus']);
    expect(splitArticle("l'eau", 'fr')).toEqual(["l'", 'eau']);
    expect(splitArticle('la casa', 'es-AR')).toEqual(['la ', 'casa']);
    expect(splitArticle('the', 'en')).toEqual(['', 'the']);
    expect(splitArticle('집', 'ko')).toEqual(['', '집']);
  });

  it('upper-cases glosses by the rules of the language', () => {
    expect(glossOf('yardım etmek', 'tr')).toBe('YARDIM-ETMEK');
    expect(glossOf('istemek', 'tr')).toBe('İSTEMEK');
    expect(glossOf('groß', 'de')).toBe('GROSS');
    expect(glossOf('árbol', 'es-AR')).toBe('ÁRBOL');
    expect(glossOf('학교', 'ko')).toBe('학교');
    expect(upperCase('i', 'en')).toBe('I');
  });

  it('joins phrases with commas and the language’s "and"', () => {
    expect(sentenceText(['das Haus', 'das Wasser', 'essen'], 'de')).toBe('Das Haus, das Wasser und essen.');
    expect(sentenceText(["l'eau", 'le pain'], 'fr')).toBe("L'eau et le pain.");
    expect(sentenceText(['el pan', 'ir'], 'es-AR')).toBe('El pan e ir.');
    expect(sentenceText(['ev', 'iyi'], 'tr')).toBe('Ev ve iyi.');
    expect(sentenceText(['iyi'], 'tr')).toBe('İyi.');
    expect(sentenceText(['집', '물'], 'ko')).toBe('집 그리고 물.');
    expect(sentenceText([], 'en')).toBe('');
  });
});

describe('vocabulary', () => {
  it('translates the same concepts into every language', () => {
    const house = Object.fromEntries(
      SYNTH_LANGUAGES.map((code) => [code, synthVocabulary(code)![0]!.phrase]),
    );
    expect(house).toEqual({
      ase: 'the house',
      gsg: 'das Haus',
      sgg: 'das Haus',
      ssr: 'la maison',
      slf: 'la casa',
      aed: 'la casa',
      kvk: '집',
      tsm: 'ev',
    });
    const lengths = SYNTH_LANGUAGES.map((code) => synthVocabulary(code)!.length);
    expect(new Set(lengths).size).toBe(1);
    expect(lengths[0]).toBeGreaterThanOrEqual(40);
    expect(synthVocabulary('xx')).toBeUndefined();
  });

  it('uses Swiss and Argentine forms where they differ', () => {
    const phrase = (code: string, concept: string): string | undefined =>
      synthVocabulary(code)!.find((e) => e.concept === concept)?.phrase;
    expect(phrase('gsg', 'STREET')).toBe('die Straße');
    expect(phrase('sgg', 'STREET')).toBe('die Strasse');
    expect(phrase('sgg', 'BICYCLE')).toBe('das Velo');
    expect(phrase('aed', 'BUS')).toBe('el colectivo');
    expect(phrase('aed', 'CAR')).toBe('el auto');
  });

  it('has one distinct word per concept in each language', () => {
    for (const code of SYNTH_LANGUAGES) {
      const column = spokenColumn(code)!;
      const words = synthVocabulary(code)!.map((e) => glossOf(splitArticle(e.phrase, column)[1], column));
      expect(new Set(words).size, code).toBe(words.length);
    }
  });
});
