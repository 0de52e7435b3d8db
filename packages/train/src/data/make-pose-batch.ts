/**
 * `makePoseBatch`: packs examples (source string + 3D pose on the 50-joint skeleton) into a
 * `PoseBatch` following the trainer's conventions: frames of 150 joint values + counter (i+1)/T,
 * decoder input = [BOS, f_0 .. f_{T−2}], target = [f_0 .. f_{T−1}] (with k-frame future prediction),
 * zero padding with frameMask 0, sources truncated and ended with </s>.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { FRAME_WIDTH, JOINT_VALUES, POSE_JOINTS, type PoseBatch } from '../model/batch-types.ts';
import { checkInteger } from './check-args.ts';
import { encodeWithEos, packTokens } from './encode-tokens.ts';
import type { TokenEncoder } from './token-encoder.ts';

/** Largest `B×T×outputWidth` a batch may allocate (2^27 floats = 512 MiB). */
export const MAX_BATCH_VALUES = 2 ** 27;

/** One example to pack into a pose batch. */
export interface PoseExampleRow {
  /** Global example index (goes to `PoseBatch.rows`, for PLC). */
  example: number;
  language: string;
  /** Input text (the index's source string). */
  source: string;
  /** The pose: `data` is `frames×joints×dims`, joint-major within a frame. */
  sequence: {
    readonly frames: number;
    readonly joints: number;
    readonly dims: number;
    readonly data: Float32Array;
  };
}

/** Options of `makePoseBatch`. */
export interface PoseBatchOptions {
  encoder: TokenEncoder;
  /** Most source tokens, `</s>` included (≥ 1). */
  maxSourceLength: number;
  /** Frames predicted per step k (0 or 1 = off); output width 150·k + 1. */
  futurePrediction: number;
  /** `PoseBatch.language` to set (e.g. `'*'` for a shared model); default: the rows' common language, or `'*'` when mixed. */
  language?: string;
}

function checkRow(row: PoseExampleRow, b: number): number {
  const seq = row?.sequence;
  const where = `Pose batch row ${b} (example ${String(row?.example)})`;
  if (seq === undefined || !(seq.data instanceof Float32Array)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${where}: sequence.data must be a Float32Array`);
  }
  if (seq.dims !== 3 || seq.joints !== POSE_JOINTS) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `${where}: the pose is ${seq.joints} joints × ${seq.dims} dims; the model needs ${POSE_JOINTS} joints × 3 dims (prompt2sign-50, 3D)`,
      { details: { joints: seq.joints, dims: seq.dims } },
    );
  }
  if (!Number.isInteger(seq.frames) || seq.frames < 1 || seq.data.length !== seq.frames * JOINT_VALUES) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `${where}: ${seq.data.length} values is not ${String(seq.frames)} frames × ${JOINT_VALUES} (frames must be ≥ 1)`,
    );
  }
  if (!Number.isInteger(row.example) || row.example < 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${where}: example must be an integer ≥ 0`);
  }
  return seq.frames;
}

/**
 * Builds a `PoseBatch`. For sample b with T_b frames and t < T_b: decoderInput[b,t] is the BOS row
 * (zeros) at t = 0, else frame t−1 with counter t/T_b; target[b,t] is frames t..t+k−1 (past the end
 * the last frame repeats) then counter (t+1)/T_b. Throws `shape_mismatch` unless every pose is 3D on
 * 50 joints, `format_invalid_number` for non-finite coordinates, `format_too_large` past
 * `MAX_BATCH_VALUES`, `invalid_argument` for bad options, an empty batch or tokenizer ids out of range.
 *
 * @example
 * ```ts
 * const batch = makePoseBatch(rows, { encoder, maxSourceLength: 64, futurePrediction: 3 });
 * batch.outputWidth; // 451
 * ```
 */
export function makePoseBatch(rows: readonly PoseExampleRow[], options: PoseBatchOptions): PoseBatch {
  const maxSourceLength = checkInteger('maxSourceLength', options.maxSourceLength, 1);
  const k = Math.max(1, checkInteger('futurePrediction', options.futurePrediction, 0, 64));
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'A pose batch needs at least one row');
  }
  const size = rows.length;
  const lengths = new Int32Array(rows.map((r, b) => checkRow(r, b)));
  const frames = lengths.reduce((m, t) => Math.max(m, t), 0);
  const outputWidth = JOINT_VALUES * k + 1;
  if (size * frames * outputWidth > MAX_BATCH_VALUES || size * frames * FRAME_WIDTH > MAX_BATCH_VALUES) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `A batch of ${size} × ${frames} frames × ${outputWidth} values is over ${MAX_BATCH_VALUES}; lower batchSize or maxFrames`,
    );
  }
  const tokens = packTokens(rows.map((r) => encodeWithEos(options.encoder, r.source, maxSourceLength)));
  const decoderInput = new Float32Array(size * frames * FRAME_WIDTH);
  const target = new Float32Array(size * frames * outputWidth);
  const frameMask = new Float32Array(size * frames);
  for (const [b, row] of rows.entries()) {
    const { data } = row.sequence;
    const T = lengths[b]!;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        throw new SignLLMError(
          ERROR_CODES.invalidNumber,
          `Pose batch row ${b} (example ${row.example}): value ${data[i]} at frame ${Math.floor(i / JOINT_VALUES)}`,
        );
      }
    }
    frameMask.fill(1, b * frames, b * frames + T);
    for (let t = 0; t < T; t++) {
      const inBase = (b * frames + t) * FRAME_WIDTH;
      if (t > 0) {
        decoderInput.set(data.subarray((t - 1) * JOINT_VALUES, t * JOINT_VALUES), inBase);
        decoderInput[inBase + JOINT_VALUES] = t / T;
      }
      const outBase = (b * frames + t) * outputWidth;
      for (let j = 0; j < k; j++) {
        const f = Math.min(t + j, T - 1);
        target.set(data.subarray(f * JOINT_VALUES, (f + 1) * JOINT_VALUES), outBase + j * JOINT_VALUES);
      }
      target[outBase + outputWidth - 1] = (t + 1) / T;
    }
  }
  const languages = new Set(rows.map((r) => r.language));
  return {
    size,
    sourceLength: tokens.length,
    frames,
    sourceIds: tokens.ids,
    sourceMask: tokens.mask,
    decoderInput,
    target,
    outputWidth,
    frameMask,
    lengths,
    rows: new Int32Array(rows.map((r) => r.example)),
    language: options.language ?? (languages.size === 1 ? rows[0]!.language : '*'),
  };
}
