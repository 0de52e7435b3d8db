import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/signllm-error.ts';
import { listLanguages, resolveLanguage } from '../languages/languages.ts';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { expectError } from '../test-support/errors.ts';
import { schemaExample } from '../test-support/schema-example.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import {
  API_LIMITS,
  ErrorResponseSchema,
  HealthResponseSchema,
  LanguagesResponseSchema,
  ReadyResponseSchema,
  TranslateQuerySchema,
  TranslateRequestSchema,
  TranslateResponseSchema,
} from './api.ts';
import { parseWith } from './parse-with.ts';

const example = (name: string): Record<string, unknown> => schemaExample(name);

function invalid(schema: Parameters<typeof parseWith>[0], value: unknown, label = 'request body'): string {
  return expectError(() => parseWith(schema, value, label), ERROR_CODES.schemaInvalid).message;
}

describe('TranslateRequestSchema', () => {
  it('parses the example and fills defaults', () => {
    expect(parseWith(TranslateRequestSchema, example('translate-request'), 'request body')).toEqual({
      input: 'Tomorrow it will rain in the north.',
      inputType: 'text',
      language: 'ASL',
      format: 'json',
      maxFrames: 300,
    });
    const minimal = parseWith(TranslateRequestSchema, { input: 'hallo', language: 'gsg' }, 'request body');
    expect(minimal).toEqual({ input: 'hallo', language: 'gsg', inputType: 'text', format: 'json' });
  });

  it('takes the language as code, tag or alias, which the registry then resolves', () => {
    for (const language of ['ase', 'ASL', 'LSF-CH', 'lsf_ch', 'DGS', 'sgn-DE']) {
      const req = parseWith(TranslateRequestSchema, { input: 'x', language }, 'request body');
      expect(listLanguages().map((l) => l.code)).toContain(resolveLanguage(req.language));
    }
  });

  it('bounds the input text', () => {
    const atLimit = 'ü'.repeat(API_LIMITS.maxInputChars);
    expect(parseWith(TranslateRequestSchema, { input: atLimit, language: 'ase' }, 'b').input).toBe(atLimit);
    expect(invalid(TranslateRequestSchema, { input: 'a'.repeat(10_000_000), language: 'ase' })).toBe(
      `request body: input: expected at most ${API_LIMITS.maxInputChars} characters, got 10000000 characters`,
    );
    expect(invalid(TranslateRequestSchema, { input: '', language: 'ase' })).toBe(
      'request body: input: expected a non-empty string, got ""',
    );
    expect(invalid(TranslateRequestSchema, { input: ' \n\t ', language: 'ase' })).toBe(
      'request body: input: expected text with at least one non-space character',
    );
  });

  it('names bad fields and rejects unknown keys (strict)', () => {
    const base = { input: 'x', language: 'ase' };
    expect(invalid(TranslateRequestSchema, { ...base, inputType: 'video' })).toBe(
      'request body: inputType: expected "text", "prompt" or "gloss", got "video"',
    );
    expect(invalid(TranslateRequestSchema, { ...base, format: 'mp4' })).toBe(
      'request body: format: expected "json", "pose" or "skels", got "mp4"',
    );
    expect(invalid(TranslateRequestSchema, { ...base, maxFrames: 1e9 })).toBe(
      `request body: maxFrames: expected an integer <= ${API_LIMITS.maxFrames}, got 1000000000`,
    );
    expect(invalid(TranslateRequestSchema, { ...base, fps: -25 })).toBe(
      'request body: fps: expected a positive number, got -25',
    );
    expect(invalid(TranslateRequestSchema, { ...base, stream: 'true' })).toContain(
      'stream: expected a boolean',
    );
    expect(invalid(TranslateRequestSchema, { ...base, language: 'American Sign Language' })).toContain(
      'language: expected a sign language code or tag like "ase" or "ASL"',
    );
    expect(invalid(TranslateRequestSchema, { ...base, lang: 'ase' })).toContain('unknown key "lang"');
    expect(invalid(TranslateRequestSchema, { input: 'x' })).toBe(
      'request body: language: missing; expected a string',
    );
  });
});

describe('TranslateQuerySchema', () => {
  it('parses the example and ignores unknown parameters', () => {
    expect(parseWith(TranslateQuerySchema, { ...example('translate-query'), _: '171' }, 'query')).toEqual({
      text: 'Guten Morgen',
      spoken: 'de',
      signed: 'gsg',
    });
    expect(invalid(TranslateQuerySchema, { text: 'x', spoken: 'german', signed: 'gsg' }, 'query')).toBe(
      'query: spoken: expected a spoken-language tag like "en" or "de-CH", got "german"',
    );
  });
});

describe('TranslateResponseSchema', () => {
  it('parses the example', () => {
    const r = parseWith(TranslateResponseSchema, example('translate-response'), 'response');
    expect(r.data[1]?.[2]).toEqual([0.31, 0.001, 0.018]);
  });

  it('checks data and confidence against frames and joints', () => {
    const r = example('translate-response');
    expect(invalid(TranslateResponseSchema, { ...r, frames: 3 }, 'response')).toBe(
      'response: data: expected 3 frames (as in frames), got 2; counters: expected 3 counters (as in frames), got 2; confidence: expected 3 frames (as in frames), got 2',
    );
    expect(invalid(TranslateResponseSchema, { ...r, joints: ['NECK', 'RSHOULDER'] }, 'response')).toBe(
      'response: data[0]: expected 2 joints (one per name in joints), got 3; confidence[0]: expected 2 joints (one per name in joints), got 3',
    );
    expect(invalid(TranslateResponseSchema, { ...r, data: [[[0, 0]], [[0, 0, 0]]] }, 'response')).toContain(
      'data[0][0]: expected exactly 3 items, got 2 items',
    );
    expect(
      invalid(
        TranslateResponseSchema,
        {
          ...r,
          confidence: [
            [1, 1, 1],
            [1, 1.5, 1],
          ],
        },
        'response',
      ),
    ).toBe('response: confidence[1][1]: expected a number <= 1, got 1.5');
  });
});

describe('other responses', () => {
  it('parse their examples', () => {
    expect(parseWith(LanguagesResponseSchema, example('languages-response'), 'r').languages).toHaveLength(2);
    expect(parseWith(ErrorResponseSchema, example('error-response'), 'r').error.code).toBe(
      ERROR_CODES.unknownLanguage,
    );
    expect(parseWith(HealthResponseSchema, example('health-response'), 'r')).toEqual({
      status: 'ok',
      version: '0.1.0',
    });
    expect(parseWith(ReadyResponseSchema, example('ready-response'), 'r').bundle?.mode).toBe('mlsf');
    expect(parseWith(ReadyResponseSchema, { ready: false, reason: 'no bundle loaded' }, 'r').ready).toBe(
      false,
    );
  });

  it('describe every built-in language in the languages response shape', () => {
    const languages = listLanguages().map((l) => ({ ...l, inputs: ['text'] }));
    const parsed = parseWith(LanguagesResponseSchema, { languages }, 'r');
    expect(parsed.languages.map((l) => l.tag)).toEqual([
      'ASL',
      'GSL',
      'DSGS',
      'LSF-CH',
      'LIS-CH',
      'LSA',
      'KSL',
      'TSL',
    ]);
    expect(parsed.languages[0]).not.toHaveProperty('aliases');
  });

  it('name bad fields', () => {
    expect(invalid(ErrorResponseSchema, { error: { code: 'Bad Code', message: 'm' } }, 'r')).toContain(
      'error.code: expected a snake_case error code',
    );
    expect(invalid(HealthResponseSchema, { status: 'fine' }, 'r')).toBe(
      'r: status: expected "ok", got "fine"',
    );
    expect(
      invalid(
        LanguagesResponseSchema,
        { languages: [{ code: 'ase', name: 'A', tag: 'ASL', spokenLanguage: 'en', inputs: [] }] },
        'r',
      ),
    ).toBe('r: languages[0].inputs: expected at least 1 item, got 0 items');
  });
});

describeWithData('a translate response made of real PHOENIX poses', () => {
  it('carries the first frames of a .skels sequence (×3 undoes the PT scaling)', () => {
    const line = readDataText('phoenix14t-sample', 'dev.skels').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).map(Number);
    const frames = 4;
    const joints = PROMPT2SIGN_50.joints.length;
    const data = Array.from({ length: frames }, (_, f) =>
      Array.from({ length: joints }, (_, j) =>
        [0, 1, 2].map((a) => (values[f * 151 + j * 3 + a] ?? Number.NaN) * 3),
      ),
    );
    const response = {
      language: 'gsg',
      inputType: 'gloss',
      fps: 25,
      skeleton: PROMPT2SIGN_50.name,
      joints: [...PROMPT2SIGN_50.joints],
      frames,
      data,
      timing: { generationMs: 12 },
    };
    const parsed = parseWith(TranslateResponseSchema, response, 'response');
    // In the PT data the neck (joint 1) is the origin of every frame.
    expect(parsed.data.map((frame) => frame[1])).toEqual(Array.from({ length: frames }, () => [0, 0, 0]));
    expect(parsed.data.flat(2).every(Number.isFinite)).toBe(true);
  });
});
