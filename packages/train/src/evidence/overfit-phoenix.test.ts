/**
 * Evidence that the method learns on real data: a tiny MLSF model overfits the five PHOENIX14T
 * training sequences of the shared sample (German text → DGS poses, `.skels` in the Progressive
 * Transformers dialect). The dataset is built with the data package at 5 fps (PHOENIX is 25 fps: the
 * pipeline resamples, so the 71–185-frame clips become 15–37 frames, both ends kept) with PT's normalisation kept as
 * is. The training-split DTW (PT DTW, ground-truth timing) of the trained model must be at least 5×
 * below that of the same architecture at initialisation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataset, openDataset } from '@signllm/data';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluatePoseModel } from '../eval/evaluate-pose-model.ts';
import { dataPath, describeWithData } from '../test-support/shared-data.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { loadModelFromRun } from '../train/load-model.ts';
import { type EffectiveTrainConfig, resolveTrainConfig } from '../train/load-train-config.ts';
import { train } from '../train/trainer.ts';

const FPS = 5;

async function config(
  data: string,
  outDir: string,
  steps: number,
  lr: number,
): Promise<EffectiveTrainConfig> {
  return resolveTrainConfig(
    {
      data,
      outDir,
      model: {
        mode: 'mlsf',
        languages: ['gsg'],
        input: 'text',
        architecture: {
          encoderLayers: 1,
          decoderLayers: 1,
          dModel: 64,
          heads: 4,
          ffnSize: 128,
          dropout: 0,
          maxSourceLength: 40,
          maxTargetLength: 64,
        },
        tokenizers: { source: { kind: 'word', vocabSize: 200 } },
      },
      steps,
      batchSize: 5,
      learningRate: lr,
      lrSchedule: { minLr: Math.min(lr, 1e-5), patience: 4 },
      validateEvery: 100,
      checkpointEvery: steps,
      logEvery: 50,
      seed: 27,
      validation: { split: 'train', maxSequences: 5, timing: 'ground-truth' },
      backend: 'wasm',
    },
    {},
    '.',
  );
}

async function trainingDtw(runDir: string, data: string): Promise<{ dtw: number; sequences: number }> {
  const model = await loadModelFromRun(runDir);
  try {
    const result = await evaluatePoseModel(model, await openDataset(data), {
      split: 'train',
      timings: ['ground-truth'],
    });
    return { dtw: result.dtw, sequences: result.sequences };
  } finally {
    model.dispose();
  }
}

describeWithData('evidence: a tiny model overfits the real PHOENIX14T training sequences', () => {
  let root = '';
  let data = '';

  beforeAll(async () => {
    await useTestBackend();
    root = await mkdtemp(join(tmpdir(), 'signllm-evidence-phoenix-'));
    data = join(root, 'phoenix');
    const problems: string[] = [];
    await buildDataset({
      inputs: [dataPath('phoenix14t-sample')],
      out: data,
      language: 'gsg',
      fps: FPS,
      normalize: 'progressive-transformers',
      workers: 1,
      onProblem: (p) => problems.push(p.message),
    });
    expect(problems).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('the 5 training sequences are the real ones, resampled to 5 fps', async () => {
    const reader = await openDataset(data);
    const frames: number[] = [];
    for await (const row of reader.rows({ split: 'train' })) {
      expect(row.language).toBe('gsg');
      expect(row.gloss.length).toBeGreaterThan(0);
      expect(row.sequence.fps).toBe(FPS);
      frames.push(row.sequence.frames);
    }
    // The .skels lines hold 86, 126, 168, 185 and 71 frames at 25 fps; resampling keeps both ends.
    expect(frames).toEqual([86, 126, 168, 185, 71].map((n) => Math.floor(((n - 1) * FPS) / 25) + 1));
  });

  it('training DTW (PT DTW, ground-truth timing) falls at least 5× from the untrained model', async () => {
    const started = performance.now();
    // Step 0: the same architecture and seed, one step at a negligible learning rate.
    const untrained = await train({
      config: await config(data, join(root, 'untrained'), 1, 1e-9),
      progress: 'none',
      log: () => {},
    });
    const before = await trainingDtw(untrained.runDir, data);
    const trained = await train({
      config: await config(data, join(root, 'trained'), 400, 3e-3),
      progress: 'none',
      log: () => {},
    });
    const after = await trainingDtw(trained.runDir, data);
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `overfit-phoenix: training DTW ${before.dtw.toFixed(3)} → ${after.dtw.toFixed(3)} (${(before.dtw / after.dtw).toFixed(1)}×) over ${before.sequences} sequences; ${trained.steps} steps (${trained.stoppedBy}), final loss ${trained.loss.toExponential(2)}, ${seconds.toFixed(1)} s`,
    );
    expect(before.sequences).toBe(5);
    expect(Number.isFinite(after.dtw)).toBe(true);
    expect(after.dtw * 5).toBeLessThanOrEqual(before.dtw);
  }, 120_000);
});
