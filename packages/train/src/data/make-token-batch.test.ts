import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { makeTokenBatch } from './make-token-batch.ts';
import type { TokenEncoder } from './token-encoder.ts';

function wordEncoder(words: string[]): TokenEncoder {
  const ids = new Map(words.map((w, i) => [w, i + 4]));
  return {
    vocabSize: words.length + 4,
    encode: (t) =>
      t
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => ids.get(w) ?? 1),
  };
}

const sourceEncoder = wordEncoder(['how', 'do', 'i', 'sign', 'hello']);
const targetEncoder = wordEncoder(['<ase>', 'HELLO', 'WORLD']);

describe('makeTokenBatch', () => {
  it('builds <s> + tokens inputs, tokens + </s> outputs, masks and padding', () => {
    const batch = makeTokenBatch(
      [
        { example: 4, source: 'how do i sign hello', target: '<ase> HELLO <ase> WORLD' },
        { example: 9, source: 'hello', target: '<ase> HELLO' },
      ],
      { sourceEncoder, targetEncoder, maxSourceLength: 10, maxTargetLength: 10 },
    );
    expect(batch.size).toBe(2);
    expect(batch.sourceLength).toBe(6);
    expect([...batch.sourceIds]).toEqual([4, 5, 6, 7, 8, 3, 8, 3, 0, 0, 0, 0]);
    expect([...batch.sourceMask]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(batch.targetLength).toBe(5);
    expect([...batch.targetInput]).toEqual([2, 4, 5, 4, 6, 2, 4, 5, 0, 0]);
    expect([...batch.targetOutput]).toEqual([4, 5, 4, 6, 3, 4, 5, 3, 0, 0]);
    expect([...batch.targetMask]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect([...batch.lengths]).toEqual([5, 3]);
    expect([...batch.rows]).toEqual([4, 9]);
  });

  it('truncates targets to maxTargetLength − 1 tokens and sources to maxSourceLength − 1', () => {
    const batch = makeTokenBatch([{ example: 0, source: 'how do i', target: '<ase> HELLO <ase> WORLD' }], {
      sourceEncoder,
      targetEncoder,
      maxSourceLength: 2,
      maxTargetLength: 3,
    });
    expect([...batch.sourceIds]).toEqual([4, 3]);
    expect([...batch.targetInput]).toEqual([2, 4, 5]);
    expect([...batch.targetOutput]).toEqual([4, 5, 3]);
    const minimal = makeTokenBatch([{ example: 0, source: '', target: 'HELLO' }], {
      sourceEncoder,
      targetEncoder,
      maxSourceLength: 1,
      maxTargetLength: 1,
    });
    expect([...minimal.targetInput]).toEqual([2]);
    expect([...minimal.targetOutput]).toEqual([3]);
    expect([...minimal.sourceIds]).toEqual([3]);
  });

  it('rejects hostile input with SignLLMError', () => {
    const opts = { sourceEncoder, targetEncoder, maxSourceLength: 4, maxTargetLength: 4 };
    const bad = [
      () => makeTokenBatch([], opts),
      () => makeTokenBatch([{ example: 0, source: 'a', target: 'b' }], { ...opts, maxTargetLength: 0 }),
      () => makeTokenBatch([{ example: -1, source: 'a', target: 'b' }], opts),
      () =>
        makeTokenBatch([{ example: 0, source: 'a', target: 'b' }], {
          ...opts,
          targetEncoder: { vocabSize: 4, encode: () => [1.5] },
        }),
    ];
    for (const fn of bad) {
      expect(fn).toThrow(SignLLMError);
      try {
        fn();
      } catch (error) {
        expect((error as SignLLMError).code).toBe(ERROR_CODES.invalidArgument);
      }
    }
  });
});
