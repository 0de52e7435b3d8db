/**
 * The bundle's ONNX graphs of one trained encoder–decoder (see docs/architecture/model-bundle.md):
 * the encoder (source ids → every decoder layer's cross-attention keys/values) and the decoder step
 * (new inputs + past keys/values → predictions + present keys/values), for the pose model (frames in,
 * next frames out) and the text → LangGloss model (tokens in, logits out).
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { FRAME_WIDTH, JOINT_VALUES } from '../model/batch-types.ts';
import { GraphBuilder } from './onnx-builder.ts';
import {
  decoderStack,
  dense,
  embedding,
  encoderStack,
  type GraphContext,
  keysValues,
  type LayerCacheNames,
  matMulWeight,
  type WeightFormat,
  type WeightMap,
} from './transformer-graph.ts';

/** What shapes the graphs of one encoder–decoder. */
export interface GraphSpec {
  /** Parameter-name prefix of the model, e.g. `ase`, `shared` or `stage1`. */
  prefix: string;
  /** Weight format of the matrix products (default float32). */
  format?: WeightFormat;
  dModel: number;
  heads: number;
  encoderLayers: number;
  decoderLayers: number;
  maxSourceLength: number;
  maxTargetLength: number;
}

function context(name: string, weights: WeightMap, spec: GraphSpec): GraphContext {
  if (spec.dModel % spec.heads !== 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `dModel ${spec.dModel} is not divisible by heads ${spec.heads}`,
    );
  }
  return {
    g: new GraphBuilder(name),
    weights,
    sizes: { dModel: spec.dModel, heads: spec.heads },
    format: spec.format ?? 'float32',
  };
}

function cacheDims(spec: GraphSpec, length: string): Array<number | string> {
  return ['batch', spec.heads, length, spec.dModel / spec.heads];
}

/**
 * The encoder graph: `source_ids` int64 `[B, U]`, `source_mask` `[B, U]` → `cross_key_{i}` and
 * `cross_value_{i}` `[B, h, U, k]` for every decoder layer.
 *
 * @example
 * ```ts
 * const bytes = buildEncoderGraph(weights, { prefix: 'ase', dModel: 64, heads: 4, encoderLayers: 2, decoderLayers: 2, maxSourceLength: 32, maxTargetLength: 256 });
 * ```
 */
export function buildEncoderGraph(weights: WeightMap, spec: GraphSpec): Uint8Array {
  const ctx = context(`${spec.prefix}-encoder`, weights, spec);
  const { g } = ctx;
  const ids = g.input('source_ids', 'int64', ['batch', 'source_length']);
  const mask = g.input('source_mask', 'float32', ['batch', 'source_length']);
  const memory = encoderStack(ctx, spec.prefix, spec.encoderLayers, spec.maxSourceLength, ids, mask);
  for (let i = 0; i < spec.decoderLayers; i++) {
    const { k, v } = keysValues(ctx, `${spec.prefix}/decoder/layer${i}/cross_attention`, memory);
    g.output(`cross_key_${i}`, k, 'float32', cacheDims(spec, 'source_length'));
    g.output(`cross_value_${i}`, v, 'float32', cacheDims(spec, 'source_length'));
  }
  return g.toBytes(`SignLLM encoder of "${spec.prefix}"`);
}

function cacheInputs(ctx: GraphContext, spec: GraphSpec): LayerCacheNames[] {
  return Array.from({ length: spec.decoderLayers }, (_, i) => ({
    pastKey: ctx.g.input(`past_key_${i}`, 'float32', cacheDims(spec, 'past_length')),
    pastValue: ctx.g.input(`past_value_${i}`, 'float32', cacheDims(spec, 'past_length')),
    crossKey: ctx.g.input(`cross_key_${i}`, 'float32', cacheDims(spec, 'source_length')),
    crossValue: ctx.g.input(`cross_value_${i}`, 'float32', cacheDims(spec, 'source_length')),
  }));
}

function presentOutputs(
  ctx: GraphContext,
  spec: GraphSpec,
  present: ReadonlyArray<{ key: string; value: string }>,
): void {
  present.forEach(({ key, value }, i) => {
    ctx.g.output(`present_key_${i}`, key, 'float32', cacheDims(spec, 'total_length'));
    ctx.g.output(`present_value_${i}`, value, 'float32', cacheDims(spec, 'total_length'));
  });
}

/** Options of `buildPoseDecoderStepGraph`. */
export interface PoseStepSpec extends GraphSpec {
  /** The decoder reads only the counter column of its input frames. */
  justCounter: boolean;
  /** Columns of the trained output layer: 150·k + 1 (the first 150 and the last are exported). */
  outputWidth: number;
}

/**
 * The pose decoder step: `frames` `[B, T, 151]` + caches → `next_frames` `[B, T, 151]` + present caches.
 * Only the output columns used in generation (the next frame's 150 values and the counter) are kept.
 *
 * @example
 * ```ts
 * const bytes = buildPoseDecoderStepGraph(weights, { ...spec, justCounter: false, outputWidth: 151 });
 * ```
 */
export function buildPoseDecoderStepGraph(weights: WeightMap, spec: PoseStepSpec): Uint8Array {
  const ctx = context(`${spec.prefix}-decoder-step`, weights, spec);
  const { g } = ctx;
  const p = spec.prefix;
  const frames = g.input('frames', 'float32', ['batch', 'new_length', FRAME_WIDTH]);
  const sourceMask = g.input('source_mask', 'float32', ['batch', 'source_length']);
  const caches = cacheInputs(ctx, spec);
  const read = spec.justCounter
    ? g.op('Slice', [frames, g.ints([JOINT_VALUES]), g.ints([FRAME_WIDTH]), g.ints([2])])
    : frames;
  const embedded = dense(ctx, `${p}/decoder/input`, read);
  const { hidden, present } = decoderStack(ctx, p, spec.maxTargetLength, embedded, caches, sourceMask);
  g.output('next_frames', outputColumns(ctx, p, spec, hidden), 'float32', [
    'batch',
    'new_length',
    FRAME_WIDTH,
  ]);
  presentOutputs(ctx, spec, present);
  return g.toBytes(`SignLLM pose decoder step of "${p}"`);
}

function outputColumns(ctx: GraphContext, prefix: string, spec: PoseStepSpec, hidden: string): string {
  const name = `${prefix}/decoder/output/w`;
  const w = ctx.weights.get(name);
  const d = spec.dModel;
  if (!w || w.shape[0] !== d || w.shape[1] !== spec.outputWidth) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `The checkpoint's ${name} has shape [${w?.shape.join(', ') ?? ''}], expected [${d}, ${spec.outputWidth}]`,
    );
  }
  const kept = new Float32Array(d * FRAME_WIDTH);
  for (let r = 0; r < d; r++) {
    kept.set(w.data.subarray(r * spec.outputWidth, r * spec.outputWidth + JOINT_VALUES), r * FRAME_WIDTH);
    kept[r * FRAME_WIDTH + JOINT_VALUES] = w.data[r * spec.outputWidth + spec.outputWidth - 1] ?? 0;
  }
  return matMulWeight(ctx, hidden, `${name}/next_frame`, kept, [d, FRAME_WIDTH]);
}

/**
 * The text → LangGloss decoder step: `tokens` int64 `[B, T]` + caches → `logits` `[B, T, V]` + present
 * caches.
 *
 * @example
 * ```ts
 * const bytes = buildTokenDecoderStepGraph(weights, spec);
 * ```
 */
export function buildTokenDecoderStepGraph(weights: WeightMap, spec: GraphSpec): Uint8Array {
  const ctx = context(`${spec.prefix}-decoder-step`, weights, spec);
  const { g } = ctx;
  const p = spec.prefix;
  const tokens = g.input('tokens', 'int64', ['batch', 'new_length']);
  const sourceMask = g.input('source_mask', 'float32', ['batch', 'source_length']);
  const caches = cacheInputs(ctx, spec);
  const embedded = embedding(ctx, `${p}/decoder/embed`, tokens);
  const { hidden, present } = decoderStack(ctx, p, spec.maxTargetLength, embedded, caches, sourceMask);
  const vocab = weights.get(`${p}/decoder/output/w`)?.shape[1] ?? 0;
  const out = weights.get(`${p}/decoder/output/w`);
  if (!out)
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `The checkpoint has no weight "${p}/decoder/output/w"`,
    );
  const logits = matMulWeight(ctx, hidden, `${p}/decoder/output/w`, out.data, [spec.dModel, vocab]);
  g.output('logits', logits, 'float32', ['batch', 'new_length', vocab]);
  presentOutputs(ctx, spec, present);
  return g.toBytes(`SignLLM text → LangGloss decoder step of "${p}"`);
}
