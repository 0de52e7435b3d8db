/**
 * The language registry: the sign languages SignLLM knows, as data rows validated by a zod schema,
 * looked up by ISO 639-3 code, Prompt2Sign tag or alias, case-insensitively.
 */

export type { LanguageRegistry } from './language-registry.ts';
export { createLanguageRegistry } from './language-registry.ts';
export type { Language, LanguageInput, LanguageShape } from './language-schema.ts';
export {
  LanguageAliasSchema,
  LanguageCodeSchema,
  LanguageSchema,
  LanguageTagSchema,
  SpokenLanguageSchema,
} from './language-schema.ts';
export { getLanguage, LANGUAGES, listLanguages, resolveLanguage } from './languages.ts';
export { LANGUAGES_DATA } from './languages-data.ts';
