/**
 * Test support only (not exported from the package): small but complete model bundles in memory — real
 * tokenizers trained with `trainTokenizer` on a few sentences, toy graphs for `ToyRuntime`, and a
 * `bundle.json` with the right sizes and SHA-256 digests — plus helpers to damage them.
 */

import { type BundleSource, memoryBundleSource } from '../inference/bundle-source.ts';
import { sha256HexSync } from '../inference/sha256.ts';
import type { BundleManifestInput } from '../schemas/bundle-manifest.ts';
import type { Tokenizer } from '../tokenizers/tokenizer.ts';
import { trainTokenizer } from '../tokenizers/train-tokenizer.ts';
import { type ToyModel, toyModelBytes } from './toy-runtime.ts';

/** A bundle in memory: its files (bundle.json included) and the manifest they were written from. */
export interface TestBundle {
  files: Record<string, Uint8Array>;
  manifest: BundleManifestInput;
}

/** The toy sizes: 2 layers of 2 heads of 3 values (dModel 6). */
export const TOY_SIZES = { layers: 2, heads: 2, headSize: 3 } as const;

const encoder = new TextEncoder();

/** English sentences the source tokenizers are trained on. */
export const ENGLISH: string[] = [
  'the sky is blue',
  'rain will come tomorrow',
  'the house is big',
  'tomorrow the sky is grey',
];
/** Gloss lines. */
export const GLOSSES: string[] = ['SKY BLUE', 'TOMORROW RAIN', 'HOUSE BIG', 'TOMORROW SKY GREY'];

/** A subword tokenizer of the English sentences. */
export function englishTokenizer(): Tokenizer {
  return trainTokenizer(ENGLISH, { kind: 'subword', vocabSize: 60 });
}

/** A word tokenizer of the glosses. */
export function glossTokenizer(): Tokenizer {
  return trainTokenizer(GLOSSES, { kind: 'word', vocabSize: 100 });
}

/** The LangGloss word tokenizer with `<ase>` and `<gsg>` reserved. */
export function langGlossTokenizer(): Tokenizer {
  const lines = GLOSSES.flatMap((g) =>
    ['ase', 'gsg'].map((l) =>
      g
        .split(' ')
        .map((t) => `<${l}> ${t}`)
        .join(' '),
    ),
  );
  return trainTokenizer(lines, { kind: 'word', vocabSize: 100, reserved: ['<ase>', '<gsg>'] });
}

function tokenizerBytes(t: Tokenizer): Uint8Array {
  return encoder.encode(JSON.stringify(t.toJSON()));
}

function poseDecoding(input: 'text' | 'gloss' | 'langGloss') {
  return {
    input,
    dModel: 6,
    heads: 2,
    decoderLayers: 2,
    maxSourceLength: 16,
    maxTargetLength: 40,
    frameWidth: 151,
    stopCounter: 0.99,
  };
}

const MODEL_CARD = {
  licence: 'MIT',
  trainingData: [{ name: 'toy sentences', licence: 'MIT', provenance: 'synthetic' }],
  intendedUse: 'tests',
};

/** Writes `bundle.json` for `manifest` (recomputing nothing) and returns the bundle. */
export function withManifest(files: Record<string, Uint8Array>, manifest: BundleManifestInput): TestBundle {
  return { files: { ...files, 'bundle.json': encoder.encode(JSON.stringify(manifest)) }, manifest };
}

type Entry = { path: string; sha256: string; sizeBytes: number };
type ModelEntry = BundleManifestInput['models'][number];
type TokenizerEntry = BundleManifestInput['tokenizers'][number];

function entry(files: Record<string, Uint8Array>, path: string, bytes: Uint8Array): Entry {
  files[path] = bytes;
  return { path, sha256: sha256HexSync(bytes), sizeBytes: bytes.length };
}

function tokenizerEntry(files: Record<string, Uint8Array>, path: string, t: Tokenizer) {
  const { sizeBytes: _, ...e } = entry(files, path, tokenizerBytes(t));
  return { ...e, kind: t.kind, vocabSize: t.vocabSize };
}

/** Options of the bundle builders: toy model overrides by path. */
export interface TestBundleOptions {
  models?: Record<string, Partial<ToyModel>>;
}

function model(
  files: Record<string, Uint8Array>,
  path: string,
  base: ToyModel,
  options: TestBundleOptions,
): Entry {
  return entry(files, path, toyModelBytes({ ...base, ...options.models?.[path] }));
}

/**
 * An MLSF bundle for `ase` (own subword tokenizer, counter step 0.25) and `gsg` (the shared gloss-free
 * tokenizer without language, counter step 0.34), text input.
 */
export function mlsfBundle(options: TestBundleOptions = {}): TestBundle {
  const files: Record<string, Uint8Array> = {};
  const en = englishTokenizer();
  const shared = trainTokenizer([...ENGLISH, 'grey rain'], { kind: 'word', vocabSize: 100 });
  const models: ModelEntry[] = ['ase', 'gsg'].flatMap((language, li): ModelEntry[] => [
    {
      ...model(files, `${language}/encoder.onnx`, { role: 'encoder', ...TOY_SIZES }, options),
      role: 'encoder' as const,
      language,
    },
    {
      ...model(
        files,
        `${language}/decoder-step.onnx`,
        { role: 'decoder-step', ...TOY_SIZES, width: 151, counterStep: li === 0 ? 0.25 : 0.34 },
        options,
      ),
      role: 'decoder-step' as const,
      language,
    },
  ]);
  return withManifest(files, {
    formatVersion: '1.0.0',
    mode: 'mlsf',
    languages: ['ase', 'gsg'],
    skeleton: 'prompt2sign-50',
    fps: 25,
    normalisation: { method: 'none', parameters: {} },
    tokenizers: [
      { ...tokenizerEntry(files, 'tokenizers/ase.json', en), role: 'source', language: 'ase' },
      { ...tokenizerEntry(files, 'tokenizers/shared.json', shared), role: 'source' },
    ],
    models,
    onnx: { opset: 17, irVersion: 8 },
    decoding: { pose: poseDecoding('text') },
    modelCard: MODEL_CARD,
  });
}

/**
 * A Prompt2LangGloss bundle for `ase` and `gsg`: shared pose graphs over LangGloss and, unless
 * `text2gloss` is false, text → LangGloss graphs whose `table` makes any input translate to
 * `<ase> HOUSE <ase> BIG` (greedy).
 */
export function p2lgBundle(options: TestBundleOptions & { text2gloss?: boolean } = {}): TestBundle {
  const files: Record<string, Uint8Array> = {};
  const lg = langGlossTokenizer();
  const withText = options.text2gloss ?? true;
  const tokenizers: TokenizerEntry[] = [
    { ...tokenizerEntry(files, 'tokenizers/langgloss.json', lg), role: 'langgloss' },
  ];
  const models: ModelEntry[] = [
    {
      ...model(files, 'pose/encoder.onnx', { role: 'encoder', ...TOY_SIZES }, options),
      role: 'encoder' as const,
    },
    {
      ...model(
        files,
        'pose/decoder-step.onnx',
        { role: 'decoder-step', ...TOY_SIZES, width: 151, counterStep: 0.2 },
        options,
      ),
      role: 'decoder-step' as const,
    },
  ];
  if (withText) {
    tokenizers.push({
      ...tokenizerEntry(files, 'tokenizers/text.json', englishTokenizer()),
      role: 'source',
    });
    const [ase, house, big] = ['<ase>', 'HOUSE', 'BIG'].map((t) => lg.idOf(t));
    const table = {
      '2': { [String(ase)]: 4 },
      [`2 ${ase}`]: { [String(house)]: 4 },
      [`2 ${ase} ${house}`]: { [String(ase)]: 4 },
      [`2 ${ase} ${house} ${ase}`]: { [String(big)]: 4 },
      [`2 ${ase} ${house} ${ase} ${big}`]: { '3': 4 },
    };
    const t2g = { ...TOY_SIZES, vocab: lg.vocabSize, table };
    models.push(
      {
        ...model(files, 'text2gloss/encoder.onnx', { role: 'text2gloss-encoder', ...TOY_SIZES }, options),
        role: 'text2gloss-encoder',
      },
      {
        ...model(files, 'text2gloss/decoder-step.onnx', { role: 'text2gloss-decoder-step', ...t2g }, options),
        role: 'text2gloss-decoder-step',
      },
    );
  }
  return withManifest(files, {
    formatVersion: '1.0.0',
    mode: 'p2lg',
    languages: ['ase', 'gsg'],
    skeleton: 'prompt2sign-50',
    fps: 30,
    normalisation: { method: 'none', parameters: {} },
    tokenizers,
    models,
    onnx: { opset: 17, irVersion: 8 },
    decoding: {
      pose: poseDecoding('langGloss'),
      ...(withText
        ? {
            text2gloss: {
              input: 'prompt' as const,
              dModel: 6,
              heads: 2,
              decoderLayers: 2,
              maxSourceLength: 16,
              maxLength: 8,
            },
          }
        : {}),
    },
    modelCard: MODEL_CARD,
  });
}

/** A `BundleSource` over a test bundle. */
export function sourceOf(bundle: TestBundle): BundleSource {
  return memoryBundleSource(bundle.files, 'test-bundle');
}
