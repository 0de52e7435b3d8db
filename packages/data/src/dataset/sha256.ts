/**
 * SHA-256 of bytes and of files, as 64 lowercase hex digits (the form the manifest stores).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * SHA-256 of a byte array.
 *
 * @example
 * ```ts
 * sha256Hex(new Uint8Array()); // 'e3b0c442...b855'
 * ```
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * SHA-256 of a file, streamed (constant memory).
 *
 * @example
 * ```ts
 * const digest = await sha256File('train/shard-00000.parquet');
 * ```
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
