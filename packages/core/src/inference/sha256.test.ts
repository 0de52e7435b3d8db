import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex, sha256HexSync } from './sha256.ts';

const enc = new TextEncoder();
const KNOWN: Array<[string, string]> = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
];

describe('sha256Hex', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives the known digests with Web Crypto and with the pure-JS fallback', async () => {
    expect(globalThis.crypto?.subtle).toBeDefined();
    for (const [text, hex] of KNOWN) {
      expect(await sha256Hex(enc.encode(text))).toBe(hex);
      expect(sha256HexSync(enc.encode(text))).toBe(hex);
    }
    vi.stubGlobal('crypto', undefined);
    for (const [text, hex] of KNOWN) expect(await sha256Hex(enc.encode(text))).toBe(hex);
  });

  it('agrees with node:crypto on larger inputs and on views into a larger buffer', async () => {
    const big = new Uint8Array(1_000_003);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 8)) & 255;
    const view = big.subarray(17, 500_017);
    for (const bytes of [big, view]) {
      const expected = createHash('sha256').update(bytes).digest('hex');
      expect(await sha256Hex(bytes)).toBe(expected);
      expect(sha256HexSync(bytes)).toBe(expected);
    }
  });

  it('falls back to pure JS when crypto.subtle throws', async () => {
    vi.stubGlobal('crypto', {
      subtle: {
        digest: async () => {
          throw new Error('not allowed');
        },
      },
    });
    expect(await sha256Hex(enc.encode('abc'))).toBe(KNOWN[1]?.[1]);
  });
});
