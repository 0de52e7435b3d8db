/**
 * The part shared by the pose and token models: parameter store, source-token encoder (embedding +
 * sinusoidal PE + pre-LN layers + final LN), the decoder layer stack (full pass and cached step) and
 * input validation. Subclasses add the decoder input and output layers.
 */

import type { ModelConfig } from '@signllm/core';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { createRng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { causalMask, dropout, embed, paddingMask } from './fast-ops.ts';
import { ensureGradients } from './gradients.ts';
import { ParamStore } from './param-store.ts';
import {
  applyLayerNorm,
  createDecoderLayer,
  createEncoderLayer,
  createLayerNorm,
  type DropoutContext,
  decoderLayer,
  decoderLayerStep,
  encoderLayer,
  type LayerCache,
  type LayerSizes,
  sinusoidalEncoding,
  startLayerCache,
} from './transformer-layers.ts';

/** Transformer sizes: the validated `architecture` of core's `ModelConfigSchema`. */
export type Architecture = ModelConfig['architecture'];

/** Options shared by the model constructors. */
export interface EncoderDecoderOptions {
  /** Name prefix of every parameter, e.g. the language code of an MLSF group (`ase`). */
  prefix: string;
  architecture: Architecture;
  /** Source vocabulary size, specials included. */
  sourceVocabSize: number;
  /** Seed of the initial weights. */
  seed: number;
}

/** Per-call options of `forward`: dropout only when training; the seed fixes the dropout masks. */
export interface ForwardOptions {
  training: boolean;
  seed: number;
}

function badArgument(message: string, details?: Record<string, unknown>): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, message, details === undefined ? {} : { details });
}

/** Throws unless `n` is an integer in [min, max]. */
export function checkInt(label: string, n: number, min: number, max: number): void {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw badArgument(`${label} must be an integer in [${min}, ${max}], got ${n}`, { value: n });
  }
}

/** Throws a shapeMismatch unless `array.length === expected`. */
export function checkLength(label: string, array: ArrayLike<number>, expected: number, layout: string): void {
  if (array.length !== expected) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `${label} has ${array.length} values, expected ${expected} (${layout})`,
      { details: { value: array.length, expected } },
    );
  }
}

/** Throws unless every id lies in [0, vocab). */
export function checkIds(label: string, ids: ArrayLike<number>, vocab: number): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? -1;
    if (!Number.isInteger(id) || id < 0 || id >= vocab) {
      throw badArgument(`${label}[${i}] = ${id} is outside the vocabulary [0, ${vocab})`, {
        value: id,
        index: i,
      });
    }
  }
}

/** Throws `invalidNumber` at the first NaN/Infinity. */
export function checkFinite(label: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new SignLLMError(ERROR_CODES.invalidNumber, `${label}[${i}] = ${data[i]} is not finite`, {
        details: { index: i },
      });
    }
  }
}

/**
 * Base of `PoseTransformer` and `TokenTransformer`.
 *
 * @example
 * ```ts
 * class MyModel extends EncoderDecoder { ... } // see pose-transformer.ts
 * ```
 */
export abstract class EncoderDecoder {
  readonly params: ParamStore;
  readonly architecture: Architecture;
  readonly prefix: string;
  readonly sourceVocabSize: number;
  protected readonly sizes: LayerSizes;
  private peCache: Float32Array = new Float32Array(0);
  private peLength = 0;

  protected constructor(options: EncoderDecoderOptions) {
    ensureGradients();
    const a = options.architecture;
    checkInt('architecture.dModel', a.dModel, 1, 8192);
    checkInt('architecture.heads', a.heads, 1, a.dModel);
    if (a.dModel % a.heads !== 0)
      throw badArgument(`dModel ${a.dModel} is not divisible by heads ${a.heads}`);
    checkInt('architecture.encoderLayers', a.encoderLayers, 1, 64);
    checkInt('architecture.decoderLayers', a.decoderLayers, 1, 64);
    checkInt('architecture.ffnSize', a.ffnSize, 1, 65_536);
    if (!(a.dropout >= 0 && a.dropout < 1)) throw badArgument(`dropout ${a.dropout} is outside [0, 1)`);
    checkInt('sourceVocabSize', options.sourceVocabSize, 4, 10_000_000);
    if (options.prefix.length === 0) throw badArgument('prefix must not be empty');
    this.architecture = a;
    this.prefix = options.prefix;
    this.sourceVocabSize = options.sourceVocabSize;
    this.sizes = { dModel: a.dModel, heads: a.heads, ffnSize: a.ffnSize };
    this.params = new ParamStore(options.seed);
    const p = this.prefix;
    this.params.create(`${p}/encoder/embed`, [options.sourceVocabSize, a.dModel], 'xavier');
    for (let i = 0; i < a.encoderLayers; i++)
      createEncoderLayer(this.params, `${p}/encoder/layer${i}`, this.sizes);
    createLayerNorm(this.params, `${p}/encoder/norm`, a.dModel);
    for (let i = 0; i < a.decoderLayers; i++)
      createDecoderLayer(this.params, `${p}/decoder/layer${i}`, this.sizes);
    createLayerNorm(this.params, `${p}/decoder/norm`, a.dModel);
  }

  /** Positional encodings of positions [start, start + length) as `[1, length, d]`. */
  protected positions(start: number, length: number): tf.Tensor3D {
    const d = this.architecture.dModel;
    const end = start + length;
    if (end > this.peLength) {
      const grown = Math.max(end, Math.min(2 * this.peLength, this.maxPositions()));
      this.peCache = sinusoidalEncoding(grown, d);
      this.peLength = grown;
    }
    return tf.tensor3d(this.peCache.subarray(start * d, end * d), [1, length, d]);
  }

  private maxPositions(): number {
    return Math.max(this.architecture.maxSourceLength, this.architecture.maxTargetLength);
  }

  /** A dropout context for a forward pass, or undefined when not training. */
  protected dropoutContext(options: ForwardOptions, label: string): DropoutContext | undefined {
    if (!options.training || this.architecture.dropout === 0) return undefined;
    return { rate: this.architecture.dropout, rng: createRng(options.seed).fork(label) };
  }

  /**
   * Encodes source ids `[B, U]` (int32) with their 0/1 mask `[B, U]`; returns the memory `[B, U, d]`.
   * Ids must be valid (the public entry points check them).
   */
  encode(sourceIds: tf.Tensor2D, sourceMask: tf.Tensor2D, training = false, seed = 0): tf.Tensor3D {
    return this.encodeWith(sourceIds, sourceMask, this.dropoutContext({ training, seed }, 'encoder'));
  }

  protected encodeWith(
    sourceIds: tf.Tensor2D,
    sourceMask: tf.Tensor2D,
    ctx: DropoutContext | undefined,
  ): tf.Tensor3D {
    const [, u] = sourceIds.shape;
    checkInt('source length', u, 1, this.architecture.maxSourceLength);
    const p = this.prefix;
    let x = tf.add(
      embed(sourceIds, this.params.get(`${p}/encoder/embed`)),
      this.positions(0, u),
    ) as tf.Tensor3D;
    x = this.drop(x, ctx);
    const mask = paddingMask(sourceMask);
    for (let i = 0; i < this.architecture.encoderLayers; i++) {
      x = encoderLayer(this.params, `${p}/encoder/layer${i}`, x, mask, this.sizes.heads, ctx);
    }
    return applyLayerNorm(this.params, `${p}/encoder/norm`, x);
  }

  protected drop(x: tf.Tensor3D, ctx: DropoutContext | undefined): tf.Tensor3D {
    return ctx === undefined ? x : dropout(x, ctx.rate, ctx.rng.int(4294967296));
  }

  /** Runs the decoder stack over embedded inputs `[B, T, d]` (PE added here) with a causal mask. */
  protected decodeWith(
    embedded: tf.Tensor3D,
    memory: tf.Tensor3D,
    sourceMask: tf.Tensor2D,
    ctx: DropoutContext | undefined,
  ): tf.Tensor3D {
    const [, t] = embedded.shape;
    const p = this.prefix;
    let y = this.drop(tf.add(embedded, this.positions(0, t)) as tf.Tensor3D, ctx);
    const selfMask = causalMask(t);
    const srcMask = paddingMask(sourceMask);
    for (let i = 0; i < this.architecture.decoderLayers; i++) {
      y = decoderLayer(
        this.params,
        `${p}/decoder/layer${i}`,
        y,
        memory,
        selfMask,
        srcMask,
        this.sizes.heads,
        ctx,
      );
    }
    return applyLayerNorm(this.params, `${p}/decoder/norm`, y);
  }

  /**
   * Per-layer caches for incremental decoding over `memory`. Their tensors are `tf.keep`-ed, so this may
   * run inside a tidy; the caller disposes them (`disposeCaches`).
   */
  protected startCaches(memory: tf.Tensor3D): LayerCache[] {
    return Array.from({ length: this.architecture.decoderLayers }, (_, i) => {
      const c = startLayerCache(this.params, `${this.prefix}/decoder/layer${i}`, memory, this.sizes.heads);
      tf.keep(c.crossKT);
      tf.keep(c.crossV);
      return c;
    });
  }

  /**
   * One cached decoder step for the embedded input at `position` (`[B, 1, d]`, PE added here). Returns the
   * final-LN output `[B, 1, d]` and the new caches; the previous self-attention cache tensors are disposed.
   */
  protected stepWith(
    embedded: tf.Tensor3D,
    position: number,
    caches: LayerCache[],
    sourceMask: tf.Tensor4D,
  ): { y: tf.Tensor3D; caches: LayerCache[] } {
    const next: LayerCache[] = [];
    const out = tf.tidy(() => {
      let y = tf.add(embedded, this.positions(position, 1)) as tf.Tensor3D;
      caches.forEach((cache, i) => {
        const r = decoderLayerStep(
          this.params,
          `${this.prefix}/decoder/layer${i}`,
          y,
          cache,
          sourceMask,
          this.sizes.heads,
        );
        y = r.y;
        if (r.cache.selfKT) tf.keep(r.cache.selfKT);
        if (r.cache.selfV) tf.keep(r.cache.selfV);
        next.push(r.cache);
      });
      return applyLayerNorm(this.params, `${this.prefix}/decoder/norm`, y);
    });
    for (const c of caches) {
      c.selfKT?.dispose();
      c.selfV?.dispose();
    }
    return { y: out, caches: next };
  }

  /** Disposes every tensor of the caches. */
  protected static disposeCaches(caches: LayerCache[]): void {
    for (const c of caches) {
      c.selfKT?.dispose();
      c.selfV?.dispose();
      c.crossKT.dispose();
      c.crossV.dispose();
    }
  }

  /** Number of scalar parameters. */
  count(): number {
    return this.params.count();
  }

  /** Disposes every variable. */
  dispose(): void {
    this.params.dispose();
  }
}
