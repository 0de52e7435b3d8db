/**
 * The prompt templates of all eight Prompt2Sign languages, keyed by ISO 639-3 code, and the lookup
 * that accepts any registry name (code, Prompt2Sign tag or alias).
 */
import { ERROR_CODES, formatOptions, resolveLanguage, SignLLMError } from '@signllm/core';
import { TEMPLATES_AED } from './templates-aed.ts';
import { TEMPLATES_ASE } from './templates-ase.ts';
import { TEMPLATES_GSG } from './templates-gsg.ts';
import { TEMPLATES_KVK } from './templates-kvk.ts';
import { TEMPLATES_SGG } from './templates-sgg.ts';
import { TEMPLATES_SLF } from './templates-slf.ts';
import { TEMPLATES_SSR } from './templates-ssr.ts';
import { TEMPLATES_TSM } from './templates-tsm.ts';

/**
 * Question-style prompt templates per sign language (ISO 639-3 code → templates in the spoken language
 * of that sign language's community). Each template holds exactly one `{}` where the sentence goes.
 *
 * @example
 * ```ts
 * PROMPT_TEMPLATES.gsg?.length; // 34
 * ```
 */
export const PROMPT_TEMPLATES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ase: TEMPLATES_ASE,
  gsg: TEMPLATES_GSG,
  sgg: TEMPLATES_SGG,
  ssr: TEMPLATES_SSR,
  slf: TEMPLATES_SLF,
  aed: TEMPLATES_AED,
  kvk: TEMPLATES_KVK,
  tsm: TEMPLATES_TSM,
});

/**
 * The templates of one sign language, named by ISO code, Prompt2Sign tag or alias.
 *
 * @throws SignLLMError `unknown_language` for a name the registry does not know; `invalid_argument`
 * for a registry language that has no templates.
 * @example
 * ```ts
 * promptTemplatesFor('LSF-CH') === PROMPT_TEMPLATES.ssr; // true
 * ```
 */
export function promptTemplatesFor(language: string): readonly string[] {
  const code = resolveLanguage(language);
  const templates = Object.hasOwn(PROMPT_TEMPLATES, code) ? PROMPT_TEMPLATES[code] : undefined;
  if (templates === undefined || templates.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `No prompt templates for sign language "${code}"; templates exist for ${formatOptions(Object.keys(PROMPT_TEMPLATES))}`,
      { details: { language: code } },
    );
  }
  return templates;
}
