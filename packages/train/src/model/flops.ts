/**
 * Matrix-multiply FLOP count of one training step of the encoder–decoder, for benchmarks that report
 * effective GFLOP/s. Counts 2·m·k·n per matMul (projections, attention scores and context, FFN, decoder
 * input and output layers); a training step is taken as 3 × forward (backward ≈ 2 × forward).
 */
import type { Architecture } from './encoder-decoder.ts';

/** Sizes of one training step. */
export interface StepShape {
  batch: number;
  sourceLength: number;
  targetLength: number;
  /** Decoder input width (151 frames, 1 with Just Counter); ignored when `vocab` is set. */
  inputWidth: number;
  /** Decoder output width (151 or 150·k + 1); ignored when `vocab` is set. */
  outputWidth: number;
  /** Token model: the decoder input is an embedding lookup (no FLOPs) and the output has `vocab` logits. */
  vocab?: number;
}

/**
 * 3 × the forward matMul FLOPs of one step (embedding lookups, LayerNorm, softmax and elementwise ops
 * are not counted).
 *
 * @example
 * ```ts
 * const base = { encoderLayers: 2, decoderLayers: 2, dModel: 512, heads: 4, ffnSize: 2048, dropout: 0.1,
 *   maxSourceLength: 256, maxTargetLength: 512 };
 * trainingStepFlops(base, { batch: 8, sourceLength: 20, targetLength: 100, inputWidth: 151, outputWidth: 151 });
 * ```
 */
export function trainingStepFlops(architecture: Architecture, shape: StepShape): number {
  const { dModel: d, ffnSize: f, encoderLayers, decoderLayers } = architecture;
  const b = shape.batch;
  const u = shape.sourceLength;
  const t = shape.targetLength;
  const mm = (m: number, k: number, n: number): number => 2 * m * k * n;
  const encoderLayer =
    4 * mm(b * u, d, d) + // q, k, v, o projections
    2 * mm(b * u, d, u) + // scores (all heads together: u × d × u) and context
    mm(b * u, d, f) +
    mm(b * u, f, d);
  const decoderLayer =
    4 * mm(b * t, d, d) + // self-attention projections
    2 * mm(b * t, d, t) + // self-attention scores and context
    2 * mm(b * t, d, d) + // cross-attention q and o
    2 * mm(b * u, d, d) + // cross-attention k and v over the memory
    2 * mm(b * t, d, u) + // cross-attention scores and context
    mm(b * t, d, f) +
    mm(b * t, f, d);
  const input = shape.vocab === undefined ? mm(b * t, shape.inputWidth, d) : 0;
  const output = mm(b * t, d, shape.vocab ?? shape.outputWidth);
  return 3 * (encoderLayers * encoderLayer + decoderLayers * decoderLayer + input + output);
}
