/**
 * The Progressive-Transformers pose model: source tokens → frames of 150 joint values + 1 counter.
 * Decoder input = Linear(151→d) on the previous frame (or Linear(1→d) on its counter with Just Counter),
 * output = Linear(d→outputWidth, no bias) where outputWidth = 150·k + 1 with future prediction k.
 * Generation is free-running (stop at the first counter ≥ stopCounter) or PT's ground-truth timing mode,
 * with an incremental key/value cache (default) or a full recompute per step.
 */

import { ERROR_CODES, SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import { FRAME_WIDTH, JOINT_VALUES, type PoseBatch } from './batch-types.ts';
import {
  checkFinite,
  checkIds,
  checkInt,
  checkLength,
  EncoderDecoder,
  type EncoderDecoderOptions,
  type ForwardOptions,
} from './encoder-decoder.ts';
import { linear, paddingMask } from './fast-ops.ts';
import { createLinear, type LayerCache } from './transformer-layers.ts';

/** Constructor options of `PoseTransformer`. */
export interface PoseTransformerOptions extends EncoderDecoderOptions {
  /** 150·k + 1 (151 without future prediction). */
  outputWidth: number;
  /** Feed the decoder only the counter column of its input. */
  justCounter: boolean;
}

/** Options of `PoseTransformer.generate`. */
export interface PoseGenerateOptions {
  /** Most frames to generate (≤ architecture.maxTargetLength). */
  maxFrames: number;
  /** Stop at the first predicted counter ≥ this (default 0.99). */
  stopCounter?: number;
  /**
   * PT's ground-truth timing: the counter column of the decoder input (`groundTruthCounters[i]` replaces
   * the counter of the frame fed at step i; step 0 is the BOS frame, normally 0). Runs exactly that many steps.
   */
  groundTruthCounters?: Float32Array;
  /** Use the key/value cache (default true); false recomputes the whole prefix each step. */
  cache?: boolean;
}

/** Result of `PoseTransformer.generate`. */
export interface PoseGenerateResult {
  /** n × 151: the first 150 predicted values + the predicted counter of each step. */
  frames: Float32Array;
  stoppedBy: 'counter' | 'limit' | 'length';
}

/**
 * Text/gloss → pose encoder–decoder on `tf.Variable`s.
 *
 * @example
 * ```ts
 * const model = new PoseTransformer({ prefix: 'ase', architecture, sourceVocabSize: 4000,
 *   outputWidth: 151, justCounter: false, seed: 27 });
 * const loss = optimizer.minimize(() => tf.mean(model.sampleLosses(batch, model.forward(batch, { training: true, seed: step }))), true);
 * const { frames } = model.generate(new Int32Array([57, 12, 3]), { maxFrames: 300 });
 * ```
 */
export class PoseTransformer extends EncoderDecoder {
  readonly outputWidth: number;
  readonly justCounter: boolean;
  private readonly inputWidth: number;

  constructor(options: PoseTransformerOptions) {
    super(options);
    const w = options.outputWidth;
    if (!Number.isInteger(w) || w < FRAME_WIDTH || (w - 1) % JOINT_VALUES !== 0 || w > 150 * 64 + 1) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `outputWidth ${w} must be 150·k + 1 for k in 1..64 (151 without future prediction)`,
      );
    }
    this.outputWidth = w;
    this.justCounter = options.justCounter;
    this.inputWidth = options.justCounter ? 1 : FRAME_WIDTH;
    createLinear(this.params, `${this.prefix}/decoder/input`, this.inputWidth, this.architecture.dModel);
    createLinear(this.params, `${this.prefix}/decoder/output`, this.architecture.dModel, w, false);
  }

  /** Checks a batch's sizes, ids and values; throws SignLLMError naming the first problem. */
  checkBatch(batch: PoseBatch): void {
    const { size: b, sourceLength: u, frames: t } = batch;
    checkInt('batch.size', b, 1, 1 << 20);
    checkInt('batch.sourceLength', u, 1, this.architecture.maxSourceLength);
    checkInt('batch.frames', t, 1, this.architecture.maxTargetLength);
    if (batch.outputWidth !== this.outputWidth) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `batch.outputWidth ${batch.outputWidth} does not match the model's outputWidth ${this.outputWidth}`,
      );
    }
    checkLength('batch.sourceIds', batch.sourceIds, b * u, 'B×U');
    checkLength('batch.sourceMask', batch.sourceMask, b * u, 'B×U');
    checkLength('batch.decoderInput', batch.decoderInput, b * t * FRAME_WIDTH, 'B×T×151');
    checkLength('batch.target', batch.target, b * t * this.outputWidth, 'B×T×outputWidth');
    checkLength('batch.frameMask', batch.frameMask, b * t, 'B×T');
    checkIds('batch.sourceIds', batch.sourceIds, this.sourceVocabSize);
    checkFinite('batch.decoderInput', batch.decoderInput);
    checkFinite('batch.target', batch.target);
  }

  /**
   * Teacher-forced predictions `[B, T, outputWidth]` for a batch (checked first). Dropout only when
   * `training`; `seed` fixes its masks.
   */
  forward(batch: PoseBatch, options: ForwardOptions): tf.Tensor3D {
    this.checkBatch(batch);
    return tf.tidy(() => {
      const ids = tf.tensor2d(batch.sourceIds, [batch.size, batch.sourceLength], 'int32');
      const mask = tf.tensor2d(batch.sourceMask, [batch.size, batch.sourceLength]);
      const input = tf.tensor3d(batch.decoderInput, [batch.size, batch.frames, FRAME_WIDTH]);
      return this.forwardTensors(ids, mask, input, options);
    });
  }

  /** `forward` on tensors: ids `[B, U]` int32 (valid), mask `[B, U]`, decoder input `[B, T, 151]`. */
  forwardTensors(
    sourceIds: tf.Tensor2D,
    sourceMask: tf.Tensor2D,
    decoderInput: tf.Tensor3D,
    options: ForwardOptions,
  ): tf.Tensor3D {
    return tf.tidy(() => {
      const ctx = this.dropoutContext(options, 'pose');
      const memory = this.encodeWith(sourceIds, sourceMask, ctx);
      const hidden = this.decodeWith(this.embedFrames(decoderInput), memory, sourceMask, ctx);
      return linear(hidden, this.params.get(`${this.prefix}/decoder/output/w`));
    });
  }

  private embedFrames(frames: tf.Tensor3D): tf.Tensor3D {
    const [b, t, w] = frames.shape;
    const x = this.justCounter && w !== 1 ? tf.slice(frames, [0, 0, w - 1], [b, t, 1]) : frames;
    const p = `${this.prefix}/decoder/input`;
    return linear(x, this.params.get(`${p}/w`), this.params.get(`${p}/b`));
  }

  /**
   * Per-sample masked MSE `[B]`: Σ over valid frames and all outputWidth values of (pred − target)²,
   * divided by (valid frames × outputWidth); 0 for a sample without valid frames.
   */
  sampleLosses(batch: PoseBatch, pred: tf.Tensor3D): tf.Tensor1D {
    const { size: b, frames: t } = batch;
    const w = this.outputWidth;
    if (pred.shape[0] !== b || pred.shape[1] !== t || pred.shape[2] !== w) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `predictions have shape [${pred.shape}], expected [${b}, ${t}, ${w}]`,
      );
    }
    checkLength('batch.target', batch.target, b * t * w, 'B×T×outputWidth');
    checkLength('batch.frameMask', batch.frameMask, b * t, 'B×T');
    const denominators = new Float32Array(b);
    for (let i = 0; i < b; i++) {
      let valid = 0;
      for (let j = 0; j < t; j++) valid += batch.frameMask[i * t + j] ?? 0;
      denominators[i] = valid > 0 ? valid * w : 1;
    }
    return tf.tidy(() => {
      const target = tf.tensor3d(batch.target, [b, t, w]);
      const mask = tf.tensor3d(batch.frameMask, [b, t, 1]);
      const sq = tf.mul(tf.square(tf.sub(pred, target)), mask);
      return tf.div(tf.sum(sq, [1, 2]), tf.tensor1d(denominators)) as tf.Tensor1D;
    });
  }

  /**
   * Generates frames for one source sequence (no padding, `</s>` included). No tensors outlive the call.
   */
  generate(sourceIds: Int32Array, options: PoseGenerateOptions): PoseGenerateResult {
    const u = sourceIds.length;
    checkInt('source length', u, 1, this.architecture.maxSourceLength);
    checkIds('sourceIds', sourceIds, this.sourceVocabSize);
    checkInt('maxFrames', options.maxFrames, 1, this.architecture.maxTargetLength);
    const stopCounter = options.stopCounter ?? 0.99;
    if (!Number.isFinite(stopCounter)) {
      throw new SignLLMError(ERROR_CODES.invalidNumber, `stopCounter ${stopCounter} is not finite`);
    }
    const gt = options.groundTruthCounters;
    if (gt !== undefined) {
      checkInt('groundTruthCounters.length', gt.length, 1, this.architecture.maxTargetLength);
      checkFinite('groundTruthCounters', gt);
    }
    const steps = gt?.length ?? options.maxFrames;
    const useCache = options.cache ?? true;
    const inputs = new Float32Array(steps * FRAME_WIDTH); // row i = frame fed at step i (row 0 = BOS)
    const frames: number[] = [];
    const mask2d = tf.ones([1, u]) as tf.Tensor2D;
    const maskAdd = tf.tidy(() => paddingMask(mask2d));
    const memory = tf.tidy(() => this.encodeWith(tf.tensor2d(sourceIds, [1, u], 'int32'), mask2d, undefined));
    let caches: LayerCache[] = [];
    if (useCache) {
      tf.tidy(() => {
        caches = this.startCaches(memory);
      });
    }
    const outW = `${this.prefix}/decoder/output/w`;
    try {
      for (let step = 0; step < steps; step++) {
        if (gt !== undefined) inputs[step * FRAME_WIDTH + JOINT_VALUES] = gt[step] ?? 0;
        const row = tf.tidy(() => {
          if (useCache) {
            const current = tf.tensor3d(inputs.subarray(step * FRAME_WIDTH, (step + 1) * FRAME_WIDTH), [
              1,
              1,
              FRAME_WIDTH,
            ]);
            const r = this.stepWith(this.embedFrames(current), step, caches, maskAdd);
            caches = r.caches;
            return linear(r.y, this.params.get(outW));
          }
          const prefix = tf.tensor3d(inputs.subarray(0, (step + 1) * FRAME_WIDTH), [
            1,
            step + 1,
            FRAME_WIDTH,
          ]);
          const hidden = this.decodeWith(this.embedFrames(prefix), memory, mask2d, undefined);
          const last = tf.slice(hidden, [0, step, 0], [1, 1, this.architecture.dModel]);
          return linear(last, this.params.get(outW));
        });
        const pred = row.dataSync();
        row.dispose();
        const counter = pred[this.outputWidth - 1] ?? 0;
        const base = frames.length;
        for (let j = 0; j < JOINT_VALUES; j++) frames.push(pred[j] ?? 0);
        frames.push(counter);
        if (step + 1 < steps) inputs.set(frames.slice(base, base + FRAME_WIDTH), (step + 1) * FRAME_WIDTH);
        if (gt === undefined && counter >= stopCounter)
          return { frames: Float32Array.from(frames), stoppedBy: 'counter' };
      }
      return { frames: Float32Array.from(frames), stoppedBy: gt === undefined ? 'limit' : 'length' };
    } finally {
      EncoderDecoder.disposeCaches(caches);
      memory.dispose();
      mask2d.dispose();
      maskAdd.dispose();
    }
  }
}
