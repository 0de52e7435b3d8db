/**
 * sacreBLEU's tokenizers, written from their documented rules: `13a` (mteval-v13a, sacreBLEU's
 * default), `intl` (mteval-v14 international) and `none`, plus Python's `str.split()` /
 * `str.rstrip()` whitespace, which sacreBLEU uses to cut tokenised lines into words.
 */

/** The characters Python 3's `str.isspace()` accepts (so `str.split()` splits on exactly these). */
const PY_WS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_WS_RUN = new RegExp(`[${PY_WS}]+`, 'u');
const PY_TRAILING_WS = new RegExp(`[${PY_WS}]+$`, 'u');

/** Python's `str.split()` with no argument: split on whitespace runs, no empty tokens. */
export function splitWhitespace(line: string): string[] {
  return line.split(PY_WS_RUN).filter((t) => t.length > 0);
}

/** Python's `str.rstrip()` with no argument. */
export function rstripWhitespace(line: string): string {
  return line.replace(PY_TRAILING_WS, '');
}

// mteval-v13a punctuation: { | } ~  [ \ ] ^ _ `  space ! " # $ % &  ( ) * +  : ; < = > ? @  /
// (not ' , - . or digits and letters). Python-compatible without the `u` flag (all ASCII).
const PUNCT_13A = /([{-~[-`\x20-&(-+:-@/])/g;
const NONDIGIT_PERIOD_COMMA = /([^0-9])([.,])/g;
const PERIOD_COMMA_NONDIGIT = /([.,])([^0-9])/g;
const DIGIT_DASH = /([0-9])(-)/g;

/**
 * sacreBLEU's `13a` tokenizer (mteval-v13a): returns the tokens.
 *
 * 1. remove `<skipped>`; remove `-\n` (hyphenated line break); `\n` → space;
 * 2. when the line holds `&`: `&quot;` → `"`, `&amp;` → `&`, `&lt;` → `<`, `&gt;` → `>` (in that order);
 * 3. pad the line with one space each side, then apply, each over the whole line left to right:
 *    a. space around each of `{|}~[\]^_\`` space `!"#$%&()*+:;<=>?@/`;
 *    b. split `.` and `,` from a preceding non-digit: `([^0-9])([.,])` → `$1 $2 `;
 *    c. split `.` and `,` from a following non-digit: `([.,])([^0-9])` → ` $1 $2`;
 *    d. split `-` after a digit: `([0-9])(-)` → `$1 $2 `;
 * 4. split on whitespace.
 * So `3.5` and `1,000` stay whole, `end.` → `end .`, `wasn't` stays whole, `well-known` stays whole,
 * `5-4` → `5 - 4`.
 *
 * @example
 * ```ts
 * tokenize13a('It costs $3.50, "cheap".'); // ['It', 'costs', '$', '3.50', ',', '"', 'cheap', '"', '.']
 * ```
 */
export function tokenize13a(line: string): string[] {
  let s = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (s.includes('&')) {
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  s = ` ${s} `;
  s = s.replace(PUNCT_13A, ' $1 ');
  s = s.replace(NONDIGIT_PERIOD_COMMA, '$1 $2 ');
  s = s.replace(PERIOD_COMMA_NONDIGIT, ' $1 $2');
  s = s.replace(DIGIT_DASH, '$1 $2 ');
  return splitWhitespace(s);
}

const NONDIGIT_PUNCT = /(\P{N})(\p{P})/gu;
const PUNCT_NONDIGIT = /(\p{P})(\P{N})/gu;
const SYMBOL = /(\p{S})/gu;

/**
 * sacreBLEU's `intl` tokenizer (mteval-v14 international): split Unicode punctuation from a preceding
 * non-number and from a following non-number, put spaces around every Unicode symbol, then split on
 * whitespace. (Unicode categories come from the JavaScript engine's Unicode version.)
 *
 * @example
 * ```ts
 * tokenizeIntl('Preis: 3,50€.'); // ['Preis', ':', '3,50', '€', '.']
 * ```
 */
export function tokenizeIntl(line: string): string[] {
  let s = line.replace(NONDIGIT_PUNCT, '$1 $2 ');
  s = s.replace(PUNCT_NONDIGIT, ' $1 $2');
  s = s.replace(SYMBOL, ' $1 ');
  return splitWhitespace(s);
}
