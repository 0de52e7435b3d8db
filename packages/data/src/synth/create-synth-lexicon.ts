/**
 * Per-language lexicons of the synthetic corpus: each concept gets the word of the language's spoken
 * language, an UPPERCASE gloss and its own seeded motion primitive. Primitives are drawn per language
 * (so one concept signs differently in ASL and DGS) and kept apart: a candidate closer than
 * `MIN_PRIMITIVE_DISTANCE` to an earlier entry is redrawn.
 */
import { createRng } from '../util/rng.ts';
import { type MotionPrimitive, randomPrimitive } from './motion-primitive.ts';
import { motionDistance, renderPrimitive } from './render-primitive.ts';
import { glossOf, splitArticle } from './sentence-text.ts';
import { checkInteger, checkSeed, resolveSynthLanguage } from './synth-options.ts';
import { type PartOfSpeech, SYNTH_CONCEPT_COUNT, spokenColumn, synthVocabulary } from './vocabulary.ts';

/** One sign of a synthetic lexicon. */
export interface SynthLexiconEntry {
  /** Language-independent concept id (English), e.g. `"HOUSE"`. */
  readonly concept: string;
  /** Gloss token in the language's convention: the spoken word upper-cased, e.g. `"HAUS"`. */
  readonly gloss: string;
  /** Dictionary word in the spoken language, e.g. `"Haus"`. */
  readonly word: string;
  /** The word as a sentence uses it (nouns with article), e.g. `"das Haus"`. */
  readonly phrase: string;
  readonly pos: PartOfSpeech;
  readonly primitive: MotionPrimitive;
}

/** A language's synthetic lexicon. */
export interface SynthLexicon {
  /** ISO 639-3 code of the sign language. */
  readonly language: string;
  /** BCP 47 tag of its spoken language, e.g. `"de-CH"`. */
  readonly spokenLanguage: string;
  readonly entries: readonly SynthLexiconEntry[];
}

/** Options of `createSynthLexicon`. */
export interface SynthLexiconOptions {
  /** Integer seed in 0..2^32−1. */
  seed: number;
  /** Number of concepts, 1..`SYNTH_CONCEPT_COUNT` (default all), chosen by the seed. */
  size?: number;
}

/**
 * Smallest mean joint distance (shoulder widths, `motionDistance` over 16 frames) between two
 * primitives of one lexicon (the farthest of 80 draws when none is that far); one rendition of a
 * primitive varies by about 0.02–0.06.
 *
 * @example
 * ```ts
 * motionDistance(renderPrimitive(a, 16), renderPrimitive(b, 16)) >= MIN_PRIMITIVE_DISTANCE; // true in a lexicon
 * ```
 */
export const MIN_PRIMITIVE_DISTANCE = 0.25;
/** Frames at which primitives are compared. */
const COMPARE_FRAMES = 16;
const ATTEMPTS = 80;

/**
 * The lexicon of one sign language for a seed.
 *
 * @throws SignLLMError `unknown_language` for an unknown language, `invalid_argument` for a bad seed or size.
 * @example
 * ```ts
 * const lexicon = createSynthLexicon('GSL', { seed: 1, size: 20 });
 * lexicon.entries[0]; // { concept: 'HOUSE', gloss: 'HAUS', word: 'Haus', phrase: 'das Haus', … } (if chosen)
 * ```
 */
export function createSynthLexicon(language: string, options: SynthLexiconOptions): SynthLexicon {
  const code = resolveSynthLanguage(language);
  const seed = checkSeed(options?.seed);
  const size = checkInteger('size', options.size ?? SYNTH_CONCEPT_COUNT, 1, SYNTH_CONCEPT_COUNT);
  const column = spokenColumn(code)!;
  const vocabulary = synthVocabulary(code)!;
  const rng = createRng(seed).fork(`lexicon:${code}`);

  // Choose `size` concepts (a seeded partial shuffle), then keep them in table order.
  const order = vocabulary.map((_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(order.length - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const chosen = order.slice(0, size).sort((a, b) => a - b);

  const rendered: Float32Array[] = [];
  const entries = chosen.map((index): SynthLexiconEntry => {
    const item = vocabulary[index]!;
    let best: { primitive: MotionPrimitive; motion: Float32Array; distance: number } | undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const primitive = randomPrimitive(rng);
      const motion = renderPrimitive(primitive, COMPARE_FRAMES);
      let distance = Number.POSITIVE_INFINITY;
      for (const other of rendered) distance = Math.min(distance, motionDistance(motion, other));
      if (!best || distance > best.distance) best = { primitive, motion, distance };
      if (distance >= MIN_PRIMITIVE_DISTANCE) break;
    }
    rendered.push(best!.motion);
    const word = item.pos === 'noun' ? splitArticle(item.phrase, column)[1] : item.phrase;
    return {
      concept: item.concept,
      gloss: glossOf(word, column),
      word,
      phrase: item.phrase,
      pos: item.pos,
      primitive: best!.primitive,
    };
  });
  return { language: code, spokenLanguage: column, entries };
}
