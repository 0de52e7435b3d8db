import { ERROR_CODES } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { createSynthCorpus, generateSynthCorpus, generateSynthSample } from './create-synth-corpus.ts';
import { createSynthLexicon } from './create-synth-lexicon.ts';
import { resolveSynthOptions, type SynthOptions } from './synth-options.ts';
import { SYNTH_CONCEPT_COUNT } from './vocabulary.ts';

const good: SynthOptions = { languages: ['ase'], sequences: 4, seed: 1 };
const bad = (patch: Record<string, unknown>): SynthOptions => ({ ...good, ...patch }) as SynthOptions;
const invalid = ERROR_CODES.invalidArgument;

describe('resolveSynthOptions', () => {
  it('fills defaults and resolves codes, tags and aliases', () => {
    const r = resolveSynthOptions({ languages: ['ASL', 'gsg', 'lsf_ch', 'TID'], sequences: 0, seed: 0 });
    expect(r.languages).toEqual(['ase', 'gsg', 'ssr', 'tsm']);
    expect(r).toMatchObject({ sequences: 0, seed: 0, noisy: 0, fps: 25, glossesPerSentence: [2, 6] });
    expect(r.lexiconSize).toBe(SYNTH_CONCEPT_COUNT);
    expect(resolveSynthOptions({ ...good, lexiconSize: 1 }).glossesPerSentence).toEqual([1, 1]);
  });

  it('rejects unknown languages with the valid options', () => {
    const e = expectError(
      () => resolveSynthOptions(bad({ languages: ['ase', 'xx'] })),
      ERROR_CODES.unknownLanguage,
    );
    expect(e.message).toMatch(/"xx"/);
    expect(e.message).toMatch(/ase/);
    expectError(() => resolveSynthOptions(bad({ languages: [42] })), invalid, /must be a string/);
  });

  it('rejects empty and duplicate language lists', () => {
    expectError(() => resolveSynthOptions(bad({ languages: [] })), invalid, /non-empty/);
    expectError(() => resolveSynthOptions(bad({ languages: 'ase' })), invalid, /non-empty array/);
    expectError(
      () => resolveSynthOptions(bad({ languages: ['ase', 'ASL'] })),
      invalid,
      /"ASL" \(ase\) is listed twice/,
    );
  });

  it.each([
    [{ sequences: -1 }, /sequences must be an integer in 0\.\.\d+, got -1/],
    [{ sequences: 2.5 }, /sequences .* got 2\.5/],
    [{ sequences: Number.NaN }, /sequences .* got NaN/],
    [{ sequences: '10' }, /sequences .* got 10/],
    [{ seed: -1 }, /seed must be an integer in 0\.\.4294967295, got -1/],
    [{ seed: 2 ** 32 }, /seed .* got 4294967296/],
    [{ seed: 0.5 }, /seed .* got 0\.5/],
    [{ noisy: -0.1 }, /noisy must be a number in \[0, 1\], got -0\.1/],
    [{ noisy: 1.5 }, /noisy .* got 1\.5/],
    [{ noisy: Number.NaN }, /noisy .* got NaN/],
    [{ fps: 0 }, /fps must be a number in \[5, 120\], got 0/],
    [{ fps: Number.POSITIVE_INFINITY }, /fps .* got Infinity/],
    [{ fps: 10_000 }, /fps .* got 10000/],
    [{ glossesPerSentence: [0, 3] }, /glossesPerSentence\[0\] must be an integer in 1\.\.20, got 0/],
    [{ glossesPerSentence: [4, 3] }, /glossesPerSentence\[1\] must be an integer in 4\.\.20, got 3/],
    [{ glossesPerSentence: [1, 100] }, /glossesPerSentence\[1\] .* got 100/],
    [{ glossesPerSentence: [2] }, /glossesPerSentence must be \[min, max\]/],
    [{ lexiconSize: 0 }, /lexiconSize must be an integer in 1\.\.\d+, got 0/],
    [{ lexiconSize: 1000 }, /lexiconSize .* got 1000/],
    [
      { lexiconSize: 3, glossesPerSentence: [2, 6] },
      /glossesPerSentence\[1\] must be an integer in 2\.\.3, got 6/,
    ],
  ])('rejects %j', (patch, message) => {
    expectError(() => resolveSynthOptions(bad(patch)), invalid, message);
  });

  it('rejects a missing options object', () => {
    expectError(
      () => resolveSynthOptions(null as unknown as SynthOptions),
      invalid,
      /Options must be an object/,
    );
  });
});

describe('entry points check eagerly', () => {
  it('generateSynthCorpus throws at the call, before iteration', () => {
    expectError(() => generateSynthCorpus(bad({ noisy: 2 })), invalid, /noisy/);
    expectError(() => generateSynthCorpus(bad({ languages: ['klingon'] })), ERROR_CODES.unknownLanguage);
  });

  it('rejects sample indices outside the corpus', () => {
    expectError(() => generateSynthSample(good, 4), invalid, /index must be an integer in 0\.\.3, got 4/);
    expectError(() => generateSynthSample(good, -1), invalid, /index .* got -1/);
    expectError(() => createSynthCorpus({ ...good, sequences: 0 }).sample(0), invalid, /index/);
  });

  it('accepts huge counts, since it streams', () => {
    const it = generateSynthCorpus({ ...good, sequences: 1e12 });
    expect(it.next().value?.id).toBe('synth-ase-000000');
    expect(it.next().value?.id).toBe('synth-ase-000001');
  });

  it('createSynthLexicon checks language, seed and size', () => {
    expectError(() => createSynthLexicon('zz', { seed: 1 }), ERROR_CODES.unknownLanguage, /"zz"/);
    expectError(() => createSynthLexicon('ase', { seed: -5 }), invalid, /seed/);
    expectError(
      () => createSynthLexicon('ase', { seed: 1, size: 0 }),
      invalid,
      /size must be an integer in 1\.\./,
    );
    expectError(() => createSynthLexicon('ase', { seed: 1, size: SYNTH_CONCEPT_COUNT + 1 }), invalid, /size/);
  });
});
