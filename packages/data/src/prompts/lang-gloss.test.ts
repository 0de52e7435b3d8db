import { ERROR_CODES, LANGUAGES, SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { formatLangGloss, LANG_TAG_PATTERN, langTag, parseLangGloss, toLangGloss } from './lang-gloss.ts';

/** The tokens at odd positions: what the tags are put before. */
function glossOf(tokens: string[]): string[] {
  return tokens.filter((_, i) => i % 2 === 1);
}

describe('LANG_TAG_PATTERN and langTag', () => {
  it('matches whole canonical tags only', () => {
    for (const code of LANGUAGES.codes()) expect(LANG_TAG_PATTERN.exec(`<${code}>`)?.[1]).toBe(code);
    expect(LANG_TAG_PATTERN.test('<rsl-by>')).toBe(true);
    for (const bad of ['<ASE>', '<ase', 'ase>', 'x<ase>', '<ase>x', '<ASL>', '<a>', '<>', '< ase>']) {
      expect(LANG_TAG_PATTERN.test(bad), bad).toBe(false);
    }
    expect(LANG_TAG_PATTERN.global).toBe(false);
  });

  it('builds tags from codes, tags and aliases', () => {
    expect(langTag('ase')).toBe('<ase>');
    expect(langTag('DGS')).toBe('<gsg>');
    expect(langTag('LSF-CH')).toBe('<ssr>');
    expect(thrown(() => langTag('xyz')).code).toBe(ERROR_CODES.unknownLanguage);
  });
});

describe('toLangGloss', () => {
  it('puts the tag before every gloss token', () => {
    expect(toLangGloss('ase', 'HOUSE BIG')).toEqual(['<ase>', 'HOUSE', '<ase>', 'BIG']);
    expect(toLangGloss('GSL', '  REGEN\tMORGEN \n')).toEqual(['<gsg>', 'REGEN', '<gsg>', 'MORGEN']);
  });

  it('prefers the gloss, and falls back to the sentence words (case kept, punctuation split off)', () => {
    expect(toLangGloss('gsg', 'REGEN', 'es regnet .')).toEqual(['<gsg>', 'REGEN']);
    expect(toLangGloss('gsg', '   ', 'es regnet .')).toEqual([
      '<gsg>',
      'es',
      '<gsg>',
      'regnet',
      '<gsg>',
      '.',
    ]);
    // The paper's example: "ASL When ASL does ASL this ASL take ASL place?"
    expect(toLangGloss('ASL', undefined, 'When does this take place?')).toEqual([
      '<ase>',
      'When',
      '<ase>',
      'does',
      '<ase>',
      'this',
      '<ase>',
      'take',
      '<ase>',
      'place',
      '<ase>',
      '?',
    ]);
    expect(glossOf(toLangGloss('kvk', undefined, '내일은 비가 올 거예요.'))).toEqual([
      '내일은',
      '비가',
      '올',
      '거예요',
      '.',
    ]);
    expect(glossOf(toLangGloss('TSL', undefined, "Türk İşaret Dili'nde göster."))).toEqual([
      'Türk',
      'İşaret',
      "Dili'nde",
      'göster',
      '.',
    ]);
  });

  it('rejects samples with neither gloss nor text, tag-shaped gloss tokens and unknown languages', () => {
    for (const [gloss, text] of [
      [undefined, undefined],
      ['', ''],
      [' ', '\n'],
      [undefined, '\u200b'],
    ] as [string | undefined, string | undefined][]) {
      const e = thrown(() => toLangGloss('ase', gloss, text));
      expect(e.code).toBe(ERROR_CODES.invalidArgument);
      expect(e.message).toContain('needs a gloss or a text');
    }
    const tagLike = thrown(() => toLangGloss('gsg', 'REGEN <ase> MORGEN'));
    expect(tagLike.code).toBe(ERROR_CODES.invalidArgument);
    expect(tagLike.message).toContain('Gloss token 2 "<ase>"');
    expect(thrown(() => toLangGloss('xyz', 'HOUSE')).code).toBe(ERROR_CODES.unknownLanguage);
    expect(thrown(() => toLangGloss('ase', 42 as unknown as string)).code).toBe(ERROR_CODES.invalidArgument);
  });

  it('turns hostile text into plain tokens: {} and <tags> are split into marks', () => {
    const tokens = toLangGloss('ase', undefined, 'say {} <gsg> now');
    expect(glossOf(tokens)).toEqual(['say', '{', '}', '<', 'gsg', '>', 'now']);
    expect(parseLangGloss(formatLangGloss(tokens))).toEqual(tokens);
  });

  it('handles a long text in linear time and memory (one tag per token)', () => {
    const text = 'word, '.repeat(50_000);
    const tokens = toLangGloss('ase', undefined, text);
    expect(tokens).toHaveLength(200_000);
    expect(parseLangGloss(formatLangGloss(tokens))).toHaveLength(200_000);
  });
});

describe('formatLangGloss and parseLangGloss', () => {
  it('join with single spaces and split on any whitespace', () => {
    expect(formatLangGloss(['<ase>', 'HOUSE', '<ase>', 'BIG'])).toBe('<ase> HOUSE <ase> BIG');
    expect(parseLangGloss(' <ase>  HOUSE\t<ase>\nBIG ')).toEqual(['<ase>', 'HOUSE', '<ase>', 'BIG']);
    expect(parseLangGloss('')).toEqual([]);
    expect(parseLangGloss(' \n ')).toEqual([]);
    expect(formatLangGloss([])).toBe('');
  });

  it('allows tags of different languages in one sequence', () => {
    expect(parseLangGloss('<ase> HELLO <gsg> HALLO')).toEqual(['<ase>', 'HELLO', '<gsg>', 'HALLO']);
  });

  it('names an unknown or non-canonical tag and lists the valid ones', () => {
    const unknown = thrown(() => parseLangGloss('<ase> HOUSE <xyz> BIG'));
    expect(unknown.code).toBe(ERROR_CODES.unknownLanguage);
    expect(unknown.message).toContain('"<xyz>"');
    for (const code of LANGUAGES.codes()) expect(unknown.message).toContain(`"<${code}>"`);
    expect(unknown.position).toEqual({ token: 3 });
    const upper = thrown(() => parseLangGloss('<ASL> HOUSE'));
    expect(upper.code).toBe(ERROR_CODES.unknownLanguage);
    expect(upper.message).toContain('did you mean "<ase>"?');
    expect(thrown(() => parseLangGloss('<ASE> HOUSE')).message).toContain('did you mean "<ase>"?');
    expect(thrown(() => parseLangGloss('<> HOUSE')).code).toBe(ERROR_CODES.unknownLanguage);
  });

  it('rejects a token without a tag, two tags in a row and a final tag, with the token position', () => {
    const untagged = thrown(() => parseLangGloss('HOUSE <ase> BIG'));
    expect(untagged.code).toBe(ERROR_CODES.badFormat);
    expect(untagged.message).toContain('"HOUSE" has no language tag before it');
    expect(untagged.position).toEqual({ token: 1 });
    const missing = thrown(() => parseLangGloss('<ase> HOUSE BIG'));
    expect(missing.message).toContain('"BIG" has no language tag before it');
    expect(missing.message).toContain('token 3');
    const twoTags = thrown(() => parseLangGloss('<ase> <ase> BIG'));
    expect(twoTags.code).toBe(ERROR_CODES.badFormat);
    expect(twoTags.position).toEqual({ token: 2 });
    const final = thrown(() => parseLangGloss('<ase> HOUSE <ase>'));
    expect(final.code).toBe(ERROR_CODES.badFormat);
    expect(final.message).toContain('ends with the tag "<ase>"');
    expect(thrown(() => parseLangGloss('<ase>HOUSE')).code).toBe(ERROR_CODES.badFormat);
    expect(thrown(() => parseLangGloss(null as unknown as string)).code).toBe(ERROR_CODES.invalidArgument);
  });

  it('keeps messages short for huge tokens', () => {
    const e = thrown(() => parseLangGloss(`${'X'.repeat(1_000_000)} <ase> Y`));
    expect(e.message.length).toBeLessThan(200);
  });

  it('format refuses tokens that would not parse back', () => {
    for (const bad of [
      ['<ase>', 'TWO WORDS'],
      ['<ase>', ''],
      ['<ase>', 'A\u0000B'],
      ['<ase>'],
      ['HOUSE', '<ase>'],
    ]) {
      expect(SignLLMError.isInstance(thrown(() => formatLangGloss(bad)))).toBe(true);
    }
    expect(thrown(() => formatLangGloss(['<ase>', 'TWO WORDS'])).code).toBe(ERROR_CODES.invalidArgument);
    expect(thrown(() => formatLangGloss('<ase> X' as unknown as string[])).code).toBe(
      ERROR_CODES.invalidArgument,
    );
    expect(thrown(() => formatLangGloss(['<ase>', 7 as unknown as string])).code).toBe(
      ERROR_CODES.invalidArgument,
    );
  });

  it('round-trips any text through toLangGloss, format and parse (property)', () => {
    const codes = LANGUAGES.codes();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(codes.length - 1), (text, k) => {
        const code = codes[k] as string;
        let tokens: string[];
        try {
          tokens = toLangGloss(code, undefined, text);
        } catch (e) {
          return SignLLMError.isInstance(e) && e.code === ERROR_CODES.invalidArgument;
        }
        return JSON.stringify(parseLangGloss(formatLangGloss(tokens))) === JSON.stringify(tokens);
      }),
    );
  });

  it('answers any string with tokens or a SignLLMError (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('<ase>', '<gsg>', '<xyz>', '<ASL>', 'HOUSE', '<', '>', ' ', '\n'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        try {
          const tokens = parseLangGloss(pieces.join(''));
          return (
            tokens.length % 2 === 0 && tokens.every((t, i) => (i % 2 === 0) === LANG_TAG_PATTERN.test(t))
          );
        } catch (e) {
          return SignLLMError.isInstance(e);
        }
      }),
    );
  });
});

describeWithData('LangGloss on real data', () => {
  const lines = (...file: string[]) =>
    readDataText(...file)
      .split('\n')
      .filter((l) => l.trim() !== '');

  it('tags every PHOENIX gloss token (gsg) and round-trips through format/parse', () => {
    const glosses = [
      ...lines('phoenix14t-sample', 'train.gloss'),
      ...lines('phoenix14t-sample', 'dev.gloss'),
    ];
    expect(glosses).toHaveLength(10);
    for (const gloss of glosses) {
      const tokens = toLangGloss('gsg', gloss);
      expect(glossOf(tokens)).toEqual(gloss.trim().split(/\s+/));
      expect(tokens.filter((_, i) => i % 2 === 0).every((t) => t === '<gsg>')).toBe(true);
      const text = formatLangGloss(tokens);
      expect(text).toBe(
        gloss
          .trim()
          .split(/\s+/)
          .map((g) => `<gsg> ${g}`)
          .join(' '),
      );
      expect(parseLangGloss(text)).toEqual(tokens);
    }
  });

  it('tags the words of every How2Sign dev sentence (ase) and round-trips through format/parse', () => {
    const texts = lines('how2sign-text', 'dev.text');
    expect(texts).toHaveLength(1739);
    for (const text of texts) {
      const tokens = toLangGloss('ASL', undefined, text);
      expect(tokens.length).toBeGreaterThan(0);
      expect(parseLangGloss(formatLangGloss(tokens))).toEqual(tokens);
    }
  });

  it('uses the PHOENIX German sentence words when a sample has no gloss', () => {
    const texts = lines('phoenix14t-sample', 'dev.text');
    for (const text of texts) {
      const tokens = toLangGloss('gsg', undefined, text);
      // PHOENIX text is already tokenised with spaces: the words are exactly its space-separated parts.
      expect(glossOf(tokens)).toEqual(text.trim().split(/\s+/));
      expect(parseLangGloss(formatLangGloss(tokens))).toEqual(tokens);
    }
  });
});
