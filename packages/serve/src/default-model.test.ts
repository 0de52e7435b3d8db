/**
 * The committed default model (`models/default`, rebuilt by `pnpm build:default-model`), which
 * `signllm-serve` serves without `--bundle`: it loads on onnxruntime-node, generates for each of its
 * eight languages, stays small, and its model card says per language whether it was trained on real
 * or synthetic data, what it measured, and that its licence is non-commercial.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadBundle, type SignBundle } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryBundleSource } from './runtime/directory-bundle-source.ts';
import { createNodeRuntime } from './runtime/onnxruntime-node.ts';
import { defaultBundleDir } from './server.ts';
import { readyService, testApp } from './test-support/serve-fixtures.ts';
import { languageProvenance } from './translation-support.ts';

const DIR = defaultBundleDir();
const LANGUAGES = ['ase', 'gsg', 'sgg', 'ssr', 'slf', 'aed', 'kvk', 'tsm'];
const REAL = new Set(['ase', 'gsg']);
/** A few words per language (training sentences for the real ones). */
const TEXT: Record<string, string> = {
  ase: 'I bought this at the store and there appears to be a great deal of moisture in the actual fat.',
  gsg: 'und nun die wettervorhersage für morgen donnerstag den zwölften august .',
  sgg: 'guten morgen',
  ssr: 'bonjour',
  slf: 'buongiorno',
  aed: 'buenos días',
  kvk: '안녕하세요',
  tsm: 'merhaba',
};
const MAX_BYTES = 25_000_000;

let bundle: SignBundle;

beforeAll(async () => {
  bundle = await loadBundle(directoryBundleSource(DIR), createNodeRuntime({ threads: 2 }));
});

afterAll(async () => {
  await bundle?.release();
});

describe('the default model bundle', () => {
  it('is an MLSF text model for the eight languages with int8 weights, under 25 MB', async () => {
    expect([...bundle.languages].sort()).toEqual([...LANGUAGES].sort());
    expect(bundle.manifest.mode).toBe('mlsf');
    expect(bundle.manifest.onnx.weights).toBe('int8');
    let bytes = (await stat(join(DIR, 'bundle.json'))).size;
    for (const f of [...bundle.manifest.models, ...bundle.manifest.tokenizers]) {
      bytes += (await stat(join(DIR, f.path))).size;
    }
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });

  it.each(LANGUAGES)('generates finite poses from text in %s', async (language) => {
    expect(bundle.accepts(language)).toEqual(['text']);
    const frames = [];
    for await (const frame of bundle.generate({
      input: TEXT[language]!,
      inputType: 'text',
      language,
      maxFrames: 4,
    })) {
      frames.push(frame);
    }
    expect(frames).toHaveLength(4);
    for (const frame of frames) {
      expect(frame.values).toHaveLength(150);
      expect(frame.values.every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(frame.counter)).toBe(true);
    }
    // Not a constant pose: the joints move between the first and the last frame.
    const first = frames[0]!.values;
    const last = frames[3]!.values;
    expect(first.some((v, i) => Math.abs(v - last[i]!) > 1e-3)).toBe(true);
  });

  it('says per language whether it was trained on real or synthetic data', async () => {
    const card = bundle.manifest.modelCard;
    for (const language of LANGUAGES) {
      const entries = card.trainingData.filter((d) => d.languages?.includes(language));
      expect(entries, language).toHaveLength(1);
      expect(entries[0]!.kind).toBe(REAL.has(language) ? 'real' : 'synthetic');
      expect(languageProvenance(bundle, language)).toBe(REAL.has(language) ? 'real' : 'synthetic');
    }
    for (const d of card.trainingData) {
      expect(d.kind).toBeDefined();
      expect(d.languages?.length).toBeGreaterThan(0);
      if (d.kind === 'synthetic') expect(d.name).toMatch(/synthetic demo/);
      else expect(d.licence).toMatch(/NC/);
    }
    // The same through the API.
    const { app } = testApp(await readyService(bundle));
    const body = (await (await app.request('/v1/languages')).json()) as {
      languages: Array<{ code: string; provenance?: string }>;
    };
    expect(Object.fromEntries(body.languages.map((l) => [l.code, l.provenance]))).toEqual(
      Object.fromEntries(LANGUAGES.map((l) => [l, REAL.has(l) ? 'real' : 'synthetic'])),
    );
  });

  it('has a non-commercial licence, limitations, intended use and per-language DTW', async () => {
    const card = bundle.manifest.modelCard;
    expect(card.licence).toMatch(/NC/);
    expect(card.limitations.join(' ')).toMatch(/non-commercial/);
    expect(card.limitations.join(' ')).toMatch(/memorises/);
    expect(card.intendedUse).toMatch(/demonstration/i);
    for (const language of LANGUAGES) {
      const dev = card.metrics.find((m) => m.name === 'dtw' && m.language === language && m.split === 'dev');
      expect(dev?.value, language).toBeGreaterThan(0);
    }
    for (const language of REAL) {
      const train = card.metrics.find(
        (m) => m.name === 'dtw' && m.language === language && m.split === 'train',
      );
      expect(train?.value, language).toBeGreaterThan(0);
    }
    const readme = await readFile(join(DIR, 'README.md'), 'utf8');
    expect(readme).toMatch(/non-commercial/);
    expect(readme).toMatch(/build:default-model/);
  });
});
