/**
 * Turning a request's strings into what the graphs read: the language resolved against the bundle's
 * languages, the input string checked (not empty, not huge), gloss written as LangGloss
 * (`<gsg> REGEN <gsg> MORGEN`), LangGloss tags set to the requested language, and text encoded as source
 * ids (`tokenizer.encode(text)` then `</s>`), refused — never cut — when longer than the model reads.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { LANGUAGES } from '../languages/languages.ts';
import { EOS_ID } from '../tokenizers/special-tokens.ts';
import type { Tokenizer } from '../tokenizers/tokenizer.ts';

/**
 * The kinds of input string a bundle may accept.
 *
 * @example
 * ```ts
 * INPUT_KINDS.includes('gloss'); // true
 * ```
 */
export const INPUT_KINDS = ['text', 'prompt', 'gloss'] as const;

/** What the input string is: spoken-language text, a question-style prompt, or glosses. */
export type InputKind = (typeof INPUT_KINDS)[number];

/**
 * The most characters an input string may have.
 *
 * @example
 * ```ts
 * if (text.length > MAX_INPUT_CHARACTERS) showError();
 * ```
 */
export const MAX_INPUT_CHARACTERS: number = 10_000;

/**
 * The bundle language that `language` names: one of `languages` exactly, or a code, tag or alias of the
 * language registry (case-insensitive, e.g. `ASL` → `ase`) whose code is one of them.
 *
 * @throws SignLLMError `unknown_language` listing the bundle's languages.
 * @example
 * ```ts
 * resolveBundleLanguage('ASL', ['ase', 'gsg']); // 'ase'
 * ```
 */
export function resolveBundleLanguage(language: unknown, languages: readonly string[]): string {
  if (typeof language === 'string') {
    if (languages.includes(language)) return language;
    const code = language.length <= 64 ? LANGUAGES.find(language)?.code : undefined;
    if (code !== undefined && languages.includes(code)) return code;
  }
  const shown = typeof language === 'string' ? JSON.stringify(language.slice(0, 64)) : String(language);
  throw new SignLLMError(
    ERROR_CODES.unknownLanguage,
    `language ${shown} is not served by this bundle; it serves ${formatOptions(languages)}`,
    { details: { value: language, options: [...languages] } },
  );
}

/**
 * Checks an input string: a string with a non-whitespace character, at most `MAX_INPUT_CHARACTERS`.
 *
 * @throws SignLLMError `input_empty` or `input_too_long`.
 * @example
 * ```ts
 * checkInputString('  '); // throws input_empty
 * ```
 */
export function checkInputString(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') {
    const got = typeof input === 'string' ? 'only whitespace' : `a ${input === null ? 'null' : typeof input}`;
    throw new SignLLMError(ERROR_CODES.inputEmpty, `input must be a non-empty string, got ${got}`);
  }
  if (input.length > MAX_INPUT_CHARACTERS) {
    throw new SignLLMError(
      ERROR_CODES.inputTooLong,
      `input has ${input.length} characters, more than the ${MAX_INPUT_CHARACTERS} accepted`,
      { details: { count: input.length, limit: MAX_INPUT_CHARACTERS } },
    );
  }
  return input;
}

/** Anything shaped like a tag, `<…>` (as `@signllm/data` recognises them in glosses). */
const TAG = /^<[^<>\s]*>$/;
/** Gloss token separators: whitespace, control and format characters (as `@signllm/data` splits glosses). */
const SEPARATORS = /[\s\p{Cc}\p{Cf}]+/u;

/**
 * LangGloss of a gloss string: the language tag before every whitespace-separated gloss token.
 *
 * @throws SignLLMError `invalid_argument` for a gloss token shaped like a tag (`<…>`).
 * @example
 * ```ts
 * glossToLangGloss('REGEN MORGEN', 'gsg'); // '<gsg> REGEN <gsg> MORGEN'
 * ```
 */
export function glossToLangGloss(gloss: string, language: string): string {
  const tokens = gloss.split(SEPARATORS).filter((t) => t !== '');
  return tokens
    .map((token, index) => {
      if (TAG.test(token)) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `gloss token ${index} ${JSON.stringify(token.slice(0, 64))} looks like a tag; write glosses without <…> (the language tag is added for you)`,
          { details: { index, value: token } },
        );
      }
      return `<${language}> ${token}`;
    })
    .join(' ');
}

/**
 * Sets every tag token (`<xxx>`) of a LangGloss string to the tag of `language`.
 *
 * @example
 * ```ts
 * retagLangGloss('<ase> HOUSE <gsg> BIG', 'gsg'); // '<gsg> HOUSE <gsg> BIG'
 * ```
 */
export function retagLangGloss(langGloss: string, language: string): string {
  const tokens = langGloss.split(SEPARATORS).filter((t) => t !== '');
  return tokens.map((t) => (TAG.test(t) ? `<${language}>` : t)).join(' ');
}

/**
 * Source ids of `text` for an encoder: `tokenizer.encode(text)` then `</s>`.
 *
 * @throws SignLLMError `input_empty` when no token comes out, `input_too_long` when more than
 *   `maxSourceLength − 1` tokens do (`what` names the input in the message).
 * @example
 * ```ts
 * encodeSourceText(tokenizer, 'the sky is blue', 64, 'text'); // [..., 3]
 * ```
 */
export function encodeSourceText(
  tokenizer: Tokenizer,
  text: string,
  maxSourceLength: number,
  what: string,
): number[] {
  const ids = tokenizer.encode(text);
  if (ids.length === 0) throw new SignLLMError(ERROR_CODES.inputEmpty, `${what} has no tokens`);
  const limit = maxSourceLength - 1;
  if (ids.length > limit) {
    throw new SignLLMError(
      ERROR_CODES.inputTooLong,
      `${what} has ${ids.length} tokens, but the model reads at most ${limit} (plus </s>); shorten it`,
      { details: { count: ids.length, limit } },
    );
  }
  ids.push(EOS_ID);
  return ids;
}
