/**
 * The three `.skels` dialects and the shared types of the codec. A `.skels` file holds one sequence
 * per line; each frame is a fixed number of values followed by one progress counter.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../../errors/signllm-error.ts';

/**
 * `pt`: Progressive Transformers (PHOENIX14T): 50 joints × xyz ÷ 3, `%.5f`, counter i/T (i = 0..T−1, `%.4f`).
 * `p2s`: Prompt2Sign 2024: 50 joints × xyz ÷ 9, `%.5f`, `0.01600` = missing, counter round(i/T, 5) for i = 1..T.
 * `dwpose`: Prompt2Sign/DWPose 2025 "trg384": 384 values (body, hands, face, scores) + counter i/(T−1).
 */
export type SkelsDialect = 'pt' | 'p2s' | 'dwpose';

/** The dialect names, in a fixed order. */
export const SKELS_DIALECTS: readonly SkelsDialect[] = ['pt', 'p2s', 'dwpose'];

/** One `.skels` line: `frames` frames of `valuesPerFrame` values, plus one counter per frame. */
export interface SkelsSequence {
  /** Number of frames (tokens ÷ (valuesPerFrame + 1)). */
  readonly frames: number;
  /** Values per frame without the counter: 150 (`pt`, `p2s`) or 384 (`dwpose`). */
  readonly valuesPerFrame: number;
  /** `[frames × valuesPerFrame]` values exactly as written in the file (float32). */
  readonly values: Float32Array;
  /** `[frames]` progress counter, the last token of each frame. */
  readonly counter: Float32Array;
}

/** A source of byte chunks: a Node stream, a web `ReadableStream` (async iterable), or an array. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Options shared by the `.skels` readers. */
export interface SkelsReadOptions {
  /** Which dialect the file is written in (fixes the frame width). */
  dialect: SkelsDialect;
  /** Label of the input for error messages, e.g. `dev.skels`. */
  source?: string;
  /** Longest line accepted, in bytes (default 512 MiB); a longer line throws `tooLarge`. */
  maxLineBytes?: number;
}

/** Facts about one dialect. */
export interface SkelsDialectInfo {
  readonly dialect: SkelsDialect;
  /** Values per frame without the counter. */
  readonly valuesPerFrame: number;
  /** Tokens per frame (values + counter). */
  readonly width: number;
  /** Decimals the writer uses for values. */
  readonly decimals: number;
  /** Factor the values were divided by (3, 9, or 1 for already normalised DWPose coordinates). */
  readonly scale: number;
}

const INFO: Readonly<Record<SkelsDialect, SkelsDialectInfo>> = {
  pt: { dialect: 'pt', valuesPerFrame: 150, width: 151, decimals: 5, scale: 3 },
  p2s: { dialect: 'p2s', valuesPerFrame: 150, width: 151, decimals: 5, scale: 9 },
  dwpose: { dialect: 'dwpose', valuesPerFrame: 384, width: 385, decimals: 8, scale: 1 },
};

/** Default `maxLineBytes`: 512 MiB. */
export const DEFAULT_MAX_LINE_BYTES: number = 512 * 1024 * 1024;

/** The literal Prompt2Sign 2024 writes for a value that was 0 or NaN; read back as missing. */
export const P2S_MISSING_TEXT = '0.01600';

/** `0.016` as a float32, the value the `p2s` sentinel parses to. */
export const P2S_MISSING_VALUE: number = Math.fround(0.016);

/**
 * Returns the facts of a dialect, or throws `invalidArgument` naming the valid dialects.
 *
 * @example
 * ```ts
 * skelsDialectInfo('pt').width; // 151
 * ```
 */
export function skelsDialectInfo(dialect: string): SkelsDialectInfo {
  const info = Object.hasOwn(INFO, dialect) ? INFO[dialect as SkelsDialect] : undefined;
  if (!info) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Unknown .skels dialect "${String(dialect)}"; valid dialects are ${formatOptions(SKELS_DIALECTS)}`,
      { details: { value: dialect, options: SKELS_DIALECTS } },
    );
  }
  return info;
}

/** Checks a `maxLineBytes` option and returns it (or the default). */
export function resolveMaxLineBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_LINE_BYTES;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `maxLineBytes must be a positive integer, got ${value}`,
      {
        details: { value },
      },
    );
  }
  return value;
}
