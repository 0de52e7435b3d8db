/** trainingStepFlops against a hand count of a tiny model. */
import { describe, expect, it } from 'vitest';
import { trainingStepFlops } from './flops.ts';

describe('trainingStepFlops', () => {
  it('counts 3 × 2·m·k·n over every forward matMul', () => {
    const arch = {
      encoderLayers: 1,
      decoderLayers: 1,
      dModel: 2,
      heads: 1,
      ffnSize: 3,
      dropout: 0,
      maxSourceLength: 8,
      maxTargetLength: 8,
    };
    // batch 1, U = 1, T = 1, d = 2, ffn 3, in 5, out 4: each attention over one key.
    const enc = 4 * (2 * 1 * 2 * 2) + 2 * (2 * 1 * 2 * 1) + 2 * 1 * 2 * 3 + 2 * 1 * 3 * 2; // 16 + 4 + 24
    const dec = 4 * 8 + 2 * 4 + 2 * 8 + 2 * 8 + 2 * 4 + 12 + 12;
    const io = 2 * 1 * 5 * 2 + 2 * 1 * 2 * 4;
    expect(
      trainingStepFlops(arch, { batch: 1, sourceLength: 1, targetLength: 1, inputWidth: 5, outputWidth: 4 }),
    ).toBe(3 * (enc + dec + io));
    // Token model: no input matMul, vocab-wide output.
    expect(
      trainingStepFlops(arch, {
        batch: 1,
        sourceLength: 1,
        targetLength: 1,
        inputWidth: 5,
        outputWidth: 4,
        vocab: 10,
      }),
    ).toBe(3 * (enc + dec + 2 * 1 * 2 * 10));
    const one = trainingStepFlops(arch, {
      batch: 1,
      sourceLength: 3,
      targetLength: 4,
      inputWidth: 5,
      outputWidth: 4,
    });
    expect(
      trainingStepFlops(arch, { batch: 8, sourceLength: 3, targetLength: 4, inputWidth: 5, outputWidth: 4 }),
    ).toBe(8 * one);
  });
});
