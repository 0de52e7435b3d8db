import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/signllm-error.ts';
import { getSkeleton } from '../skeletons/registry.ts';
import { expectError } from '../test-support/errors.ts';
import { schemaExample } from '../test-support/schema-example.ts';
import { defaultModelInput, type ModelConfigInput, ModelConfigSchema } from './model-config.ts';
import { parseWith } from './parse-with.ts';

const example = (): ModelConfigInput => schemaExample('model-config');

const parse = (value: unknown) => parseWith(ModelConfigSchema, value, 'model config');

const invalid = (value: unknown): string =>
  expectError(() => parse(value), ERROR_CODES.schemaInvalid).message;

describe('ModelConfigSchema', () => {
  it('parses the example and fills the remaining defaults', () => {
    const m = parse(example());
    expect(m.architecture).toEqual({
      encoderLayers: 2,
      decoderLayers: 2,
      dModel: 256,
      heads: 4,
      ffnSize: 1024,
      dropout: 0.1,
      maxSourceLength: 256,
      maxTargetLength: 512,
    });
    expect(m.tokenizers.source).toEqual({ kind: 'word', vocabSize: 2891, lowercase: true });
    expect(m.augmentations).toEqual({ gaussianNoiseRate: 5, futurePrediction: 0, justCounter: false });
  });

  it('defaults the stop counter, leaves input to the mode, and rejects a bad input or counter', () => {
    const m = parse(example());
    expect(m.stopCounter).toBe(0.99);
    expect(m.input).toBeUndefined();
    expect(defaultModelInput('mlsf')).toBe('text');
    expect(defaultModelInput('p2lg-stage1')).toBe('prompt');
    expect(defaultModelInput('p2lg-stage2')).toBe('langGloss');
    expect(parse({ ...example(), input: 'gloss' }).input).toBe('gloss');
    expect(invalid({ ...example(), input: 'video' })).toMatch(/input/);
    expect(invalid({ ...example(), stopCounter: 1.5 })).toMatch(/stopCounter/);
    expect(invalid({ ...example(), stopCounter: 0 })).toMatch(/stopCounter/);
  });

  it('needs only mode, languages and the source vocabulary size', () => {
    const m = parse({ mode: 'p2lg-stage2', languages: ['ase'], tokenizers: { source: { vocabSize: 900 } } });
    expect(m.skeleton).toBe('prompt2sign-50');
    expect(m.targetSize).toBe(151);
    expect(m.architecture.dModel).toBe(512);
  });

  it('has a target size default that matches the prompt2sign-50 skeleton', () => {
    expect(getSkeleton('prompt2sign-50').joints.length * 3 + 1).toBe(parse(example()).targetSize);
  });

  it('names bad fields, including misspelt keys (strict)', () => {
    expect(invalid({ ...example(), mode: 'p2lg' })).toBe(
      'model config: mode: expected "mlsf", "p2lg-stage1" or "p2lg-stage2", got "p2lg"',
    );
    expect(invalid({ ...example(), languages: [] })).toBe(
      'model config: languages: expected at least 1 item, got 0 items',
    );
    expect(invalid({ ...example(), languages: ['ASL'] })).toContain(
      'languages[0]: expected an ISO 639-3 sign language code',
    );
    expect(invalid({ ...example(), architecture: { dmodel: 512 } })).toContain(
      'architecture: unknown key "dmodel"; valid keys are "encoderLayers"',
    );
    expect(invalid({ ...example(), architecture: { dropout: 1 } })).toBe(
      'model config: architecture.dropout: expected a number < 1, got 1',
    );
  });

  it('checks the fields against each other', () => {
    expect(invalid({ ...example(), architecture: { dModel: 250, heads: 4 } })).toBe(
      'model config: architecture.heads: dModel 250 is not divisible by heads 4',
    );
    expect(invalid({ ...example(), targetSize: 150 })).toBe(
      'model config: targetSize: expected 151 (joints × 3 + 1 for skeleton "prompt2sign-50"), got 150',
    );
    expect(invalid({ ...example(), mode: 'p2lg-stage1' })).toBe(
      'model config: tokenizers.target: missing; mode "p2lg-stage1" needs the LangGloss tokenizer',
    );
    expect(invalid({ ...example(), augmentations: { justCounter: true, gaussianNoiseRate: 5 } })).toContain(
      'augmentations.justCounter: justCounter and gaussianNoiseRate > 0 cannot be combined',
    );
    expect(invalid({ ...example(), languages: ['ase', 'ase'] })).toContain('language "ase" is listed twice');
  });

  it('trusts targetSize for skeletons it does not know', () => {
    expect(parse({ ...example(), skeleton: 'holistic-999', targetSize: 1729 }).targetSize).toBe(1729);
  });

  it('accepts a stage-1 config with its LangGloss tokenizer', () => {
    const m = parse({
      mode: 'p2lg-stage1',
      languages: ['ase', 'gsg'],
      tokenizers: {
        source: { kind: 'subword', vocabSize: 8000 },
        target: { vocabSize: 3100, lowercase: false },
      },
    });
    expect(m.tokenizers.target).toEqual({ kind: 'word', vocabSize: 3100, lowercase: false });
  });
});
