/**
 * Spoken-language text and glosses for synthetic sentences: strip articles to get dictionary words,
 * turn words into UPPERCASE gloss tokens (Turkish dotted/dotless i handled), and realise a list of
 * phrases as a naive sentence of the language ("Das Haus, das Wasser und essen.").
 */

/** Leading articles per spoken-language column (with their following space, or an elided form). */
const ARTICLES: Readonly<Record<string, readonly string[]>> = {
  en: ['the '],
  de: ['der ', 'die ', 'das '],
  'de-CH': ['der ', 'die ', 'das '],
  fr: ['le ', 'la ', 'les ', "l'"],
  it: ['il ', 'lo ', 'la ', 'i ', 'gli ', 'le ', "l'"],
  'es-AR': ['el ', 'la ', 'los ', 'las '],
};

/** The word for "and" per spoken-language column. */
const AND: Readonly<Record<string, string>> = {
  en: 'and',
  de: 'und',
  'de-CH': 'und',
  fr: 'et',
  it: 'e',
  'es-AR': 'y',
  ko: '그리고',
  tr: 've',
};

/**
 * Splits a noun phrase into article and word: `("l'eau", 'fr')` → `["l'", 'eau']`. Phrases without an
 * article of the language give `['', phrase]`.
 *
 * @example
 * ```ts
 * splitArticle('das Haus', 'de'); // ['das ', 'Haus']
 * ```
 */
export function splitArticle(phrase: string, column: string): [article: string, word: string] {
  for (const article of ARTICLES[column] ?? []) {
    if (phrase.startsWith(article) && phrase.length > article.length) {
      return [article, phrase.slice(article.length)];
    }
  }
  return ['', phrase];
}

/** Upper-cases text by the rules of the column's language (Turkish i → İ, ı → I). */
export function upperCase(text: string, column: string): string {
  if (column === 'tr') return text.replaceAll('i', 'İ').replaceAll('ı', 'I').toUpperCase();
  return text.toUpperCase();
}

/**
 * The gloss token of a dictionary word: upper case, spaces joined by `-`.
 *
 * @example
 * ```ts
 * glossOf('yardım etmek', 'tr'); // 'YARDIM-ETMEK'
 * glossOf('groß', 'de'); // 'GROSS'
 * ```
 */
export function glossOf(word: string, column: string): string {
  return upperCase(word.trim(), column).split(/\s+/).join('-');
}

/**
 * A naive sentence from phrases: the first letter upper-cased, phrases joined by commas and the
 * language's "and", a full stop at the end.
 *
 * @example
 * ```ts
 * sentenceText(['das Haus', 'essen'], 'de'); // 'Das Haus und essen.'
 * sentenceText(['ir'], 'es-AR'); // 'Ir.'
 * ```
 */
export function sentenceText(phrases: readonly string[], column: string): string {
  if (phrases.length === 0) return '';
  const and = AND[column] ?? 'and';
  let body = phrases[0]!;
  for (let i = 1; i < phrases.length; i++) {
    const next = phrases[i]!;
    if (i < phrases.length - 1) body += `, ${next}`;
    else body += ` ${column === 'es-AR' && /^h?i(?!e)/i.test(next) ? 'e' : and} ${next}`;
  }
  const first = body.charAt(0);
  return `${upperCase(first, column)}${body.slice(1)}.`;
}
