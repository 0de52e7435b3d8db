import { SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { currentBackend, selectBackend } from './select-backend.ts';

describe('selectBackend', () => {
  it('auto falls through the missing native packages to wasm and says why', async () => {
    const choice = await selectBackend('auto');
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.skipped.join('\n')).toMatch(/tfjs-node-gpu is not installed/);
    expect(choice.skipped.join('\n')).toMatch(/tfjs-node is not installed/);
    expect(currentBackend()).toBe(choice);
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).arraySync());
    expect(sum).toEqual([4, 6]);
  });

  it('a named native backend that is not installed is an error, not a silent fallback', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(/tfjs-node is not installed/);
  });

  it('rejects an unknown backend name with the valid options', async () => {
    const error = await selectBackend('webgpu').catch((e: unknown) => e);
    expect(SignLLMError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/"webgpu".*wasm/);
  });
});
