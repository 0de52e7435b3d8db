import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { glossTokenizer } from '../test-support/toy-bundle.ts';
import {
  checkInputString,
  encodeSourceText,
  glossToLangGloss,
  resolveBundleLanguage,
  retagLangGloss,
} from './bundle-input.ts';

describe('resolveBundleLanguage', () => {
  it('accepts codes, tags and aliases of served languages only', () => {
    expect(resolveBundleLanguage('gsg', ['ase', 'gsg'])).toBe('gsg');
    expect(resolveBundleLanguage('ASL', ['ase', 'gsg'])).toBe('ase');
    expect(resolveBundleLanguage('dgs', ['ase', 'gsg'])).toBe('gsg');
    expectError(
      () => resolveBundleLanguage('bfi', ['ase', 'gsg']),
      'unknown_language',
      /"bfi".*"ase" or "gsg"/,
    );
    expectError(() => resolveBundleLanguage(undefined, ['ase']), 'unknown_language');
    expectError(() => resolveBundleLanguage('x'.repeat(100_000), ['ase']), 'unknown_language');
  });
});

describe('checkInputString', () => {
  it('refuses empty, non-string and huge inputs', () => {
    expect(checkInputString(' a ')).toBe(' a ');
    expectError(() => checkInputString(''), 'input_empty');
    expectError(() => checkInputString('\u00a0\n'), 'input_empty');
    expectError(() => checkInputString(undefined), 'input_empty');
    expectError(() => checkInputString('x'.repeat(10_001)), 'input_too_long', /10001.*10000/);
  });
});

describe('LangGloss', () => {
  it('puts the tag before every gloss and refuses tag-shaped glosses', () => {
    expect(glossToLangGloss(' REGEN\tMORGEN ', 'gsg')).toBe('<gsg> REGEN <gsg> MORGEN');
    // Control and format characters separate tokens too (zero-width space, BOM), as in @signllm/data.
    expect(glossToLangGloss('REGEN\u200bMORGEN\ufeff\u0007WIND', 'gsg')).toBe(
      '<gsg> REGEN <gsg> MORGEN <gsg> WIND',
    );
    expectError(() => glossToLangGloss('REGEN <>', 'gsg'), 'invalid_argument', /looks like a tag/);
    expectError(() => glossToLangGloss('REGEN <ase>', 'gsg'), 'invalid_argument', /gloss token 1 "<ase>"/);
    expect(glossToLangGloss('A<B', 'ase')).toBe('<ase> A<B');
  });

  it('sets every tag to the requested language', () => {
    expect(retagLangGloss('<ase> HOUSE <bfi> BIG', 'gsg')).toBe('<gsg> HOUSE <gsg> BIG');
    expect(retagLangGloss('', 'gsg')).toBe('');
  });
});

describe('encodeSourceText', () => {
  it('appends </s> and refuses, never cuts, over-long input', () => {
    const tok = glossTokenizer();
    expect(encodeSourceText(tok, 'HOUSE BIG', 3, 'gloss')).toEqual([tok.idOf('HOUSE'), tok.idOf('BIG'), 3]);
    expectError(
      () => encodeSourceText(tok, 'HOUSE BIG SKY', 3, 'gloss'),
      'input_too_long',
      /gloss has 3 tokens.*at most 2/,
    );
    expectError(() => encodeSourceText(tok, '   ', 3, 'gloss'), 'input_empty');
  });
});
