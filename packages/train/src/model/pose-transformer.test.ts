/** PoseTransformer on wasm: shapes, masks, losses, overfitting, generation (cache vs recompute), weights, errors. */

import { SignLLMError } from '@signllm/core';
import { createRng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { thrown } from '../../../core/src/test-support/errors.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import type { PoseBatch } from './batch-types.ts';
import type { Architecture } from './encoder-decoder.ts';
import { PoseTransformer } from './pose-transformer.ts';

beforeAll(useTestBackend);

const ARCH: Architecture = {
  encoderLayers: 2,
  decoderLayers: 2,
  dModel: 16,
  heads: 4,
  ffnSize: 32,
  dropout: 0.1,
  maxSourceLength: 12,
  maxTargetLength: 24,
};
const VOCAB = 12;

function model(
  seed = 1,
  extra: Partial<{ outputWidth: number; justCounter: boolean; architecture: Architecture }> = {},
) {
  return new PoseTransformer({
    prefix: 'ase',
    architecture: extra.architecture ?? ARCH,
    sourceVocabSize: VOCAB,
    outputWidth: extra.outputWidth ?? 151,
    justCounter: extra.justCounter ?? false,
    seed,
  });
}

/** Two samples (lengths 5 and 3 frames, sources of 4 and 2 tokens + </s>) built by the data conventions. */
function makeBatch(seed = 7, extraPad = 0): PoseBatch {
  const rng = createRng(seed);
  const b = 2;
  const t = 5;
  const lengths = [5, 3];
  const sources = [
    [5, 6, 7, 8, 3],
    [9, 4, 3],
  ];
  const u = 5 + extraPad;
  const sourceIds = new Int32Array(b * u);
  const sourceMask = new Float32Array(b * u);
  sources.forEach((s, i) => {
    s.forEach((id, j) => {
      sourceIds[i * u + j] = id;
      sourceMask[i * u + j] = 1;
    });
  });
  const decoderInput = new Float32Array(b * t * 151);
  const target = new Float32Array(b * t * 151);
  const frameMask = new Float32Array(b * t);
  lengths.forEach((len, i) => {
    const frames = Array.from({ length: len }, (_, f) => {
      const row = Array.from({ length: 150 }, () => rng.uniform(-0.5, 0.5));
      return [...row, (f + 1) / len];
    });
    frames.forEach((fr, f) => {
      target.set(fr, (i * t + f) * 151);
      frameMask[i * t + f] = 1;
      if (f + 1 < len) decoderInput.set(fr, (i * t + f + 1) * 151);
    });
  });
  return {
    size: b,
    sourceLength: u,
    frames: t,
    sourceIds,
    sourceMask,
    decoderInput,
    target,
    outputWidth: 151,
    frameMask,
    lengths: Int32Array.from(lengths),
    rows: Int32Array.from([0, 1]),
    language: 'ase',
  };
}

const run = (m: PoseTransformer, batch: PoseBatch, training = false, seed = 0): Float32Array =>
  tf.tidy(() => m.forward(batch, { training, seed }).dataSync() as Float32Array);

describe('PoseTransformer', () => {
  it('forward has shape [B, T, outputWidth]; sampleLosses equals a plain JS masked MSE', () => {
    const m = model();
    const batch = makeBatch();
    const pred = m.forward(batch, { training: false, seed: 0 });
    expect(pred.shape).toEqual([2, 5, 151]);
    const losses = m.sampleLosses(batch, pred);
    const p = pred.dataSync();
    const expected = [0, 1].map((i) => {
      let sum = 0;
      let valid = 0;
      for (let f = 0; f < 5; f++) {
        if (batch.frameMask[i * 5 + f] === 0) continue;
        valid++;
        for (let j = 0; j < 151; j++)
          sum += ((p[(i * 5 + f) * 151 + j] ?? 0) - (batch.target[(i * 5 + f) * 151 + j] ?? 0)) ** 2;
      }
      return sum / (valid * 151);
    });
    const got = Array.from(losses.dataSync());
    expect(got[0]).toBeCloseTo(expected[0] ?? 0, 5);
    expect(got[1]).toBeCloseTo(expected[1] ?? 0, 5);
    pred.dispose();
    losses.dispose();
    m.dispose();
  });

  it('is causal: changing input frame t+1 leaves outputs ≤ t unchanged', () => {
    const m = model();
    const batch = makeBatch();
    const before = run(m, batch);
    const changed = { ...batch, decoderInput: batch.decoderInput.slice() };
    for (let j = 0; j < 151; j++) changed.decoderInput[3 * 151 + j] = 0.3; // sample 0, row 3
    const after = run(m, changed);
    for (let k = 0; k < 3 * 151; k++) expect(after[k]).toBeCloseTo(before[k] ?? 0, 5);
    expect(
      Math.max(
        ...Array.from({ length: 151 }, (_, j) =>
          Math.abs((after[3 * 151 + j] ?? 0) - (before[3 * 151 + j] ?? 0)),
        ),
      ),
    ).toBeGreaterThan(1e-4);
    m.dispose();
  });

  it('ignores padding: extra <pad> source tokens leave outputs unchanged', () => {
    const m = model();
    const a = run(m, makeBatch(7, 0));
    const b = run(m, makeBatch(7, 4));
    for (let k = 0; k < a.length; k++) expect(b[k]).toBeCloseTo(a[k] ?? 0, 4);
    m.dispose();
  });

  it('dropout only when training, reproducible by seed', () => {
    const m = model();
    const batch = makeBatch();
    expect(run(m, batch, false, 1)).toEqual(run(m, batch, false, 2));
    expect(run(m, batch, true, 1)).toEqual(run(m, batch, true, 1));
    expect(run(m, batch, true, 1)).not.toEqual(run(m, batch, true, 2));
    m.dispose();
  });

  it('just counter: only the counter column of the decoder input matters', () => {
    const m = model(1, { justCounter: true });
    const batch = makeBatch();
    const changed = {
      ...batch,
      decoderInput: batch.decoderInput.map((v, i) => (i % 151 === 150 ? v : v + 1)),
    };
    expect(run(m, changed)).toEqual(run(m, batch));
    expect(m.params.get('ase/decoder/input/w').shape).toEqual([1, 16]);
    m.dispose();
  });

  it('overfits one batch with Adam (loss falls ≥ 10×)', () => {
    const m = model(3, { architecture: { ...ARCH, dropout: 0 } });
    const batch = makeBatch();
    const optimizer = tf.train.adam(0.01);
    const lossAt = (): tf.Scalar =>
      tf.mean(m.sampleLosses(batch, m.forward(batch, { training: true, seed: 0 })));
    const first = tf.tidy(() => lossAt().dataSync()[0] ?? 0);
    let last = first;
    for (let step = 0; step < 60; step++) {
      const l = optimizer.minimize(lossAt, true, m.params.variables);
      last = l?.dataSync()[0] ?? Number.NaN;
      l?.dispose();
    }
    expect(last).toBeLessThan(first / 10);
    optimizer.dispose();
    m.dispose();
  });

  it('same seed → identical weights and loss; different seed → different', () => {
    const loss = (m: PoseTransformer): number =>
      tf.tidy(
        () =>
          tf
            .mean(m.sampleLosses(makeBatch(), m.forward(makeBatch(), { training: true, seed: 4 })))
            .dataSync()[0] ?? 0,
      );
    const a = model(11);
    const b = model(11);
    const c = model(12);
    expect(b.params.toWeights()).toEqual(a.params.toWeights());
    expect(loss(b)).toBe(loss(a));
    expect(c.params.toWeights()[0]?.data).not.toEqual(a.params.toWeights()[0]?.data);
    expect(loss(c)).not.toBe(loss(a));
    for (const m of [a, b, c]) m.dispose();
  });

  it('weights round trip through toWeights/loadWeights; mismatches are shapeMismatch errors naming the weight', () => {
    const a = model(21);
    const b = model(22);
    b.params.loadWeights(a.params.toWeights());
    expect(run(b, makeBatch())).toEqual(run(a, makeBatch()));
    const weights = a.params.toWeights();
    const bad = weights.map((w) =>
      w.name === 'ase/decoder/output/w' ? { ...w, shape: [16, 150], data: w.data.slice(0, 16 * 150) } : w,
    );
    expect(() => b.params.loadWeights(bad)).toThrow(/"ase\/decoder\/output\/w" has shape \[16,150\]/);
    expect(() => b.params.loadWeights(weights.slice(1))).toThrow(/missing weights: "ase\/encoder\/embed"/);
    expect(() =>
      b.params.loadWeights([...weights, { name: 'gsg/x', shape: [1], data: new Float32Array(1) }]),
    ).toThrow(/"gsg\/x" is not a parameter/);
    const error = (() => {
      try {
        b.params.loadWeights(weights.slice(1));
      } catch (e) {
        return e;
      }
    })();
    expect(SignLLMError.isInstance(error) && error.code).toBe('shape_mismatch');
    a.dispose();
    b.dispose();
  });

  it('generate: the KV cache and the full recompute give the same frames; no tensors leak', () => {
    const m = model(5, { outputWidth: 301 });
    const src = Int32Array.from([5, 6, 3]);
    const before = tf.memory().numTensors;
    const cached = m.generate(src, { maxFrames: 10, stopCounter: 100 });
    const full = m.generate(src, { maxFrames: 10, stopCounter: 100, cache: false });
    expect(tf.memory().numTensors).toBe(before);
    expect(cached.stoppedBy).toBe('limit');
    expect(cached.frames.length).toBe(10 * 151);
    expect(full.frames.length).toBe(cached.frames.length);
    for (let i = 0; i < cached.frames.length; i++)
      expect(Math.abs((cached.frames[i] ?? 0) - (full.frames[i] ?? 0))).toBeLessThan(1e-5);
    const gt = Float32Array.from({ length: 6 }, (_, i) => i / 6);
    const a = m.generate(src, { maxFrames: 3, groundTruthCounters: gt });
    const b = m.generate(src, { maxFrames: 3, groundTruthCounters: gt, cache: false });
    expect(a.stoppedBy).toBe('length');
    expect(a.frames.length).toBe(6 * 151);
    for (let i = 0; i < a.frames.length; i++)
      expect(Math.abs((a.frames[i] ?? 0) - (b.frames[i] ?? 0))).toBeLessThan(1e-5);
    const early = m.generate(src, { maxFrames: 10, stopCounter: -1e9 });
    expect(early).toEqual({ frames: cached.frames.slice(0, 151), stoppedBy: 'counter' });
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('generate, ground-truth timing: the fed-back counter is the ground-truth one', () => {
    const m = model(5);
    const src = Int32Array.from([5, 6, 3]);
    // Only the counter fed at step ≥ 1 differs, so the first frame is identical and later ones change.
    const a = m.generate(src, { maxFrames: 4, groundTruthCounters: Float32Array.from([0, 0.25, 0.5, 0.75]) });
    const b = m.generate(src, { maxFrames: 4, groundTruthCounters: Float32Array.from([0, 0.9, 0.9, 0.9]) });
    expect(Array.from(a.frames.slice(0, 151))).toEqual(Array.from(b.frames.slice(0, 151)));
    expect(Array.from(a.frames.slice(151, 302))).not.toEqual(Array.from(b.frames.slice(151, 302)));
    m.dispose();
  });

  it('bad inputs are SignLLMErrors', () => {
    const m = model();
    const batch = makeBatch();
    const bad = (f: () => unknown, pattern: RegExp): void => {
      expect(thrown(f).message).toMatch(pattern);
    };
    bad(
      () => m.forward({ ...batch, decoderInput: batch.decoderInput.slice(1) }, { training: false, seed: 0 }),
      /decoderInput has 1509 values, expected 1510/,
    );
    bad(() => m.forward({ ...batch, outputWidth: 150 }, { training: false, seed: 0 }), /outputWidth 150/);
    bad(
      () =>
        m.forward(
          { ...batch, sourceIds: batch.sourceIds.map((v) => (v === 9 ? VOCAB : v)) },
          { training: false, seed: 0 },
        ),
      /= 12 is outside the vocabulary \[0, 12\)/,
    );
    bad(
      () =>
        m.forward(
          { ...batch, target: batch.target.map((v, i) => (i === 7 ? Number.NaN : v)) },
          { training: false, seed: 0 },
        ),
      /target\[7\] = NaN/,
    );
    bad(
      () => m.generate(new Int32Array(0), { maxFrames: 5 }),
      /source length must be an integer in \[1, 12\], got 0/,
    );
    bad(() => m.generate(Int32Array.from([3]), { maxFrames: 25 }), /maxFrames/);
    bad(() => model(1, { outputWidth: 152 }), /outputWidth 152/);
    bad(() => model(1, { architecture: { ...ARCH, heads: 3 } }), /not divisible/);
    const pred = tf.zeros([2, 5, 150]) as tf.Tensor3D;
    bad(() => m.sampleLosses(batch, pred), /expected \[2, 5, 151\]/);
    pred.dispose();
    m.dispose();
  });
});
