/**
 * Text normalisation and pre-tokenization shared by both tokenizer kinds: Unicode NFKC, optional
 * locale-independent lowercasing, reserved tokens cut out whole (and never lowercased), then words
 * (split on whitespace) or, for subword tokenizers, words with punctuation split off and a '▁' on
 * every word that follows whitespace.
 */
import { WORD_START } from './special-tokens.ts';

/** A piece of normalised text: either a reserved token, matched whole, or ordinary text. */
export type TextSegment = { reserved: true; text: string } | { reserved: false; text: string };

function lowerNormalised(text: string): string {
  const lower = text.toLowerCase();
  // Lowercasing can leave text that is not NFKC any more (e.g. 'İ' → 'i' + U+0307); renormalise then.
  return lower === text ? text : lower.normalize('NFKC');
}

/**
 * Normalises text as the tokenizers do: Unicode NFKC, then (when `lowercase`) `String#toLowerCase`,
 * which is locale-independent: Turkish 'I' becomes 'i' (not 'ı'), 'İ' becomes 'i' + U+0307 COMBINING
 * DOT ABOVE, and 'ı' stays 'ı'. Reserved tokens inside a tokenizer's input are exempt from lowercasing.
 *
 * @example
 * ```ts
 * normaliseText('ＧＲÜẞE İzmir', true); // 'grüße i̇zmir' (the i carries U+0307)
 * ```
 */
export function normaliseText(text: string, lowercase: boolean): string {
  const nfkc = text.normalize('NFKC');
  return lowercase ? lowerNormalised(nfkc) : nfkc;
}

/** Compares two strings by Unicode code points (not UTF-16 code units): negative, 0 or positive. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800–0xDFFF) encode code points above 0xFFFF, so they sort after 0xE000–0xFFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function escapeRegExp(text: string): string {
  // Only syntax characters and '/' may be escaped in a 'u' expression.
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * A regular expression that finds any of `reserved` (longest first), or undefined when there are none.
 * Reserved tokens are matched anywhere, also inside a word.
 */
export function reservedMatcher(reserved: readonly string[]): RegExp | undefined {
  if (reserved.length === 0) return undefined;
  const sorted = [...reserved].sort((a, b) => b.length - a.length || compareCodePoints(a, b));
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'gu');
}

/**
 * NFKC-normalises `text`, cuts out the reserved tokens `matcher` finds, and lowercases the rest when
 * `lowercase` is set. Segments are in text order; empty text segments are left out.
 */
export function segmentText(text: string, lowercase: boolean, matcher: RegExp | undefined): TextSegment[] {
  const nfkc = text.normalize('NFKC');
  const plain = (part: string): TextSegment => ({
    reserved: false,
    text: lowercase ? lowerNormalised(part) : part,
  });
  if (matcher === undefined) return nfkc === '' ? [] : [plain(nfkc)];
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of nfkc.matchAll(matcher)) {
    const start = match.index;
    if (start > last) out.push(plain(nfkc.slice(last, start)));
    out.push({ reserved: true, text: match[0] });
    last = start + match[0].length;
  }
  if (last < nfkc.length) out.push(plain(nfkc.slice(last)));
  return out;
}

const WHITESPACE = /\s+/u;

/**
 * Splits normalised text into whitespace-separated words (the word tokenizer's pre-tokenization).
 *
 * @example
 * ```ts
 * splitOnWhitespace(' HOUSE\tBIG '); // ['HOUSE', 'BIG']
 * ```
 */
export function splitOnWhitespace(text: string): string[] {
  return text.split(WHITESPACE).filter((w) => w !== '');
}

// Whitespace (incl. a literal '▁', which would otherwise be confused with the word-start marker),
// one punctuation character, or a run of anything else.
const SUBWORD_PIECES = /([\s\u2581]+)|(\p{P})|[^\s\u2581\p{P}]+/gu;

/**
 * Splits normalised text into the words a subword tokenizer segments: whitespace separates words,
 * each punctuation character (Unicode `\p{P}`) is a word of its own, and a word that follows
 * whitespace (or starts the segment) begins with '▁'. A literal '▁' in the text counts as whitespace.
 *
 * @example
 * ```ts
 * preTokenizeSubword('hola, ¿qué tal?'); // ['▁hola', ',', '▁¿', 'qué', '▁tal', '?']
 * ```
 */
export function preTokenizeSubword(text: string): string[] {
  const words: string[] = [];
  let afterSpace = true;
  for (const match of text.matchAll(SUBWORD_PIECES)) {
    if (match[1] !== undefined) {
      afterSpace = true;
      continue;
    }
    words.push(afterSpace ? WORD_START + match[0] : match[0]);
    afterSpace = false;
  }
  return words;
}
