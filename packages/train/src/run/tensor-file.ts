/**
 * Streams named float32 tensors to and from a `.bin` file (little-endian values packed back to back),
 * hashing with sha256 on the way. Writing goes straight from the caller's arrays (on little-endian hosts)
 * in bounded slices; reading allocates one buffer of the verified size and hands out views into it.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { endianness } from 'node:os';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { NamedTensor, TensorFileInfo } from './checkpoint-format.ts';

/** Bytes per write or read call: large enough to be fast, small enough to bound any scratch copy. */
const CHUNK_BYTES = 8 << 20;
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/**
 * Writes `tensors` to a new file at `path` (which must not exist), fsyncs it, and returns its size and
 * sha256.
 */
export async function writeTensorFile(
  path: string,
  tensors: readonly NamedTensor[],
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const handle = await open(path, 'wx');
  let bytes = 0;
  try {
    for (const tensor of tensors) {
      const data = tensor.data;
      const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      for (let start = 0; start < view.byteLength; start += CHUNK_BYTES) {
        const slice = view.subarray(start, Math.min(start + CHUNK_BYTES, view.byteLength));
        const out = LITTLE_ENDIAN_HOST ? slice : swapCopy(slice);
        hash.update(out);
        await writeAll(handle, out);
        bytes += out.byteLength;
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Reads the file described by `info` (whose table `checkTensorTable` has already accepted), verifying its
 * size before allocating and its sha256 after reading, and decodes the tensors. The tensors' arrays are
 * views into one shared buffer, in file order.
 *
 * @throws SignLLMError `format_truncated` (missing or short file), `format_invalid` (longer file, digest
 *   mismatch), naming `path`.
 */
export async function readTensorFile(path: string, info: TensorFileInfo): Promise<NamedTensor[]> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    throw new SignLLMError(ERROR_CODES.truncated, `file is missing (expected ${info.bytes} bytes)`, {
      position: { source: path },
      cause,
    });
  }
  checkSize(path, size, info.bytes);
  const buffer = new ArrayBuffer(info.bytes);
  const bytes = new Uint8Array(buffer);
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  try {
    let filled = 0;
    while (filled < bytes.byteLength) {
      const want = Math.min(CHUNK_BYTES, bytes.byteLength - filled);
      const { bytesRead } = await handle.read(bytes, filled, want, filled);
      if (bytesRead === 0) checkSize(path, filled, info.bytes); // shrank while being read
      hash.update(bytes.subarray(filled, filled + bytesRead));
      filled += bytesRead;
    }
  } finally {
    await handle.close();
  }
  const digest = hash.digest('hex');
  if (digest !== info.sha256) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `sha256 mismatch: the file was altered or corrupted (expected ${info.sha256}, got ${digest})`,
      { position: { source: path }, details: { expected: info.sha256, actual: digest } },
    );
  }
  if (!LITTLE_ENDIAN_HOST) swapInPlace(bytes);
  return info.tensors.map((entry) => ({
    name: entry.name,
    shape: [...entry.shape],
    data: new Float32Array(buffer, entry.offset, entry.length),
  }));
}

function checkSize(path: string, actual: number, expected: number): void {
  if (actual < expected) {
    throw new SignLLMError(
      ERROR_CODES.truncated,
      `file has ${actual} bytes but checkpoint.json declares ${expected}`,
      { position: { source: path, byte: actual }, details: { actual, expected } },
    );
  }
  if (actual > expected) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `file has ${actual} bytes, more than the ${expected} checkpoint.json declares`,
      { position: { source: path }, details: { actual, expected } },
    );
  }
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done);
    done += bytesWritten;
  }
}

/** A byte-swapped copy of whole float32 values (big-endian hosts only). */
function swapCopy(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  swapInPlace(out);
  return out;
}

function swapInPlace(bytes: Uint8Array): void {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    bytes[i] = bytes[i + 3]!;
    bytes[i + 1] = bytes[i + 2]!;
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}
