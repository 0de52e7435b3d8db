/**
 * The part shared by the transformer models. `TransformerStack`: parameter store, positional encodings,
 * dropout, the encoder layer stack over projected inputs, the decoder layer stack (full pass and cached
 * step) and beam search over a token decoder; subclasses add their input and output layers.
 * `EncoderDecoder`: a stack whose encoder reads source tokens (embedding), the base of the pose and
 * token models; the back-translation model reads pose frames instead (`PoseTextTransformer`).
 */

import type { ModelConfig } from '@signllm/core';
import { BeamSearch, ERROR_CODES, SignLLMError } from '@signllm/core';
import { createRng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { causalMask, dropout, embed, linear, paddingMask } from './fast-ops.ts';
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

/** Layer counts and sizes of a transformer stack (the fields of `Architecture` the layers use). */
export interface StackSizes {
  encoderLayers: number;
  decoderLayers: number;
  dModel: number;
  heads: number;
  ffnSize: number;
  dropout: number;
}

/** Options of the `TransformerStack` constructor. */
export interface TransformerStackOptions {
  /** Name prefix of every parameter. */
  prefix: string;
  sizes: StackSizes;
  /** Seed of the initial weights. */
  seed: number;
  /** Prefix of the size names in error messages, e.g. `architecture.`. */
  label?: string;
  /** Most positions ever encoded (bounds the positional-encoding table's growth); default unbounded. */
  maxPositions?: number;
  /**
   * Creates the encoder's input layer. Parameters are listed (in checkpoints and exports) in the order
   * they are created: this runs first, then the encoder stack.
   */
  createEncoderInput: (params: ParamStore, prefix: string) => void;
  /** Creates the decoder's input layer between the encoder and the decoder stacks (default: none there). */
  createDecoderInput?: (params: ParamStore, prefix: string) => void;
}

/** Options of a token beam search. */
export interface BeamOptions {
  beamSize: number;
  maxLength: number;
  /** GNMT α of the length penalty ((5 + |Y|) / 6)^α (default 0.6). */
  lengthPenalty?: number;
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
 * Base of every model here: the encoder and decoder layer stacks and what runs them. Subclasses create
 * their input layers (encoder and decoder) and output layer, and call `encodeProjected`, `decodeWith`,
 * `startCaches` / `stepWith` or `decodeTokens`.
 *
 * @example
 * ```ts
 * class MyModel extends TransformerStack { ... } // see pose-text-transformer.ts
 * ```
 */
export abstract class TransformerStack {
  readonly params: ParamStore;
  readonly prefix: string;
  /** Layer counts and sizes. */
  protected readonly stack: StackSizes;
  /** The sizes one layer needs. */
  protected readonly layerSizes: LayerSizes;
  private readonly positionLimit: number;
  private peCache: Float32Array = new Float32Array(0);
  private peLength = 0;

  protected constructor(options: TransformerStackOptions) {
    ensureGradients();
    const s = options.sizes;
    const l = options.label ?? '';
    checkInt(`${l}dModel`, s.dModel, 1, 8192);
    checkInt(`${l}heads`, s.heads, 1, s.dModel);
    if (s.dModel % s.heads !== 0)
      throw badArgument(`dModel ${s.dModel} is not divisible by heads ${s.heads}`);
    checkInt(`${l}encoderLayers`, s.encoderLayers, 1, 64);
    checkInt(`${l}decoderLayers`, s.decoderLayers, 1, 64);
    checkInt(`${l}ffnSize`, s.ffnSize, 1, 65_536);
    if (!(s.dropout >= 0 && s.dropout < 1)) throw badArgument(`dropout ${s.dropout} is outside [0, 1)`);
    if (options.prefix.length === 0) throw badArgument('prefix must not be empty');
    this.prefix = options.prefix;
    this.stack = s;
    this.layerSizes = { dModel: s.dModel, heads: s.heads, ffnSize: s.ffnSize };
    this.positionLimit = options.maxPositions ?? Number.POSITIVE_INFINITY;
    this.params = new ParamStore(options.seed);
    const p = this.prefix;
    options.createEncoderInput(this.params, p);
    for (let i = 0; i < s.encoderLayers; i++)
      createEncoderLayer(this.params, `${p}/encoder/layer${i}`, this.layerSizes);
    createLayerNorm(this.params, `${p}/encoder/norm`, s.dModel);
    options.createDecoderInput?.(this.params, p);
    for (let i = 0; i < s.decoderLayers; i++)
      createDecoderLayer(this.params, `${p}/decoder/layer${i}`, this.layerSizes);
    createLayerNorm(this.params, `${p}/decoder/norm`, s.dModel);
  }

  /** Positional encodings of positions [start, start + length) as `[1, length, d]`. */
  protected positions(start: number, length: number): tf.Tensor3D {
    const d = this.stack.dModel;
    const end = start + length;
    if (end > this.peLength) {
      const grown = Math.max(end, Math.min(Math.max(2 * this.peLength, 64), this.positionLimit));
      this.peCache = sinusoidalEncoding(grown, d);
      this.peLength = grown;
    }
    return tf.tensor3d(this.peCache.subarray(start * d, end * d), [1, length, d]);
  }

  /** A dropout context for a forward pass, or undefined when not training. */
  protected dropoutContext(options: ForwardOptions, label: string): DropoutContext | undefined {
    if (!options.training || this.stack.dropout === 0) return undefined;
    return { rate: this.stack.dropout, rng: createRng(options.seed).fork(label) };
  }

  protected drop(x: tf.Tensor3D, ctx: DropoutContext | undefined): tf.Tensor3D {
    return ctx === undefined ? x : dropout(x, ctx.rate, ctx.rng.int(4294967296));
  }

  /**
   * Runs the encoder stack over inputs already projected to `[B, S, d]` (PE and dropout added here)
   * with their 0/1 mask `[B, S]`; returns the memory `[B, S, d]` after the final LayerNorm.
   */
  protected encodeProjected(
    projected: tf.Tensor3D,
    sourceMask: tf.Tensor2D,
    ctx: DropoutContext | undefined,
  ): tf.Tensor3D {
    const p = this.prefix;
    let x = tf.add(projected, this.positions(0, projected.shape[1])) as tf.Tensor3D;
    x = this.drop(x, ctx);
    const mask = paddingMask(sourceMask);
    for (let i = 0; i < this.stack.encoderLayers; i++) {
      x = encoderLayer(this.params, `${p}/encoder/layer${i}`, x, mask, this.stack.heads, ctx);
    }
    return applyLayerNorm(this.params, `${p}/encoder/norm`, x);
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
    for (let i = 0; i < this.stack.decoderLayers; i++) {
      y = decoderLayer(
        this.params,
        `${p}/decoder/layer${i}`,
        y,
        memory,
        selfMask,
        srcMask,
        this.stack.heads,
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
    return Array.from({ length: this.stack.decoderLayers }, (_, i) => {
      const c = startLayerCache(this.params, `${this.prefix}/decoder/layer${i}`, memory, this.stack.heads);
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
          this.stack.heads,
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

  /**
   * Beam search with the GNMT length penalty (core's `BeamSearch`, which the ONNX decoding loop drives
   * too; greedy with `beamSize` 1) over a token decoder: `<prefix>/decoder/embed` → the cached decoder
   * stack → `<prefix>/decoder/output/w` → log-softmax over `vocab` tokens, attending to the memory
   * `[1, S, d]` of one source that `encode` returns (called inside a tidy; every position valid).
   * Hypotheses end at `</s>` (not returned) or after `options.maxLength` tokens.
   */
  protected decodeTokens(encode: () => tf.Tensor3D, vocab: number, options: BeamOptions): number[] {
    const search = new BeamSearch({
      beamSize: options.beamSize,
      maxLength: options.maxLength,
      ...(options.lengthPenalty === undefined ? {} : { lengthPenalty: options.lengthPenalty }),
    });
    let live: LayerCache[] = [];
    let maskAdd: tf.Tensor4D | undefined;
    tf.tidy(() => {
      const memory = encode();
      live = this.startCaches(memory);
      maskAdd = tf.keep(tf.zeros([1, 1, 1, memory.shape[1]]) as tf.Tensor4D);
    });
    try {
      for (let step = 0; step < options.maxLength; step++) {
        const tokens = Int32Array.from(search.lastTokens());
        const out = tf.tidy(() => {
          const table = this.params.get(`${this.prefix}/decoder/embed`);
          const e = embed(tf.tensor2d(tokens, [tokens.length, 1], 'int32'), table) as tf.Tensor3D;
          const r = this.stepWith(e, step, live, maskAdd as tf.Tensor4D);
          live = r.caches;
          return tf.logSoftmax(linear(r.y, this.params.get(`${this.prefix}/decoder/output/w`)));
        });
        const logp = out.dataSync() as Float32Array;
        out.dispose();
        const parents = search.advance(logp, vocab);
        if (parents === undefined) break;
        live = TransformerStack.reorderCaches(live, parents);
      }
      return search.result();
    } finally {
      TransformerStack.disposeCaches(live);
      maskAdd?.dispose();
    }
  }

  /** The self-attention caches of the chosen parent hypotheses (in order); the old ones are disposed. */
  protected static reorderCaches(caches: LayerCache[], parents: number[]): LayerCache[] {
    const same = parents.length === caches[0]?.selfKT?.shape[0] && parents.every((p, i) => p === i);
    if (same) return caches;
    return caches.map((c) => {
      const idx = tf.tensor1d(parents, 'int32');
      const selfKT = c.selfKT === undefined ? undefined : (tf.gather(c.selfKT, idx) as tf.Tensor4D);
      const selfV = c.selfV === undefined ? undefined : (tf.gather(c.selfV, idx) as tf.Tensor4D);
      idx.dispose();
      c.selfKT?.dispose();
      c.selfV?.dispose();
      return { ...c, selfKT, selfV };
    });
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

/**
 * Base of `PoseTransformer` and `TokenTransformer`: a stack whose encoder reads source tokens
 * (embedding, sinusoidal PE, pre-LN layers, final LN).
 *
 * @example
 * ```ts
 * class MyModel extends EncoderDecoder { ... } // see pose-transformer.ts
 * ```
 */
export abstract class EncoderDecoder extends TransformerStack {
  readonly architecture: Architecture;
  readonly sourceVocabSize: number;

  protected constructor(options: EncoderDecoderOptions) {
    const a = options.architecture;
    checkInt('sourceVocabSize', options.sourceVocabSize, 4, 10_000_000);
    super({
      prefix: options.prefix,
      sizes: a,
      seed: options.seed,
      label: 'architecture.',
      maxPositions: Math.max(a.maxSourceLength, a.maxTargetLength),
      createEncoderInput: (params, p) => {
        params.create(`${p}/encoder/embed`, [options.sourceVocabSize, a.dModel], 'xavier');
      },
    });
    this.architecture = a;
    this.sourceVocabSize = options.sourceVocabSize;
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
    checkInt('source length', sourceIds.shape[1], 1, this.architecture.maxSourceLength);
    const embedded = embed(sourceIds, this.params.get(`${this.prefix}/encoder/embed`)) as tf.Tensor3D;
    return this.encodeProjected(embedded, sourceMask, ctx);
  }
}
