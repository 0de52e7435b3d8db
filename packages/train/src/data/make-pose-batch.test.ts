import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { makePoseBatch, type PoseExampleRow } from './make-pose-batch.ts';
import type { TokenEncoder } from './token-encoder.ts';

/** Whitespace word encoder: ids from 4 in first-seen order of `words`, unknown → 1. */
function wordEncoder(words: string[]): TokenEncoder {
  const ids = new Map(words.map((w, i) => [w, i + 4]));
  return {
    vocabSize: words.length + 4,
    encode: (t) =>
      t
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => ids.get(w) ?? 1),
  };
}

/** Value of coordinate d of joint j in frame f: distinct and exact in float32. */
const value = (f: number, j: number, d: number) => 1000 * f + 10 * j + d + 0.5;

function row(example: number, frames: number, source: string, language = 'ase'): PoseExampleRow {
  const data = new Float32Array(frames * 150);
  for (let f = 0; f < frames; f++)
    for (let j = 0; j < 50; j++) for (let d = 0; d < 3; d++) data[(f * 50 + j) * 3 + d] = value(f, j, d);
  return { example, language, source, sequence: { frames, joints: 50, dims: 3, data } };
}

const encoder = wordEncoder(['HELLO', 'WORLD', 'BIG', 'HOUSE']);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(SignLLMError.isInstance(error)).toBe(true);
    return (error as SignLLMError).code;
  }
  throw new Error('expected a SignLLMError');
}

describe('makePoseBatch', () => {
  it('follows the BOS / counter / padding conventions (no future prediction)', () => {
    const batch = makePoseBatch([row(7, 3, 'HELLO WORLD'), row(2, 1, 'BIG')], {
      encoder,
      maxSourceLength: 10,
      futurePrediction: 0,
    });
    expect(batch.size).toBe(2);
    expect(batch.frames).toBe(3);
    expect(batch.outputWidth).toBe(151);
    expect([...batch.lengths]).toEqual([3, 1]);
    expect([...batch.rows]).toEqual([7, 2]);
    expect(batch.language).toBe('ase');
    expect([...batch.frameMask]).toEqual([1, 1, 1, 1, 0, 0]);
    const input = (b: number, t: number, c: number) => batch.decoderInput[(b * 3 + t) * 151 + c]!;
    const target = (b: number, t: number, c: number) => batch.target[(b * 3 + t) * 151 + c]!;
    // BOS row: all zeros, counter 0.
    for (let c = 0; c < 151; c++) expect(input(0, 0, c)).toBe(0);
    // Row 1 of the input is frame 0 with counter 1/3; row 2 is frame 1 with counter 2/3.
    expect(input(0, 1, 0)).toBe(value(0, 0, 0));
    expect(input(0, 1, 3 * 17 + 2)).toBe(value(0, 17, 2));
    expect(input(0, 1, 150)).toBeCloseTo(1 / 3, 6);
    expect(input(0, 2, 3 * 49 + 1)).toBe(value(1, 49, 1));
    expect(input(0, 2, 150)).toBeCloseTo(2 / 3, 6);
    // Targets: frame t with counter (t+1)/T; the last counter is exactly 1.
    expect(target(0, 0, 0)).toBe(value(0, 0, 0));
    expect(target(0, 2, 3 * 25)).toBe(value(2, 25, 0));
    expect([target(0, 0, 150), target(0, 1, 150), target(0, 2, 150)].map((x) => +x.toFixed(6))).toEqual([
      +(1 / 3).toFixed(6),
      +(2 / 3).toFixed(6),
      1,
    ]);
    // A one-frame sample: BOS input, target frame 0 with counter 1, then padding rows of zeros.
    expect(input(1, 0, 150)).toBe(0);
    expect(target(1, 0, 150)).toBe(1);
    expect(target(1, 0, 5)).toBe(value(0, 1, 2));
    for (let c = 0; c < 151; c++) {
      expect(input(1, 1, c)).toBe(0);
      expect(target(1, 2, c)).toBe(0);
    }
  });

  it('builds k = 3 future prediction targets, repeating the last frame past the end', () => {
    const rows = [row(0, 4, 'HELLO'), row(1, 2, 'WORLD HOUSE', 'gsg')];
    const k = 3;
    const batch = makePoseBatch(rows, { encoder, maxSourceLength: 8, futurePrediction: k });
    const W = 150 * k + 1;
    expect(batch.outputWidth).toBe(451);
    expect(batch.language).toBe('*');
    expect(batch.target.length).toBe(2 * 4 * W);
    expect(batch.decoderInput.length).toBe(2 * 4 * 151);
    // Independent element-wise formula over every value.
    for (const [b, r] of rows.entries()) {
      const T = r.sequence.frames;
      for (let t = 0; t < 4; t++) {
        for (let c = 0; c < W; c++) {
          let expected = 0;
          if (t < T) {
            if (c === W - 1) expected = (t + 1) / T;
            else {
              const f = Math.min(t + Math.floor(c / 150), T - 1);
              const j = Math.floor((c % 150) / 3);
              expected = value(f, j, c % 3);
            }
          }
          expect(batch.target[(b * 4 + t) * W + c]).toBeCloseTo(expected, 5);
        }
        for (let c = 0; c < 151; c++) {
          let expected = 0;
          if (t < T && t > 0) expected = c === 150 ? t / T : value(t - 1, Math.floor(c / 3), c % 3);
          expect(batch.decoderInput[(b * 4 + t) * 151 + c]).toBeCloseTo(expected, 5);
        }
      }
    }
    // The second sample's third target row (t = 1): frames 1, 1, 1 (clamped), counter 1.
    const base = (1 * 4 + 1) * W;
    expect(batch.target[base + 0]).toBe(value(1, 0, 0));
    expect(batch.target[base + 150]).toBe(value(1, 0, 0));
    expect(batch.target[base + 300]).toBe(value(1, 0, 0));
    expect(batch.target[base + 450]).toBe(1);
  });

  it('ends sources with </s>, truncating to maxSourceLength − 1 tokens, padded with 0', () => {
    const batch = makePoseBatch([row(0, 2, 'HELLO WORLD BIG HOUSE'), row(1, 2, ''), row(2, 2, 'BIG NOPE')], {
      encoder,
      maxSourceLength: 3,
      futurePrediction: 1,
    });
    expect(batch.sourceLength).toBe(3);
    expect([...batch.sourceIds]).toEqual([4, 5, 3, 3, 0, 0, 6, 1, 3]);
    expect([...batch.sourceMask]).toEqual([1, 1, 1, 1, 0, 0, 1, 1, 1]);
    const only = makePoseBatch([row(0, 1, 'HELLO WORLD')], {
      encoder,
      maxSourceLength: 1,
      futurePrediction: 1,
    });
    expect([...only.sourceIds]).toEqual([3]);
    expect(
      makePoseBatch([row(0, 1, 'X')], { encoder, maxSourceLength: 4, futurePrediction: 1, language: '*' })
        .language,
    ).toBe('*');
  });

  it('rejects hostile rows and options with SignLLMError', () => {
    const ok = row(0, 2, 'HELLO');
    const opts = { encoder, maxSourceLength: 4, futurePrediction: 1 };
    expect(code(() => makePoseBatch([], opts))).toBe(ERROR_CODES.invalidArgument);
    expect(code(() => makePoseBatch([{ ...ok, sequence: { ...ok.sequence, dims: 2 } }], opts))).toBe(
      ERROR_CODES.shapeMismatch,
    );
    expect(
      code(() =>
        makePoseBatch(
          [{ ...ok, sequence: { frames: 2, joints: 49, dims: 3, data: new Float32Array(294) } }],
          opts,
        ),
      ),
    ).toBe(ERROR_CODES.shapeMismatch);
    expect(code(() => makePoseBatch([{ ...ok, sequence: { ...ok.sequence, frames: 3 } }], opts))).toBe(
      ERROR_CODES.shapeMismatch,
    );
    const nan = row(0, 2, 'HELLO');
    nan.sequence.data[200] = Number.NaN;
    expect(code(() => makePoseBatch([nan], opts))).toBe(ERROR_CODES.invalidNumber);
    expect(code(() => makePoseBatch([ok], { ...opts, maxSourceLength: 0 }))).toBe(
      ERROR_CODES.invalidArgument,
    );
    expect(code(() => makePoseBatch([ok], { ...opts, futurePrediction: -1 }))).toBe(
      ERROR_CODES.invalidArgument,
    );
    const badEncoder: TokenEncoder = { vocabSize: 5, encode: () => [9] };
    expect(code(() => makePoseBatch([ok], { ...opts, encoder: badEncoder }))).toBe(
      ERROR_CODES.invalidArgument,
    );
    const inconsistent = {
      ...ok,
      sequence: { frames: 2 ** 20, joints: 50, dims: 3, data: new Float32Array(0) },
    };
    expect(code(() => makePoseBatch([inconsistent], opts))).toBe(ERROR_CODES.shapeMismatch);
    // 1000 rows × 1000 frames × 151 values is over the cap: refused before anything is allocated.
    const long = row(0, 1000, 'HELLO');
    expect(code(() => makePoseBatch(new Array(1000).fill(long), opts))).toBe(ERROR_CODES.tooLarge);
  });
});
