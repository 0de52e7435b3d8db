import {
  createPoseSequence,
  dtwProgressiveTransformers,
  getSkeleton,
  SignLLMError,
  trainTokenizer,
} from '@signllm/core';
import { openDataset } from '@signllm/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { removeTempDirs, tinyDataset, tinyModel } from '../test-support/tiny-run.ts';
import { resolveTrainConfig } from '../train/load-train-config.ts';
import { SignModel } from '../train/sign-model.ts';
import { evaluatePoseModel, isNoisyRow, scoreRow } from './evaluate-pose-model.ts';
import { encodeSource, FRAME_WIDTH, targetFrames } from './pose-frames.ts';

let model: SignModel;
let data: string;
beforeAll(async () => {
  await useTestBackend();
  data = await tinyDataset();
  const config = await resolveTrainConfig({ data, outDir: 'x', model: tinyModel('mlsf', ['ase']) }, {}, '.');
  const tokenizer = trainTokenizer(['the sky is blue', 'a house'], { kind: 'subword', vocabSize: 60 });
  model = SignModel.create(config.model, { ase: tokenizer }, 5);
});
afterAll(async () => {
  model.dispose();
  await removeTempDirs();
});

function row(frames: number) {
  const data = new Float32Array(frames * 150);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 0.5;
  const sequence = createPoseSequence({
    skeleton: getSkeleton('prompt2sign-50'),
    fps: 10,
    dims: 3,
    frames,
    data,
    confidence: new Float32Array(frames * 50).fill(1),
  });
  return {
    id: 'r1',
    split: 'dev',
    language: 'ase',
    text: 'the sky is blue',
    gloss: '',
    prompt: '',
    langGloss: '',
    source: 'test',
    sequence,
  };
}

describe('scoreRow', () => {
  it('ground-truth timing feeds the input counters t/T and scores PT DTW against (i+1)/T targets', () => {
    const r = row(12);
    const ref = targetFrames(r);
    expect(ref[11 * FRAME_WIDTH + 150]).toBe(1);
    expect(ref[150]).toBeCloseTo(1 / 12, 6);
    const group = model.groupFor('ase');
    const ids = encodeSource(group.tokenizer, r.text, model.config.architecture.maxSourceLength);
    const inputs = Float32Array.from({ length: 12 }, (_, t) => t / 12);
    const { frames } = group.net.generate(ids, { maxFrames: 12, groundTruthCounters: inputs });
    for (let t = 0; t < 12; t++) frames[t * FRAME_WIDTH + 150] = (t + 1) / 12;
    const hyp = new Float32Array(frames.length + FRAME_WIDTH);
    hyp.set(frames, FRAME_WIDTH);
    const expected = dtwProgressiveTransformers(ref, hyp, { width: FRAME_WIDTH }).normalized;
    const scores = scoreRow(model, r, ['ground-truth', 'free-running'], 20);
    expect(scores.dtw).toBeCloseTo(expected, 4);
    expect(scores.counter).toBeGreaterThanOrEqual(0);
    expect(scores.mje).toBeGreaterThan(0);
    expect(scores.lengthError).toBeLessThanOrEqual(20);
    expect(Number.isFinite(scores.dtwFree)).toBe(true);
  });

  it('an unknown language names the groups the model has', () => {
    const error = (() => {
      try {
        scoreRow(model, { ...row(5), language: 'kvk' }, ['ground-truth']);
      } catch (e) {
        return e;
      }
    })();
    expect(SignLLMError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/no group for language "kvk".*ase/);
  });
});

describe('evaluatePoseModel', () => {
  it('reports per-language and overall metrics, and refuses an empty selection', async () => {
    const reader = await openDataset(data);
    const result = await evaluatePoseModel(model, reader, {
      split: 'train',
      language: 'ase',
      maxSequences: 2,
    });
    expect(result.sequences).toBe(2);
    expect(Object.keys(result.byLanguage)).toEqual(['ase']);
    expect(result.byLanguage.ase!.dtw).toBeCloseTo(result.dtw, 10);
    expect(result.lengthAccuracy).toBeGreaterThanOrEqual(0);
    await expect(evaluatePoseModel(model, reader, { split: 'nope' })).rejects.toThrow(/Split "nope"/);
    // rows flagged noisy are left out unless asked for
    const noisy = await openDataset(await tinyDataset({ noisy: 0.5, languages: ['ase'], seed: 9 }));
    let total = 0;
    let flagged = 0;
    for await (const r of noisy.rows({ split: 'train' })) {
      total++;
      if (isNoisyRow(r)) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
    expect(
      (await evaluatePoseModel(model, noisy, { split: 'train', timings: ['ground-truth'] })).sequences,
    ).toBe(total - flagged);
    expect(
      (
        await evaluatePoseModel(model, noisy, {
          split: 'train',
          timings: ['ground-truth'],
          includeNoisy: true,
        })
      ).sequences,
    ).toBe(total);
    await expect(evaluatePoseModel(model, reader, { split: 'dev', language: 'tsm' })).rejects.toThrow(
      /no sequence/,
    );
  });
});
