/**
 * Pre-LN transformer layers as in Progressive Transformers / JoeyNMT: sinusoidal positional encoding,
 * multi-head attention (scores = Q·transpose(K) through the fast matMul, additive masks, dropout on the
 * attention weights), encoder and decoder layers, and a one-step decoder layer with a key/value cache
 * for incremental generation. Parameters live in a `ParamStore` under hierarchical names.
 */

import type { Rng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { dropout, layerNorm, linear, matMul } from './fast-ops.ts';
import type { ParamStore } from './param-store.ts';

/** Dropout state of one forward pass: the rate and a seeded source of per-site seeds (absent = inference). */
export interface DropoutContext {
  rate: number;
  rng: Rng;
}

/** Sizes shared by every layer of one model. */
export interface LayerSizes {
  dModel: number;
  heads: number;
  ffnSize: number;
}

/** Key/value cache of one decoder layer (keys stored transposed: `[B, h, dk, t]`). */
export interface LayerCache {
  selfKT: tf.Tensor4D | undefined;
  selfV: tf.Tensor4D | undefined;
  crossKT: tf.Tensor4D;
  crossV: tf.Tensor4D;
}

/**
 * Sinusoidal positional encoding `[length, d]` (row-major): even columns sin, odd columns cos.
 *
 * @example
 * ```ts
 * const pe = sinusoidalEncoding(100, 512); // Float32Array(51200)
 * ```
 */
export function sinusoidalEncoding(length: number, d: number): Float32Array {
  const out = new Float32Array(length * d);
  for (let pos = 0; pos < length; pos++) {
    for (let i = 0; i < d; i += 2) {
      const angle = pos / 10000 ** (i / d);
      out[pos * d + i] = Math.sin(angle);
      if (i + 1 < d) out[pos * d + i + 1] = Math.cos(angle);
    }
  }
  return out;
}

function drop<R extends tf.Rank>(x: tf.Tensor<R>, ctx: DropoutContext | undefined): tf.Tensor<R> {
  if (ctx === undefined || ctx.rate === 0) return x;
  return dropout(x, ctx.rate, ctx.rng.int(4294967296));
}

/** Creates `${prefix}/gain` and `${prefix}/bias` for a LayerNorm of width d. */
export function createLayerNorm(store: ParamStore, prefix: string, d: number): void {
  store.create(`${prefix}/gain`, [d], 'ones');
  store.create(`${prefix}/bias`, [d], 'zeros');
}

/** Applies the LayerNorm `${prefix}` (eps 1e-6). */
export function applyLayerNorm<R extends tf.Rank>(
  store: ParamStore,
  prefix: string,
  x: tf.Tensor<R>,
): tf.Tensor<R> {
  return layerNorm(x, store.get(`${prefix}/gain`), store.get(`${prefix}/bias`));
}

/** Creates a dense layer `${prefix}/w` `[inW, outW]` (xavier) and, unless `bias` is false, `${prefix}/b`. */
export function createLinear(
  store: ParamStore,
  prefix: string,
  inW: number,
  outW: number,
  bias = true,
): void {
  store.create(`${prefix}/w`, [inW, outW], 'xavier');
  if (bias) store.create(`${prefix}/b`, [outW], 'zeros');
}

function dense<R extends tf.Rank>(store: ParamStore, prefix: string, x: tf.Tensor<R>): tf.Tensor<R> {
  return linear(x, store.get(`${prefix}/w`), store.get(`${prefix}/b`));
}

/** Creates the parameters of one multi-head attention block (q, k, v, o projections). */
export function createAttention(store: ParamStore, prefix: string, d: number): void {
  for (const p of ['q', 'k', 'v', 'o']) createLinear(store, `${prefix}/${p}`, d, d);
}

/** `[B, T, d]` → `[B, h, T, dk]`. */
function splitHeads(x: tf.Tensor3D, heads: number): tf.Tensor4D {
  const [b, t, d] = x.shape;
  return tf.transpose(tf.reshape(x, [b, t, heads, d / heads]), [0, 2, 1, 3]);
}

/** Keys (transposed, `[B, h, dk, Tk]`) and values (`[B, h, Tk, dk]`) of an attention block for `source`. */
export function projectKeysValues(
  store: ParamStore,
  prefix: string,
  source: tf.Tensor3D,
  heads: number,
): { kT: tf.Tensor4D; v: tf.Tensor4D } {
  const k = splitHeads(dense(store, `${prefix}/k`, source), heads);
  const v = splitHeads(dense(store, `${prefix}/v`, source), heads);
  return { kT: tf.transpose(k, [0, 1, 3, 2]), v };
}

/**
 * Attention of `query` `[B, Tq, d]` over precomputed keys/values, with an additive mask broadcastable to
 * `[B, h, Tq, Tk]`; returns `[B, Tq, d]` after the output projection.
 */
export function attend(
  store: ParamStore,
  prefix: string,
  query: tf.Tensor3D,
  kT: tf.Tensor4D,
  v: tf.Tensor4D,
  mask: tf.Tensor4D | undefined,
  heads: number,
  ctx: DropoutContext | undefined,
): tf.Tensor3D {
  const [b, tq, d] = query.shape;
  const q = splitHeads(dense(store, `${prefix}/q`, query), heads);
  const scaled = tf.mul(matMul(q, kT), 1 / Math.sqrt(d / heads));
  const weights = drop(tf.softmax(mask === undefined ? scaled : tf.add(scaled, mask)), ctx);
  const context = tf.transpose(matMul(weights, v), [0, 2, 1, 3]);
  return dense(store, `${prefix}/o`, tf.reshape(context, [b, tq, d]) as tf.Tensor3D);
}

/**
 * Multi-head attention of `query` over `source` (self-attention when they are the same tensor).
 *
 * @example
 * ```ts
 * const y = multiHeadAttention(store, 'enc/layer0/attention', x, x, paddingMask(m), 4, undefined);
 * ```
 */
export function multiHeadAttention(
  store: ParamStore,
  prefix: string,
  query: tf.Tensor3D,
  source: tf.Tensor3D,
  mask: tf.Tensor4D | undefined,
  heads: number,
  ctx: DropoutContext | undefined,
): tf.Tensor3D {
  const { kT, v } = projectKeysValues(store, prefix, source, heads);
  return attend(store, prefix, query, kT, v, mask, heads, ctx);
}

/** Creates a pre-LN feed-forward block: LN, Linear(d→ffn), ReLU, dropout, Linear(ffn→d), dropout. */
function createFeedForward(store: ParamStore, prefix: string, sizes: LayerSizes): void {
  createLayerNorm(store, `${prefix}/norm`, sizes.dModel);
  createLinear(store, `${prefix}/in`, sizes.dModel, sizes.ffnSize);
  createLinear(store, `${prefix}/out`, sizes.ffnSize, sizes.dModel);
}

function feedForward(
  store: ParamStore,
  prefix: string,
  x: tf.Tensor3D,
  ctx: DropoutContext | undefined,
): tf.Tensor3D {
  const h = drop(tf.relu(dense(store, `${prefix}/in`, applyLayerNorm(store, `${prefix}/norm`, x))), ctx);
  return tf.add(x, drop(dense(store, `${prefix}/out`, h), ctx));
}

/** Creates the parameters of encoder layer `${prefix}`. */
export function createEncoderLayer(store: ParamStore, prefix: string, sizes: LayerSizes): void {
  createLayerNorm(store, `${prefix}/attention_norm`, sizes.dModel);
  createAttention(store, `${prefix}/attention`, sizes.dModel);
  createFeedForward(store, `${prefix}/ffn`, sizes);
}

/**
 * One pre-LN encoder layer: `x + drop(MHA(LN(x)))`, then `h + FFN(LN(h))`.
 *
 * @example
 * ```ts
 * const h = encoderLayer(store, 'ase/encoder/layer0', x, srcMask, 4, undefined);
 * ```
 */
export function encoderLayer(
  store: ParamStore,
  prefix: string,
  x: tf.Tensor3D,
  mask: tf.Tensor4D | undefined,
  heads: number,
  ctx: DropoutContext | undefined,
): tf.Tensor3D {
  const normed = applyLayerNorm(store, `${prefix}/attention_norm`, x);
  const h: tf.Tensor3D = tf.add(
    x,
    drop(multiHeadAttention(store, `${prefix}/attention`, normed, normed, mask, heads, ctx), ctx),
  );
  return feedForward(store, `${prefix}/ffn`, h, ctx);
}

/** Creates the parameters of decoder layer `${prefix}`. */
export function createDecoderLayer(store: ParamStore, prefix: string, sizes: LayerSizes): void {
  createLayerNorm(store, `${prefix}/self_attention_norm`, sizes.dModel);
  createAttention(store, `${prefix}/self_attention`, sizes.dModel);
  createLayerNorm(store, `${prefix}/cross_attention_norm`, sizes.dModel);
  createAttention(store, `${prefix}/cross_attention`, sizes.dModel);
  createFeedForward(store, `${prefix}/ffn`, sizes);
}

/**
 * One pre-LN decoder layer: masked self-attention, cross-attention over `memory`, feed-forward.
 *
 * @example
 * ```ts
 * const y2 = decoderLayer(store, 'ase/decoder/layer0', y, memory, causalMask(T), srcMask, 4, undefined);
 * ```
 */
export function decoderLayer(
  store: ParamStore,
  prefix: string,
  y: tf.Tensor3D,
  memory: tf.Tensor3D,
  selfMask: tf.Tensor4D | undefined,
  sourceMask: tf.Tensor4D | undefined,
  heads: number,
  ctx: DropoutContext | undefined,
): tf.Tensor3D {
  const normed = applyLayerNorm(store, `${prefix}/self_attention_norm`, y);
  const h1: tf.Tensor3D = tf.add(
    y,
    drop(multiHeadAttention(store, `${prefix}/self_attention`, normed, normed, selfMask, heads, ctx), ctx),
  );
  const n2 = applyLayerNorm(store, `${prefix}/cross_attention_norm`, h1);
  const h2: tf.Tensor3D = tf.add(
    h1,
    drop(multiHeadAttention(store, `${prefix}/cross_attention`, n2, memory, sourceMask, heads, ctx), ctx),
  );
  return feedForward(store, `${prefix}/ffn`, h2, ctx);
}

/** Starts the cache of decoder layer `${prefix}`: cross-attention keys/values of `memory`, empty self cache. */
export function startLayerCache(
  store: ParamStore,
  prefix: string,
  memory: tf.Tensor3D,
  heads: number,
): LayerCache {
  const { kT, v } = projectKeysValues(store, `${prefix}/cross_attention`, memory, heads);
  return { selfKT: undefined, selfV: undefined, crossKT: kT, crossV: v };
}

/**
 * One decoder step for the newest position only (`y` `[B, 1, d]`), appending its key/value to the cache.
 * Equivalent to the last row of `decoderLayer` over the whole prefix with a causal mask. The returned
 * cache holds new tensors for the self part and the same cross tensors; the caller disposes old ones.
 */
export function decoderLayerStep(
  store: ParamStore,
  prefix: string,
  y: tf.Tensor3D,
  cache: LayerCache,
  sourceMask: tf.Tensor4D | undefined,
  heads: number,
): { y: tf.Tensor3D; cache: LayerCache } {
  const normed = applyLayerNorm(store, `${prefix}/self_attention_norm`, y);
  const step = projectKeysValues(store, `${prefix}/self_attention`, normed, heads);
  const selfKT = cache.selfKT === undefined ? step.kT : tf.concat([cache.selfKT, step.kT], 3);
  const selfV = cache.selfV === undefined ? step.v : tf.concat([cache.selfV, step.v], 2);
  const h1: tf.Tensor3D = tf.add(
    y,
    attend(store, `${prefix}/self_attention`, normed, selfKT, selfV, undefined, heads, undefined),
  );
  const n2 = applyLayerNorm(store, `${prefix}/cross_attention_norm`, h1);
  const cross = attend(
    store,
    `${prefix}/cross_attention`,
    n2,
    cache.crossKT,
    cache.crossV,
    sourceMask,
    heads,
    undefined,
  );
  const out = feedForward(store, `${prefix}/ffn`, tf.add(h1, cross) as tf.Tensor3D, undefined);
  return { y: out, cache: { selfKT, selfV, crossKT: cache.crossKT, crossV: cache.crossV } };
}
