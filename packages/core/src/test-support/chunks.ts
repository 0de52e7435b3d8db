/**
 * Test-only: feeds bytes to a streaming reader in pieces.
 */

/** Yields views of `bytes`, `size` bytes each (a function gives the size of piece `i`; at least 1). */
export async function* chunks(
  bytes: Uint8Array,
  size: number | ((i: number) => number),
): AsyncGenerator<Uint8Array> {
  for (let p = 0, i = 0; p < bytes.length; i++) {
    const n = Math.max(1, typeof size === 'number' ? size : size(i));
    yield bytes.subarray(p, p + n);
    p += n;
  }
}
