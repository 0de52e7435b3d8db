/**
 * Internal: validates a `PoseHeader` and encodes it as v0.2 header bytes. Strings are written as a
 * uint16 UTF-8 byte count and the bytes, so non-ASCII names round-trip (pose-format's Python writer
 * writes the character count instead and truncates them).
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { formatLength, POSE_FORMAT_VERSION, type PoseHeader } from './pose-file.ts';

const UTF8 = new TextEncoder();
const UINT16_MAX = 0xffff;

function invalid(message: string, details?: Record<string, unknown>): never {
  throw new SignLLMError(ERROR_CODES.invalidArgument, message, details ? { details } : {});
}

/** Throws unless `value` is an integer in 0..65535. */
export function checkUint16(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > UINT16_MAX) {
    invalid(`${what} must be an integer in 0..65535 (uint16), got ${String(value)}`, { value });
  }
  return value;
}

/** Throws unless `value` is an array of at most 65535 items (a uint16 count). */
function checkList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) invalid(`${what} must be an array, got ${typeof value}`);
  if (value.length > UINT16_MAX)
    invalid(`${what} has ${value.length} items; the format allows at most 65535`);
  return value;
}

/** Encodes a string as UTF-8, checking that its byte count fits the uint16 length prefix. */
function encodeString(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string') invalid(`${what} must be a string, got ${typeof value}`);
  const bytes = UTF8.encode(value);
  if (bytes.length > UINT16_MAX) {
    invalid(`${what} is ${bytes.length} bytes of UTF-8; the format allows at most 65535`);
  }
  return bytes;
}

/** Checks a header and encodes it (version float32(0.2), whatever `header.version` says). */
export function encodePoseHeader(header: PoseHeader): Uint8Array {
  if (typeof header !== 'object' || header === null) invalid('header must be an object');
  const width = checkUint16(header.width, 'header.width');
  const height = checkUint16(header.height, 'header.height');
  const depth = checkUint16(header.depth, 'header.depth');
  const components = checkList(header.components, 'header.components') as PoseHeader['components'];

  // Encode every string first, so the output can be allocated once at its exact size.
  const encoded = components.map((c, i) => {
    const at = `header.components[${i}]`;
    if (typeof c !== 'object' || c === null) invalid(`${at} must be an object`);
    const name = encodeString(c.name, `${at}.name`);
    const format = encodeString(c.format, `${at}.format`);
    if (formatLength(c.format) === 0) invalid(`${at}.format is empty; it needs at least the confidence "C"`);
    const points = checkList(c.points, `${at}.points`).map((p, j) => encodeString(p, `${at}.points[${j}]`));
    const limbs = checkList(c.limbs, `${at}.limbs`).map((limb, j): [number, number] => {
      if (!Array.isArray(limb) || limb.length !== 2) invalid(`${at}.limbs[${j}] must be a [from, to] pair`);
      return [checkUint16(limb[0], `${at}.limbs[${j}][0]`), checkUint16(limb[1], `${at}.limbs[${j}][1]`)];
    });
    const colors = checkList(c.colors, `${at}.colors`).map((rgb, j) => {
      if (!Array.isArray(rgb) || rgb.length !== 3) invalid(`${at}.colors[${j}] must be an [r, g, b] triple`);
      return rgb.map((v: unknown, k) => checkUint16(v, `${at}.colors[${j}][${k}]`));
    });
    return { name, format, points, limbs, colors };
  });

  let size = 4 + 2 * 4;
  for (const c of encoded) {
    size += 2 + c.name.length + 2 + c.format.length + 6 + 4 * c.limbs.length + 6 * c.colors.length;
    for (const p of c.points) size += 2 + p.length;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number): void => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const str = (bytes: Uint8Array): void => {
    u16(bytes.length);
    out.set(bytes, at);
    at += bytes.length;
  };
  view.setFloat32(0, POSE_FORMAT_VERSION, true);
  at = 4;
  u16(width);
  u16(height);
  u16(depth);
  u16(encoded.length);
  for (const c of encoded) {
    str(c.name);
    str(c.format);
    u16(c.points.length);
    u16(c.limbs.length);
    u16(c.colors.length);
    for (const p of c.points) str(p);
    for (const [from, to] of c.limbs) {
      u16(from);
      u16(to);
    }
    for (const rgb of c.colors) for (const v of rgb) u16(v);
  }
  return out;
}
