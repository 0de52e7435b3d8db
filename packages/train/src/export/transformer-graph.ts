/**
 * The transformer blocks of `model/transformer-layers.ts` as ONNX nodes, reading the trained weights by
 * their parameter names: LayerNorm (eps 1e-6), dense layers, multi-head attention with additive masks,
 * pre-LN encoder layers, and decoder layers that append their new keys/values to a past cache
 * (`[B, h, P, k]`) and attend over the cross-attention keys/values the encoder graph computed.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { MASK_NEGATIVE } from '../model/fast-ops.ts';
import { sinusoidalEncoding } from '../model/transformer-layers.ts';
import type { NamedTensor } from '../run/index.ts';
import type { GraphBuilder } from './onnx-builder.ts';

/** Trained weights by parameter name. */
export type WeightMap = ReadonlyMap<string, NamedTensor>;

/** Sizes of one model. */
export interface GraphSizes {
  dModel: number;
  heads: number;
}

/** How the weights of the matrix products are stored: as trained, or as int8 with per-column scales. */
export type WeightFormat = 'float32' | 'int8';

/** A graph under construction with the weights it reads. */
export interface GraphContext {
  g: GraphBuilder;
  weights: WeightMap;
  sizes: GraphSizes;
  /** `int8`: products with weight matrices of at least `MIN_QUANTIZED_WEIGHTS` values are quantized. */
  format: WeightFormat;
}

/** Weight matrices with fewer values (e.g. the 1-row input layer of Just Counter models) stay float32. */
export const MIN_QUANTIZED_WEIGHTS = 4096;

/**
 * Symmetric per-column int8 quantization of a row-major `[rows, cols]` matrix: `w ≈ q · scale[col]`,
 * `q` in [−127, 127].
 *
 * @example
 * ```ts
 * const { q, scale } = quantizeColumns(w, 512, 2048);
 * ```
 */
export function quantizeColumns(
  data: Float32Array,
  rows: number,
  cols: number,
): { q: Int8Array; scale: Float32Array } {
  const scale = new Float32Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) scale[c] = Math.max(scale[c] ?? 0, Math.abs(data[r * cols + c] ?? 0));
  }
  for (let c = 0; c < cols; c++) scale[c] = (scale[c] ?? 0) > 0 ? (scale[c] ?? 0) / 127 : 1;
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = Math.round((data[r * cols + c] ?? 0) / (scale[c] ?? 1));
      q[r * cols + c] = Math.max(-127, Math.min(127, v));
    }
  }
  return { q, scale };
}

/**
 * Rows of the embedding table `name` for token ids: a Gather on float32 tables; with int8 weights a
 * Gather of int8 rows and of their per-row scales (the table quantized row by row), multiplied back.
 */
export function embedding(ctx: GraphContext, name: string, ids: string): string {
  const { g } = ctx;
  const table = ctx.weights.get(name);
  if (table?.shape.length !== 2) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `The checkpoint has no embedding table "${name}"`);
  }
  const [rows = 0, cols = 0] = table.shape;
  if (ctx.format === 'float32' || rows * cols < MIN_QUANTIZED_WEIGHTS) {
    return g.op('Gather', [param(ctx, name), ids], { axis: { int: 0 } });
  }
  // Row-wise quantization is column-wise quantization of the transpose.
  const transposed = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) transposed[c * rows + r] = table.data[r * cols + c] ?? 0;
  const { q: qT, scale } = quantizeColumns(transposed, cols, rows);
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) q[r * cols + c] = qT[c * rows + r] ?? 0;
  const gathered = g.op(
    'Cast',
    [g.op('Gather', [g.weight(`${name}/int8`, q, [rows, cols]), ids], { axis: { int: 0 } })],
    {
      to: { int: 1 },
    },
  );
  const scales = g.op('Gather', [g.weight(`${name}/int8_scale`, scale, [rows]), ids], { axis: { int: 0 } });
  return g.op('Mul', [gathered, g.op('Unsqueeze', [scales, g.ints([-1])])]);
}

/**
 * `x · W` for a weight matrix `[rows, cols]` stored under `name`: a MatMul on float32 weights, or with
 * int8 weights DynamicQuantizeLinear → MatMulInteger → Cast → Mul by the activation and column scales
 * (standard ONNX operators; ONNX Runtime fuses them into one quantized product).
 */
export function matMulWeight(
  ctx: GraphContext,
  x: string,
  name: string,
  data: Float32Array,
  dims: readonly [number, number],
): string {
  const { g } = ctx;
  const [rows, cols] = dims;
  if (ctx.format === 'float32' || rows * cols < MIN_QUANTIZED_WEIGHTS) {
    return g.op('MatMul', [x, g.weight(name, data, dims)]);
  }
  const { q, scale } = quantizeColumns(data, rows, cols);
  const [xq, xScale, xZero] = g.opN('DynamicQuantizeLinear', [x], 3) as [string, string, string];
  const wq = g.weight(`${name}/int8`, q, dims);
  const wZero = g.weight(`${name}/int8_zero`, new Int8Array(cols), [cols]);
  const product = g.op('Cast', [g.op('MatMulInteger', [xq, wq, xZero, wZero])], { to: { int: 1 } });
  const scales = g.op('Mul', [xScale, g.weight(`${name}/int8_scale`, scale, [cols])]);
  return g.op('Mul', [product, scales]);
}

/** The weight `name`, added to the graph once; throws when the checkpoint lacks it. */
export function param(ctx: GraphContext, name: string): string {
  const w = ctx.weights.get(name);
  if (!w) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `The checkpoint has no weight "${name}"`);
  }
  return ctx.g.weight(name, w.data, w.shape);
}

/** `x · W + b` (`b` when the checkpoint has `${prefix}/b`). */
export function dense(ctx: GraphContext, prefix: string, x: string): string {
  const name = `${prefix}/w`;
  const w = ctx.weights.get(name);
  if (w?.shape.length !== 2) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `The checkpoint has no weight matrix "${name}"`);
  }
  const y = matMulWeight(ctx, x, name, w.data, [w.shape[0] ?? 0, w.shape[1] ?? 0]);
  return ctx.weights.has(`${prefix}/b`) ? ctx.g.op('Add', [y, param(ctx, `${prefix}/b`)]) : y;
}

/** LayerNormalization over the last axis with `${prefix}/gain` and `${prefix}/bias`. */
export function layerNorm(ctx: GraphContext, prefix: string, x: string): string {
  return ctx.g.op('LayerNormalization', [x, param(ctx, `${prefix}/gain`), param(ctx, `${prefix}/bias`)], {
    axis: { int: -1 },
    epsilon: { float: 1e-6 },
  });
}

/** `[B, T, d]` → `[B, h, T, k]`. */
export function splitHeads(ctx: GraphContext, x: string): string {
  const { dModel, heads } = ctx.sizes;
  const r = ctx.g.op('Reshape', [x, ctx.g.ints([0, 0, heads, dModel / heads])]);
  return ctx.g.op('Transpose', [r], { perm: { ints: [0, 2, 1, 3] } });
}

/** `[B, h, T, k]` → `[B, T, d]`. */
function mergeHeads(ctx: GraphContext, x: string): string {
  const t = ctx.g.op('Transpose', [x], { perm: { ints: [0, 2, 1, 3] } });
  return ctx.g.op('Reshape', [t, ctx.g.ints([0, 0, ctx.sizes.dModel])]);
}

/**
 * Attention of query heads `[B, h, Tq, k]` over keys/values `[B, h, Tk, k]` with an additive mask
 * (broadcast to `[B, h, Tq, Tk]`), then the output projection `${prefix}/o`: `[B, Tq, d]`.
 */
export function attendHeads(
  ctx: GraphContext,
  prefix: string,
  q: string,
  keys: string,
  values: string,
  mask: string | undefined,
): string {
  const { g, sizes } = ctx;
  const kT = g.op('Transpose', [keys], { perm: { ints: [0, 1, 3, 2] } });
  const scale = g.floats([1 / Math.sqrt(sizes.dModel / sizes.heads)], []);
  const scores = g.op('Mul', [g.op('MatMul', [q, kT]), scale]);
  const weights = g.op('Softmax', [mask === undefined ? scores : g.op('Add', [scores, mask])], {
    axis: { int: -1 },
  });
  return dense(ctx, `${prefix}/o`, mergeHeads(ctx, g.op('MatMul', [weights, values])));
}

/** Attention of `query` `[B, Tq, d]` (projected by `${prefix}/q`) over keys/values, see `attendHeads`. */
export function attend(
  ctx: GraphContext,
  prefix: string,
  query: string,
  keys: string,
  values: string,
  mask: string | undefined,
): string {
  return attendHeads(ctx, prefix, splitHeads(ctx, dense(ctx, `${prefix}/q`, query)), keys, values, mask);
}

/**
 * Several projections of one input as one product: the weights `${prefix}/<part>/w` side by side
 * (`[d, parts·d]`) with their biases, then a Split; one matrix product instead of one per part, which
 * matters when decoding one frame at a time. Returns each part's heads `[B, h, T, k]`.
 */
export function fusedProjections(
  ctx: GraphContext,
  prefix: string,
  x: string,
  parts: readonly string[],
): string[] {
  const { g, sizes } = ctx;
  const d = sizes.dModel;
  const n = parts.length;
  const w = new Float32Array(d * n * d);
  const b = new Float32Array(n * d);
  parts.forEach((part, j) => {
    const wj = ctx.weights.get(`${prefix}/${part}/w`);
    const bj = ctx.weights.get(`${prefix}/${part}/b`);
    if (!wj || !bj || wj.data.length !== d * d || bj.data.length !== d) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `The checkpoint has no weight [${d}, ${d}] and bias [${d}] under "${prefix}/${part}"`,
      );
    }
    for (let r = 0; r < d; r++) w.set(wj.data.subarray(r * d, (r + 1) * d), r * n * d + j * d);
    b.set(bj.data, j * d);
  });
  const name = `${prefix}/${parts.join('')}`;
  const product = matMulWeight(ctx, x, `${name}/w`, w, [d, n * d]);
  const y = g.op('Add', [product, g.weight(`${name}/b`, b, [n * d])]);
  const split = g.opN('Split', [y, g.ints(parts.map(() => d))], n, { axis: { int: -1 } });
  return split.map((part) => splitHeads(ctx, part));
}

/** Keys and values `[B, h, T, k]` of `source` through `${prefix}/k` and `${prefix}/v` (one product). */
export function keysValues(ctx: GraphContext, prefix: string, source: string): { k: string; v: string } {
  const [k, v] = fusedProjections(ctx, prefix, source, ['k', 'v']);
  return { k: k as string, v: v as string };
}

/** Pre-LN feed-forward block with its residual: `x + out(relu(in(LN(x))))`. */
function feedForward(ctx: GraphContext, prefix: string, x: string): string {
  const h = ctx.g.op('Relu', [dense(ctx, `${prefix}/in`, layerNorm(ctx, `${prefix}/norm`, x))]);
  return ctx.g.op('Add', [x, dense(ctx, `${prefix}/out`, h)]);
}

/** Additive key-padding mask `[B, 1, 1, U]` from a `[B, U]` 0/1 mask (0 where real, −1e9 where padding). */
export function paddingMask(ctx: GraphContext, mask: string): string {
  const { g } = ctx;
  const additive = g.op('Mul', [g.op('Sub', [mask, g.floats([1], [])]), g.floats([-MASK_NEGATIVE], [])]);
  return g.op('Unsqueeze', [additive, g.ints([1, 2])]);
}

/** Sinusoidal positional encodings of `positions` (int64 `[T]`) from a table of `rows` rows: `[T, d]`. */
export function positionalEncoding(
  ctx: GraphContext,
  table: string,
  rows: number,
  positions: string,
): string {
  const name = ctx.g.weight(table, sinusoidalEncoding(rows, ctx.sizes.dModel), [rows, ctx.sizes.dModel]);
  return ctx.g.op('Gather', [name, positions], { axis: { int: 0 } });
}

/** `Shape(x)[axis]` as an int64 tensor `[1]`. */
export function dimOf(ctx: GraphContext, x: string, axis: number): string {
  return ctx.g.op('Shape', [x], { start: { int: axis }, end: { int: axis + 1 } });
}

/** A `[1]` int64 tensor as a scalar. */
export function scalar(ctx: GraphContext, x: string): string {
  return ctx.g.op('Reshape', [x, ctx.g.ints([], [0])]);
}

/**
 * Token ids `[B, U]` → encoder memory `[B, U, d]` (embedding, positional encoding, pre-LN layers, final
 * LN) under `${prefix}/encoder`.
 */
export function encoderStack(
  ctx: GraphContext,
  prefix: string,
  layers: number,
  maxSourceLength: number,
  ids: string,
  mask: string,
): string {
  const { g } = ctx;
  const length = scalar(ctx, dimOf(ctx, ids, 1));
  const positions = g.op('Range', [g.ints([0], []), length, g.ints([1], [])]);
  const embedded = embedding(ctx, `${prefix}/encoder/embed`, ids);
  let x = g.op('Add', [embedded, positionalEncoding(ctx, 'encoder/positions', maxSourceLength, positions)]);
  const additive = paddingMask(ctx, mask);
  for (let i = 0; i < layers; i++) {
    const p = `${prefix}/encoder/layer${i}`;
    const n = layerNorm(ctx, `${p}/attention_norm`, x);
    const [q, k, v] = fusedProjections(ctx, `${p}/attention`, n, ['q', 'k', 'v']) as [string, string, string];
    x = g.op('Add', [x, attendHeads(ctx, `${p}/attention`, q, k, v, additive)]);
    x = feedForward(ctx, `${p}/ffn`, x);
  }
  return layerNorm(ctx, `${prefix}/encoder/norm`, x);
}

/** Graph tensors of one decoder layer's caches. */
export interface LayerCacheNames {
  pastKey: string;
  pastValue: string;
  crossKey: string;
  crossValue: string;
}

/**
 * Decoder layers over embedded inputs `[B, T, d]` at positions `P … P + T − 1` (P = cached length):
 * PE added, causal mask among the new positions, caches extended. Returns the final-LN output `[B, T, d]`
 * and each layer's present keys/values.
 */
export function decoderStack(
  ctx: GraphContext,
  prefix: string,
  maxTargetLength: number,
  embedded: string,
  caches: readonly LayerCacheNames[],
  sourceMask: string,
): { hidden: string; present: Array<{ key: string; value: string }> } {
  const { g } = ctx;
  const first = caches[0];
  if (!first) throw new SignLLMError(ERROR_CODES.invalidArgument, 'A decoder needs at least one layer');
  const past = scalar(ctx, dimOf(ctx, first.pastKey, 2));
  const total = g.op('Add', [past, scalar(ctx, dimOf(ctx, embedded, 1))]);
  const positions = g.op('Range', [past, total, g.ints([1], [])]);
  let y = g.op('Add', [embedded, positionalEncoding(ctx, 'decoder/positions', maxTargetLength, positions)]);
  // Causal mask [1, 1, T, P + T]: new position q sees key j when j ≤ q.
  const keyPositions = g.op('Range', [g.ints([0], []), total, g.ints([1], [])]);
  const later = g.op('Less', [g.op('Unsqueeze', [positions, g.ints([1])]), keyPositions]);
  const causal = g.op('Mul', [g.op('Cast', [later], { to: { int: 1 } }), g.floats([MASK_NEGATIVE], [])]);
  const selfMask = g.op('Unsqueeze', [causal, g.ints([0, 1])]);
  const crossMask = paddingMask(ctx, sourceMask);
  const present: Array<{ key: string; value: string }> = [];
  caches.forEach((cache, i) => {
    const p = `${prefix}/decoder/layer${i}`;
    const n1 = layerNorm(ctx, `${p}/self_attention_norm`, y);
    const [q, k, v] = fusedProjections(ctx, `${p}/self_attention`, n1, ['q', 'k', 'v']) as [
      string,
      string,
      string,
    ];
    const key = g.op('Concat', [cache.pastKey, k], { axis: { int: 2 } });
    const value = g.op('Concat', [cache.pastValue, v], { axis: { int: 2 } });
    present.push({ key, value });
    const h1 = g.op('Add', [y, attendHeads(ctx, `${p}/self_attention`, q, key, value, selfMask)]);
    const n2 = layerNorm(ctx, `${p}/cross_attention_norm`, h1);
    const h2 = g.op('Add', [
      h1,
      attend(ctx, `${p}/cross_attention`, n2, cache.crossKey, cache.crossValue, crossMask),
    ]);
    y = feedForward(ctx, `${p}/ffn`, h2);
  });
  return { hidden: layerNorm(ctx, `${prefix}/decoder/norm`, y), present };
}
