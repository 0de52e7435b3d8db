/**
 * Dataset sequences as the model's frames: joint values (prompt2sign-50, 3-D, joint-major) followed by
 * the progress counter (i+1)/T; and a source string encoded for a group (tokens + `</s>`, truncated).
 */
import { EOS_ID, ERROR_CODES, type ModelInput, SignLLMError, type Tokenizer } from '@signllm/core';
import type { DatasetRow } from '@signllm/data';
import { FRAME_WIDTH } from '../model/batch-types.ts';

export { FRAME_WIDTH };

/**
 * `[T × 151]` frames of a dataset row.
 *
 * @example
 * ```ts
 * const frames = targetFrames(row); // frames[(T-1)*151 + 150] === 1
 * ```
 */
export function targetFrames(row: DatasetRow): Float32Array {
  const { sequence } = row;
  const joints = sequence.data.length / Math.max(1, sequence.frames * sequence.dims);
  if (sequence.dims !== 3 || joints !== 50) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `Row "${row.id}": expected 3-D prompt2sign-50 poses (50 joints × 3), got ${joints} joints × ${sequence.dims}`,
    );
  }
  const T = sequence.frames;
  const out = new Float32Array(T * FRAME_WIDTH);
  for (let t = 0; t < T; t++) {
    out.set(sequence.data.subarray(t * 150, t * 150 + 150), t * FRAME_WIDTH);
    out[t * FRAME_WIDTH + 150] = (t + 1) / T;
  }
  return out;
}

/** The string a model with input kind `input` reads from a row. */
export function sourceOf(row: DatasetRow, input: ModelInput): string {
  return row[input];
}

/**
 * Token ids of `text` for a model: tokens, truncated to `maxSourceLength − 1`, then `</s>`.
 *
 * @example
 * ```ts
 * encodeSource(tokenizer, 'the sky is blue', 256); // [..., 3]
 * ```
 */
export function encodeSource(tokenizer: Tokenizer, text: string, maxSourceLength: number): Int32Array {
  const ids = tokenizer.encode(text).slice(0, Math.max(0, maxSourceLength - 1));
  ids.push(EOS_ID);
  return Int32Array.from(ids);
}
