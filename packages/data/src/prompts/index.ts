/**
 * Prompts for Prompt2LangGloss (paper §3): question-style prompt templates in the spoken language of
 * each of the eight sign languages, `makePrompt` / `extractSentence` to go from a sentence to a prompt
 * and back, and LangGloss token sequences (`<ase> HOUSE <ase> BIG`). Pure computation: no Node APIs.
 */
export type { PromptMatch } from './extract-sentence.ts';
export { extractSentence, matchPromptTemplate } from './extract-sentence.ts';
export type { FillOptions, TemplateParts } from './fill-template.ts';
export {
  collapseSpaces,
  DEFAULT_MAX_SENTENCE_LENGTH,
  fillTemplate,
  fitSentence,
  splitTemplate,
} from './fill-template.ts';
export { formatLangGloss, LANG_TAG_PATTERN, langTag, parseLangGloss, toLangGloss } from './lang-gloss.ts';
export type { MakePromptOptions } from './make-prompt.ts';
export { makePrompt } from './make-prompt.ts';
export { PROMPT_TEMPLATES, promptTemplatesFor } from './prompt-templates.ts';
export { TEMPLATES_AED } from './templates-aed.ts';
export { TEMPLATES_ASE } from './templates-ase.ts';
export { TEMPLATES_GSG } from './templates-gsg.ts';
export { TEMPLATES_KVK } from './templates-kvk.ts';
export { TEMPLATES_SGG } from './templates-sgg.ts';
export { TEMPLATES_SLF } from './templates-slf.ts';
export { TEMPLATES_SSR } from './templates-ssr.ts';
export { TEMPLATES_TSM } from './templates-tsm.ts';
export { tokenizeText } from './tokenize-text.ts';
