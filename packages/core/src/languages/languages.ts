/**
 * The default language registry (the eight Prompt2Sign languages of `LANGUAGES_DATA`) and shortcuts
 * over it.
 */

import { createLanguageRegistry, type LanguageRegistry } from './language-registry.ts';
import type { Language } from './language-schema.ts';
import { LANGUAGES_DATA } from './languages-data.ts';

/**
 * The registry of the built-in languages.
 *
 * @example
 * ```ts
 * LANGUAGES.resolve('DGS'); // 'gsg'
 * ```
 */
export const LANGUAGES: LanguageRegistry = createLanguageRegistry(LANGUAGES_DATA);

/**
 * A built-in language by ISO code, Prompt2Sign tag or alias (case-insensitive).
 *
 * @throws SignLLMError `unknown_language` listing the valid codes and tags.
 * @example
 * ```ts
 * getLanguage('LSF-CH').name; // 'French Sign Language of Switzerland'
 * ```
 */
export function getLanguage(codeOrTag: string): Language {
  return LANGUAGES.get(codeOrTag);
}

/**
 * The ISO code of a built-in language named by code, tag or alias.
 *
 * @throws SignLLMError `unknown_language` listing the valid codes and tags.
 * @example
 * ```ts
 * resolveLanguage('asl'); // 'ase'
 * ```
 */
export function resolveLanguage(codeOrTag: string): string {
  return LANGUAGES.resolve(codeOrTag);
}

/**
 * All built-in languages, in table order.
 *
 * @example
 * ```ts
 * listLanguages().map((l) => l.code); // ['ase', 'gsg', 'sgg', 'ssr', 'slf', 'aed', 'kvk', 'tsm']
 * ```
 */
export function listLanguages(): Language[] {
  return LANGUAGES.list();
}
