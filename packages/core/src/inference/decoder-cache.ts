/**
 * Internal, shared by the pose and token decoding loops: running an encoder once (its cross-attention
 * keys and values feed every decoder step), the empty self-attention cache (`[B, h, 0, k]`) and turning
 * a step's `present_*` outputs into the next step's `past_*` inputs, with every shape checked.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { floatOutput, runSession } from './run-session.ts';
import { float32Tensor, type InferenceSession, int64Tensor, type RuntimeTensor } from './runtime.ts';

/** Sizes of the key/value tensors: `layers` decoder layers, `heads` heads of `headSize` values. */
export interface CacheShape {
  layers: number;
  heads: number;
  headSize: number;
}

/** Tensors keyed by graph input name. */
export type Feeds = Record<string, RuntimeTensor>;

/** The cache sizes of a `decoding` entry (`k = dModel / heads`). */
export function cacheShape(decoding: { dModel: number; heads: number; decoderLayers: number }): CacheShape {
  return {
    layers: decoding.decoderLayers,
    heads: decoding.heads,
    headSize: decoding.dModel / decoding.heads,
  };
}

/** What the encoder gives every decoder step: the source mask and `cross_key_i` / `cross_value_i`. */
export interface EncodedSource {
  sourceMask: RuntimeTensor;
  cross: Feeds;
}

/**
 * Checks source ids: at least one, at most `maxSourceLength`, each a non-negative integer below
 * `vocabSize` (when given).
 */
export function checkSourceIds(
  ids: readonly number[],
  maxSourceLength: number,
  vocabSize: number | undefined,
  label: string,
): void {
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new SignLLMError(ERROR_CODES.inputEmpty, `${label}: expected at least one source token id`);
  }
  if (ids.length > maxSourceLength) {
    throw new SignLLMError(
      ERROR_CODES.inputTooLong,
      `${label}: ${ids.length} source tokens (</s> included), but the model reads at most ${maxSourceLength}`,
      { details: { count: ids.length, limit: maxSourceLength } },
    );
  }
  const limit = vocabSize ?? Number.MAX_SAFE_INTEGER;
  ids.forEach((id, index) => {
    if (!Number.isInteger(id) || id < 0 || id >= limit) {
      const range = vocabSize === undefined ? 'a non-negative integer' : `an integer in [0, ${vocabSize})`;
      throw new SignLLMError(
        ERROR_CODES.tokenOutOfVocabulary,
        `${label}: source id ${index} is ${String(id)}, expected ${range}`,
        { details: { index, value: id, vocabSize } },
      );
    }
  });
}

/** Runs `encoder` once on `ids` (batch 1, mask of ones) and checks its outputs. */
export async function encodeSource(
  encoder: InferenceSession,
  ids: readonly number[],
  shape: CacheShape,
  label: string,
): Promise<EncodedSource> {
  const u = ids.length;
  const sourceMask = float32Tensor(new Float32Array(u).fill(1), [1, u]);
  const outputs = await runSession(
    encoder,
    { source_ids: int64Tensor(ids, [1, u]), source_mask: sourceMask },
    label,
  );
  const cross: Feeds = {};
  for (let i = 0; i < shape.layers; i++) {
    for (const name of [`cross_key_${i}`, `cross_value_${i}`]) {
      const t = floatOutput(outputs, name, [1, shape.heads, u, shape.headSize], label);
      cross[name] = float32Tensor(t.data, t.dims);
    }
  }
  return { sourceMask, cross };
}

/** The empty self-attention cache: `past_key_i` / `past_value_i` of dims `[batch, h, 0, k]`. */
export function emptyPast(shape: CacheShape, batch: number): Feeds {
  const past: Feeds = {};
  for (let i = 0; i < shape.layers; i++) {
    for (const kind of ['key', 'value']) {
      past[`past_${kind}_${i}`] = float32Tensor(new Float32Array(0), [batch, shape.heads, 0, shape.headSize]);
    }
  }
  return past;
}

/** The next `past_*` feeds from a step's `present_*` outputs, which must be `[batch, h, length, k]`. */
export function pastFromPresent(
  outputs: Feeds,
  shape: CacheShape,
  batch: number,
  length: number,
  label: string,
): Feeds {
  const past: Feeds = {};
  for (let i = 0; i < shape.layers; i++) {
    for (const kind of ['key', 'value']) {
      const t = floatOutput(
        outputs,
        `present_${kind}_${i}`,
        [batch, shape.heads, length, shape.headSize],
        label,
      );
      past[`past_${kind}_${i}`] = float32Tensor(t.data, t.dims);
    }
  }
  return past;
}

/**
 * Keeps rows `parents` (in that order) of every cache tensor along the batch axis: row `r` of the
 * result is row `parents[r]` of the input. Used by beam search when hypotheses are reordered.
 */
export function selectCacheRows(past: Feeds, parents: readonly number[]): Feeds {
  const out: Feeds = {};
  for (const [name, tensor] of Object.entries(past)) {
    const [batch = 0, ...rest] = tensor.dims;
    const rowSize = batch === 0 ? 0 : tensor.data.length / batch;
    const data = new Float32Array(parents.length * rowSize);
    parents.forEach((p, r) => {
      data.set((tensor.data as Float32Array).subarray(p * rowSize, (p + 1) * rowSize), r * rowSize);
    });
    out[name] = float32Tensor(data, [parents.length, ...rest]);
  }
  return out;
}
