/**
 * Opening and saving pose files in the browser: `.pose` (pose-format, any version core reads) and
 * `.skels` (Prompt2Sign / Progressive Transformers lines, or DWPose), recognised by content, not only
 * by name. Every failure is an `Error` whose message says what is wrong with which file.
 */
import {
  fitToCanvas,
  type PoseSequence,
  parseSkels,
  poseFileToSequence,
  readPose,
  SignLLMError,
  type SkelsDialect,
  sequenceToPoseFile,
  skelsToPoseSequence,
  writePose,
} from '@signllm/core';

/** Largest file the viewer opens (bytes): far above any real clip, well below what breaks a tab. */
export const MAX_POSE_FILE_BYTES = 512 * 1024 * 1024;

/** A file opened by `openPoseFile`. */
export interface OpenedPose {
  sequence: PoseSequence;
  format: 'pose' | 'skels';
  /** For `.skels`: the dialect read, and how many sequences (lines) the file holds (the first is shown). */
  dialect?: SkelsDialect;
  sequences?: number;
  /** Progress counters (`.skels` files carry them). */
  counters?: Float32Array;
}

/** Options of `openPoseFile`. */
export interface OpenPoseOptions {
  /** `.skels`: which line (0-based, default 0). */
  line?: number;
  /** `.skels`: frames per second (the format does not store it; default 25). */
  fps?: number;
  /** Largest file accepted (default `MAX_POSE_FILE_BYTES`). */
  maxBytes?: number;
}

function fail(name: string, message: string, cause?: unknown): never {
  throw new Error(`${name}: ${message}`, cause === undefined ? undefined : { cause });
}

/** Whether the bytes look like a text `.skels` file (digits, signs, dots, spaces, newlines only at the start). */
function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    const ok =
      (b >= 0x30 && b <= 0x39) ||
      b === 0x2e ||
      b === 0x2d ||
      b === 0x2b ||
      b === 0x20 ||
      b === 0x0a ||
      b === 0x0d ||
      b === 0x09 ||
      b === 0x65 ||
      b === 0x45;
    if (!ok) return false;
  }
  return n > 0;
}

/** The token count of the first line of a `.skels` text. */
function firstLineTokens(bytes: Uint8Array): number {
  let end = bytes.indexOf(0x0a);
  if (end < 0) end = bytes.length;
  const line = new TextDecoder().decode(bytes.subarray(0, end)).trim();
  return line === '' ? 0 : line.split(/\s+/).length;
}

/** The `.skels` dialect whose frame width divides the first line (Prompt2Sign 151 before DWPose 385). */
export function guessSkelsDialect(tokens: number): SkelsDialect | undefined {
  if (tokens > 0 && tokens % 151 === 0) return 'p2s';
  if (tokens > 0 && tokens % 385 === 0) return 'dwpose';
  return undefined;
}

/**
 * Opens the bytes of a `.pose` or `.skels` file as a pose sequence (the first person / line).
 *
 * @example
 * ```ts
 * const { sequence } = openPoseFile(new Uint8Array(await file.arrayBuffer()), file.name);
 * viewer.pose = sequence;
 * ```
 */
export function openPoseFile(bytes: Uint8Array, name: string, options: OpenPoseOptions = {}): OpenedPose {
  if (bytes.length === 0) fail(name, 'the file is empty');
  const maxBytes = options.maxBytes ?? MAX_POSE_FILE_BYTES;
  if (bytes.length > maxBytes) {
    fail(name, `the file has ${bytes.length} bytes; the viewer opens files up to ${maxBytes} bytes`);
  }
  const isSkels = /\.skels$/i.test(name) || (!/\.pose$/i.test(name) && looksLikeText(bytes));
  try {
    if (!isSkels) {
      const sequence = poseFileToSequence(readPose(bytes, { source: name }));
      return { sequence, format: 'pose' };
    }
    const tokens = firstLineTokens(bytes);
    const dialect = guessSkelsDialect(tokens);
    if (dialect === undefined) {
      fail(
        name,
        `not a .skels file: its first line has ${tokens} numbers, not a multiple of 151 (Prompt2Sign) or 385 (DWPose)`,
      );
    }
    const all = parseSkels(bytes, { dialect, source: name });
    const line = options.line ?? 0;
    const chosen = all[line];
    if (chosen === undefined) fail(name, `has ${all.length} sequences; there is no line ${line + 1}`);
    const sequence = skelsToPoseSequence(chosen, { dialect, fps: options.fps ?? 25 });
    return { sequence, format: 'skels', dialect, sequences: all.length, counters: chosen.counter };
  } catch (cause) {
    if (SignLLMError.isInstance(cause)) fail(name, cause.message, cause);
    throw cause;
  }
}

/**
 * A `.pose` (v0.2) file of a sequence, placed on a `size` × `size` pixel canvas (default 512) the way
 * pose-format viewers expect, as `signllm-serve` writes it.
 */
export function poseFileBytes(seq: PoseSequence, size = 512): Uint8Array {
  const { sequence } = fitToCanvas(seq, { width: size, height: size });
  return writePose(sequenceToPoseFile(sequence, { width: size, height: size }), { allowNonFinite: true });
}
