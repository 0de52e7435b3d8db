import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isFloat32Array, isUint8Array } from './typed-array-checks.ts';

describe('typed-array checks', () => {
  const foreign = runInContext(
    '({ u8: new Uint8Array(3), f32: new Float32Array(2) })',
    createContext({}),
  ) as {
    u8: Uint8Array;
    f32: Float32Array;
  };

  it('accept arrays from another realm, where instanceof fails', () => {
    expect(foreign.u8 instanceof Uint8Array).toBe(false);
    expect(isUint8Array(foreign.u8)).toBe(true);
    expect(isFloat32Array(foreign.f32)).toBe(true);
  });

  it('accept local arrays and Node Buffers, reject everything else', () => {
    expect(isUint8Array(new Uint8Array(1))).toBe(true);
    expect(isUint8Array(Buffer.from('ab'))).toBe(true);
    expect(isFloat32Array(new Float32Array(1))).toBe(true);
    for (const bad of [
      new Uint16Array(1),
      new Float64Array(1),
      [1, 2],
      'ab',
      null,
      undefined,
      {},
      new DataView(new ArrayBuffer(2)),
    ]) {
      expect(isUint8Array(bad)).toBe(false);
      expect(isFloat32Array(bad)).toBe(false);
    }
    expect(isUint8Array(new Float32Array(1))).toBe(false);
    expect(isFloat32Array(new Uint8Array(4))).toBe(false);
    // A fake with the right tag but no typed-array internals is not a view.
    expect(isUint8Array({ [Symbol.toStringTag]: 'Uint8Array' })).toBe(false);
  });
});
