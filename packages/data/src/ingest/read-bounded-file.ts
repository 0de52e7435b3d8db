/**
 * Reads a whole file into a `Uint8Array` after checking its size, so that a huge input fails with
 * `tooLarge` instead of exhausting memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/** Default largest file read whole: 1 GiB. */
export const DEFAULT_MAX_FILE_BYTES: number = 1024 * 1024 * 1024;

/**
 * Reads `path` whole, or throws `tooLarge` when it has more than `maxBytes` bytes.
 *
 * @example
 * ```ts
 * const bytes = await readBoundedFile('clip.pose', 64 << 20);
 * ```
 */
export async function readBoundedFile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Uint8Array> {
  const { size } = await stat(path);
  if (size > maxBytes) {
    throw new SignLLMError(ERROR_CODES.tooLarge, `${path} is ${size} bytes; the limit is ${maxBytes}`, {
      position: { source: path },
      details: { size, maxBytes },
    });
  }
  const b = await readFile(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
