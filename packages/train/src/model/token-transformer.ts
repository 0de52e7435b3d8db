/**
 * Prompt2LangGloss stage 1: prompt/text tokens → LangGloss tokens. The same encoder as the pose model,
 * a decoder over target-token embeddings and an output Linear(d→V, no bias) giving logits. Greedy and
 * beam search (GNMT length penalty) both decode incrementally with the key/value cache.
 */

import { ERROR_CODES, SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TokenBatch } from './batch-types.ts';
import {
  type BeamOptions,
  checkIds,
  checkInt,
  checkLength,
  EncoderDecoder,
  type EncoderDecoderOptions,
  type ForwardOptions,
} from './encoder-decoder.ts';
import { embed, linear } from './fast-ops.ts';

/** Constructor options of `TokenTransformer`. */
export interface TokenTransformerOptions extends EncoderDecoderOptions {
  /** Target (LangGloss) vocabulary size, specials included. */
  targetVocabSize: number;
}

/** Options of `TokenTransformer.beam`. */
export type { BeamOptions } from './encoder-decoder.ts';

/**
 * Token-to-token encoder–decoder on `tf.Variable`s.
 *
 * @example
 * ```ts
 * const model = new TokenTransformer({ prefix: 'p2lg', architecture, sourceVocabSize: 4000, targetVocabSize: 3000, seed: 1 });
 * const losses = model.sampleLosses(batch, model.forward(batch, { training: true, seed: 0 }));
 * const gloss = model.beam(new Int32Array([17, 5, 3]), { beamSize: 5, maxLength: 40 });
 * ```
 */
export class TokenTransformer extends EncoderDecoder {
  readonly targetVocabSize: number;

  constructor(options: TokenTransformerOptions) {
    super(options);
    checkInt('targetVocabSize', options.targetVocabSize, 4, 10_000_000);
    this.targetVocabSize = options.targetVocabSize;
    this.params.create(
      `${this.prefix}/decoder/embed`,
      [options.targetVocabSize, this.architecture.dModel],
      'xavier',
    );
    this.params.create(
      `${this.prefix}/decoder/output/w`,
      [this.architecture.dModel, options.targetVocabSize],
      'xavier',
    );
  }

  /** Checks a batch's sizes and ids; throws SignLLMError naming the first problem. */
  checkBatch(batch: TokenBatch): void {
    const { size: b, sourceLength: u, targetLength: l } = batch;
    checkInt('batch.size', b, 1, 1 << 20);
    checkInt('batch.sourceLength', u, 1, this.architecture.maxSourceLength);
    checkInt('batch.targetLength', l, 1, this.architecture.maxTargetLength);
    checkLength('batch.sourceIds', batch.sourceIds, b * u, 'B×U');
    checkLength('batch.sourceMask', batch.sourceMask, b * u, 'B×U');
    checkLength('batch.targetInput', batch.targetInput, b * l, 'B×L');
    checkLength('batch.targetOutput', batch.targetOutput, b * l, 'B×L');
    checkLength('batch.targetMask', batch.targetMask, b * l, 'B×L');
    checkIds('batch.sourceIds', batch.sourceIds, this.sourceVocabSize);
    checkIds('batch.targetInput', batch.targetInput, this.targetVocabSize);
    checkIds('batch.targetOutput', batch.targetOutput, this.targetVocabSize);
  }

  /** Teacher-forced logits `[B, L, V]` (batch checked first). */
  forward(batch: TokenBatch, options: ForwardOptions): tf.Tensor3D {
    this.checkBatch(batch);
    return tf.tidy(() => {
      const ids = tf.tensor2d(batch.sourceIds, [batch.size, batch.sourceLength], 'int32');
      const mask = tf.tensor2d(batch.sourceMask, [batch.size, batch.sourceLength]);
      const input = tf.tensor2d(batch.targetInput, [batch.size, batch.targetLength], 'int32');
      const ctx = this.dropoutContext(options, 'token');
      const memory = this.encodeWith(ids, mask, ctx);
      const embedded = embed(input, this.params.get(`${this.prefix}/decoder/embed`)) as tf.Tensor3D;
      const hidden = this.decodeWith(embedded, memory, mask, ctx);
      return linear(hidden, this.params.get(`${this.prefix}/decoder/output/w`));
    });
  }

  /** Per-sample masked mean cross-entropy `[B]` (stable log-softmax); 0 for a sample without valid tokens. */
  sampleLosses(batch: TokenBatch, logits: tf.Tensor3D): tf.Tensor1D {
    const { size: b, targetLength: l } = batch;
    const v = this.targetVocabSize;
    if (logits.shape[0] !== b || logits.shape[1] !== l || logits.shape[2] !== v) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `logits have shape [${logits.shape}], expected [${b}, ${l}, ${v}]`,
      );
    }
    checkLength('batch.targetOutput', batch.targetOutput, b * l, 'B×L');
    checkLength('batch.targetMask', batch.targetMask, b * l, 'B×L');
    checkIds('batch.targetOutput', batch.targetOutput, v);
    const counts = new Float32Array(b);
    for (let i = 0; i < b; i++) {
      let n = 0;
      for (let j = 0; j < l; j++) n += batch.targetMask[i * l + j] ?? 0;
      counts[i] = n > 0 ? n : 1;
    }
    return tf.tidy(() => {
      const picked = tf.oneHot(tf.tensor2d(batch.targetOutput, [b, l], 'int32'), v);
      const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), picked), -1));
      const masked = tf.mul(nll, tf.tensor2d(batch.targetMask, [b, l]));
      return tf.div(tf.sum(masked, 1), tf.tensor1d(counts)) as tf.Tensor1D;
    });
  }

  /**
   * Greedy decoding of one source sequence (no padding, `</s>` included): at most `maxLength` tokens;
   * stops at `</s>` (id 3), which is not returned.
   */
  greedy(sourceIds: Int32Array, maxLength: number): number[] {
    // A beam of one is greedy decoding: the best token each step (ties to the lower id), ending at </s>.
    return this.beam(sourceIds, { beamSize: 1, maxLength });
  }

  /**
   * Beam search with the GNMT length penalty; the search itself is core's `BeamSearch` (the ONNX
   * decoding loop drives the same one). Hypotheses end at `</s>` (not returned). With `beamSize` 1 it
   * returns exactly what `greedy` returns.
   */
  beam(sourceIds: Int32Array, options: BeamOptions): number[] {
    checkInt('maxLength', options.maxLength, 1, this.architecture.maxTargetLength);
    const u = sourceIds.length;
    checkInt('source length', u, 1, this.architecture.maxSourceLength);
    checkIds('sourceIds', sourceIds, this.sourceVocabSize);
    const encode = () => this.encodeWith(tf.tensor2d(sourceIds, [1, u], 'int32'), tf.ones([1, u]), undefined);
    return this.decodeTokens(encode, this.targetVocabSize, options);
  }
}
