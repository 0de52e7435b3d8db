/**
 * `makePrompt`: turns a sentence into a question-style prompt in the spoken language of a sign
 * language, with a template chosen by a seeded random source (Prompt2LangGloss input side).
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { Rng } from '../util/rng.ts';
import { type FillOptions, fillTemplate } from './fill-template.ts';
import { promptTemplatesFor } from './prompt-templates.ts';

/** Options of `makePrompt`. */
export interface MakePromptOptions extends FillOptions {
  /** Use this template (index into `promptTemplatesFor(language)`) instead of a random one; no draw is made. */
  templateIndex?: number;
}

/**
 * A question-style prompt asking for `text` in `language` (ISO code, Prompt2Sign tag or alias). One
 * template is drawn with `rng.int` (one draw per call), then filled by `fillTemplate`: whitespace
 * collapsed, quotes and final punctuation fitted to the template. The same seed gives the same prompts.
 *
 * @throws SignLLMError `unknown_language`; `invalid_argument` for an empty sentence or a bad
 * `templateIndex`; `format_too_large` for a sentence over `maxLength` (default 4096) characters.
 * @example
 * ```ts
 * const rng = createRng(7).fork('prompts');
 * makePrompt('Morgen regnet es.', 'GSL', rng); // e.g. 'Zeig mir bitte „Morgen regnet es“ in DGS.'
 * ```
 */
export function makePrompt(
  text: string,
  language: string,
  rng: Rng,
  options: MakePromptOptions = {},
): string {
  const templates = promptTemplatesFor(language);
  let index: number;
  if (options.templateIndex !== undefined) {
    index = options.templateIndex;
    if (!Number.isInteger(index) || index < 0 || index >= templates.length) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `templateIndex must be an integer from 0 to ${templates.length - 1} for "${language}", got ${String(index)}`,
        { details: { templateIndex: index, count: templates.length } },
      );
    }
  } else {
    if (rng === null || typeof rng !== 'object' || typeof rng.int !== 'function') {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        'makePrompt needs an Rng (createRng(seed)) to pick a template',
      );
    }
    index = rng.int(templates.length);
  }
  return fillTemplate(templates[index] as string, text, options);
}
