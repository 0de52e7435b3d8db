/**
 * `readPose`: parses a pose-format `.pose` file (versions 0.0, 0.1 and 0.2) from bytes.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { isUint8Array } from '../../util/typed-array-checks.ts';
import { ByteReader } from './byte-reader.ts';
import type { PoseFile } from './pose-file.ts';
import { readPoseBody } from './read-pose-body.ts';
import { readPoseHeader, roundVersion } from './read-pose-header.ts';

/** Options of `readPose`. */
export interface ReadPoseOptions {
  /** A label for the input (e.g. its file name), included in error positions and messages. */
  source?: string;
  /**
   * Return `data` and `confidence` as views over the input's buffer instead of copies (v0.1 and v0.2
   * on little-endian hosts). The input is then owned by the result and may be modified: when the data
   * block is not 4-byte aligned it is moved left by 1–3 bytes inside the buffer. Use it when the bytes
   * were read only to be parsed (a file just read, a fetched body): it avoids allocating a second copy,
   * which on machines with slow page faults is most of the cost of reading a large file.
   */
  zeroCopy?: boolean;
}

/**
 * Reads a `.pose` file. Little-endian throughout; strings are a uint16 byte count then UTF-8.
 *
 * - v0.2 and v0.1 data blocks are copied in bulk into aligned `Float32Array`s (no per-value decode).
 * - v0.1 ignores the stored uint16 frame count and infers it from the bytes left, as pose-format's
 *   Python reader does; a body that is not a whole number of frames is rejected as truncated.
 * - v0.0 frames with fewer people than the busiest frame are padded with confidence 0; person ids are
 *   dropped.
 * - Reading is lossless: NaN and Infinity in the data are kept as they are (real files hold NaN for
 *   undetected points). `writePose` rejects them unless asked not to.
 * - Bytes after the last frame are rejected (`badFormat`), so a successful read accounts for every byte.
 *
 * Every failure is a `SignLLMError` with `position.byte`: `truncated`, `badFormat`,
 * `unsupportedVersion`, `tooLarge` or `invalidUtf8`. Counts in the header are checked against the
 * bytes that remain before anything is allocated, so hostile headers fail fast.
 *
 * @example
 * ```ts
 * const pose = readPose(new Uint8Array(await (await fetch('/example.pose')).arrayBuffer()));
 * pose.body.frames; // 66
 * pose.header.components.map((c) => c.name); // ['pose_keypoints_2d', 'face_keypoints_2d', ...]
 * ```
 */
export function readPose(bytes: Uint8Array, options: ReadPoseOptions = {}): PoseFile {
  if (!isUint8Array(bytes)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `readPose expects a Uint8Array, got ${describe(bytes)}`,
    );
  }
  const reader = new ByteReader(bytes, options.source);
  reader.zeroCopy = options.zeroCopy === true;
  const header = readPoseHeader(reader);
  const body = readPoseBody(reader, header, roundVersion(header.version));
  return { header, body };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
