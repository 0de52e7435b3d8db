import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/signllm-error.ts';
import { expectError } from '../test-support/errors.ts';
import { schemaExample } from '../test-support/schema-example.ts';
import { parseWith } from './parse-with.ts';
import { type TrainConfigInput, TrainConfigSchema } from './train-config.ts';

const example = (): TrainConfigInput => schemaExample('train-config');

const parse = (value: unknown) => parseWith(TrainConfigSchema, value, 'train config');

const invalid = (value: unknown): string =>
  expectError(() => parse(value), ERROR_CODES.schemaInvalid).message;

describe('TrainConfigSchema', () => {
  it('parses the example and fills the Progressive Transformers defaults', () => {
    const c = parse(example());
    expect(c.steps).toBe(20_000);
    expect(c.optimiser).toEqual({ kind: 'adam', betas: [0.9, 0.999], epsilon: 1e-8, weightDecay: 0 });
    expect(c.gradClip).toBe(5);
    expect(c.lrSchedule).toEqual({
      kind: 'plateau',
      factor: 0.7,
      patience: 7,
      minLr: 2e-4,
      earlyStopPatience: 0,
    });
    expect(c.seed).toBe(27);
    expect(c.rl).toEqual({
      plc: true,
      rewardTransform: 'exp',
      eta: 1,
      epsilon: 1e-6,
      skipQuantile: 0.5,
      refreshEvery: 250,
    });
    expect(c.logEvery).toBe(100);
    expect(typeof c.model === 'object' && c.model.architecture.heads).toBe(4);
  });

  it('fills the validation, loading, backend and checkpoint defaults and rejects bad values', () => {
    const c = parse(example());
    expect(c.validation).toEqual({ split: 'dev', maxSequences: 20, timing: 'ground-truth' });
    expect(c.loading).toEqual({ poolShards: 8, maxCachedShards: 16, maxFrames: 400 });
    expect(c.backend).toBe('auto');
    expect(c.keepCheckpoints).toBe(3);
    expect(c.initFrom).toBeUndefined();
    expect(invalid({ ...example(), backend: 'webgpu' })).toMatch(/backend/);
    expect(invalid({ ...example(), validation: { timing: 'gt' } })).toMatch(/validation\.timing/);
    expect(invalid({ ...example(), loading: { poolShards: 0 } })).toMatch(/loading\.poolShards/);
    expect(invalid({ ...example(), initFrom: '' })).toMatch(/initFrom/);
  });

  it('accepts the model config as a file reference', () => {
    expect(parse({ ...example(), model: 'configs/model.json' }).model).toBe('configs/model.json');
  });

  it('gives each parse its own default betas array', () => {
    const a = parse({ data: 'd', outDir: 'o', model: 'm.json' });
    a.optimiser.betas[0] = 0.5;
    expect(parse({ data: 'd', outDir: 'o', model: 'm.json' }).optimiser.betas).toEqual([0.9, 0.999]);
  });

  it('documents every field', () => {
    const shape = TrainConfigSchema.shape;
    for (const [key, field] of Object.entries(shape)) {
      expect(field.description, key).toMatch(/\S{3}/);
    }
  });

  it('names bad fields', () => {
    expect(invalid({ ...example(), batchSize: -1 })).toBe(
      'train config: batchSize: expected a positive integer, got -1',
    );
    expect(invalid({ ...example(), loss: 'RL' })).toBe(
      'train config: loss: expected "mse" or "rl", got "RL"',
    );
    expect(invalid({ ...example(), rl: { skipQuantile: 1 } })).toBe(
      'train config: rl.skipQuantile: expected a number < 1, got 1',
    );
    expect(invalid({ ...example(), rl: { rewardTransform: 'softmax' } })).toBe(
      'train config: rl.rewardTransform: expected "exp", "inverse" or "rank", got "softmax"',
    );
    expect(invalid({ ...example(), lrSchedule: { factor: 1.5 } })).toBe(
      'train config: lrSchedule.factor: expected a number < 1, got 1.5',
    );
    expect(invalid({ ...example(), optimiser: { kind: 'sgd' } })).toBe(
      'train config: optimiser.kind: expected "adam", got "sgd"',
    );
    expect(invalid({ ...example(), validate_every: 10 })).toContain('unknown key "validate_every"');
    expect(invalid({ ...example(), model: { mode: 'mlsf' } })).toContain(
      'model.languages: missing; expected an array',
    );
  });
});
