/** Finite-difference gradient checks of the fast ops, attention and the registered gradients, on wasm. */

import { createRng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../test-support/tf-backend.ts';
import {
  causalMask,
  dropout,
  embed,
  layerNorm,
  linear,
  matMul,
  paddingMask,
  scatterSumsDuplicates,
} from './fast-ops.ts';
import { ensureGradients } from './gradients.ts';
import { ParamStore } from './param-store.ts';
import { createAttention, multiHeadAttention } from './transformer-layers.ts';

beforeAll(async () => {
  await useTestBackend();
  ensureGradients();
});

function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal() * scale);
}

/**
 * Compares tf.grad of `f` at x with central differences of `f` (evaluated in float32, so eps is large
 * and the tolerance loose); checks every coordinate.
 */
function checkGradient(
  f: (x: tf.Tensor) => tf.Scalar,
  x0: Float32Array,
  shape: number[],
  tol = 2e-2,
  label = '',
): void {
  const analytic = tf.tidy(() => tf.grad(f)(tf.tensor(x0, shape)).dataSync().slice());
  const eps = 1e-2;
  const value = (x: Float32Array): number =>
    tf.tidy(() => f(tf.tensor(x, shape)).dataSync()[0] ?? Number.NaN);
  for (let i = 0; i < x0.length; i++) {
    const plus = x0.slice();
    const minus = x0.slice();
    plus[i] = (plus[i] ?? 0) + eps;
    minus[i] = (minus[i] ?? 0) - eps;
    const numeric = (value(plus) - value(minus)) / (2 * eps);
    const a = analytic[i] ?? Number.NaN;
    expect(Math.abs(a - numeric), `${label}[${i}]: ${a} vs ${numeric}`).toBeLessThanOrEqual(
      tol * Math.max(1, Math.abs(numeric)),
    );
  }
}

/** A fixed random projection so the checked scalar depends on every output element differently. */
function project(y: tf.Tensor, seed: number): tf.Scalar {
  return tf.sum(tf.mul(y, tf.tensor(randomArray(y.size, seed), y.shape)));
}

describe('matMul', () => {
  it('forward equals tf.matMul and the gradient matches finite differences (2-D, 3-D, 4-D, both inputs)', () => {
    const b = randomArray(12, 2);
    checkGradient((a) => project(matMul(a, tf.tensor(b, [3, 4])), 9), randomArray(6, 1), [2, 3]);
    const a3 = randomArray(12, 3);
    checkGradient((x) => project(matMul(tf.tensor(a3, [2, 2, 3]), x), 9), randomArray(12, 4), [2, 3, 2]);
    checkGradient(
      (x) => project(matMul(x, tf.tensor(randomArray(16, 5), [1, 2, 2, 4])), 8),
      randomArray(8, 6),
      [1, 2, 2, 2],
    );
    const same = tf.tidy(() => {
      const x = tf.tensor(randomArray(24, 7), [2, 3, 4]);
      const y = tf.tensor(randomArray(40, 8), [2, 4, 5]);
      return tf.max(tf.abs(tf.sub(matMul(x, y), tf.matMul(x, y)))).dataSync()[0];
    });
    expect(same).toBe(0);
  });

  it('large batched products (the depthwise-convolution path on wasm) equal tf.matMul, values and gradients', () => {
    const rng = createRng(11);
    const random = (shape: number[]) =>
      tf.tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
        shape,
      );
    for (const [g1, g2, m, k, n] of [
      [8, 4, 100, 128, 100],
      [16, 4, 60, 16, 60],
      [3, 2, 9, 400, 30],
    ] as const) {
      const a = random([g1, g2, m, k]);
      const b = random([g1, g2, k, n]);
      const dy = random([g1, g2, m, n]);
      const [ours, reference] = tf.tidy(() => {
        const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMul(x, y), dy));
        const r = (x: tf.Tensor, y: tf.Tensor) =>
          tf.sum(tf.mul(tf.matMul(x as tf.Tensor4D, y as tf.Tensor4D), dy));
        const [da, db] = tf.grads(f)([a, b]);
        const [ra, rb] = tf.grads(r)([a, b]);
        const scale = (t: tf.Tensor) => tf.max(tf.abs(t));
        const rel = (x: tf.Tensor, y: tf.Tensor) =>
          tf.div(tf.max(tf.abs(tf.sub(x, y))), scale(y)).dataSync()[0]!;
        return [
          [rel(matMul(a, b), tf.matMul(a as tf.Tensor4D, b as tf.Tensor4D)), rel(da!, ra!), rel(db!, rb!)],
          [0, 0, 0],
        ];
      });
      for (const [i, diff] of ours!.entries())
        expect(diff, `${[g1, g2, m, k, n]} output ${i}`).toBeLessThan(1e-5 + reference![i]!);
      tf.dispose([a, b, dy]);
    }
  });

  it('broadcast batch dims get summed gradients', () => {
    const big = randomArray(2 * 2 * 3 * 2, 11);
    checkGradient(
      (w) => project(matMul(tf.tensor(big, [2, 2, 3, 2]), w), 3),
      randomArray(2 * 2 * 2, 12),
      [1, 2, 2, 2],
    );
  });
});

describe('linear, layerNorm, embed, dropout', () => {
  it('linear: gradients w.r.t. x, w and b', () => {
    const w = randomArray(12, 21);
    const bias = randomArray(4, 22);
    checkGradient(
      (x) => project(linear(x, tf.tensor2d(w, [3, 4]), tf.tensor1d(bias)), 5),
      randomArray(2 * 2 * 3, 23),
      [2, 2, 3],
    );
    const x = randomArray(12, 24);
    checkGradient((wt) => project(linear(tf.tensor(x, [2, 2, 3]), wt, tf.tensor1d(bias)), 5), w, [3, 4]);
    checkGradient((bt) => project(linear(tf.tensor(x, [2, 2, 3]), tf.tensor2d(w, [3, 4]), bt), 5), bias, [4]);
  });

  it('layerNorm: forward normalises; gradients w.r.t. x, gain and bias', () => {
    const x = randomArray(2 * 5, 31, 3);
    const gain = randomArray(5, 32);
    const bias = randomArray(5, 33);
    const out = tf.tidy(
      () => layerNorm(tf.tensor2d(x, [2, 5]), tf.ones([5]), tf.zeros([5])).arraySync() as number[][],
    );
    for (const row of out) {
      const mean = row.reduce((s, v) => s + v, 0) / row.length;
      const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / row.length;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(variance).toBeCloseTo(1, 4);
    }
    checkGradient((t) => project(layerNorm(t, tf.tensor1d(gain), tf.tensor1d(bias)), 6), x, [2, 5]);
    checkGradient((g) => project(layerNorm(tf.tensor2d(x, [2, 5]), g, tf.tensor1d(bias)), 6), gain, [5]);
    checkGradient((b) => project(layerNorm(tf.tensor2d(x, [2, 5]), tf.tensor1d(gain), b), 6), bias, [5]);
  });

  it('scatterND sums duplicate indices on this backend', () => {
    expect(scatterSumsDuplicates()).toBe(true);
    const out = tf.tidy(() =>
      tf
        .scatterND(
          tf.tensor2d([0, 2, 0, 0], [4, 1], 'int32'),
          tf.tensor2d([1, 1, 2, 2, 3, 3, 4, 4], [4, 2]),
          [3, 2],
        )
        .arraySync(),
    );
    expect(out).toEqual([
      [8, 8],
      [0, 0],
      [2, 2],
    ]);
  });

  it('embed: forward gathers rows; gradient sums repeated ids (no UnsortedSegmentSum needed)', () => {
    const table = randomArray(5 * 3, 41);
    const ids = [
      [1, 4, 1],
      [0, 1, 2],
    ];
    const rows = tf.tidy(
      () => embed(tf.tensor2d(ids, [2, 3], 'int32'), tf.tensor2d(table, [5, 3])).arraySync() as number[][][],
    );
    expect(rows[0]?.[1]).toEqual(Array.from(table.slice(12, 15)));
    checkGradient((t) => project(embed(tf.tensor2d(ids, [2, 3], 'int32'), t), 7), table, [5, 3]);
    const g = tf.tidy(() =>
      tf
        .grad((t: tf.Tensor) => tf.sum(embed(tf.tensor2d(ids, [2, 3], 'int32'), t)))(
          tf.tensor2d(table, [5, 3]),
        )
        .arraySync(),
    );
    expect(g).toEqual([
      [1, 1, 1],
      [3, 3, 3],
      [1, 1, 1],
      [0, 0, 0],
      [1, 1, 1],
    ]);
  });

  it('dropout is deterministic per seed, scales kept values, and rate 0 is the identity', () => {
    const run = (seed: number): Float32Array =>
      tf.tidy(() => dropout(tf.ones([1000]), 0.25, seed).dataSync() as Float32Array);
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2)).not.toEqual(a);
    const kept = a.filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.75)]));
    expect(kept.length / a.length).toBeGreaterThan(0.7);
    expect(kept.length / a.length).toBeLessThan(0.8);
    const x = tf.ones([3]);
    expect(dropout(x, 0, 1)).toBe(x);
    x.dispose();
    expect(() => dropout(tf.ones([1]), 1, 0)).toThrow(/outside \[0, 1\)/);
  });

  it('masks: padding and causal', () => {
    expect(tf.tidy(() => paddingMask(tf.tensor2d([[1, 0]])).arraySync())).toEqual([[[[0, -1e9]]]]);
    expect(tf.tidy(() => causalMask(2).arraySync())).toEqual([
      [
        [
          [0, -1e9],
          [0, 0],
        ],
      ],
    ]);
  });
});

describe('attention and registered gradients', () => {
  it('multi-head attention gradient w.r.t. the query input and a weight, with a padding mask', () => {
    const store = new ParamStore(5);
    createAttention(store, 'att', 4);
    const src = randomArray(1 * 3 * 4, 51);
    const mask = [[1, 1, 0]];
    checkGradient(
      (q) =>
        project(
          multiHeadAttention(
            store,
            'att',
            q as tf.Tensor3D,
            tf.tensor3d(src, [1, 3, 4]),
            paddingMask(tf.tensor2d(mask)),
            2,
            undefined,
          ),
          4,
        ),
      randomArray(1 * 2 * 4, 52),
      [1, 2, 4],
    );
    // The weight is a variable: compare tf.variableGrads with numeric differences of assigned values.
    const wk = store.get('att/k/w');
    const q0 = randomArray(8, 53);
    const loss = (): tf.Scalar =>
      project(
        multiHeadAttention(
          store,
          'att',
          tf.tensor3d(q0, [1, 2, 4]),
          tf.tensor3d(src, [1, 3, 4]),
          undefined,
          2,
          undefined,
        ),
        4,
      );
    const w0 = Float32Array.from(wk.dataSync());
    const g = tf.tidy(
      () => tf.variableGrads(loss, [wk]).grads[wk.name]?.dataSync().slice() ?? new Float32Array(),
    );
    const eps = 1e-2;
    const at = (values: Float32Array): number => {
      tf.tidy(() => wk.assign(tf.tensor2d(values, [4, 4])));
      return tf.tidy(() => loss().dataSync()[0] ?? 0);
    };
    for (const i of [0, 5, 11, 15]) {
      const plus = w0.slice();
      const minus = w0.slice();
      plus[i] = (plus[i] ?? 0) + eps;
      minus[i] = (minus[i] ?? 0) - eps;
      expect(g[i] ?? Number.NaN).toBeCloseTo((at(plus) - at(minus)) / (2 * eps), 2);
    }
    store.dispose();
  });

  it('the registered primitive gradients match finite differences', () => {
    const x = Float32Array.from([0.3, -0.7, 1.2, 0.9, -0.2, 0.55]); // away from every kink
    const y = tf.tensor2d(Float32Array.from([0.5, 1.5, -0.8, 0.4, 2.0, -1.1]), [2, 3]);
    const row = tf.tensor1d([0.7, -0.3, 1.1]);
    const ops: Array<[string, (t: tf.Tensor) => tf.Tensor]> = [
      ['add/sub broadcast', (t) => tf.sub(tf.add(t, row), tf.mul(row, t))],
      ['div', (t) => tf.div(row, tf.add(tf.square(t), 1))],
      ['softmax', (t) => tf.softmax(t)],
      ['logSoftmax', (t) => tf.logSoftmax(t)],
      ['relu/exp/log', (t) => tf.add(tf.relu(t), tf.log(tf.add(tf.exp(t), 1)))],
      ['sqrt/rsqrt', (t) => tf.add(tf.sqrt(tf.add(tf.square(t), 1)), tf.rsqrt(tf.add(tf.square(t), 2)))],
      ['mean/sum/max', (t) => tf.add(tf.mean(t, 1, true), tf.add(tf.sum(t, 0), tf.max(t, 1, true)))],
      [
        'reshape/transpose/slice/concat',
        (t) => tf.concat([tf.slice(tf.transpose(tf.reshape(t, [3, 2])), [0, 1], [2, 2]), t], 1),
      ],
      [
        'squaredDifference/abs/tanh/sigmoid',
        (t) => tf.add(tf.squaredDifference(t, y), tf.add(tf.abs(t), tf.add(tf.tanh(t), tf.sigmoid(t)))),
      ],
      [
        'maximum/minimum/clip/where',
        (t) =>
          tf.add(
            tf.maximum(t, y),
            tf.where(tf.greater(y, 0), tf.minimum(t, 0.4), tf.clipByValue(t, -0.5, 0.5)),
          ),
      ],
      ['stack/gather', (t) => tf.gather(tf.stack([t, tf.square(t)]), tf.tensor1d([1, 0, 1], 'int32'))],
      [
        'batchMatMul transposes',
        (t) => tf.add(tf.matMul(t, y, false, true), tf.sum(tf.matMul(t, y, true, false))),
      ],
    ];
    for (const [label, op] of ops) checkGradient((t) => project(op(t), 13), x, [2, 3], 2e-2, label);
    y.dispose();
    row.dispose();
  });
});
