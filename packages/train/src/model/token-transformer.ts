/**
 * Prompt2LangGloss stage 1: prompt/text tokens → LangGloss tokens. The same encoder as the pose model,
 * a decoder over target-token embeddings and an output Linear(d→V, no bias) giving logits. Greedy and
 * beam search (GNMT length penalty) both decode incrementally with the key/value cache.
 */

import { BOS_ID, EOS_ID, ERROR_CODES, SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TokenBatch } from './batch-types.ts';
import {
  checkIds,
  checkInt,
  checkLength,
  EncoderDecoder,
  type EncoderDecoderOptions,
  type ForwardOptions,
} from './encoder-decoder.ts';
import { embed, linear, paddingMask } from './fast-ops.ts';
import type { LayerCache } from './transformer-layers.ts';

/** Constructor options of `TokenTransformer`. */
export interface TokenTransformerOptions extends EncoderDecoderOptions {
  /** Target (LangGloss) vocabulary size, specials included. */
  targetVocabSize: number;
}

/** Options of `TokenTransformer.beam`. */
export interface BeamOptions {
  beamSize: number;
  maxLength: number;
  /** GNMT α of the length penalty ((5 + |Y|) / 6)^α (default 0.6). */
  lengthPenalty?: number;
}

interface Decoding {
  caches: LayerCache[];
  maskAdd: tf.Tensor4D;
  memory: tf.Tensor3D;
}

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

  private startDecoding(sourceIds: Int32Array): Decoding {
    const u = sourceIds.length;
    checkInt('source length', u, 1, this.architecture.maxSourceLength);
    checkIds('sourceIds', sourceIds, this.sourceVocabSize);
    let decoding: Decoding | undefined;
    tf.tidy(() => {
      const mask = tf.ones([1, u]) as tf.Tensor2D;
      const memory = tf.keep(this.encodeWith(tf.tensor2d(sourceIds, [1, u], 'int32'), mask, undefined));
      decoding = { caches: this.startCaches(memory), maskAdd: tf.keep(paddingMask(mask)), memory };
    });
    return decoding as Decoding;
  }

  private static finish(d: Decoding): void {
    EncoderDecoder.disposeCaches(d.caches);
    d.maskAdd.dispose();
    d.memory.dispose();
  }

  /** One cached step for n live hypotheses: log-probabilities `n × V` of the next token. */
  private step(d: Decoding, tokens: Int32Array, position: number): Float32Array {
    const out = tf.tidy(() => {
      const e = embed(
        tf.tensor2d(tokens, [tokens.length, 1], 'int32'),
        this.params.get(`${this.prefix}/decoder/embed`),
      );
      const r = this.stepWith(e as tf.Tensor3D, position, d.caches, d.maskAdd);
      d.caches = r.caches;
      return tf.logSoftmax(linear(r.y, this.params.get(`${this.prefix}/decoder/output/w`)));
    });
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }

  /**
   * Greedy decoding of one source sequence (no padding, `</s>` included): at most `maxLength` tokens;
   * stops at `</s>` (id 3), which is not returned.
   */
  greedy(sourceIds: Int32Array, maxLength: number): number[] {
    checkInt('maxLength', maxLength, 1, this.architecture.maxTargetLength);
    const d = this.startDecoding(sourceIds);
    const v = this.targetVocabSize;
    const out: number[] = [];
    try {
      let token: number = BOS_ID;
      for (let step = 0; step < maxLength; step++) {
        const logp = this.step(d, Int32Array.of(token), step);
        let best = 0;
        for (let j = 1; j < v; j++) if ((logp[j] ?? -Infinity) > (logp[best] ?? -Infinity)) best = j;
        if (best === EOS_ID) break;
        out.push(best);
        token = best;
      }
      return out;
    } finally {
      TokenTransformer.finish(d);
    }
  }

  /**
   * Beam search with the GNMT length penalty (score = log P / ((5 + |Y|) / 6)^α, |Y| counting `</s>`);
   * hypotheses end at `</s>` (not returned). Each step keeps the `beamSize` best extensions; those ending
   * in `</s>` leave the beam (so it narrows, as in JoeyNMT). Stops when no live hypothesis can still beat
   * the best ended one, when none is left, or after `maxLength` steps (then the live ones compete too).
   * With `beamSize` 1 it returns exactly what `greedy` returns.
   */
  beam(sourceIds: Int32Array, options: BeamOptions): number[] {
    checkInt('beamSize', options.beamSize, 1, 256);
    checkInt('maxLength', options.maxLength, 1, this.architecture.maxTargetLength);
    const alpha = options.lengthPenalty ?? 0.6;
    if (!Number.isFinite(alpha) || alpha < 0) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `lengthPenalty ${alpha} must be a finite number ≥ 0`,
      );
    }
    const penalty = (len: number): number => ((5 + len) / 6) ** alpha;
    const k = options.beamSize;
    const v = this.targetVocabSize;
    const d = this.startDecoding(sourceIds);
    let alive: Array<{ tokens: number[]; score: number }> = [{ tokens: [], score: 0 }];
    const finished: Array<{ tokens: number[]; norm: number }> = [];
    try {
      for (let step = 0; step < options.maxLength; step++) {
        const last = Int32Array.from(alive, (h) => h.tokens[h.tokens.length - 1] ?? BOS_ID);
        const logp = this.step(d, last, step);
        const top: Array<{ score: number; parent: number; token: number }> = [];
        for (let i = 0; i < alive.length; i++) {
          const base = alive[i]?.score ?? 0;
          for (let j = 0; j < v; j++) {
            const score = base + (logp[i * v + j] ?? -Infinity);
            if (top.length === k && score <= (top[k - 1]?.score ?? -Infinity)) continue;
            let at = top.length;
            while (at > 0 && score > (top[at - 1]?.score ?? -Infinity)) at--;
            top.splice(at, 0, { score, parent: i, token: j });
            if (top.length > k) top.pop();
          }
        }
        const next: typeof alive = [];
        const parents: number[] = [];
        for (const c of top) {
          const tokens = alive[c.parent]?.tokens ?? [];
          if (c.token === EOS_ID) finished.push({ tokens, norm: c.score / penalty(tokens.length + 1) });
          else {
            next.push({ tokens: [...tokens, c.token], score: c.score });
            parents.push(c.parent);
          }
        }
        if (next.length === 0) break;
        // Log-probabilities only lower a live score and the penalty grows with length, so a live
        // hypothesis can at best reach score / penalty(maxLength): stop once no live one can win.
        const bestFinished = finished.reduce((m, f) => Math.max(m, f.norm), -Infinity);
        const bestPossible = next.reduce(
          (m, h) => Math.max(m, h.score / penalty(options.maxLength)),
          -Infinity,
        );
        if (bestFinished >= bestPossible) break;
        this.reorder(d, parents);
        alive = next;
        if (step === options.maxLength - 1) {
          for (const h of alive)
            finished.push({ tokens: h.tokens, norm: h.score / penalty(h.tokens.length) });
        }
      }
      let best = finished[0];
      for (const f of finished) if (best === undefined || f.norm > best.norm) best = f;
      return best?.tokens ?? [];
    } finally {
      TokenTransformer.finish(d);
    }
  }

  /** Keeps the self-attention caches of the chosen parents (in order). */
  private reorder(d: Decoding, parents: number[]): void {
    const same = parents.length === d.caches[0]?.selfKT?.shape[0] && parents.every((p, i) => p === i);
    if (same) return;
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
}
