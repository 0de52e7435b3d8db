/**
 * The synthetic corpus: sample `i` is a sentence of 2–6 (configurable) glosses of language
 * `languages[i % languages.length]`, rendered, body-size scaled, normalised to the canonical
 * "signllm" frame and, for the `noisy` fraction, corrupted. Everything sample `i` draws comes from
 * an RNG forked from (seed, i), so it does not depend on how many samples are generated.
 */
import { createPoseSequence, getSkeleton, normalize } from '@signllm/core';
import type { Sample } from '../sample.ts';
import { createRng } from '../util/rng.ts';
import { addJitter, dropFrames, NOISE_KINDS, type NoiseKind } from './apply-noise.ts';
import { createSynthLexicon, type SynthLexicon } from './create-synth-lexicon.ts';
import { renderSentence, type SynthSegment } from './render-sentence.ts';
import { sentenceText } from './sentence-text.ts';
import {
  checkInteger,
  type ResolvedSynthOptions,
  resolveSynthLanguage,
  resolveSynthOptions,
  type SynthOptions,
} from './synth-options.ts';

/** One generated sample with what the generator knows about it. */
export interface SynthSampleResult {
  readonly sample: Sample;
  /** Frame range of each gloss, in order (after any timing corruption). */
  readonly segments: SynthSegment[];
  /** The corruption applied, if the sample is noisy. */
  readonly noise?: NoiseKind;
}

/** A configured generator: lexicons built once, samples made on demand. */
export interface SynthCorpus {
  readonly options: ResolvedSynthOptions;
  /** The lexicon of a language (code or tag) for this corpus's seed and size (built on first use). */
  lexicon(language: string): SynthLexicon;
  /** Sample `index` (0 ≤ index < sequences) with its gloss segments. */
  sample(index: number): SynthSampleResult;
}

const LEXICON_CACHE_SIZE = 32;
const lexiconCache = new Map<string, SynthLexicon>();

/** The lexicon for (language, seed, size), memoised in a small bounded cache. */
function cachedLexicon(code: string, seed: number, size: number): SynthLexicon {
  const key = `${code}:${seed}:${size}`;
  let lexicon = lexiconCache.get(key);
  if (!lexicon) {
    lexicon = createSynthLexicon(code, { seed, size });
    if (lexiconCache.size >= LEXICON_CACHE_SIZE) lexiconCache.delete(lexiconCache.keys().next().value!);
    lexiconCache.set(key, lexicon);
  }
  return lexicon;
}

const SKELETON = getSkeleton('prompt2sign-50');

function makeSample(options: ResolvedSynthOptions, lexicon: SynthLexicon, index: number): SynthSampleResult {
  const rng = createRng(options.seed).fork(`sample:${index}`);
  const content = rng.fork('content');
  const signer = rng.fork('signer');
  const noiseRng = rng.fork('noise');

  const [min, max] = options.glossesPerSentence;
  const count = min + content.int(max - min + 1);
  const pool = lexicon.entries.map((_, i) => i);
  const chosen: number[] = [];
  for (let k = 0; k < count; k++) {
    const j = k + content.int(pool.length - k);
    [pool[k], pool[j]] = [pool[j]!, pool[k]!];
    chosen.push(pool[k]!);
  }
  const entries = chosen.map((i) => lexicon.entries[i]!);

  const noise: NoiseKind | undefined =
    noiseRng.next() < options.noisy ? NOISE_KINDS[noiseRng.int(NOISE_KINDS.length)] : undefined;
  const timing =
    noise === 'timing'
      ? {
          index: noiseRng.int(count),
          factor: noiseRng.next() < 0.5 ? noiseRng.uniform(2.2, 3.2) : noiseRng.uniform(0.3, 0.45),
        }
      : undefined;
  const rendered = renderSentence(
    entries.map((e) => ({ gloss: e.gloss, concept: e.concept, primitive: e.primitive })),
    signer,
    timing ? { fps: options.fps, timing } : { fps: options.fps },
  );

  // The signer's body size and place in the camera frame, then the canonical normalisation undoes both.
  const { data, frames } = rendered;
  const scale = signer.uniform(0.85, 1.15);
  const ox = signer.uniform(-0.3, 0.3);
  const oy = signer.uniform(-0.2, 0.2);
  const oz = signer.uniform(-0.1, 0.1);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = data[i]! * scale + ox;
    data[i + 1] = data[i + 1]! * scale + oy;
    data[i + 2] = data[i + 2]! * scale + oz;
  }
  const raw = createPoseSequence({ skeleton: SKELETON, fps: options.fps, dims: 3, data, frames });
  const sequence = normalize(raw, { center: 1 });

  if (noise === 'jitter') addJitter(sequence.data, noiseRng);
  if (noise === 'dropped-frames') dropFrames(sequence.data, sequence.confidence, sequence.joints, noiseRng);

  const sample: Sample = {
    id: `synth-${lexicon.language}-${String(index).padStart(6, '0')}`,
    sequence,
    language: lexicon.language,
    text: sentenceText(
      entries.map((e) => e.phrase),
      lexicon.spokenLanguage,
    ),
    gloss: entries.map((e) => e.gloss).join(' '),
    source: 'synthetic',
    flags: noise ? ['noisy', `noisy:${noise}`] : [],
  };
  return noise ? { sample, segments: rendered.segments, noise } : { sample, segments: rendered.segments };
}

/**
 * Checks the options and returns a generator object; lexicons are built lazily and cached.
 *
 * @throws SignLLMError for bad options (see `SynthOptions`).
 * @example
 * ```ts
 * const corpus = createSynthCorpus({ languages: ['ase', 'GSL'], sequences: 100, seed: 7 });
 * const { sample, segments } = corpus.sample(3); // a DGS sentence and its gloss frame ranges
 * ```
 */
export function createSynthCorpus(options: SynthOptions): SynthCorpus {
  const resolved = resolveSynthOptions(options);
  const lexicon = (language: string): SynthLexicon =>
    cachedLexicon(resolveSynthLanguage(language), resolved.seed, resolved.lexiconSize);
  return {
    options: resolved,
    lexicon,
    sample(index) {
      checkInteger('index', index, 0, resolved.sequences - 1);
      const code = resolved.languages[index % resolved.languages.length]!;
      return makeSample(resolved, cachedLexicon(code, resolved.seed, resolved.lexiconSize), index);
    },
  };
}

/**
 * Sample `index` of the corpus that `options` describe, with its gloss segments.
 *
 * @example
 * ```ts
 * const { sample, segments } = generateSynthSample({ languages: ['kvk'], sequences: 10, seed: 1 }, 0);
 * sample.id; // 'synth-kvk-000000'
 * ```
 */
export function generateSynthSample(options: SynthOptions, index: number): SynthSampleResult {
  return createSynthCorpus(options).sample(index);
}

/**
 * Streams the corpus one `Sample` at a time (memory bounded; options are checked at the call).
 *
 * @example
 * ```ts
 * for (const sample of generateSynthCorpus({ languages: ['ase', 'tsm'], sequences: 2000, seed: 1, noisy: 0.1 })) {
 *   write(sample);
 * }
 * ```
 */
export function generateSynthCorpus(options: SynthOptions): Generator<Sample> {
  const corpus = createSynthCorpus(options);
  return (function* () {
    for (let i = 0; i < corpus.options.sequences; i++) yield corpus.sample(i).sample;
  })();
}
