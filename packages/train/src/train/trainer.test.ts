import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCheckpoints, readLatestCheckpoint, readMetrics } from '../run/index.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { removeTempDirs, tempDir, tinyConfig, tinyDataset, tinyModel } from '../test-support/tiny-run.ts';
import { loadModelFromRun } from './load-model.ts';
import { type TrainOptions, train } from './trainer.ts';
import type { TrainerState } from './trainer-state.ts';

const quiet: Pick<TrainOptions, 'progress' | 'log'> = { progress: 'none', log: () => {} };

async function losses(runDir: string): Promise<number[]> {
  return (await readMetrics(join(runDir, 'metrics.jsonl'))).map((r) => r.loss as number);
}

let data: string;
afterAll(removeTempDirs);
beforeAll(async () => {
  await useTestBackend();
  data = await tinyDataset();
});

describe('train', () => {
  it('is reproducible: the same seed gives the same losses, another seed other losses', async () => {
    const a = await tempDir('run');
    const b = await tempDir('run');
    const c = await tempDir('run');
    const tensorsBefore = tf.memory().numTensors;
    await train({ config: await tinyConfig(data, a, { steps: 6 }), ...quiet });
    // nothing leaks: the model, Adam state and every step's tensors are freed
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    await train({ config: await tinyConfig(data, b, { steps: 6 }), ...quiet });
    await train({ config: await tinyConfig(data, c, { steps: 6, seed: 28 }), ...quiet });
    const la = await losses(a);
    expect(la).toHaveLength(6);
    expect(la.every(Number.isFinite)).toBe(true);
    expect(await losses(b)).toEqual(la);
    expect(await losses(c)).not.toEqual(la);
    const config = JSON.parse(await readFile(join(a, 'config.json'), 'utf8'));
    expect(config.model.architecture.dModel).toBe(16);
    expect(config.steps).toBe(6);
    const svg = await readFile(join(a, 'metrics.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('a killed run resumes from its checkpoint with the same data order and the same losses', async () => {
    const straight = await tempDir('run');
    const killed = await tempDir('run');
    // loss rl + PLC + Gaussian noise: every piece of state (plan, priorities, noise statistics, Adam, schedule) matters
    const settings = {
      steps: 14,
      checkpointEvery: 3,
      loss: 'rl' as const,
      rl: { plc: true, refreshEvery: 5, skipQuantile: 0.25 },
      model: { ...tinyModel('mlsf'), augmentations: { gaussianNoiseRate: 2 } },
    };
    await train({ config: await tinyConfig(data, straight, settings), ...quiet });
    const first = await train({ config: await tinyConfig(data, killed, settings), ...quiet, stopAfter: 7 });
    expect(first.stoppedBy).toBe('stopAfter');
    // the "kill": a later checkpoint may be missing; step 7's checkpoint is the newest written
    expect((await readLatestCheckpoint(killed))?.step).toBe(7);
    await expect(train({ config: await tinyConfig(data, killed, settings), ...quiet })).rejects.toThrow(
      /--resume/,
    );
    const resumed = await train({ config: await tinyConfig(data, killed, settings), ...quiet, resume: true });
    expect(resumed.steps).toBe(14);
    const expected = await losses(straight);
    expect(expected).toHaveLength(14);
    expect(await losses(killed)).toEqual(expected);
    const state = (await readLatestCheckpoint(killed))!.state as TrainerState;
    expect(state.step).toBe(14);
    expect(state.priorities).toBeDefined();
    expect(state.noise?.std).not.toBeNull();
    const steps = (await listCheckpoints(killed)).map((c) => c.step);
    expect(steps).toContain(14);
    expect(steps.length).toBeLessThanOrEqual(4);
  });

  it('--resume without a checkpoint and a dataset that changed under the run are clear errors', async () => {
    const empty = await tempDir('run');
    await expect(train({ config: await tinyConfig(data, empty), ...quiet, resume: true })).rejects.toThrow(
      /no checkpoint/,
    );
    const copy = join(await tempDir('copy'), 'synth');
    await cp(data, copy, { recursive: true });
    const run = await tempDir('run');
    await train({ config: await tinyConfig(copy, run, { steps: 2, checkpointEvery: 1 }), ...quiet });
    // the run's saved config names `copy`; replace its contents with another corpus
    await rm(copy, { recursive: true });
    await cp(await tinyDataset({ seed: 4 }), copy, { recursive: true });
    const error = await train({
      config: await tinyConfig(copy, run, { steps: 4 }),
      ...quiet,
      resume: true,
    }).catch((e: unknown) => e);
    expect(SignLLMError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/not the dataset the run .* was trained on/);
  });

  it('adding an MLSF language with initFrom leaves the existing group bit-identical', async () => {
    const base = await tempDir('run');
    await train({
      config: await tinyConfig(data, base, { steps: 3, model: tinyModel('mlsf', ['ase']) }),
      ...quiet,
    });
    const before = (await loadModelFromRun(base)).toWeights();
    const grown = await tempDir('run');
    await train({
      config: await tinyConfig(data, grown, { steps: 3, initFrom: base, model: tinyModel('mlsf', ['gsg']) }),
      ...quiet,
    });
    const model = await loadModelFromRun(grown);
    expect([...model.groups.keys()].sort()).toEqual(['ase', 'gsg']);
    const after = new Map(model.toWeights().map((w) => [w.name, w]));
    const aseWeights = before.filter((w) => w.name.startsWith('ase/'));
    expect(aseWeights.length).toBeGreaterThan(10);
    for (const w of aseWeights)
      expect(
        Buffer.from(
          after.get(w.name)!.data.buffer,
          after.get(w.name)!.data.byteOffset,
          after.get(w.name)!.data.byteLength,
        ).equals(Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength)),
      ).toBe(true);
    const gsg = model.toWeights().filter((w) => w.name.startsWith('gsg/'));
    expect(gsg.length).toBe(aseWeights.length);
    model.dispose();
  });

  it('trains Prompt2LangGloss stage 1 and stage 2, future prediction and just counter', async () => {
    for (const [label, overrides] of [
      ['stage1', { model: tinyModel('p2lg-stage1') }],
      ['stage2', { model: tinyModel('p2lg-stage2') }],
      ['future', { model: { ...tinyModel('mlsf'), augmentations: { futurePrediction: 3 } } }],
      ['counter', { model: { ...tinyModel('mlsf'), augmentations: { justCounter: true } } }],
    ] as const) {
      const run = await tempDir(label);
      const result = await train({
        config: await tinyConfig(data, run, { steps: 4, ...overrides }),
        ...quiet,
      });
      expect(result.steps, label).toBe(4);
      expect(Number.isFinite(result.loss), label).toBe(true);
      expect(Number.isFinite(result.bestDtw), label).toBe(true);
      const model = await loadModelFromRun(run);
      expect(model.config.mode).toBe(overrides.model.mode);
      model.dispose();
    }
  });
});
