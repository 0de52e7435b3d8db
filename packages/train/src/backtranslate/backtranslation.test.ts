import { cp, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { openDataset } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetFrames } from '../eval/pose-frames.ts';
import { readMetrics } from '../run/index.ts';
import { rejection } from '../test-support/rejection.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { removeTempDirs, tempDir, tinyConfig, tinyDataset, tinyModel } from '../test-support/tiny-run.ts';
import { train } from '../train/trainer.ts';
import { type BacktranslationConfig, loadBacktranslationConfig } from './backtranslation-config.ts';
import { Backtranslator } from './backtranslator.ts';
import { evaluateBacktranslation } from './evaluate-backtranslation.ts';
import { loadBacktranslator } from './load-backtranslator.ts';
import { trainBacktranslation } from './train-backtranslation.ts';

const TINY = {
  encoderLayers: 1,
  decoderLayers: 1,
  dModel: 32,
  heads: 2,
  ffnSize: 64,
  dropout: 0,
  maxTokens: 24,
};

async function tinyBtConfig(data: string, outDir: string, steps: number): Promise<BacktranslationConfig> {
  const config = await loadBacktranslationConfig(undefined, {
    data,
    outDir,
    steps,
    seed: 1,
    backend: 'wasm',
  });
  return {
    ...config,
    architecture: TINY,
    batchSize: 8,
    learningRate: 3e-3,
    validateEvery: 0,
    logEvery: 10,
    checkpointEvery: 50,
  };
}

let data: string;
let run: string;
beforeAll(async () => {
  await useTestBackend();
  // a handful of sequences: 8 training rows of one language
  data = await tinyDataset({ languages: ['ase'], sequences: 12 });
  run = join(await tempDir('bt'), 'run');
  await trainBacktranslation({ config: await tinyBtConfig(data, run, 100), progress: 'none', log: () => {} });
});
afterAll(removeTempDirs);

describe('back-translation model', () => {
  it('overfits a handful of synthetic sequences: BLEU far above an untrained model', async () => {
    const { model } = await loadBacktranslator(run);
    const reader = await openDataset(data);
    const options = { split: 'train', poses: { kind: 'ground-truth' } } as const;
    const trained = await evaluateBacktranslation(model, reader, options);
    const tokenizers = Object.fromEntries([...model.groups].map(([l, g]) => [l, g.tokenizer]));
    const untrainedModel = Backtranslator.create(model.config, tokenizers, 5);
    const untrained = await evaluateBacktranslation(untrainedModel, reader, options);
    // measured: trained (training seeds 1–3) BLEU-1 = BLEU-4 = ROUGE-L = 100; untrained (init seeds 5–7)
    // BLEU-1 2.4–11.9, BLEU-4 0.3–1.5, ROUGE-L 1.9–13.2
    expect(trained.overall.count).toBe(8);
    expect(trained.overall.bleu1).toBeGreaterThan(80);
    expect(trained.overall.bleu4).toBeGreaterThan(60);
    expect(trained.overall.rougeL).toBeGreaterThan(80);
    expect(untrained.overall.bleu1).toBeLessThan(30);
    expect(untrained.overall.bleu4).toBeLessThan(10);
    // greedy and beam search both decode; the logged loss fell
    const row = (await reader.rows({ split: 'train' }).next()).value!;
    const tensors = tf.memory().numTensors;
    expect(model.translate('ase', targetFrames(row), { beamSize: 3 })).toBe(row.text);
    expect(model.translate('ase', targetFrames(row))).toBe(row.text);
    expect(tf.memory().numTensors).toBe(tensors); // decoding frees its caches
    const losses = (await readMetrics(join(run, 'metrics.jsonl'))).flatMap((r) =>
      typeof r.loss === 'number' ? [r.loss] : [],
    );
    expect(losses[0]! / losses[losses.length - 1]!).toBeGreaterThan(5);
    model.dispose();
    untrainedModel.dispose();
  });

  it('resumes from its checkpoint with the losses of an uninterrupted run', async () => {
    const base = await tempDir('bt');
    const straight = await tinyBtConfig(data, join(base, 'straight'), 6);
    const logEvery1 = { logEvery: 1, checkpointEvery: 3, architecture: { ...TINY, dModel: 16 } };
    await trainBacktranslation({ config: { ...straight, ...logEvery1 }, progress: 'none', log: () => {} });
    const split = { ...straight, ...logEvery1, outDir: join(base, 'split') };
    await trainBacktranslation({ config: { ...split, steps: 3 }, progress: 'none', log: () => {} });
    await trainBacktranslation({ config: split, resume: true, progress: 'none', log: () => {} });
    const lossesOf = async (dir: string) =>
      (await readMetrics(join(dir, 'metrics.jsonl'))).map((r) => r.loss);
    expect(await lossesOf(split.outDir)).toEqual(await lossesOf(straight.outDir));
    await expect(trainBacktranslation({ config: split, progress: 'none', log: () => {} })).rejects.toThrow(
      /already holds a run.*--resume/,
    );
  });

  it('a truncated or corrupted checkpoint, or a pose-model run, is a clear SignLLMError', async () => {
    const broken = await tempDir('broken');
    await cp(run, broken, { recursive: true });
    const step = join(broken, 'checkpoints', 'step-000100');
    const weights = join(step, 'weights.bin');
    const size = (await readFile(weights)).length;
    await truncate(weights, size - 10);
    await rejection(loadBacktranslator(broken), ERROR_CODES.truncated, /weights\.bin/);
    await cp(join(run, 'checkpoints', 'step-000100', 'weights.bin'), weights);
    const json = join(step, 'checkpoint.json');
    const text = await readFile(json, 'utf8');
    await writeFile(json, text.slice(0, text.length / 2));
    await rejection(loadBacktranslator(broken), ERROR_CODES.badFormat, /not valid JSON/);
    await writeFile(json, text.replace('"dModel": 32', '"dModel": 64'));
    await rejection(loadBacktranslator(step), ERROR_CODES.shapeMismatch, /shape/);
    await rejection(loadBacktranslator(await tempDir('empty')), ERROR_CODES.invalidArgument, /no checkpoint/);
    const poseRun = join(await tempDir('pose'), 'run');
    const poseConfig = await tinyConfig(data, poseRun, { steps: 1, model: tinyModel('mlsf', ['ase']) });
    await train({ config: poseConfig, progress: 'none', log: () => {} });
    const error = await rejection(loadBacktranslator(poseRun), ERROR_CODES.badFormat);
    expect(error.message).toMatch(/not a back-translation checkpoint \(it holds a "mlsf" pose model\)/);
    expect(SignLLMError.isInstance(error)).toBe(true);
  });

  it('a language the dataset lacks, or an unknown target, is refused before training', async () => {
    const out = join(await tempDir('bt'), 'run');
    const config = await tinyBtConfig(data, out, 2);
    await rejection(
      trainBacktranslation({ config: { ...config, languages: ['gsg'] }, progress: 'none', log: () => {} }),
      ERROR_CODES.unknownLanguage,
      /Language "gsg" is not in the dataset; its languages are "ase"/,
    );
    await rejection(
      loadBacktranslationConfig(undefined, { data, outDir: out, target: 'prompt' as never }),
      ERROR_CODES.schemaInvalid,
      /target/,
    );
  });
});
