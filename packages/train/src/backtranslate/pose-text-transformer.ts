/**
 * The back-translation network: pose frames → tokens. A *continuous pose encoder* (each frame's values
 * through a Linear layer, sinusoidal positions, the package's pre-LN encoder layers and a final
 * LayerNorm) and the *token decoder* of the Prompt2LangGloss stage 1 model (embedding, masked
 * self-attention, cross-attention, FFN, final LayerNorm, Linear(d→V) without bias, softmax), trained
 * with cross-entropy and decoded greedily or by beam search with the key/value cache. A
 * `TransformerStack` like `PoseTransformer` / `TokenTransformer`, whose layers, cached decoding and beam
 * search it shares; only the encoder's input layer is its own.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  checkFinite,
  checkIds,
  checkInt,
  checkLength,
  type ForwardOptions,
  type StackSizes,
  TransformerStack,
} from '../model/encoder-decoder.ts';
import { embed, linear } from '../model/fast-ops.ts';
import { createLinear, type DropoutContext } from '../model/transformer-layers.ts';

/** Layer sizes of a `PoseTextTransformer`. */
export type PoseTextSizes = StackSizes;

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
export class PoseTextTransformer extends TransformerStack {
  readonly inputWidth: number;
  readonly targetVocabSize: number;

  constructor(options: PoseTextTransformerOptions) {
    checkInt('inputWidth', options.inputWidth, 1, 65_536);
    checkInt('targetVocabSize', options.targetVocabSize, 4, 10_000_000);
    const d = options.sizes.dModel;
    super({
      prefix: options.prefix,
      sizes: options.sizes,
      seed: options.seed,
      createEncoderInput: (params, p) => createLinear(params, `${p}/encoder/input`, options.inputWidth, d),
      createDecoderInput: (params, p) => {
        params.create(`${p}/decoder/embed`, [options.targetVocabSize, d], 'xavier');
      },
    });
    this.inputWidth = options.inputWidth;
    this.targetVocabSize = options.targetVocabSize;
    this.params.create(`${this.prefix}/decoder/output/w`, [d, options.targetVocabSize], 'xavier');
  }

  /** Layer counts and sizes. */
  get sizes(): PoseTextSizes {
    return this.stack;
  }

  /** Encodes frames `[B, T, W]` with their 0/1 mask `[B, T]` into the memory `[B, T, d]`. */
  private encodePoses(poses: tf.Tensor3D, mask: tf.Tensor2D, ctx: DropoutContext | undefined): tf.Tensor3D {
    const p = this.prefix;
    const input = linear(
      poses,
      this.params.get(`${p}/encoder/input/w`),
      this.params.get(`${p}/encoder/input/b`),
    ) as tf.Tensor3D;
    return this.encodeProjected(input, mask, ctx);
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
  forward(batch: PoseTextBatch, options: ForwardOptions): tf.Tensor3D {
    this.checkBatch(batch);
    return tf.tidy(() => {
      const ctx = this.dropoutContext(options, 'backtranslation');
      const poses = tf.tensor3d(batch.poses, [batch.size, batch.frames, this.inputWidth]);
      const mask = tf.tensor2d(batch.frameMask, [batch.size, batch.frames]);
      const memory = this.encodePoses(poses, mask, ctx);
      const input = tf.tensor2d(batch.targetInput, [batch.size, batch.tokens], 'int32');
      const embedded = embed(input, this.params.get(`${this.prefix}/decoder/embed`)) as tf.Tensor3D;
      const hidden = this.decodeWith(embedded, memory, mask, ctx);
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
    const t = poses.length / w;
    const encode = () => this.encodePoses(tf.tensor3d(poses, [1, t, w]), tf.ones([1, t]), undefined);
    return this.decodeTokens(encode, this.targetVocabSize, {
      beamSize: options.beamSize ?? 1,
      maxLength: options.maxLength,
      ...(options.lengthPenalty === undefined ? {} : { lengthPenalty: options.lengthPenalty }),
    });
  }
}
