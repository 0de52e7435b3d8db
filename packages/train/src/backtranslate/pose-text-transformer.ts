/**
 * The back-translation network: pose frames → tokens. A *continuous pose encoder* (each frame's values
 * through a Linear layer, sinusoidal positions, the package's pre-LN encoder layers and a final
 * LayerNorm) and the *token decoder* of the Prompt2LangGloss stage 1 model (embedding, masked
 * self-attention, cross-attention, FFN, final LayerNorm, Linear(d→V) without bias, softmax), trained
 * with cross-entropy and decoded greedily or by beam search with the key/value cache. Built from the
 * same layer functions and wasm-friendly ops as `PoseTransformer` / `TokenTransformer`; only the
 * encoder's input layer is new.
 */
import { BeamSearch, ERROR_CODES, SignLLMError } from '@signllm/core';
import { createRng } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import { checkFinite, checkIds, checkInt, checkLength } from '../model/encoder-decoder.ts';
import { causalMask, dropout, embed, linear, paddingMask } from '../model/fast-ops.ts';
import { ensureGradients } from '../model/gradients.ts';
import { ParamStore } from '../model/param-store.ts';
import {
  applyLayerNorm,
  createDecoderLayer,
  createEncoderLayer,
  createLayerNorm,
  createLinear,
  type DropoutContext,
  decoderLayer,
  decoderLayerStep,
  encoderLayer,
  type LayerCache,
  type LayerSizes,
  sinusoidalEncoding,
  startLayerCache,
} from '../model/transformer-layers.ts';

/** Layer sizes of a `PoseTextTransformer`. */
export interface PoseTextSizes {
  encoderLayers: number;
  decoderLayers: number;
  dModel: number;
  heads: number;
  ffnSize: number;
  dropout: number;
}

/** Constructor options of `PoseTextTransformer`. */
export interface PoseTextTransformerOptions {
  /** Name prefix of every parameter, e.g. `bt-ase`. */
  prefix: string;
  sizes: PoseTextSizes;
  /** Values per encoder frame: 151 (joints + counter) or 150 (joints). */
  inputWidth: number;
  /** Output vocabulary size, specials included. */
  targetVocabSize: number;
  /** Seed of the initial weights. */
  seed: number;
}

/** One training batch: padded pose frames and teacher-forced token sequences. */
export interface PoseTextBatch {
  /** B */
  size: number;
  /** T, the longest sequence's frames */
  frames: number;
  /** L, the longest token sequence (`</s>` included) */
  tokens: number;
  /** W, values per frame */
  inputWidth: number;
  /** B×T×W, zero padded */
  poses: Float32Array;
  /** B×T, 1 = real frame */
  frameMask: Float32Array;
  /** B×L: `<s>` + tokens */
  targetInput: Int32Array;
  /** B×L: tokens + `</s>` */
  targetOutput: Int32Array;
  /** B×L, 1 = real token */
  targetMask: Float32Array;
}

/** Options of `PoseTextTransformer.decode`. */
export interface PoseTextDecodeOptions {
  /** Most tokens, `</s>` included. */
  maxLength: number;
  /** 1 (default) = greedy. */
  beamSize?: number;
  /** GNMT α of the length penalty (default 0.6). */
  lengthPenalty?: number;
}

interface Decoding {
  caches: LayerCache[];
  maskAdd: tf.Tensor4D;
}

/**
 * Pose → token encoder–decoder on `tf.Variable`s.
 *
 * @example
 * ```ts
 * const net = new PoseTextTransformer({ prefix: 'bt-ase', sizes, inputWidth: 151, targetVocabSize: 900, seed: 1 });
 * const { value } = tf.variableGrads(() => net.loss(batch, net.forward(batch, { training: true, seed: 0 })));
 * const ids = net.decode(frames, { maxLength: 40, beamSize: 4 });
 * ```
 */
export class PoseTextTransformer {
  readonly params: ParamStore;
  readonly sizes: PoseTextSizes;
  readonly prefix: string;
  readonly inputWidth: number;
  readonly targetVocabSize: number;
  private readonly layerSizes: LayerSizes;
  private pe: Float32Array = new Float32Array(0);
  private peLength = 0;

  constructor(options: PoseTextTransformerOptions) {
    ensureGradients();
    const s = options.sizes;
    checkInt('dModel', s.dModel, 1, 8192);
    checkInt('heads', s.heads, 1, s.dModel);
    if (s.dModel % s.heads !== 0) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `dModel ${s.dModel} is not divisible by heads ${s.heads}`,
      );
    }
    checkInt('encoderLayers', s.encoderLayers, 1, 64);
    checkInt('decoderLayers', s.decoderLayers, 1, 64);
    checkInt('ffnSize', s.ffnSize, 1, 65_536);
    checkInt('inputWidth', options.inputWidth, 1, 65_536);
    checkInt('targetVocabSize', options.targetVocabSize, 4, 10_000_000);
    if (!(s.dropout >= 0 && s.dropout < 1)) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `dropout ${s.dropout} is outside [0, 1)`);
    }
    this.sizes = s;
    this.prefix = options.prefix;
    this.inputWidth = options.inputWidth;
    this.targetVocabSize = options.targetVocabSize;
    this.layerSizes = { dModel: s.dModel, heads: s.heads, ffnSize: s.ffnSize };
    this.params = new ParamStore(options.seed);
    const p = this.prefix;
    createLinear(this.params, `${p}/encoder/input`, options.inputWidth, s.dModel);
    for (let i = 0; i < s.encoderLayers; i++)
      createEncoderLayer(this.params, `${p}/encoder/layer${i}`, this.layerSizes);
    createLayerNorm(this.params, `${p}/encoder/norm`, s.dModel);
    this.params.create(`${p}/decoder/embed`, [options.targetVocabSize, s.dModel], 'xavier');
    for (let i = 0; i < s.decoderLayers; i++)
      createDecoderLayer(this.params, `${p}/decoder/layer${i}`, this.layerSizes);
    createLayerNorm(this.params, `${p}/decoder/norm`, s.dModel);
    this.params.create(`${p}/decoder/output/w`, [s.dModel, options.targetVocabSize], 'xavier');
  }

  /** Positional encodings of positions [start, start + length) as `[1, length, d]`. */
  private positions(start: number, length: number): tf.Tensor3D {
    const d = this.sizes.dModel;
    if (start + length > this.peLength) {
      this.peLength = Math.max(start + length, 2 * this.peLength, 64);
      this.pe = sinusoidalEncoding(this.peLength, d);
    }
    return tf.tensor3d(this.pe.subarray(start * d, (start + length) * d), [1, length, d]);
  }

  private drop(x: tf.Tensor3D, ctx: DropoutContext | undefined): tf.Tensor3D {
    return ctx === undefined ? x : dropout(x, ctx.rate, ctx.rng.int(4294967296));
  }

  /** Encodes frames `[B, T, W]` with their 0/1 mask `[B, T]` into the memory `[B, T, d]`. */
  private encodeWith(poses: tf.Tensor3D, mask: tf.Tensor2D, ctx: DropoutContext | undefined): tf.Tensor3D {
    const p = this.prefix;
    const t = poses.shape[1];
    const input = linear(
      poses,
      this.params.get(`${p}/encoder/input/w`),
      this.params.get(`${p}/encoder/input/b`),
    );
    let x = this.drop(tf.add(input, this.positions(0, t)) as tf.Tensor3D, ctx);
    const maskAdd = paddingMask(mask);
    for (let i = 0; i < this.sizes.encoderLayers; i++) {
      x = encoderLayer(this.params, `${p}/encoder/layer${i}`, x, maskAdd, this.sizes.heads, ctx);
    }
    return applyLayerNorm(this.params, `${p}/encoder/norm`, x);
  }

  /** Checks a batch's sizes, ids and values; throws SignLLMError naming the first problem. */
  checkBatch(batch: PoseTextBatch): void {
    const { size: b, frames: t, tokens: l } = batch;
    checkInt('batch.size', b, 1, 1 << 20);
    checkInt('batch.frames', t, 1, 1 << 20);
    checkInt('batch.tokens', l, 1, 1 << 20);
    if (batch.inputWidth !== this.inputWidth) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `batch frames have ${batch.inputWidth} values; the model reads ${this.inputWidth}`,
      );
    }
    checkLength('batch.poses', batch.poses, b * t * this.inputWidth, 'B×T×W');
    checkLength('batch.frameMask', batch.frameMask, b * t, 'B×T');
    checkLength('batch.targetInput', batch.targetInput, b * l, 'B×L');
    checkLength('batch.targetOutput', batch.targetOutput, b * l, 'B×L');
    checkLength('batch.targetMask', batch.targetMask, b * l, 'B×L');
    checkFinite('batch.poses', batch.poses);
    checkIds('batch.targetInput', batch.targetInput, this.targetVocabSize);
    checkIds('batch.targetOutput', batch.targetOutput, this.targetVocabSize);
  }

  /** Teacher-forced logits `[B, L, V]` (batch checked first). Dropout only when `training`. */
  forward(batch: PoseTextBatch, options: { training: boolean; seed: number }): tf.Tensor3D {
    this.checkBatch(batch);
    return tf.tidy(() => {
      const ctx =
        options.training && this.sizes.dropout > 0
          ? { rate: this.sizes.dropout, rng: createRng(options.seed).fork('backtranslation') }
          : undefined;
      const poses = tf.tensor3d(batch.poses, [batch.size, batch.frames, this.inputWidth]);
      const mask = tf.tensor2d(batch.frameMask, [batch.size, batch.frames]);
      const memory = this.encodeWith(poses, mask, ctx);
      const input = tf.tensor2d(batch.targetInput, [batch.size, batch.tokens], 'int32');
      const embedded = embed(input, this.params.get(`${this.prefix}/decoder/embed`)) as tf.Tensor3D;
      let y = this.drop(tf.add(embedded, this.positions(0, batch.tokens)) as tf.Tensor3D, ctx);
      const selfMask = causalMask(batch.tokens);
      const srcMask = paddingMask(mask);
      for (let i = 0; i < this.sizes.decoderLayers; i++) {
        const name = `${this.prefix}/decoder/layer${i}`;
        y = decoderLayer(this.params, name, y, memory, selfMask, srcMask, this.sizes.heads, ctx);
      }
      const hidden = applyLayerNorm(this.params, `${this.prefix}/decoder/norm`, y);
      return linear(hidden, this.params.get(`${this.prefix}/decoder/output/w`));
    });
  }

  /**
   * Cross-entropy per valid token, averaged over every valid token of the batch (a scalar; stable
   * log-softmax; one-hot picking, so its gradient needs no gather).
   */
  loss(batch: PoseTextBatch, logits: tf.Tensor3D): tf.Scalar {
    const { size: b, tokens: l } = batch;
    const v = this.targetVocabSize;
    if (logits.shape[0] !== b || logits.shape[1] !== l || logits.shape[2] !== v) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `logits have shape [${logits.shape}], expected [${b}, ${l}, ${v}]`,
      );
    }
    const valid = batch.targetMask.reduce((n, m) => n + m, 0);
    return tf.tidy(() => {
      const picked = tf.oneHot(tf.tensor2d(batch.targetOutput, [b, l], 'int32'), v);
      const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), picked), -1));
      return tf.div(tf.sum(tf.mul(nll, tf.tensor2d(batch.targetMask, [b, l]))), Math.max(1, valid));
    });
  }

  /**
   * Decodes one pose sequence (`frames × inputWidth` values, no padding) into token ids: beam search
   * with the GNMT length penalty (core's `BeamSearch`, as the stage 1 model), greedy with `beamSize` 1.
   * Stops at `</s>` (not returned) or after `maxLength` tokens.
   */
  decode(poses: Float32Array, options: PoseTextDecodeOptions): number[] {
    const w = this.inputWidth;
    if (poses.length === 0 || poses.length % w !== 0) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `poses hold ${poses.length} values, not a positive whole number of ${w}-value frames`,
      );
    }
    checkFinite('poses', poses);
    checkInt('maxLength', options.maxLength, 1, 1 << 16);
    const search = new BeamSearch({
      beamSize: options.beamSize ?? 1,
      maxLength: options.maxLength,
      ...(options.lengthPenalty === undefined ? {} : { lengthPenalty: options.lengthPenalty }),
    });
    const t = poses.length / w;
    const d: Decoding = { caches: [], maskAdd: tf.zeros([1, 1, 1, t]) };
    try {
      tf.tidy(() => {
        const mask = tf.ones([1, t]) as tf.Tensor2D;
        const memory = this.encodeWith(tf.tensor3d(poses, [1, t, w]), mask, undefined);
        for (let i = 0; i < this.sizes.decoderLayers; i++) {
          const c = startLayerCache(
            this.params,
            `${this.prefix}/decoder/layer${i}`,
            memory,
            this.sizes.heads,
          );
          d.caches.push({ ...c, crossKT: tf.keep(c.crossKT), crossV: tf.keep(c.crossV) });
        }
      });
      for (let step = 0; step < options.maxLength; step++) {
        const logp = this.step(d, Int32Array.from(search.lastTokens()), step);
        const parents = search.advance(logp, this.targetVocabSize);
        if (parents === undefined) break;
        this.reorder(d, parents);
      }
      return search.result();
    } finally {
      for (const c of d.caches)
        tf.dispose([c.crossKT, c.crossV, ...(c.selfKT ? [c.selfKT] : []), ...(c.selfV ? [c.selfV] : [])]);
      d.maskAdd.dispose();
    }
  }

  /** One cached decoder step for n live hypotheses: log-probabilities `n × V` of the next token. */
  private step(d: Decoding, tokens: Int32Array, position: number): Float32Array {
    const previous = d.caches;
    const next: LayerCache[] = [];
    const out = tf.tidy(() => {
      const table = this.params.get(`${this.prefix}/decoder/embed`);
      const e = embed(tf.tensor2d(tokens, [tokens.length, 1], 'int32'), table) as tf.Tensor3D;
      let y = tf.add(e, this.positions(position, 1)) as tf.Tensor3D;
      previous.forEach((cache, i) => {
        const name = `${this.prefix}/decoder/layer${i}`;
        const r = decoderLayerStep(this.params, name, y, cache, d.maskAdd, this.sizes.heads);
        y = r.y;
        next.push({ ...r.cache, selfKT: tf.keep(r.cache.selfKT!), selfV: tf.keep(r.cache.selfV!) });
      });
      const hidden = applyLayerNorm(this.params, `${this.prefix}/decoder/norm`, y);
      return tf.logSoftmax(linear(hidden, this.params.get(`${this.prefix}/decoder/output/w`)));
    });
    for (const c of previous) tf.dispose([...(c.selfKT ? [c.selfKT] : []), ...(c.selfV ? [c.selfV] : [])]);
    d.caches = next;
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }

  /** Keeps the self-attention caches of the chosen parents (in order). */
  private reorder(d: Decoding, parents: number[]): void {
    const live = d.caches[0]?.selfKT?.shape[0];
    if (parents.length === live && parents.every((p, i) => p === i)) return;
    d.caches = d.caches.map((c) => {
      const idx = tf.tensor1d(parents, 'int32');
      const selfKT = c.selfKT === undefined ? undefined : (tf.gather(c.selfKT, idx) as tf.Tensor4D);
      const selfV = c.selfV === undefined ? undefined : (tf.gather(c.selfV, idx) as tf.Tensor4D);
      idx.dispose();
      c.selfKT?.dispose();
      c.selfV?.dispose();
      return { ...c, selfKT, selfV };
    });
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
