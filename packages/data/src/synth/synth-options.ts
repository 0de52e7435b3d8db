/**
 * Options of the synthetic corpus generator and their checks. Every bad value throws a `SignLLMError`
 * (`invalid_argument`, or `unknown_language` from the core registry) naming the value and the range.
 */
import { ERROR_CODES, formatOptions, resolveLanguage, SignLLMError } from '@signllm/core';
import { SYNTH_CONCEPT_COUNT, SYNTH_LANGUAGES } from './vocabulary.ts';

/** Options of `generateSynthCorpus` / `createSynthCorpus`. */
export interface SynthOptions {
  /** Sign languages as ISO 639-3 codes or Prompt2Sign tags (`'ase'`, `'GSL'`, …); at least one. */
  languages: readonly string[];
  /** Number of sequences in total, spread round-robin over the languages (an integer ≥ 0). */
  sequences: number;
  /** Seed: an integer in 0..2^32−1. Same options → the same samples, byte for byte. */
  seed: number;
  /** Fraction of samples (0..1) given one low-quality corruption; default 0. */
  noisy?: number;
  /** Frames per second, 5..120; default 25. */
  fps?: number;
  /** Fewest and most glosses per sentence, 1 ≤ min ≤ max ≤ min(20, lexiconSize); default [2, 6] (capped by lexiconSize). */
  glossesPerSentence?: readonly [min: number, max: number];
  /** Concepts per language lexicon, 1..`SYNTH_CONCEPT_COUNT`; default all. */
  lexiconSize?: number;
}

/** `SynthOptions` checked, with defaults filled in and languages resolved to ISO codes. */
export interface ResolvedSynthOptions {
  readonly languages: readonly string[];
  readonly sequences: number;
  readonly seed: number;
  readonly noisy: number;
  readonly fps: number;
  readonly glossesPerSentence: readonly [number, number];
  readonly lexiconSize: number;
}

function fail(message: string, details?: Record<string, unknown>): never {
  throw new SignLLMError(ERROR_CODES.invalidArgument, message, details ? { details } : {});
}

/** Throws unless `value` is an integer in `min..max`. */
export function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer in ${min}..${max}, got ${String(value)}`, { [name]: value });
  }
  return value;
}

/** Throws unless `value` is a finite number in `min..max`. */
function checkNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(`${name} must be a number in [${min}, ${max}], got ${String(value)}`, { [name]: value });
  }
  return value;
}

/** The seed checked: an integer in 0..2^32−1. */
export function checkSeed(seed: unknown): number {
  return checkInteger('seed', seed, 0, 0xffffffff);
}

/**
 * The ISO code of a language the generator has a vocabulary for; `unknown_language` for names the
 * core registry does not know.
 */
export function resolveSynthLanguage(language: unknown): string {
  if (typeof language !== 'string') fail(`A language must be a string, got ${String(language)}`);
  const code = resolveLanguage(language);
  if (!SYNTH_LANGUAGES.includes(code)) {
    fail(`No synthetic vocabulary for "${code}"; available: ${formatOptions(SYNTH_LANGUAGES)}`, { code });
  }
  return code;
}

/**
 * Checks options and fills defaults (noisy 0, fps 25, 2–6 glosses, the full lexicon).
 *
 * @example
 * ```ts
 * resolveSynthOptions({ languages: ['ASL', 'gsg'], sequences: 10, seed: 1 }).languages; // ['ase', 'gsg']
 * ```
 */
export function resolveSynthOptions(options: SynthOptions): ResolvedSynthOptions {
  if (typeof options !== 'object' || options === null)
    fail(`Options must be an object, got ${String(options)}`);
  const { languages: names } = options;
  if (!Array.isArray(names) || names.length === 0) {
    fail(`languages must be a non-empty array of ISO codes or Prompt2Sign tags, e.g. ["ase", "GSL"]`);
  }
  const languages: string[] = [];
  for (const name of names) {
    const code = resolveSynthLanguage(name);
    if (languages.includes(code)) fail(`Language "${String(name)}" (${code}) is listed twice`, { code });
    languages.push(code);
  }
  const lexiconSize = checkInteger(
    'lexiconSize',
    options.lexiconSize ?? SYNTH_CONCEPT_COUNT,
    1,
    SYNTH_CONCEPT_COUNT,
  );
  const range = options.glossesPerSentence ?? [Math.min(2, lexiconSize), Math.min(6, lexiconSize)];
  if (!Array.isArray(range) || range.length !== 2) {
    fail(`glossesPerSentence must be [min, max], got ${JSON.stringify(range)}`);
  }
  const top = Math.min(20, lexiconSize);
  const min = checkInteger('glossesPerSentence[0]', range[0], 1, top);
  const max = checkInteger('glossesPerSentence[1]', range[1], min, top);
  return {
    languages,
    sequences: checkInteger('sequences', options.sequences, 0, Number.MAX_SAFE_INTEGER),
    seed: checkSeed(options.seed),
    noisy: checkNumber('noisy', options.noisy ?? 0, 0, 1),
    fps: checkNumber('fps', options.fps ?? 25, 5, 120),
    glossesPerSentence: [min, max],
    lexiconSize,
  };
}
