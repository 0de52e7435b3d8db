import { join } from 'node:path';
import { ERROR_CODES } from '@signllm/core';
import { type DatasetReader, openDataset } from '@signllm/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/rejection.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { removeTempDirs, tempDir, tinyConfig, tinyDataset, tinyModel } from '../test-support/tiny-run.ts';
import { loadModelFromRun } from '../train/load-model.ts';
import type { SignModel } from '../train/sign-model.ts';
import { train } from '../train/trainer.ts';
import { loadBacktranslationConfig } from './backtranslation-config.ts';
import { BacktranslationReportSchema, backtranslationReport } from './backtranslation-report.ts';
import type { Backtranslator } from './backtranslator.ts';
import {
  type BacktranslationMetrics,
  evaluateBacktranslation,
  scoreTexts,
} from './evaluate-backtranslation.ts';
import { loadBacktranslator } from './load-backtranslator.ts';
import { trainBacktranslation } from './train-backtranslation.ts';

let reader: DatasetReader;
let bt: Backtranslator;
let poses: SignModel;
let aseOnly: SignModel;
const quiet = { progress: 'none', log: () => {} } as const;

beforeAll(async () => {
  await useTestBackend();
  const data = await tinyDataset();
  reader = await openDataset(data);
  const btRun = join(await tempDir('bt'), 'run');
  const config = await loadBacktranslationConfig(undefined, {
    data,
    outDir: btRun,
    steps: 20,
    backend: 'wasm',
  });
  const architecture = {
    ...config.architecture,
    encoderLayers: 1,
    decoderLayers: 1,
    dModel: 16,
    heads: 2,
    ffnSize: 32,
  };
  await trainBacktranslation({
    config: { ...config, architecture, batchSize: 8, validateEvery: 0 },
    ...quiet,
  });
  bt = (await loadBacktranslator(btRun)).model;
  const both = join(await tempDir('pose'), 'run');
  await train({ config: await tinyConfig(data, both, { steps: 2 }), ...quiet });
  poses = await loadModelFromRun(both);
  const ase = join(await tempDir('pose'), 'run');
  await train({
    config: await tinyConfig(data, ase, { steps: 1, model: tinyModel('mlsf', ['ase']) }),
    ...quiet,
  });
  aseOnly = await loadModelFromRun(ase);
});
afterAll(async () => {
  bt.dispose();
  poses.dispose();
  aseOnly.dispose();
  await removeTempDirs();
});

function expectScores(m: BacktranslationMetrics, withDtw: boolean): void {
  for (const key of ['bleu1', 'bleu2', 'bleu3', 'bleu4', 'rougeL'] as const) {
    expect(m[key]).toBeGreaterThanOrEqual(0);
    expect(m[key]).toBeLessThanOrEqual(100);
  }
  expect(m.bleu1).toBeGreaterThanOrEqual(m.bleu4);
  if (withDtw) expect(m.dtw).toBeGreaterThan(0);
  else expect(m.dtw).toBeUndefined();
}

describe('evaluateBacktranslation', () => {
  it('scores ground-truth and generated poses per language and overall, in the report shape', async () => {
    const gt = await evaluateBacktranslation(bt, reader, { split: 'test', poses: { kind: 'ground-truth' } });
    const gen = await evaluateBacktranslation(bt, reader, {
      split: 'test',
      poses: { kind: 'generated', model: poses },
      examples: 1,
    });
    for (const [result, withDtw] of [
      [gt, false],
      [gen, true],
    ] as const) {
      expect(Object.keys(result.byLanguage)).toEqual(['ase', 'gsg']);
      expect(result.overall.count).toBe(5); // the tiny corpus's test split
      expect(result.byLanguage.ase!.count + result.byLanguage.gsg!.count).toBe(5);
      expectScores(result.overall, withDtw);
      for (const m of Object.values(result.byLanguage)) expectScores(m, withDtw);
      const report = backtranslationReport(result, { data: 'd', backtranslationModel: 'runs/bt' });
      expect(BacktranslationReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    }
    expect(gt.poses).toBe('ground-truth');
    expect(gen.poses).toBe('generated');
    expect(gen.examples.map((e) => e.language)).toEqual(['ase', 'gsg']);
    expect(gt.examples).toHaveLength(5);
    // overall DTW is the mean over every sequence
    const { ase, gsg } = gen.byLanguage;
    expect(gen.overall.dtw).toBeCloseTo((ase!.dtw! * ase!.count + gsg!.dtw! * gsg!.count) / 5, 6);
  });

  it('refuses languages a model does not serve, a stage 1 model and unknown splits', async () => {
    await rejection(
      evaluateBacktranslation(bt, reader, { poses: { kind: 'generated', model: aseOnly } }),
      ERROR_CODES.unknownLanguage,
      /The pose model does not serve language "gsg" \(it serves ase\); pass --language/,
    );
    const only = await evaluateBacktranslation(bt, reader, {
      poses: { kind: 'generated', model: aseOnly },
      language: 'ase',
      split: 'test',
    });
    expect(Object.keys(only.byLanguage)).toEqual(['ase']);
    await rejection(
      evaluateBacktranslation(bt, reader, { poses: { kind: 'ground-truth' }, language: 'tsm' }),
      ERROR_CODES.unknownLanguage,
      /back-translation model does not serve language "tsm" \(it serves ase, gsg\)/,
    );
    const stage1 = { ...aseOnly, tokenModel: {} } as unknown as SignModel;
    await rejection(
      evaluateBacktranslation(bt, reader, { poses: { kind: 'generated', model: stage1 } }),
      ERROR_CODES.invalidArgument,
      /stage 1/,
    );
    await expect(
      evaluateBacktranslation(bt, reader, { split: 'nope', poses: { kind: 'ground-truth' } }),
    ).rejects.toThrow(/Split "nope"/);
  });

  it('scoreTexts: identical sentences score 100, disjoint ones 0', () => {
    expect(scoreTexts(['the sky is blue .'], ['the sky is blue .'])).toMatchObject({
      count: 1,
      bleu1: 100,
      bleu4: 100,
      rougeL: 100,
    });
    expect(scoreTexts(['a b c d'], ['e f g h'])).toMatchObject({ bleu1: 0, rougeL: 0 });
    expect(() => scoreTexts([], [])).toThrow(/no sentence/);
  });
});
