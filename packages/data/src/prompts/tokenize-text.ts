/**
 * Word tokenisation of spoken-language sentences for LangGloss when a sample has no gloss: words keep
 * their case and inner apostrophes or hyphens ("we're", "Dili'nde", "ES-BEDEUTET"), numbers keep inner
 * "." or "," ("3.5", "1,000"), and punctuation is split off (a run of one mark, like "...", is one
 * token). Works for any script written with spaces between words (Latin, Hangul, Cyrillic, ...).
 */

/** A word (letters, marks, digits, with inner ' ’ - joiners and . , between digits), or one mark run. */
const TOKEN =
  /[\p{L}\p{M}\p{N}]+(?:(?:['’‐-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*|([^\s\p{L}\p{M}\p{N}\p{Cc}\p{Cf}])\1*/gu;

/**
 * The words and punctuation marks of a sentence, in order, case kept. Whitespace, control and format
 * characters (zero-width spaces, byte-order marks) only separate tokens.
 *
 * @example
 * ```ts
 * tokenizeText("We're going up... and down!"); // ["We're", 'going', 'up', '...', 'and', 'down', '!']
 * tokenizeText('Türk İşaret Dili\'nde göster.'); // ['Türk', 'İşaret', "Dili'nde", 'göster', '.']
 * ```
 */
export function tokenizeText(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push(match[0]);
  return tokens;
}
