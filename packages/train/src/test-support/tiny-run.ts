/**
 * Test helpers for training runs: a small synthetic dataset in a temp folder and a tiny training
 * config around it (d 16, one layer each side), so end-to-end runs take seconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelConfigInput, TrainConfigInput } from '@signllm/core';
import { synthDataset } from '@signllm/data';
import { type EffectiveTrainConfig, resolveTrainConfig } from '../train/load-train-config.ts';

const created: string[] = [];

/** Creates a temp folder (removed by `removeTempDirs`). */
export async function tempDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `signllm-${label}-`));
  created.push(dir);
  return dir;
}

/** Removes every folder `tempDir` created in this test file: `afterAll(removeTempDirs)`. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A small two-language synthetic dataset (short sequences: 10 fps). */
export async function tinyDataset(
  options: { sequences?: number; seed?: number; noisy?: number; languages?: string[] } = {},
): Promise<string> {
  const out = join(await tempDir('data'), 'synth');
  await synthDataset({
    out,
    languages: options.languages ?? ['ase', 'gsg'],
    sequences: options.sequences ?? 40,
    seed: options.seed ?? 3,
    noisy: options.noisy ?? 0,
    fps: 10,
    glossesPerSentence: [2, 3],
    lexiconSize: 8,
    shardRows: 8,
  });
  return out;
}

/** A tiny model config for `mode`. */
export function tinyModel(
  mode: ModelConfigInput['mode'],
  languages: string[] = ['ase', 'gsg'],
): ModelConfigInput {
  const architecture = {
    encoderLayers: 1,
    decoderLayers: 1,
    dModel: 16,
    heads: 2,
    ffnSize: 32,
    dropout: 0,
    maxSourceLength: 40,
    maxTargetLength: 200,
  };
  if (mode === 'p2lg-stage1') {
    return {
      mode,
      languages,
      architecture,
      tokenizers: {
        source: { kind: 'subword', vocabSize: 200 },
        target: { kind: 'word', vocabSize: 100, lowercase: false },
      },
    };
  }
  return {
    mode,
    languages,
    architecture,
    tokenizers: {
      source:
        mode === 'p2lg-stage2'
          ? { kind: 'word', vocabSize: 100, lowercase: false }
          : { kind: 'subword', vocabSize: 120 },
    },
  };
}

/** A tiny training config (validated) writing to `outDir`. */
export async function tinyConfig(
  data: string,
  outDir: string,
  overrides: Partial<TrainConfigInput> = {},
): Promise<EffectiveTrainConfig> {
  return resolveTrainConfig(
    {
      data,
      outDir,
      model: tinyModel('mlsf'),
      steps: 8,
      batchSize: 4,
      learningRate: 3e-3,
      lrSchedule: { minLr: 1e-5 },
      validateEvery: 4,
      checkpointEvery: 4,
      logEvery: 1,
      validation: { maxSequences: 3 },
      backend: 'wasm',
      ...overrides,
    },
    {},
    '.',
  );
}
