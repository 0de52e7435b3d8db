/**
 * Realm-independent typed-array checks. `value instanceof Uint8Array` is false for an array made in
 * another realm (an iframe, a `vm` context, some worker set-ups), although it is a perfectly good
 * Uint8Array; the built-in `Symbol.toStringTag` is the same in every realm.
 */

const tag = (value: unknown): string | undefined =>
  ArrayBuffer.isView(value) ? (Object.prototype.toString.call(value) as string) : undefined;

/** True for any `Uint8Array` (including Node's `Buffer`), from any realm. */
export function isUint8Array(value: unknown): value is Uint8Array {
  return tag(value) === '[object Uint8Array]';
}

/** True for any `Float32Array`, from any realm. */
export function isFloat32Array(value: unknown): value is Float32Array {
  return tag(value) === '[object Float32Array]';
}
