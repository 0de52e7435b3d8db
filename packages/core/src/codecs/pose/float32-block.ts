/**
 * Internal: bulk little-endian float32 blocks. `.pose` data starts at an arbitrary (usually
 * unaligned) offset, so a `Float32Array` view straight over the input is illegal. On little-endian
 * hosts (every browser and Node platform in practice) we copy the block into a fresh, aligned buffer
 * and view that: one memcpy instead of a `DataView.getFloat32` call per value. Big-endian hosts take
 * the per-value `DataView` path. The fast path keeps NaN payloads bit for bit.
 */

/** True when typed arrays use little-endian byte order on this host. */
export const LITTLE_ENDIAN_HOST: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reads `count` little-endian float32 values starting at `offset` of `bytes` into a new array.
 * The caller has checked that the bytes exist.
 */
export function readFloat32Block(bytes: Uint8Array, offset: number, count: number): Float32Array {
  if (LITTLE_ENDIAN_HOST) return new Float32Array(bytes.slice(offset, offset + count * 4).buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Writes `values` as little-endian float32 into `out` at `offset`. The caller sized `out`. */
export function writeFloat32Block(out: Uint8Array, offset: number, values: Float32Array): void {
  if (LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + offset, values.length * 4);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
}

/**
 * Zero-copy variant for `readPose(bytes, { zeroCopy: true })`: returns `Float32Array` views over the
 * input's own buffer for `counts` consecutive blocks starting at `offset`. When the blocks do not
 * start on a 4-byte boundary, they are first moved left by 1–3 bytes inside the input buffer (over
 * header bytes that were already decoded), so the input is modified. Moving within memory that is
 * already mapped is an order of magnitude faster than copying into fresh memory. Returns `undefined`
 * on big-endian hosts, where the caller falls back to copying.
 */
export function viewFloat32Blocks(
  bytes: Uint8Array,
  offset: number,
  counts: readonly number[],
): Float32Array[] | undefined {
  if (!LITTLE_ENDIAN_HOST) return undefined;
  const total = counts.reduce((a, b) => a + b, 0) * 4;
  const start = bytes.byteOffset + offset;
  const aligned = start - (start % 4);
  if (aligned < bytes.byteOffset) return undefined;
  if (aligned !== start) new Uint8Array(bytes.buffer).copyWithin(aligned, start, start + total);
  let at = aligned;
  return counts.map((count) => {
    const view = new Float32Array(bytes.buffer, at, count);
    at += count * 4;
    return view;
  });
}
