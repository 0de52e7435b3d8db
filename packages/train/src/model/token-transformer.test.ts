/** TokenTransformer on wasm: loss vs plain JS, overfitting, greedy/beam agreement, padding, errors, leaks. */

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { thrown } from '../../../core/src/test-support/errors.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import type { TokenBatch } from './batch-types.ts';
import type { Architecture } from './encoder-decoder.ts';
import { TokenTransformer } from './token-transformer.ts';

beforeAll(useTestBackend);

const ARCH: Architecture = {
  encoderLayers: 1,
  decoderLayers: 2,
  dModel: 16,
  heads: 2,
  ffnSize: 32,
  dropout: 0,
  maxSourceLength: 10,
  maxTargetLength: 10,
};

const make = (seed = 1): TokenTransformer =>
  new TokenTransformer({ prefix: 'p2lg', architecture: ARCH, sourceVocabSize: 10, targetVocabSize: 9, seed });

/** Two pairs: [5 6 7 </s>] → [4 8 5], [9 </s>] → [6]. */
function makeBatch(extraPad = 0): TokenBatch {
  const u = 4 + extraPad;
  const l = 4;
  const sources = [
    [5, 6, 7, 3],
    [9, 3],
  ];
  const targets = [[4, 8, 5], [6]];
  const sourceIds = new Int32Array(2 * u);
  const sourceMask = new Float32Array(2 * u);
  const targetInput = new Int32Array(2 * l);
  const targetOutput = new Int32Array(2 * l);
  const targetMask = new Float32Array(2 * l);
  sources.forEach((s, i) => {
    s.forEach((id, j) => {
      sourceIds[i * u + j] = id;
      sourceMask[i * u + j] = 1;
    });
  });
  targets.forEach((t, i) => {
    [2, ...t].forEach((id, j) => {
      targetInput[i * l + j] = id;
    });
    [...t, 3].forEach((id, j) => {
      targetOutput[i * l + j] = id;
      targetMask[i * l + j] = 1;
    });
  });
  return {
    size: 2,
    sourceLength: u,
    targetLength: l,
    sourceIds,
    sourceMask,
    targetInput,
    targetOutput,
    targetMask,
    lengths: Int32Array.from([4, 2]),
    rows: Int32Array.from([0, 1]),
  };
}

describe('TokenTransformer', () => {
  it('sampleLosses equals a plain JS masked mean cross-entropy', () => {
    const m = make();
    const batch = makeBatch();
    const logits = m.forward(batch, { training: false, seed: 0 });
    expect(logits.shape).toEqual([2, 4, 9]);
    const z = logits.dataSync();
    const losses = m.sampleLosses(batch, logits).dataSync();
    for (let i = 0; i < 2; i++) {
      let sum = 0;
      let n = 0;
      for (let j = 0; j < 4; j++) {
        if (batch.targetMask[i * 4 + j] === 0) continue;
        const row = Array.from(z.slice((i * 4 + j) * 9, (i * 4 + j + 1) * 9));
        const lse = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
        sum += lse - (row[batch.targetOutput[i * 4 + j] ?? 0] ?? 0);
        n++;
      }
      expect(losses[i]).toBeCloseTo(sum / n, 5);
    }
    logits.dispose();
    m.dispose();
  });

  it('ignores source padding', () => {
    const m = make();
    const a = tf.tidy(() => m.forward(makeBatch(0), { training: false, seed: 0 }).dataSync());
    const b = tf.tidy(() => m.forward(makeBatch(3), { training: false, seed: 0 }).dataSync());
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i] ?? 0, 4);
    m.dispose();
  });

  it('overfits (loss ≥ 10× lower), then greedy and beam reproduce the targets; no leaks', () => {
    const m = make(2);
    const batch = makeBatch();
    const optimizer = tf.train.adam(0.02);
    const lossAt = (): tf.Scalar =>
      tf.mean(m.sampleLosses(batch, m.forward(batch, { training: true, seed: 0 })));
    const first = tf.tidy(() => lossAt().dataSync()[0] ?? 0);
    let last = first;
    for (let step = 0; step < 120; step++) {
      const l = optimizer.minimize(lossAt, true, m.params.variables);
      last = l?.dataSync()[0] ?? Number.NaN;
      l?.dispose();
    }
    optimizer.dispose();
    expect(last).toBeLessThan(first / 10);
    expect(last).toBeLessThan(0.05);
    const before = tf.memory().numTensors;
    expect(m.greedy(Int32Array.from([5, 6, 7, 3]), 8)).toEqual([4, 8, 5]);
    expect(m.greedy(Int32Array.from([9, 3]), 8)).toEqual([6]);
    expect(m.beam(Int32Array.from([5, 6, 7, 3]), { beamSize: 3, maxLength: 8 })).toEqual([4, 8, 5]);
    expect(m.beam(Int32Array.from([9, 3]), { beamSize: 4, maxLength: 8, lengthPenalty: 1 })).toEqual([6]);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('greedy (a beam of one, cached) equals arg-max over a full forward pass on each prefix, also when cut by maxLength', () => {
    const m = make(7);
    // Independent reference: no cache, no beam bookkeeping; the teacher-forced forward over the prefix.
    const reference = (src: number[], maxLength: number): number[] => {
      const out: number[] = [];
      for (let step = 0; step < maxLength; step++) {
        const input = [2, ...out];
        const batch: TokenBatch = {
          size: 1,
          sourceLength: src.length,
          targetLength: input.length,
          sourceIds: Int32Array.from(src),
          sourceMask: new Float32Array(src.length).fill(1),
          targetInput: Int32Array.from(input),
          targetOutput: new Int32Array(input.length),
          targetMask: new Float32Array(input.length).fill(1),
          lengths: Int32Array.of(input.length),
          rows: Int32Array.of(0),
        };
        const logits = m.forward(batch, { training: false, seed: 0 });
        const last = logits.dataSync().slice((input.length - 1) * 9, input.length * 9);
        logits.dispose();
        let best = 0;
        for (let j = 1; j < 9; j++) if (last[j]! > last[best]!) best = j;
        if (best === 3) break;
        out.push(best);
      }
      return out;
    };
    let compared = 0;
    for (const src of [
      [5, 3],
      [6, 7, 8, 3],
      [9, 9, 3],
    ]) {
      for (const maxLength of [2, 6]) {
        expect(m.greedy(Int32Array.from(src), maxLength)).toEqual(reference(src, maxLength));
        compared++;
      }
    }
    expect(compared).toBe(6);
    m.dispose();
  });

  it('the cross-entropy gradient works on wasm (gather-free embedding, log-softmax)', () => {
    const m = make(3);
    const batch = makeBatch();
    const { value, grads } = tf.variableGrads(
      () => tf.mean(m.sampleLosses(batch, m.forward(batch, { training: false, seed: 0 }))),
      m.params.variables,
    );
    const embedGrad = grads[m.params.get('p2lg/decoder/embed').name];
    expect(embedGrad?.shape).toEqual([9, 16]);
    // Token 7 never occurs in targetInput, so its embedding row gets no gradient; token 2 (<s>) does.
    const rows = embedGrad?.arraySync() as number[][];
    expect(rows[7]?.every((v) => v === 0)).toBe(true);
    expect(rows[2]?.some((v) => v !== 0)).toBe(true);
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
    m.dispose();
  });

  it('bad inputs are SignLLMErrors', () => {
    const m = make();
    const batch = makeBatch();
    const expectError = (f: () => unknown, pattern: RegExp): void => {
      expect(thrown(f).message).toMatch(pattern);
    };
    expectError(
      () =>
        m.forward(
          { ...batch, targetOutput: batch.targetOutput.map((v) => (v === 8 ? 9 : v)) },
          { training: false, seed: 0 },
        ),
      /targetOutput\[1\] = 9 is outside the vocabulary \[0, 9\)/,
    );
    expectError(
      () => m.forward({ ...batch, targetMask: new Float32Array(3) }, { training: false, seed: 0 }),
      /targetMask has 3 values, expected 8/,
    );
    expectError(() => m.greedy(new Int32Array(0), 5), /source length/);
    expectError(() => m.beam(Int32Array.from([3]), { beamSize: 0, maxLength: 5 }), /beamSize/);
    expectError(
      () => m.beam(Int32Array.from([3]), { beamSize: 2, maxLength: 5, lengthPenalty: Number.NaN }),
      /lengthPenalty/,
    );
    m.dispose();
  });
});
