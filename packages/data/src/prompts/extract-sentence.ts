/**
 * The inverse of `makePrompt`: find which template of a language produced a prompt and return the
 * sentence inside it. Tries an exact match first (whitespace collapsed), then a forgiving one that
 * ignores letter case, the style of quotes and dashes, and a missing final "?" / "." of the template,
 * so the serving layer can accept prompts typed by people.
 */
import { resolveLanguage } from '@signllm/core';
import { collapseSpaces, splitTemplate } from './fill-template.ts';
import { promptTemplatesFor } from './prompt-templates.ts';

/** A template that matches a prompt, and the sentence it holds. */
export interface PromptMatch {
  /** The sentence, as it appears in the prompt (trimmed). */
  sentence: string;
  /** The matching template. */
  template: string;
  /** Its index in `promptTemplatesFor(language)`. */
  templateIndex: number;
  /** True for a character-exact match (after collapsing whitespace), false for a forgiving one. */
  exact: boolean;
}

interface Prepared {
  template: string;
  prefix: string;
  suffix: string;
  foldedPrefix: string;
  /** Folded suffixes to try: the suffix, and the suffix without its final "?"/"."/"!" when it has one. */
  foldedSuffixes: string[];
}

const prepared = new Map<string, Prepared[]>();

/** Quote marks folded to `"`, dashes folded to `-` by the forgiving match. */
const QUOTES = new Set(['"', "'", '„', '“', '”', '‘', '’', '‚', '«', '»', '‹', '›', '「', '」', '『', '』']);
const DASHES = new Set(['–', '—', '‐', '‑', '−']);
const TEMPLATE_END = /\s*[.．。!！?？]+$/u;

/**
 * The template and sentence of a prompt, or undefined when no template of the language matches.
 * Among matching templates the one with the most fixed text wins (exact matches before forgiving ones).
 *
 * @throws SignLLMError `unknown_language`.
 * @example
 * ```ts
 * matchPromptTemplate('Was heisst «Grüezi» auf DSGS?', 'sgg'); // { sentence: 'Grüezi', templateIndex: 4, exact: true, ... }
 * ```
 */
export function matchPromptTemplate(prompt: string, language: string): PromptMatch | undefined {
  const list = preparedFor(language);
  if (typeof prompt !== 'string') return undefined;
  const text = collapseSpaces(prompt);
  if (text === '') return undefined;
  const exact = bestMatch(list, text, text, true);
  return exact ?? bestMatch(list, text, fold(text), false);
}

/**
 * The sentence inside a prompt made from one of the language's templates, or undefined when no
 * template matches. For a prompt made by `makePrompt`, this is the sentence as `fitSentence` placed
 * it: whitespace collapsed, and without the final punctuation the template replaced.
 *
 * @throws SignLLMError `unknown_language`.
 * @example
 * ```ts
 * extractSentence("Quick question: what's 'Good morning' in ASL?", 'ASL'); // 'Good morning'
 * extractSentence('Hello there', 'ase'); // undefined
 * ```
 */
export function extractSentence(prompt: string, language: string): string | undefined {
  return matchPromptTemplate(prompt, language)?.sentence;
}

function bestMatch(list: Prepared[], text: string, probe: string, exact: boolean): PromptMatch | undefined {
  let best: PromptMatch | undefined;
  let bestScore = -1;
  list.forEach((p, templateIndex) => {
    const prefix = exact ? p.prefix : p.foldedPrefix;
    if (!probe.startsWith(prefix)) return;
    for (const suffix of exact ? [p.suffix] : p.foldedSuffixes) {
      const score = prefix.length + suffix.length;
      if (score <= bestScore || probe.length <= score || !probe.endsWith(suffix)) continue;
      const sentence = text.slice(prefix.length, text.length - suffix.length).trim();
      if (sentence === '') continue;
      best = { sentence, template: p.template, templateIndex, exact };
      bestScore = score;
    }
  });
  return best;
}

function preparedFor(language: string): Prepared[] {
  const code = resolveLanguage(language);
  let list = prepared.get(code);
  if (list === undefined) {
    list = promptTemplatesFor(code).map((template) => {
      const { prefix, suffix } = splitTemplate(template);
      const foldedSuffix = fold(suffix);
      const shortened = foldedSuffix.replace(TEMPLATE_END, '');
      return {
        template,
        prefix,
        suffix,
        foldedPrefix: fold(prefix),
        foldedSuffixes: shortened === foldedSuffix ? [foldedSuffix] : [foldedSuffix, shortened],
      };
    });
    prepared.set(code, list);
  }
  return list;
}

/**
 * Case-, quote- and dash-folding that keeps the string length (one code unit in, one out), so indexes
 * into the folded text are indexes into the original.
 */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (QUOTES.has(c)) out += '"';
    else if (DASHES.has(c)) out += '-';
    else if (c === 'İ') out += 'i';
    else {
      const lower = c.toLowerCase();
      out += lower.length === 1 ? lower : c;
    }
  }
  return out;
}
