/**
 * SHA-256 of bundle files, as 64 lowercase hex digits: Web Crypto (`crypto.subtle`, native and fast)
 * where the platform has it, else the pure-JS `@noble/hashes` (e.g. a page served over plain HTTP,
 * where browsers hide `crypto.subtle`).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { SubtleDigestLike } from './web-types.ts';

function subtleCrypto(): SubtleDigestLike | undefined {
  const crypto = (globalThis as { crypto?: { subtle?: SubtleDigestLike } }).crypto;
  return typeof crypto?.subtle?.digest === 'function' ? crypto.subtle : undefined;
}

function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * SHA-256 of `bytes` with the pure-JS implementation (synchronous; any platform).
 *
 * @example
 * ```ts
 * sha256HexSync(new TextEncoder().encode('abc')); // 'ba7816bf…15ad'
 * ```
 */
export function sha256HexSync(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/**
 * SHA-256 of `bytes` as lowercase hex, with `crypto.subtle` when present, else pure JS.
 *
 * @example
 * ```ts
 * await sha256Hex(new Uint8Array()); // 'e3b0c442…b855'
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = subtleCrypto();
  if (subtle !== undefined) {
    try {
      return hex(await subtle.digest('SHA-256', bytes));
    } catch {
      // Some platforms refuse views of shared memory or throw for other reasons: fall back.
    }
  }
  return sha256HexSync(bytes);
}
