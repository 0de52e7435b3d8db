import { type SignBundle, SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { withFixtureBundles } from './test-support/serve-fixtures.ts';
import type { PoseGenerator } from './translation-service.ts';
import { warmUp } from './translation-support.ts';

let mlsf: SignBundle;
let p2lg: SignBundle;

withFixtureBundles((b) => ({ mlsf, p2lg } = b));

/** The bundle, recording the requests it is asked to generate. */
function recording(bundle: SignBundle): { generator: PoseGenerator; calls: string[] } {
  const calls: string[] = [];
  const generator: PoseGenerator = {
    manifest: bundle.manifest,
    languages: bundle.languages,
    accepts: (language) => bundle.accepts(language),
    generate: (request) => {
      calls.push(`${request.language}:${request.inputType}:${request.maxFrames}`);
      return bundle.generate(request);
    },
    release: () => bundle.release(),
  };
  return { generator, calls };
}

describe('warmUp', () => {
  it('runs every language of an MLSF bundle (own graphs) and every input kind of a Prompt2LangGloss one (shared graphs)', async () => {
    const a = recording(mlsf);
    await warmUp(a.generator);
    expect(a.calls).toEqual(['ase:text:2', 'gsg:text:2']);
    const b = recording(p2lg);
    await warmUp(b.generator);
    expect(b.calls).toEqual(['ase:text:2', 'ase:prompt:2', 'ase:gloss:2']);
  });

  it('fails on a model that cannot run, not on an input the vocabulary cannot read', async () => {
    const broken: PoseGenerator = {
      ...recording(mlsf).generator,
      // biome-ignore lint/correctness/useYield: a generator that fails before its first frame
      generate: async function* () {
        throw new Error('session crashed');
      },
    };
    await expect(warmUp(broken)).rejects.toThrow(/session crashed/);
    const unreadable: PoseGenerator = {
      ...recording(mlsf).generator,
      // biome-ignore lint/correctness/useYield: a generator that fails before its first frame
      generate: async function* () {
        throw new SignLLMError('token_out_of_vocabulary', 'no token for "hello"');
      },
    };
    await expect(warmUp(unreadable)).resolves.toBeUndefined();
  });
});
