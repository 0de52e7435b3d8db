/**
 * Tensor building blocks tuned for the wasm backend: a matMul whose gradient uses explicit transposes
 * (never `transposeA`/`transposeB`, 10–20× slower on wasm), a linear layer, an embedding lookup whose
 * gradient does not need `UnsortedSegmentSum` (missing on wasm), LayerNorm with an analytic gradient,
 * seeded dropout and additive attention masks.
 */

import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { createRng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from './gradients.ts';

/** Added to masked attention scores before softmax (PT uses −inf; a finite value keeps fully masked rows finite). */
export const MASK_NEGATIVE = -1e9;

function swapLast(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 1] = rank - 2;
  perm[rank - 2] = rank - 1;
  return perm;
}

type Arg = tf.Tensor | tf.GradSaveFunc;

/** Below this many multiply-adds (and for single-row products, as in cached generation) the depthwise form's fixed costs outweigh its gain. */
const DEPTHWISE_MIN_MACS = 65_536;

/**
 * `a · b` for `a` `[...batch, M, K]`, `b` `[...batch, K, N]`. On wasm, BatchMatMul with a batch > 1 runs
 * a scalar fallback (~1.5–2.5 GFLOP/s; only batch 1 reaches XNNPACK), so equal-batch products of
 * enough work are computed as one depthwise convolution, which wasm hands to XNNPACK (~3–6× faster):
 * the G batch entries become channels, K the width, M the batch, b the filter (channel multiplier N).
 * Same sums of K products; only the summation order differs.
 */
let depthwiseEnabled = true;

/**
 * Turns the depthwise-convolution path of batched products on (the default) or off, so benchmarks can
 * time the plain `BatchMatMul` path against it; returns the previous setting.
 *
 * @example
 * ```ts
 * const previous = setDepthwiseBatchMatMul(false); // ...time...; setDepthwiseBatchMatMul(previous);
 * ```
 */
export function setDepthwiseBatchMatMul(enabled: boolean): boolean {
  const previous = depthwiseEnabled;
  depthwiseEnabled = enabled;
  return previous;
}

function batchedMatMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const batch = a.shape.slice(0, -2);
  const g = batch.reduce((x, y) => x * y, 1);
  const m = a.shape[a.rank - 2] ?? 0;
  const k = a.shape[a.rank - 1] ?? 0;
  const n = b.shape[b.rank - 1] ?? 0;
  if (
    !depthwiseEnabled ||
    tf.getBackend() !== 'wasm' ||
    g <= 1 ||
    m <= 1 ||
    g * m * k * n < DEPTHWISE_MIN_MACS ||
    b.rank !== a.rank ||
    batch.some((s, i) => s !== b.shape[i])
  ) {
    return tf.matMul(a, b);
  }
  const x = tf.reshape(tf.transpose(tf.reshape(a, [g, m, k]), [1, 2, 0]), [m, 1, k, g]) as tf.Tensor4D;
  const f = tf.reshape(tf.transpose(tf.reshape(b, [g, k, n]), [1, 0, 2]), [1, k, g, n]) as tf.Tensor4D;
  const y = tf.depthwiseConv2d(x, f, 1, 'valid'); // [M, 1, 1, G·N]
  return tf.reshape(tf.transpose(tf.reshape(y, [m, g, n]), [1, 0, 2]), [...batch, m, n]);
}

const fastMatMul = tf.customGrad((...args: Arg[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: batchedMatMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
      let da = batchedMatMul(dy, tf.transpose(sb, swapLast(sb.rank)));
      let db = batchedMatMul(tf.transpose(sa, swapLast(sa.rank)), dy);
      // Batch dims that were broadcast (e.g. [B,h,T,d]·[1,h,d,U]) are summed back.
      if (da.rank !== sa.rank || da.shape.some((s, i) => s !== sa.shape[i])) da = unbroadcast(da, sa.shape);
      if (db.rank !== sb.rank || db.shape.some((s, i) => s !== sb.shape[i])) db = unbroadcast(db, sb.shape);
      return [da, db];
    },
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

function unbroadcast(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, shape);
}

/**
 * `a · b` for rank 2, 3 or 4 (batch dims equal or broadcast); its gradient uses `tf.transpose` + plain matMul.
 *
 * @example
 * ```ts
 * const y = matMul(tf.ones([2, 3]), tf.ones([3, 4])); // [2, 4], all 3
 * ```
 */
export function matMul<R extends tf.Rank>(a: tf.Tensor<R>, b: tf.Tensor): tf.Tensor<R> {
  ensureGradients();
  return fastMatMul(a, b) as tf.Tensor<R>;
}

/**
 * `x · w + b` over the last axis of x (any rank ≥ 2): reshapes to 2-D, multiplies, reshapes back.
 *
 * @example
 * ```ts
 * const y = linear(tf.ones([2, 5, 8]), w /* [8, 16] *\/, b /* [16] *\/); // [2, 5, 16]
 * ```
 */
export function linear<R extends tf.Rank>(x: tf.Tensor<R>, w: tf.Tensor, b?: tf.Tensor): tf.Tensor<R> {
  const inWidth = w.shape[0] ?? 0;
  const outWidth = w.shape[1] ?? 0;
  if (x.shape[x.rank - 1] !== inWidth) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `linear: input width ${x.shape[x.rank - 1]} does not match weight rows ${inWidth}`,
    );
  }
  const flat = tf.reshape(x, [-1, inWidth]);
  const y = matMul(flat, w);
  const withBias = b === undefined ? y : tf.add(y, b);
  return tf.reshape(withBias, [...x.shape.slice(0, -1), outWidth]) as unknown as tf.Tensor<R>;
}

/** Tells (once per backend) whether `tf.scatterND` sums duplicate indices there. */
const scatterSumsCache = new Map<string, boolean>();

/**
 * Whether `tf.scatterND` adds updates that share an index on the active backend (true on wasm and cpu
 * in tfjs 4.22); `embed` falls back to a JS scatter-add when it does not.
 *
 * @example
 * ```ts
 * scatterSumsDuplicates(); // true
 * ```
 */
export function scatterSumsDuplicates(): boolean {
  const backend = tf.getBackend();
  const known = scatterSumsCache.get(backend);
  if (known !== undefined) return known;
  const value = tf.tidy(() => {
    const out = tf.scatterND(tf.tensor2d([0, 0], [2, 1], 'int32'), tf.tensor1d([1, 2]), [1]);
    return out.dataSync()[0] === 3;
  });
  scatterSumsCache.set(backend, value);
  return value;
}

function scatterAdd(ids: tf.Tensor, dy: tf.Tensor, tableShape: number[]): tf.Tensor {
  const rows = ids.size;
  const width = tableShape[1] ?? 0;
  if (scatterSumsDuplicates()) {
    return tf.scatterND(tf.reshape(ids, [rows, 1]), tf.reshape(dy, [rows, width]), tableShape);
  }
  const idData = ids.dataSync();
  const g = dy.dataSync();
  const out = new Float32Array((tableShape[0] ?? 0) * width);
  for (let r = 0; r < rows; r++) {
    const base = (idData[r] ?? 0) * width;
    for (let j = 0; j < width; j++) out[base + j] = (out[base + j] ?? 0) + (g[r * width + j] ?? 0);
  }
  return tf.tensor2d(out, [tableShape[0] ?? 0, width]);
}

/**
 * Embedding lookup: `table[ids]`, shape `[...ids.shape, d]`. Forward is `tf.gather`; the gradient w.r.t.
 * the table is a scatter-add (works on wasm, where gather's own gradient is missing). Ids must already be
 * validated (`0 ≤ id < rows`).
 *
 * @example
 * ```ts
 * const e = embed(tf.tensor2d([[3, 1]], [1, 2], 'int32'), table /* [V, d] *\/); // [1, 2, d]
 * ```
 */
export function embed(ids: tf.Tensor, table: tf.Tensor): tf.Tensor {
  ensureGradients();
  const lookup = tf.customGrad((...args: Arg[]) => {
    const [t, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // Saved, not captured: tf.grad disposes the forward's temporaries (the ids, too) before the backward pass.
    save([ids]);
    return {
      value: tf.gather(t, ids),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => scatterAdd(saved[0] as tf.Tensor, dy, table.shape),
    };
  }) as (t: tf.Tensor) => tf.Tensor;
  return lookup(table);
}

const layerNormOp = (eps: number) =>
  tf.customGrad((...args: Arg[]) => {
    const [x, gain, bias, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const d = x.shape[x.rank - 1] ?? 1;
    const flat = tf.reshape(x, [-1, d]);
    const mean = tf.mean(flat, -1, true);
    const centred = tf.sub(flat, mean);
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), eps));
    const xhat = tf.mul(centred, rstd);
    save([xhat, rstd, gain]);
    const y = tf.add(tf.mul(xhat, gain), bias);
    return {
      value: tf.reshape(y, x.shape),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sr, sg] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const g = tf.reshape(dy, [-1, d]);
        const dxhat = tf.mul(g, sg);
        const term = tf.sub(
          tf.sub(dxhat, tf.mean(dxhat, -1, true)),
          tf.mul(sx, tf.mean(tf.mul(dxhat, sx), -1, true)),
        );
        const dx = tf.reshape(tf.mul(term, sr), x.shape);
        return [dx, tf.sum(tf.mul(g, sx), 0), tf.sum(g, 0)];
      },
    };
  }) as (x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor) => tf.Tensor;

const layerNormByEps = new Map<number, (x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor) => tf.Tensor>();

/**
 * LayerNorm over the last axis: `(x − mean) / sqrt(var + eps) · gain + bias` (PT: eps 1e-6), with an
 * analytic gradient (one node on the tape instead of a dozen).
 *
 * @example
 * ```ts
 * const y = layerNorm(x, gain /* [d] *\/, bias /* [d] *\/);
 * ```
 */
export function layerNorm<R extends tf.Rank>(
  x: tf.Tensor<R>,
  gain: tf.Tensor,
  bias: tf.Tensor,
  eps = 1e-6,
): tf.Tensor<R> {
  let op = layerNormByEps.get(eps);
  if (op === undefined) {
    op = layerNormOp(eps);
    layerNormByEps.set(eps, op);
  }
  return op(x, gain, bias) as tf.Tensor<R>;
}

/**
 * Inverted dropout with a mask drawn from `createRng(seed)`: the same seed gives the same mask on every
 * backend. `rate` 0 returns x unchanged.
 *
 * @example
 * ```ts
 * const y = dropout(x, 0.1, 1234); // kept values scaled by 1/0.9
 * ```
 */
export function dropout<R extends tf.Rank>(x: tf.Tensor<R>, rate: number, seed: number): tf.Tensor<R> {
  if (!(rate >= 0 && rate < 1)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `dropout rate ${rate} is outside [0, 1)`);
  }
  if (rate === 0) return x;
  const rng = createRng(seed);
  const mask = new Float32Array(x.size);
  const scale = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < rate ? 0 : scale;
  return tf.mul(x, tf.tensor(mask, x.shape)) as tf.Tensor<R>;
}

/**
 * Additive key-padding mask `[B, 1, 1, U]` from a `[B, U]` 0/1 mask: 0 where real, `MASK_NEGATIVE` where padding.
 *
 * @example
 * ```ts
 * const m = paddingMask(tf.tensor2d([[1, 1, 0]])); // [[[[0, 0, -1e9]]]]
 * ```
 */
export function paddingMask(mask: tf.Tensor2D): tf.Tensor4D {
  const [b, u] = mask.shape;
  return tf.reshape(tf.mul(tf.sub(mask, 1), -MASK_NEGATIVE), [b, 1, 1, u]);
}

/**
 * Additive causal mask `[1, 1, T, T]`: query t may attend to keys ≤ t.
 *
 * @example
 * ```ts
 * causalMask(2); // [[[[0, -1e9], [0, 0]]]]
 * ```
 */
export function causalMask(length: number): tf.Tensor4D {
  const data = new Float32Array(length * length);
  for (let q = 0; q < length; q++) for (let k = q + 1; k < length; k++) data[q * length + k] = MASK_NEGATIVE;
  return tf.tensor4d(data, [1, 1, length, length]);
}
