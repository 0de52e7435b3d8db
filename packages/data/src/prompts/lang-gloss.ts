/**
 * LangGloss (Prompt2LangGloss, paper §3): a gloss or word sequence with the sign language's tag before
 * every token, e.g. `<gsg> REGEN <gsg> MORGEN`. Tags are the ISO 639-3 code in angle brackets. A
 * sample's gloss is used when it has one; otherwise the words of its sentence (as the paper does for
 * How2Sign), split by `tokenizeText` with their case kept.
 */
import { ERROR_CODES, formatOptions, LANGUAGES, resolveLanguage, SignLLMError } from '@signllm/core';
import { tokenizeText } from './tokenize-text.ts';

/**
 * A whole token that is a language tag: `<` + ISO 639-3 code (optionally with a region subtag) + `>`.
 * Capture group 1 is the code. Not global, so `test` has no `lastIndex` state.
 *
 * @example
 * ```ts
 * LANG_TAG_PATTERN.exec('<ase>')?.[1]; // 'ase'
 * ```
 */
export const LANG_TAG_PATTERN: RegExp = /^<([a-z]{3}(?:-(?:[a-z]{2}|[0-9]{3}))?)>$/;

/** Anything shaped like a tag, `<…>`, known or not: never allowed as a gloss token. */
const TAG_SHAPED = /^<[^<>\s]*>$/;

/**
 * The LangGloss tag of a sign language named by code, Prompt2Sign tag or alias.
 *
 * @throws SignLLMError `unknown_language`.
 * @example
 * ```ts
 * langTag('DGS'); // '<gsg>'
 * ```
 */
export function langTag(language: string): string {
  return `<${resolveLanguage(language)}>`;
}

/**
 * LangGloss tokens: the language tag before every gloss token. Uses `gloss` (split on whitespace, kept
 * as written) when it has any token, else the words and punctuation of `text` (`tokenizeText`, case
 * kept).
 *
 * @throws SignLLMError `unknown_language`; `invalid_argument` when neither gloss nor text has a token,
 * or a gloss token looks like a tag (`<…>`).
 * @example
 * ```ts
 * toLangGloss('ase', 'HOUSE BIG'); // ['<ase>', 'HOUSE', '<ase>', 'BIG']
 * toLangGloss('ASL', undefined, 'When does this take place?'); // ['<ase>', 'When', ..., '<ase>', 'place', '<ase>', '?']
 * ```
 */
export function toLangGloss(language: string, gloss?: string, text?: string): string[] {
  const tag = langTag(language);
  let words: string[] = [];
  if (gloss !== undefined && gloss !== null) {
    if (typeof gloss !== 'string') throw argument(`gloss must be a string, got ${typeof gloss}`);
    words = gloss.split(/[\s\p{Cc}\p{Cf}]+/u).filter((w) => w !== '');
    words.forEach((word, i) => {
      if (TAG_SHAPED.test(word)) {
        throw argument(
          `Gloss token ${i + 1} ${JSON.stringify(word)} looks like a language tag; glosses cannot hold "<…>" tokens`,
        );
      }
    });
  }
  if (words.length === 0 && text !== undefined && text !== null) {
    if (typeof text !== 'string') throw argument(`text must be a string, got ${typeof text}`);
    words = tokenizeText(text);
  }
  if (words.length === 0) {
    throw argument(`toLangGloss("${tag.slice(1, -1)}") needs a gloss or a text with at least one token`);
  }
  const out = new Array<string>(words.length * 2);
  words.forEach((word, i) => {
    out[2 * i] = tag;
    out[2 * i + 1] = word;
  });
  return out;
}

/**
 * Joins LangGloss tokens with single spaces, after checking them as `parseLangGloss` would (so the
 * result always parses back to the same tokens).
 *
 * @throws SignLLMError `invalid_argument` for a token that is empty or holds whitespace; as
 * `parseLangGloss` for a bad sequence.
 * @example
 * ```ts
 * formatLangGloss(['<ase>', 'HOUSE', '<ase>', 'BIG']); // '<ase> HOUSE <ase> BIG'
 * ```
 */
export function formatLangGloss(tokens: readonly string[]): string {
  if (!Array.isArray(tokens))
    throw argument(`LangGloss tokens must be an array of strings, got ${typeof tokens}`);
  tokens.forEach((token, i) => {
    if (typeof token !== 'string' || token === '' || /[\s\p{Cc}\p{Cf}]/u.test(token)) {
      throw argument(
        `LangGloss token ${i + 1} ${describe(token)} is empty, not a string or holds whitespace`,
      );
    }
  });
  checkSequence(tokens);
  return tokens.join(' ');
}

/**
 * Splits a LangGloss string on whitespace and checks it: tags and tokens alternate, starting with a
 * tag, every tag is `<code>` of a known language (canonical lowercase ISO code), no token is tag-shaped.
 * Tags of different languages may mix. An empty or all-whitespace string gives `[]`.
 *
 * @throws SignLLMError `unknown_language` for an unknown or non-canonical tag (`<xyz>`, `<ASL>`);
 * `format_invalid` for a token without a tag, two tags in a row or a final tag, with the 1-based token
 * position.
 * @example
 * ```ts
 * parseLangGloss('<gsg> REGEN <gsg> MORGEN'); // ['<gsg>', 'REGEN', '<gsg>', 'MORGEN']
 * ```
 */
export function parseLangGloss(text: string): string[] {
  if (typeof text !== 'string') throw argument(`A LangGloss must be a string, got ${typeof text}`);
  const trimmed = text.trim();
  const tokens = trimmed === '' ? [] : trimmed.split(/[\s\p{Cc}\p{Cf}]+/u);
  checkSequence(tokens);
  return tokens;
}

function checkSequence(tokens: readonly string[]): void {
  tokens.forEach((token, i) => {
    const position = { token: i + 1 };
    const tagShaped = TAG_SHAPED.test(token);
    if (i % 2 === 0) {
      if (!tagShaped) {
        throw new SignLLMError(
          ERROR_CODES.badFormat,
          `LangGloss token ${describe(token)} has no language tag before it; expected a tag like "<ase>"`,
          { position, details: { token: clip(token) } },
        );
      }
      checkTag(token, position);
    } else if (tagShaped) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `LangGloss tag ${describe(token)} follows another tag; every tag needs one gloss token after it`,
        { position, details: { token: clip(token) } },
      );
    }
  });
  if (tokens.length % 2 === 1) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `LangGloss ends with the tag ${describe(tokens[tokens.length - 1])} and no gloss token after it`,
      { position: { token: tokens.length } },
    );
  }
}

function checkTag(token: string, position: { token: number }): void {
  const code = LANG_TAG_PATTERN.exec(token)?.[1];
  if (code !== undefined && LANGUAGES.has(code) && LANGUAGES.resolve(code) === code) return;
  const valid = formatOptions(LANGUAGES.codes().map((c) => `<${c}>`));
  const inner = token.slice(1, -1);
  const known = inner === '' ? undefined : LANGUAGES.find(inner);
  const hint = known ? `; did you mean "<${known.code}>"?` : '.';
  throw new SignLLMError(
    ERROR_CODES.unknownLanguage,
    `Unknown LangGloss tag ${describe(token)}${hint} Valid tags are ${valid}`,
    { position, details: { tag: clip(token) } },
  );
}

function argument(message: string): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, message);
}

function clip(token: string): string {
  return token.length > 40 ? `${token.slice(0, 37)}...` : token;
}

function describe(token: unknown): string {
  return typeof token === 'string' ? JSON.stringify(clip(token)) : String(token);
}
