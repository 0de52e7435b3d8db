/**
 * Evidence for Prompt2LangGloss on a synthetic ASL + DGS corpus (1000 sentences, eight concepts per
 * language, 2–3 glosses a sentence; prompts from the data package's templates, ≥ 30 per language):
 * - stage 1 (question-style prompt → LangGloss, subword source, case-kept word target)
 *   recovers the LangGloss of test prompts never seen in training with an exact-match rate of at least
 *   `MIN_EXACT_MATCH`, greedy and with beam search (beam 3). Exact match needs the language tag of
 *   every gloss (the template's language decides it) and every gloss in order, read out of the
 *   template;
 * - stage 2 (LangGloss → pose, one shared group for both languages) trains and beats the training
 *   set's mean pose (PT DTW, ground-truth timing) on the dev split.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelConfigInput } from '@signllm/core';
import { openDataset, synthDataset } from '@signllm/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanFrameOf, meanPoseBaseline, scorePoseFrames } from '../baselines/index.ts';
import { evaluatePoseModel } from '../eval/evaluate-pose-model.ts';
import { evaluateTokenModel } from '../eval/evaluate-token-model.ts';
import { targetFrames } from '../eval/pose-frames.ts';
import { rewriteDataset } from '../test-support/rewrite-dataset.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { loadModelFromRun } from '../train/load-model.ts';
import { resolveTrainConfig } from '../train/load-train-config.ts';
import { train } from '../train/trainer.ts';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Exact-match floor on unseen prompts. Chance is below 1 % (a right guess needs the tag, the number of
 * glosses and each of them in order: ≥ 8·7 orderings for the shortest sentences), and always answering
 * the most frequent training LangGloss scores under 2 %. Measured after 1000 steps: 0.556 greedy /
 * 0.544 beam 3 with this seed (27), 0.444 / 0.467 with seed 28; most misses drop or swap the middle
 * gloss of a three-gloss sentence. The floor leaves room for that seed-to-seed spread.
 */
const MIN_EXACT_MATCH = 0.4;

async function run(data: string, outDir: string, model: ModelConfigInput, steps: number, batchSize: number) {
  const config = await resolveTrainConfig(
    {
      data,
      outDir,
      model,
      steps,
      batchSize,
      learningRate: 3e-3,
      lrSchedule: { minLr: 1e-5 },
      validateEvery: steps,
      checkpointEvery: steps,
      logEvery: 50,
      seed: 27,
      validation: { split: 'none' },
      backend: 'wasm',
    },
    {},
    '.',
  );
  return train({ config, progress: 'none', log: () => {} });
}

describe('evidence: Prompt2LangGloss', () => {
  let root = '';
  let data = '';

  beforeAll(async () => {
    await useTestBackend();
    root = await mkdtemp(join(tmpdir(), 'signllm-evidence-p2lg-'));
    const full = join(root, 'synth');
    await synthDataset({
      out: full,
      languages: ['ase', 'gsg'],
      sequences: 1000,
      seed: 5,
      fps: 10,
      glossesPerSentence: [2, 3],
      lexiconSize: 8,
      shardRows: 64,
    });
    // Test prompts that also occur in training (same sentence, same template) move to a "seen" split,
    // so the test split holds unseen prompts only.
    const reader = await openDataset(full);
    const trainPrompts = new Set<string>();
    for await (const row of reader.rows({ split: 'train' })) trainPrompts.add(row.prompt);
    data = join(root, 'unseen-test');
    await rewriteDataset(full, data, {
      name: 'unseen-test',
      shardRows: 128,
      map: (row) => (row.split === 'test' && trainPrompts.has(row.prompt) ? { ...row, split: 'seen' } : row),
    });
  }, 60_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('stage 1 recovers the LangGloss of unseen prompts', async () => {
    const started = performance.now();
    const reader = await openDataset(data);
    const trainPrompts = new Set<string>();
    for await (const row of reader.rows({ split: 'train' })) trainPrompts.add(row.prompt);
    for await (const row of reader.rows({ split: 'test' })) expect(trainPrompts.has(row.prompt)).toBe(false);

    const result = await run(
      data,
      join(root, 'stage1'),
      {
        mode: 'p2lg-stage1',
        languages: ['ase', 'gsg'],
        architecture: {
          encoderLayers: 1,
          decoderLayers: 1,
          dModel: 64,
          heads: 4,
          ffnSize: 128,
          dropout: 0,
          maxSourceLength: 64,
          maxTargetLength: 64,
        },
        tokenizers: {
          source: { kind: 'subword', vocabSize: 300 },
          target: { kind: 'word', vocabSize: 64, lowercase: false },
        },
      },
      1000,
      16,
    );
    const trainedAt = performance.now();
    const model = await loadModelFromRun(result.runDir);
    try {
      const greedy = await evaluateTokenModel(model, reader, { split: 'test' });
      const beam = await evaluateTokenModel(model, reader, { split: 'test', beamSize: 3 });
      console.info(
        `stage1-prompts: ${greedy.sequences} unseen test prompts; exact match greedy ${greedy.exactMatch.toFixed(3)} (token accuracy ${greedy.tokenAccuracy.toFixed(3)}), beam 3 ${beam.exactMatch.toFixed(3)} (${beam.tokenAccuracy.toFixed(3)}); ${result.steps} steps, loss ${result.loss.toExponential(2)}, train ${((trainedAt - started) / 1000).toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(greedy.sequences).toBeGreaterThanOrEqual(30);
      expect(greedy.exactMatch).toBeGreaterThanOrEqual(MIN_EXACT_MATCH);
      expect(beam.exactMatch).toBeGreaterThanOrEqual(MIN_EXACT_MATCH);
    } finally {
      model.dispose();
    }
  }, 240_000);

  it('stage 2 (one shared group for both languages) beats the mean pose on dev', async () => {
    const started = performance.now();
    const result = await run(
      data,
      join(root, 'stage2'),
      {
        mode: 'p2lg-stage2',
        languages: ['ase', 'gsg'],
        architecture: {
          encoderLayers: 1,
          decoderLayers: 1,
          dModel: 64,
          heads: 4,
          ffnSize: 128,
          dropout: 0,
          maxSourceLength: 16,
          maxTargetLength: 80,
        },
        tokenizers: { source: { kind: 'word', vocabSize: 64, lowercase: false } },
        // Just Counter: without it this model reaches only about the mean pose in 300 steps (36.2 vs 36.6).
        augmentations: { justCounter: true },
      },
      300,
      16,
    );
    const reader = await openDataset(data);
    const model = await loadModelFromRun(result.runDir);
    let dev: Awaited<ReturnType<typeof evaluatePoseModel>>;
    try {
      expect([...model.groups.keys()]).toEqual(['*']);
      dev = await evaluatePoseModel(model, reader, { split: 'dev', timings: ['ground-truth'] });
    } finally {
      model.dispose();
    }
    const trainFrames: Float32Array[] = [];
    for await (const row of reader.rows({ split: 'train' })) trainFrames.push(targetFrames(row));
    const meanFrame = meanFrameOf(trainFrames);
    const baseline: number[] = [];
    for await (const row of reader.rows({ split: 'dev' }))
      baseline.push(scorePoseFrames(targetFrames(row), meanPoseBaseline(meanFrame, row.sequence.frames)));
    const meanDtw = mean(baseline);
    console.info(
      `stage1-prompts (stage 2): dev DTW ${dev.dtw.toFixed(3)} (ase ${dev.byLanguage.ase?.dtw.toFixed(3)}, gsg ${dev.byLanguage.gsg?.dtw.toFixed(3)}) vs mean pose ${meanDtw.toFixed(3)} over ${dev.sequences} sequences; ${result.steps} steps, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(dev.sequences).toBe(baseline.length);
    expect(Object.keys(dev.byLanguage).sort()).toEqual(['ase', 'gsg']);
    expect(dev.dtw).toBeLessThan(meanDtw);
  }, 240_000);
});
