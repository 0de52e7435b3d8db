import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { thrown } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { createLanguageRegistry } from './language-registry.ts';
import type { LanguageInput } from './language-schema.ts';
import { getLanguage, LANGUAGES, listLanguages, resolveLanguage } from './languages.ts';
import { LANGUAGES_DATA } from './languages-data.ts';

/** "The eight languages" table of the design document, typed in independently of LANGUAGES_DATA. */
const DESIGN_TABLE: [code: string, name: string, tag: string, spoken: string][] = [
  ['ase', 'American Sign Language', 'ASL', 'en'],
  ['gsg', 'German Sign Language (DGS)', 'GSL', 'de'],
  ['sgg', 'Swiss German Sign Language', 'DSGS', 'de-CH'],
  ['ssr', 'French Sign Language of Switzerland', 'LSF-CH', 'fr-CH'],
  ['slf', 'Italian Sign Language of Switzerland', 'LIS-CH', 'it-CH'],
  ['aed', 'Argentine Sign Language', 'LSA', 'es-AR'],
  ['kvk', 'Korean Sign Language', 'KSL', 'ko'],
  ['tsm', 'Turkish Sign Language', 'TSL', 'tr'],
];

const BSL: LanguageInput = {
  code: 'bfi',
  name: 'British Sign Language',
  tag: 'BSL',
  spokenLanguage: 'en-GB',
};

describe('default registry', () => {
  it.each(DESIGN_TABLE)('knows %s by code and by tag', (code, name, tag, spoken) => {
    const byCode = getLanguage(code);
    expect(byCode).toEqual({ code, name, tag, spokenLanguage: spoken, aliases: expect.any(Array) });
    expect(getLanguage(tag)).toBe(byCode);
    expect(resolveLanguage(tag)).toBe(code);
    expect(resolveLanguage(code)).toBe(code);
    expect(LANGUAGES.has(code) && LANGUAGES.has(tag)).toBe(true);
  });

  it('lists exactly the eight languages in table order', () => {
    expect(listLanguages().map((l) => l.code)).toEqual(DESIGN_TABLE.map((r) => r[0]));
    expect(LANGUAGES.codes()).toEqual(DESIGN_TABLE.map((r) => r[0]));
    expect(LANGUAGES.tags()).toEqual(DESIGN_TABLE.map((r) => r[2]));
  });

  it('is case-insensitive, trims, and reads "_" as "-"', () => {
    expect(resolveLanguage('ASE')).toBe('ase');
    expect(resolveLanguage('asl')).toBe('ase');
    expect(resolveLanguage('Lsf-Ch')).toBe('ssr');
    expect(resolveLanguage('lis_ch')).toBe('slf');
    expect(resolveLanguage('  dsgs ')).toBe('sgg');
    expect(resolveLanguage('TsL')).toBe('tsm');
  });

  it('accepts common aliases and old BCP 47 sgn-XX forms', () => {
    expect(resolveLanguage('DGS')).toBe('gsg');
    expect(resolveLanguage('dgs')).toBe('gsg');
    expect(resolveLanguage('sgn-DE')).toBe('gsg');
    expect(resolveLanguage('sgn-us')).toBe('ase');
    expect(resolveLanguage('SGN-CH-DE')).toBe('sgg');
    expect(resolveLanguage('TID')).toBe('tsm');
  });

  it('returns frozen rows and fresh lists, so callers cannot change the registry', () => {
    const ase = getLanguage('ase');
    expect(() => {
      (ase as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(() => ase.aliases.push('X')).toThrow(TypeError);
    const list = listLanguages();
    list.pop();
    expect(listLanguages()).toHaveLength(8);
    expect(getLanguage('ase').name).toBe('American Sign Language');
  });

  it('rejects unknown languages with the valid codes and tags in the message', () => {
    const e = thrown(() => getLanguage('xyz'));
    expect(e.code).toBe(ERROR_CODES.unknownLanguage);
    for (const [code, , tag] of DESIGN_TABLE) {
      expect(e.message).toContain(`"${code}"`);
      expect(e.message).toContain(`"${tag}"`);
    }
    expect(e.message).toMatch(/^Unknown sign language "xyz"/);
    expect(e.details).toMatchObject({ value: 'xyz' });
    expect(thrown(() => resolveLanguage('LSF')).code).toBe(ERROR_CODES.unknownLanguage);
    expect(LANGUAGES.has('LSF')).toBe(false);
    expect(LANGUAGES.find('LSF')).toBeUndefined();
  });

  it('hints at the sign languages of a spoken language given by mistake', () => {
    expect(thrown(() => getLanguage('de')).message).toContain(
      '"de" is a spoken language: its sign languages here are "gsg" or "sgg"',
    );
    expect(thrown(() => getLanguage('fr-CH')).message).toContain('"ssr"');
  });

  it('answers non-strings and huge strings with unknown_language, never a TypeError', () => {
    for (const bad of [undefined, null, 42, {}, ['ase'], Symbol('ase')]) {
      const e = thrown(() => getLanguage(bad as unknown as string));
      expect(e.code).toBe(ERROR_CODES.unknownLanguage);
      expect(LANGUAGES.has(bad as unknown as string)).toBe(false);
    }
    const huge = 'a'.repeat(1_000_000);
    const e = thrown(() => getLanguage(huge));
    expect(e.message.length).toBeLessThan(600);
    expect(e.message).toContain('(1000000 characters)');
  });

  it('never throws anything but unknown_language for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const known = LANGUAGES.has(s);
        try {
          const code = LANGUAGES.resolve(s);
          return known && LANGUAGES.codes().includes(code);
        } catch (e) {
          return !known && SignLLMError.isInstance(e) && e.code === ERROR_CODES.unknownLanguage;
        }
      }),
    );
  });
});

describe('createLanguageRegistry', () => {
  it('adds a ninth language as a data row, no code', () => {
    const registry = createLanguageRegistry([...LANGUAGES_DATA, BSL]);
    expect(registry.codes()).toHaveLength(9);
    expect(registry.resolve('bsl')).toBe('bfi');
    expect(registry.get('BFI')).toEqual({ ...BSL, aliases: [] });
    expect(registry.resolve('DGS')).toBe('gsg');
    // The default registry is not changed by building another one.
    expect(LANGUAGES.has('bfi')).toBe(false);
  });

  it('accepts region-subtag codes like rsl-by', () => {
    const registry = createLanguageRegistry([
      { code: 'rsl-by', name: 'Russian Sign Language (Belarus)', tag: 'RSL-BY', spokenLanguage: 'ru-BY' },
    ]);
    expect(registry.resolve('RSL_BY')).toBe('rsl-by');
  });

  it('rejects a code, tag or alias used by two rows, case-insensitively', () => {
    const dupCode = thrown(() => createLanguageRegistry([...LANGUAGES_DATA, { ...BSL, code: 'ase' }]));
    expect(dupCode.code).toBe(ERROR_CODES.invalidArgument);
    expect(dupCode.message).toContain('code "ase" of "ase" clashes with code "ase" of "ase"');
    const dupAlias = thrown(() => createLanguageRegistry([...LANGUAGES_DATA, { ...BSL, aliases: ['dgs'] }]));
    expect(dupAlias.code).toBe(ERROR_CODES.invalidArgument);
    expect(dupAlias.message).toContain('alias "dgs" of "bfi" clashes with alias "DGS" of "gsg"');
    const tagVsAlias = thrown(() => createLanguageRegistry([...LANGUAGES_DATA, { ...BSL, tag: 'SGN-US' }]));
    expect(tagVsAlias.message).toContain('of "ase"');
  });

  it('allows a row to repeat its own name as an alias', () => {
    expect(createLanguageRegistry([{ ...BSL, aliases: ['bsl', 'BFI'] }]).resolve('bsl')).toBe('bfi');
  });

  it('rejects a malformed row with schema_invalid naming the field', () => {
    const upper = thrown(() => createLanguageRegistry([{ ...BSL, code: 'BFI' }]));
    expect(upper.code).toBe(ERROR_CODES.schemaInvalid);
    expect(upper.message).toMatch(
      /^language row 0 \("BFI"\): code: expected an ISO 639-3 sign language code/,
    );
    expect(upper.message).toContain('got "BFI"');
    const spoken = thrown(() => createLanguageRegistry([{ ...BSL, spokenLanguage: 'english' }]));
    expect(spoken.message).toContain('spokenLanguage: expected a BCP 47 spoken-language tag');
    const extra = thrown(() => createLanguageRegistry([{ ...BSL, iso: 'bfi' } as LanguageInput]));
    expect(extra.message).toContain('unknown key "iso"');
    const missing = thrown(() => createLanguageRegistry([{ code: 'bfi' } as LanguageInput]));
    expect(missing.message).toContain('name: missing; expected a string');
    expect(thrown(() => createLanguageRegistry([null as unknown as LanguageInput])).code).toBe(
      ERROR_CODES.schemaInvalid,
    );
    expect(thrown(() => createLanguageRegistry('ase' as unknown as LanguageInput[])).code).toBe(
      ERROR_CODES.invalidArgument,
    );
  });

  it('builds an empty registry whose errors say there are no languages', () => {
    const e = thrown(() => createLanguageRegistry([]).get('ase'));
    expect(e.message).toContain('valid codes are (none)');
  });
});

describeWithData('language identifiers in the shared data', () => {
  it('resolves every Prompt2Sign template file tag to a distinct registry language', () => {
    const tags = ['ASL', 'DSGS', 'GSL', 'KSL', 'LIS-CH', 'LSA', 'LSF-CH', 'TSL'];
    // The file must exist for each tag (the Prompt2Sign repository names them prompts_<TAG>.txt).
    for (const tag of tags)
      expect(readDataText('prompt2sign-templates', `prompts_${tag}.txt`).length).toBeGreaterThan(0);
    const codes = tags.map(resolveLanguage);
    expect(new Set(codes).size).toBe(8);
    expect([...codes].sort()).toEqual([...LANGUAGES.codes()].sort());
  });

  it('reads the signed_language and spoken_language columns of the lexicon indexes', () => {
    for (const file of [
      ['fingerspelling', 'index.csv'],
      ['lexicon', 'sgg-dummy', 'index.csv'],
    ]) {
      const [header, ...rows] = readDataText(...file)
        .trim()
        .split('\n');
      const cols = (header ?? '').split(',');
      const signedCol = cols.indexOf('signed_language');
      const spokenCol = cols.indexOf('spoken_language');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const fields = row.split(',');
        const language = getLanguage(fields[signedCol] ?? '');
        expect(language.code).toBe(fields[signedCol]);
        expect(language.spokenLanguage.split('-')[0]).toBe(fields[spokenCol]);
      }
    }
  });
});
