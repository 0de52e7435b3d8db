import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { thrown } from '../test-support/errors.ts';
import { describeValue, formatPath } from './format-issues.ts';
import { parseWith } from './parse-with.ts';
import { TrainConfigSchema } from './train-config.ts';

const TRAIN = { data: 'datasets/phoenix', outDir: 'runs/1', model: 'model.json' };

describe('parseWith', () => {
  it('returns the parsed value with defaults filled', () => {
    const config = parseWith(TrainConfigSchema, TRAIN, 'train config');
    expect(config.batchSize).toBe(32);
    expect(config.lrSchedule).toEqual({
      kind: 'plateau',
      factor: 0.7,
      patience: 7,
      minLr: 2e-4,
      earlyStopPatience: 0,
    });
  });

  it('names the label, the field, what was expected and what was found', () => {
    const e = thrown(() => parseWith(TrainConfigSchema, { ...TRAIN, batchSize: -1 }, 'train config'));
    expect(e.code).toBe(ERROR_CODES.schemaInvalid);
    expect(e.message).toBe('train config: batchSize: expected a positive integer, got -1');
    expect(e.details).toEqual({
      label: 'train config',
      issues: [{ path: ['batchSize'], message: 'expected a positive integer, got -1' }],
    });
  });

  it('words each kind of issue', () => {
    const cases: [unknown, string][] = [
      [{ ...TRAIN, batchSize: 1.5 }, 'batchSize: expected an integer, got 1.5'],
      [{ ...TRAIN, batchSize: '8' }, 'batchSize: expected a number, got "8"'],
      [{ ...TRAIN, batchSize: 100_000 }, 'batchSize: expected an integer <= 65536, got 100000'],
      [{ ...TRAIN, learningRate: 0 }, 'learningRate: expected a positive number, got 0'],
      [
        { ...TRAIN, learningRate: 1e-5 },
        'lrSchedule.minLr: expected at most learningRate (0.00001), got 0.0002',
      ],
      [{ ...TRAIN, seed: -3 }, 'seed: expected a non-negative integer, got -3'],
      [{ ...TRAIN, learningRate: Number.NaN }, 'learningRate: expected a number, got NaN'],
      [{ ...TRAIN, gradClip: Number.POSITIVE_INFINITY }, 'gradClip: expected a number, got Infinity'],
      [{ ...TRAIN, loss: 'l1' }, 'loss: expected "mse" or "rl", got "l1"'],
      [{ ...TRAIN, optimiser: { betas: [0.9] } }, 'optimiser.betas: expected at least 2 items, got 1 items'],
      [{ ...TRAIN, optimiser: { betas: [0.9, 1] } }, 'optimiser.betas[1]: expected a number < 1, got 1'],
      [{ ...TRAIN, data: '' }, 'data: expected a non-empty path to the dataset, got ""'],
      [{ outDir: 'x', model: 'm.json' }, 'data: missing; expected a string'],
      [{ ...TRAIN, rl: { plc: 'yes' } }, 'rl.plc: expected a boolean (true or false), got "yes"'],
      [{ ...TRAIN, model: 5 }, 'model: expected an object or a string, got 5'],
      ['config', 'expected an object, got "config"'],
      [null, 'expected an object, got null'],
    ];
    for (const [value, message] of cases) {
      expect(thrown(() => parseWith(TrainConfigSchema, value, 'train config')).message).toBe(
        `train config: ${message}`,
      );
    }
  });

  it('lists unknown keys with the valid ones (strict schemas)', () => {
    const e = thrown(() => parseWith(TrainConfigSchema, { ...TRAIN, batchsize: 8 }, 'train config'));
    expect(e.message).toMatch(
      /^train config: unknown key "batchsize"; valid keys are "data", "outDir", "model", /,
    );
    expect(e.message).toContain('"batchSize"');
  });

  it('opens a union whose object branch matched, pointing at the nested field', () => {
    const e = thrown(() =>
      parseWith(
        TrainConfigSchema,
        { ...TRAIN, model: { mode: 'mlsf', languages: ['ase'], tokenizers: { source: { vocabSize: 0 } } } },
        'train config',
      ),
    );
    expect(e.message).toBe(
      'train config: model.tokenizers.source.vocabSize: expected a positive integer, got 0',
    );
  });

  it('reports every issue, and caps the message at ten', () => {
    const two = thrown(() =>
      parseWith(TrainConfigSchema, { ...TRAIN, steps: 0, logEvery: -1 }, 'train config'),
    );
    expect(two.message).toBe(
      'train config: steps: expected a positive integer, got 0; logEvery: expected a positive integer, got -1',
    );
    const many = z.array(z.number());
    const e = thrown(() =>
      parseWith(
        many,
        Array.from({ length: 25 }, (_, i) => `s${i}`),
        'numbers',
      ),
    );
    expect(e.message.split('; ')).toHaveLength(11);
    expect(e.message).toMatch(/\[9\]: expected a number, got "s9"; and 15 more problems$/);
    expect(e.details).toMatchObject({ issues: expect.any(Array) });
    expect((e.details as { issues: unknown[] }).issues).toHaveLength(25);
  });

  it('cuts long values and keys in messages', () => {
    const e = thrown(() => parseWith(z.strictObject({}), { ['k'.repeat(10_000)]: 1 }, 'x'));
    expect(e.message.length).toBeLessThan(200);
    const s = thrown(() => parseWith(z.number(), 'v'.repeat(1_000_000), 'n'));
    expect(s.message).toBe(`n: expected a number, got "${'v'.repeat(40)}"… (1000000 characters)`);
  });

  it('wraps exceptions thrown inside a schema into schema_invalid', () => {
    const boom = z.string().refine(() => {
      throw new RangeError('inner failure');
    });
    const e = thrown(() => parseWith(boom, 'x', 'odd'));
    expect(e.code).toBe(ERROR_CODES.schemaInvalid);
    expect(e.message).toBe('odd: could not be validated: inner failure');
    expect(e.cause).toBeInstanceOf(RangeError);
  });

  it('only ever throws schema_invalid for any JSON value (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ data: fc.jsonValue(), outDir: fc.jsonValue(), model: fc.jsonValue() }),
        ),
        (value) => {
          try {
            parseWith(TrainConfigSchema, value, 'train config');
            return true;
          } catch (e) {
            return (
              SignLLMError.isInstance(e) &&
              e.code === ERROR_CODES.schemaInvalid &&
              e.message.startsWith('train config: ')
            );
          }
        },
      ),
    );
  });
});

describe('formatPath and describeValue', () => {
  it('formats paths like property access', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['a', 'b', 2, 'c'])).toBe('a.b[2].c');
    expect(formatPath(['splits', 'odd key', 0])).toBe('splits["odd key"][0]');
  });

  it('describes values briefly', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue([1, 2])).toBe('an array of 2 items');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue('a\nb')).toBe('"a\\nb"');
  });
});

describe('parseWith on values that fight back', () => {
  it('turns a throwing getter or proxy into schema_invalid', () => {
    const getter = Object.defineProperty({ data: 'd', outDir: 'o' }, 'model', {
      enumerable: true,
      get() {
        throw new Error('getter says no');
      },
    });
    const e = thrown(() => parseWith(TrainConfigSchema, getter, 'train config'));
    expect(e.code).toBe(ERROR_CODES.schemaInvalid);
    expect(e.message).toBe('train config: could not be validated: getter says no');
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(thrown(() => parseWith(TrainConfigSchema, { ...TRAIN, model: trap }, 'train config')).code).toBe(
      ERROR_CODES.schemaInvalid,
    );
  });
});
