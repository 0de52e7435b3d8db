/**
 * The sign languages SignLLM knows, as data. Adding a language is adding a row here (or passing rows
 * to `createLanguageRegistry`); no code changes. Codes are ISO 639-3, tags are the Prompt2Sign
 * abbreviations, aliases are other common names (native abbreviations, old BCP 47 `sgn-XX` forms).
 */
import type { LanguageInput } from './language-schema.ts';

/**
 * The eight languages of Prompt2Sign, validated by `LanguageSchema` when the default registry is built.
 *
 * @example
 * ```ts
 * const registry = createLanguageRegistry([...LANGUAGES_DATA, { code: 'bfi', name: 'British Sign Language', tag: 'BSL', spokenLanguage: 'en-GB' }]);
 * ```
 */
export const LANGUAGES_DATA: readonly LanguageInput[] = [
  { code: 'ase', name: 'American Sign Language', tag: 'ASL', spokenLanguage: 'en', aliases: ['sgn-US'] },
  {
    code: 'gsg',
    name: 'German Sign Language (DGS)',
    tag: 'GSL',
    spokenLanguage: 'de',
    aliases: ['DGS', 'sgn-DE'],
  },
  {
    code: 'sgg',
    name: 'Swiss German Sign Language',
    tag: 'DSGS',
    spokenLanguage: 'de-CH',
    aliases: ['sgn-CH-DE'],
  },
  { code: 'ssr', name: 'French Sign Language of Switzerland', tag: 'LSF-CH', spokenLanguage: 'fr-CH' },
  { code: 'slf', name: 'Italian Sign Language of Switzerland', tag: 'LIS-CH', spokenLanguage: 'it-CH' },
  { code: 'aed', name: 'Argentine Sign Language', tag: 'LSA', spokenLanguage: 'es-AR' },
  { code: 'kvk', name: 'Korean Sign Language', tag: 'KSL', spokenLanguage: 'ko' },
  { code: 'tsm', name: 'Turkish Sign Language', tag: 'TSL', spokenLanguage: 'tr', aliases: ['TID'] },
];
