/**
 * Filling one prompt template with one sentence: whitespace is collapsed, a sentence already wrapped
 * in quotes loses them when the template quotes it, and the sentence's own final punctuation is
 * dropped when the template goes on after it (so no "…?." or "'…'.'?").
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/**
 * Longest sentence (in characters, after collapsing whitespace) a prompt may hold by default; the
 * longest How2Sign dev sentence has 850.
 *
 * @example
 * ```ts
 * fillTemplate('Sign {}.', longText, { maxLength: 2 * DEFAULT_MAX_SENTENCE_LENGTH });
 * ```
 */
export const DEFAULT_MAX_SENTENCE_LENGTH = 4096;

/** Options of `fillTemplate`, `fitSentence` and `makePrompt`. */
export interface FillOptions {
  /** Longest sentence accepted, in characters after collapsing whitespace (default 4096). */
  maxLength?: number;
}

/** The parts of a template around its one `{}`. */
export interface TemplateParts {
  /** Text before `{}`. */
  prefix: string;
  /** Text after `{}`. */
  suffix: string;
  /** True when `{}` sits between a matching pair of quotes (spaces allowed inside, as in « {} »). */
  quoted: boolean;
  /** True when the template has words or punctuation after `{}` (besides a closing quote). */
  continues: boolean;
}

/** Opening → closing quote marks recognised around `{}` and around whole sentences. */
const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ["'", "'"],
  ['"', '"'],
  ['„', '“'],
  ['“', '”'],
  ['‘', '’'],
  ['‚', '‘'],
  ['«', '»'],
  ['»', '«'],
  ['‹', '›'],
  ['「', '」'],
  ['『', '』'],
]);

/** Whitespace, C0/C1 control characters, zero-width space and byte-order marks: all read as one space. */
const SPACE_RUN = /[\s\p{Cc}\u200b\ufeff]+/gu;
/** A final full stop, comma, semicolon or colon (not part of an ellipsis "..."), with spaces before it. */
const SOFT_END = /(?<![.．。])\s*[.．。,;:，；：]$/u;
/** Any run of final punctuation, with spaces before it. */
const ANY_END = /\s*[.．。!！?？…,;:，；：]+$/u;
/** Only full stops, commas, semicolons and colons at the end (for ¿…? and ¡…! sentences). */
const PERIOD_END = /\s*[.．。,;:，；：]+$/u;

/**
 * Collapses every run of whitespace or control characters to one space and trims.
 *
 * @example
 * ```ts
 * collapseSpaces('  a\n\tb  '); // 'a b'
 * ```
 */
export function collapseSpaces(text: string): string {
  return text.replace(SPACE_RUN, ' ').trim();
}

/**
 * Splits a template at its one `{}`.
 *
 * @throws SignLLMError `invalid_argument` when the template is not a string or has no `{}` or more than one.
 * @example
 * ```ts
 * splitTemplate("How do I sign '{}' in ASL?").quoted; // true
 * ```
 */
export function splitTemplate(template: string): TemplateParts {
  if (typeof template !== 'string') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `A prompt template must be a string, got ${typeof template}`,
    );
  }
  const at = template.indexOf('{}');
  if (at < 0 || template.indexOf('{}', at + 2) >= 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `A prompt template needs exactly one "{}" where the sentence goes; got ${JSON.stringify(excerpt(template))}`,
      { details: { template: excerpt(template) } },
    );
  }
  const prefix = template.slice(0, at);
  const suffix = template.slice(at + 2);
  const open = prefix.trimEnd().slice(-1);
  const afterClose = suffix.trimStart();
  const quoted = open !== '' && QUOTE_PAIRS.get(open) === afterClose.charAt(0);
  const rest = quoted ? afterClose.slice(1) : suffix;
  return { prefix, suffix, quoted, continues: rest.trim() !== '' };
}

/**
 * The form a sentence takes inside a template: whitespace collapsed; its outer quotes dropped when the
 * template quotes it already; its final punctuation dropped when the template goes on after it (for a
 * quoted sentence only a final full stop, comma, semicolon or colon, so "?" and "!" stay inside the
 * quotes; a sentence of punctuation only is kept). Text containing `{}` is kept literally.
 *
 * @throws SignLLMError `invalid_argument` for a non-string or empty sentence; `format_too_large` for one
 * longer than `maxLength`.
 * @example
 * ```ts
 * fitSentence('I call it painting the wall.', "How do you sign '{}' in ASL?"); // 'I call it painting the wall'
 * ```
 */
export function fitSentence(text: string, template: string, options: FillOptions = {}): string {
  return fitParts(text, splitTemplate(template), options);
}

/**
 * Fills a template with a sentence (see `fitSentence` for what happens to the sentence).
 *
 * @throws SignLLMError as `splitTemplate` and `fitSentence`.
 * @example
 * ```ts
 * fillTemplate('Was heisst «{}» auf DSGS?', 'Guten Morgen.'); // 'Was heisst «Guten Morgen» auf DSGS?'
 * ```
 */
export function fillTemplate(template: string, text: string, options: FillOptions = {}): string {
  const parts = splitTemplate(template);
  return parts.prefix + fitParts(text, parts, options) + parts.suffix;
}

/** `fitSentence` on an already split template. */
function fitParts(text: string, parts: TemplateParts, options: FillOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_SENTENCE_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `maxLength must be a positive integer, got ${String(maxLength)}`,
    );
  }
  if (typeof text !== 'string') {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `The sentence must be a string, got ${typeof text}`);
  }
  let sentence = collapseSpaces(text);
  if (sentence.length > maxLength) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `The sentence has ${sentence.length} characters; a prompt holds at most ${maxLength} (option maxLength)`,
      { details: { length: sentence.length, maxLength } },
    );
  }
  if (sentence === '') {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'The sentence is empty (or only whitespace)');
  }
  if (parts.quoted) sentence = unwrapQuotes(sentence);
  if (parts.continues) {
    const end = parts.quoted ? SOFT_END : /^[¿¡]/u.test(sentence) ? PERIOD_END : ANY_END;
    const cut = sentence.replace(end, '').trimEnd();
    if (cut !== '') sentence = cut;
  }
  return sentence;
}

/** Drops one pair of quotes around the whole sentence, when neither mark occurs inside. */
function unwrapQuotes(sentence: string): string {
  if (sentence.length < 3) return sentence;
  const open = sentence.charAt(0);
  const close = QUOTE_PAIRS.get(open);
  if (close === undefined || sentence.charAt(sentence.length - 1) !== close) return sentence;
  const inner = sentence.slice(1, -1);
  if (inner.includes(open) || inner.includes(close)) return sentence;
  const trimmed = inner.trim();
  return trimmed === '' ? sentence : trimmed;
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
