import { getLanguage } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import type { Sample } from '../sample.ts';
import { NOISE_KINDS } from './apply-noise.ts';
import { createSynthCorpus, generateSynthCorpus, generateSynthSample } from './create-synth-corpus.ts';
import { PRIMITIVE_FPS } from './motion-primitive.ts';
import type { SynthOptions } from './synth-options.ts';
import { SYNTH_LANGUAGES } from './vocabulary.ts';

const ALL = [...SYNTH_LANGUAGES];
const bytes = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const take = (options: SynthOptions, n = options.sequences): Sample[] => {
  const out: Sample[] = [];
  for (const s of generateSynthCorpus(options)) {
    if (out.length >= n) break;
    out.push(s);
  }
  return out;
};
const sameSample = (a: Sample, b: Sample): boolean =>
  a.id === b.id &&
  a.text === b.text &&
  a.gloss === b.gloss &&
  JSON.stringify(a.flags) === JSON.stringify(b.flags) &&
  a.sequence.frames === b.sequence.frames &&
  Buffer.compare(bytes(a.sequence.data), bytes(b.sequence.data)) === 0 &&
  Buffer.compare(bytes(a.sequence.confidence), bytes(b.sequence.confidence)) === 0;

describe('generateSynthCorpus: determinism and streaming', () => {
  const options: SynthOptions = { languages: ALL, sequences: 24, seed: 11, noisy: 0.3 };

  it('gives the same bytes for the same options and different ones for another seed', () => {
    const a = take(options);
    const b = take(options);
    expect(a).toHaveLength(24);
    a.forEach((s, i) => {
      expect(sameSample(s, b[i]!), s.id).toBe(true);
    });
    const c = take({ ...options, seed: 12 });
    expect(c.filter((s, i) => sameSample(s, a[i]!))).toHaveLength(0);
    expect(c.filter((s, i) => s.gloss === a[i]!.gloss).length).toBeLessThan(4);
  });

  it('makes sample i independent of how many samples follow', () => {
    const short = take({ ...options, sequences: 5 });
    const long = take({ ...options, sequences: 500 }, 5);
    short.forEach((s, i) => {
      expect(sameSample(s, long[i]!)).toBe(true);
    });
    expect(sameSample(generateSynthSample(options, 7).sample, take(options)[7]!)).toBe(true);
  });

  it('spreads samples round-robin over the languages, with padded ids', () => {
    const samples = take({ languages: ['ASL', 'KSL', 'tsm'], sequences: 7, seed: 1 });
    expect(samples.map((s) => s.id)).toEqual([
      'synth-ase-000000',
      'synth-kvk-000001',
      'synth-tsm-000002',
      'synth-ase-000003',
      'synth-kvk-000004',
      'synth-tsm-000005',
      'synth-ase-000006',
    ]);
    expect(samples.map((s) => s.language)).toEqual(['ase', 'kvk', 'tsm', 'ase', 'kvk', 'tsm', 'ase']);
  });

  it('yields nothing for zero sequences', () => {
    expect(take({ ...options, sequences: 0 })).toEqual([]);
  });
});

describe('generateSynthCorpus: sample contents', () => {
  const corpus = createSynthCorpus({ languages: ALL, sequences: 160, seed: 5 });
  const results = Array.from({ length: 160 }, (_, i) => corpus.sample(i));

  it('fills the Sample fields and leaves split to the builder', () => {
    for (const { sample } of results) {
      expect(sample.source).toBe('synthetic');
      expect(sample.flags).toEqual([]);
      expect('split' in sample).toBe(false);
      expect(sample.sequence.skeleton.name).toBe('prompt2sign-50');
      expect(sample.sequence.dims).toBe(3);
      expect(sample.sequence.fps).toBe(25);
      const tokens = sample.gloss!.split(' ');
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      expect(tokens.length).toBeLessThanOrEqual(6);
      expect(new Set(tokens).size).toBe(tokens.length);
      for (const t of tokens) expect(t).toBe(t.toLocaleUpperCase(t.includes('İ') ? 'tr' : 'en'));
      expect(Array.from(sample.sequence.data).every(Number.isFinite)).toBe(true);
      expect(sample.sequence.confidence.every((c) => c === 1)).toBe(true);
    }
  });

  it('writes text in the language’s own vocabulary, containing every gloss’s word', () => {
    const articles = /^(the|der|die|das|le|la|les|il|lo|i|gli|el|los|las|and|und|et|e|y|ve|그리고)$/;
    for (const code of ALL) {
      const lexicon = corpus.lexicon(code);
      const words = new Set(lexicon.entries.flatMap((e) => e.word.toLowerCase().split(' ')));
      const own = results.filter((r) => r.sample.language === code);
      const lower = code === 'tsm' ? 'tr' : 'en';
      expect(own.length).toBe(20);
      for (const { sample } of own) {
        const text = sample.text!;
        expect(text.endsWith('.')).toBe(true);
        const tokens = text
          .slice(0, -1)
          .toLocaleLowerCase(lower)
          .replace(/\b(l)'/g, '$1 ')
          .split(/[\s,]+/)
          .filter((t) => t.length > 0 && t !== 'l');
        for (const t of tokens)
          expect(words.has(t) || articles.test(t), `${code}: "${t}" in "${text}"`).toBe(true);
        for (const g of sample.gloss!.split(' ')) {
          const entry = lexicon.entries.find((e) => e.gloss === g)!;
          expect(text.toLocaleLowerCase(lower)).toContain(entry.word.toLocaleLowerCase(lower));
        }
      }
      const spoken = getLanguage(code).spokenLanguage;
      const allText = own.map((r) => r.sample.text).join(' ');
      expect(/[\uac00-\ud7a3]/.test(allText), `${code} (${spoken}) Hangul`).toBe(code === 'kvk');
    }
  });

  it('puts every gloss in a segment, in order, with transitions between them', () => {
    for (const { sample, segments } of results) {
      expect(segments.map((s) => s.gloss).join(' ')).toBe(sample.gloss);
      expect(segments[0]!.start).toBeGreaterThanOrEqual(3);
      expect(segments.at(-1)!.end).toBeLessThanOrEqual(sample.sequence.frames - 3);
      segments.forEach((s, i) => {
        expect(s.end - s.start).toBeGreaterThanOrEqual(2);
        if (i > 0) expect(s.start - segments[i - 1]!.end).toBeGreaterThanOrEqual(2);
      });
    }
  });

  it('times each sign from its primitive with at most ±10 % speed variation (and rounding)', () => {
    for (const { sample, segments } of results) {
      const lexicon = corpus.lexicon(sample.language!);
      for (const s of segments) {
        const expected = lexicon.entries.find((e) => e.gloss === s.gloss)!.primitive.frames;
        const ratio = (s.end - s.start) / expected;
        expect(ratio).toBeGreaterThan(0.84);
        expect(ratio).toBeLessThan(1.2);
      }
    }
  });

  it('starts and ends at rest, and varies between renditions of the same sign', () => {
    const wristY = (s: Sample, f: number): number => s.sequence.data[(f * 50 + 4) * 3 + 1]!;
    for (const { sample } of results.slice(0, 20)) {
      expect(wristY(sample, 0)).toBeGreaterThan(1);
      expect(wristY(sample, sample.sequence.frames - 1)).toBeGreaterThan(1);
    }
    const byGloss = new Map<string, number[]>();
    for (const { sample, segments } of results) {
      for (const s of segments) {
        const key = `${sample.language}:${s.gloss}`;
        byGloss.set(key, [...(byGloss.get(key) ?? []), s.end - s.start]);
      }
    }
    const repeated = [...byGloss.values()].filter((lengths) => lengths.length >= 3);
    expect(repeated.length).toBeGreaterThan(5);
    expect(repeated.some((lengths) => new Set(lengths).size > 1)).toBe(true);
  });

  it('scales frame counts with fps', () => {
    const a = generateSynthSample({ languages: ['gsg'], sequences: 1, seed: 3 }, 0);
    const b = generateSynthSample({ languages: ['gsg'], sequences: 1, seed: 3, fps: 50 }, 0);
    expect(b.sample.sequence.fps).toBe(50);
    expect(b.sample.gloss).toBe(a.sample.gloss);
    expect(b.sample.sequence.frames / a.sample.sequence.frames).toBeCloseTo(2, 0);
    expect(PRIMITIVE_FPS).toBe(25);
  });
});

describe('generateSynthCorpus: noisy fraction', () => {
  const corpus = createSynthCorpus({ languages: ALL, sequences: 400, seed: 21, noisy: 0.25 });
  const results = Array.from({ length: 400 }, (_, i) => corpus.sample(i));
  const upperArm = (s: Sample, f: number): number => {
    const d = s.sequence.data;
    const at = (j: number, k: number): number => d[(f * 50 + j) * 3 + k]!;
    return Math.hypot(at(3, 0) - at(2, 0), at(3, 1) - at(2, 1), at(3, 2) - at(2, 2));
  };

  it('corrupts the requested fraction and flags it', () => {
    const noisy = results.filter((r) => r.noise !== undefined);
    // Binomial(400, 0.25): sd ≈ 8.7 samples, so ±35 is four standard deviations.
    expect(Math.abs(noisy.length - 100)).toBeLessThanOrEqual(35);
    for (const r of results) {
      expect(r.sample.flags).toEqual(r.noise ? ['noisy', `noisy:${r.noise}`] : []);
    }
    for (const kind of NOISE_KINDS) expect(noisy.filter((r) => r.noise === kind).length).toBeGreaterThan(15);
  });

  it('makes each corruption detectable, and clean samples free of them', () => {
    for (const { sample, segments, noise } of results) {
      const frames = sample.sequence.frames;
      const missing = sample.sequence.confidence.filter((c) => c === 0).length;
      const lengths = Array.from({ length: frames }, (_, f) => upperArm(sample, f)).filter((l) => l > 0);
      const spread = Math.max(...lengths) - Math.min(...lengths);
      const lexicon = corpus.lexicon(sample.language!);
      const ratios = segments.map(
        (s) => (s.end - s.start) / lexicon.entries.find((e) => e.gloss === s.gloss)!.primitive.frames,
      );
      const offTiming = ratios.some((r) => r > 1.6 || r < 0.6);
      expect(missing > 0, `${sample.id} missing`).toBe(noise === 'dropped-frames');
      expect(spread > 0.05, `${sample.id} bone-length spread ${spread}`).toBe(noise === 'jitter');
      expect(offTiming, `${sample.id} timing ${ratios}`).toBe(noise === 'timing');
      if (noise === 'dropped-frames') {
        expect(missing).toBeGreaterThanOrEqual(21);
        const d = sample.sequence.data;
        const c = sample.sequence.confidence;
        for (let i = 0; i < c.length; i++)
          if (c[i] === 0) expect(d[i * 3]! + d[i * 3 + 1]! + d[i * 3 + 2]!).toBe(0);
      }
    }
  });

  it('keeps the clean content of a sample whatever the noisy fraction', () => {
    const clean = createSynthCorpus({ languages: ALL, sequences: 400, seed: 21 });
    for (const i of [0, 1, 2, 3, 50, 399]) {
      const a = clean.sample(i);
      expect(a.sample.gloss).toBe(results[i]!.sample.gloss);
      if (!results[i]!.noise) expect(sameSample(a.sample, results[i]!.sample)).toBe(true);
    }
  });

  it('corrupts nothing at 0 and everything at 1', () => {
    expect(
      take({ languages: ['ase'], sequences: 30, seed: 2, noisy: 0 }).every((s) => s.flags!.length === 0),
    ).toBe(true);
    expect(
      take({ languages: ['ase'], sequences: 30, seed: 2, noisy: 1 }).every((s) => s.flags![0] === 'noisy'),
    ).toBe(true);
  });
});
