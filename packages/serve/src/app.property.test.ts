/**
 * Random bodies, content types and query strings thrown at `/v1/translate`: every answer is a 2xx or
 * a documented 4xx with a valid JSON error, never a 5xx, and the server keeps translating afterwards.
 */
import { ErrorResponseSchema, type SignBundle } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { post, readyService, testApp, withFixtureBundles } from './test-support/serve-fixtures.ts';

let bundle: SignBundle;

withFixtureBundles((b) => {
  bundle = b.mlsf;
});

const KEYS = ['input', 'inputType', 'language', 'format', 'fps', 'maxFrames', 'stream'] as const;

/** Values that are sometimes valid for a key and often hostile. */
const fieldValue = fc.oneof(
  fc.constantFrom('text', 'prompt', 'gloss', 'json', 'pose', 'skels', 'ase', 'gsg', 'ASL', 'xx', ''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: -5, max: 20 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant('x'.repeat(1200)),
);

const requestLike = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...KEYS),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('__proto__', 'constructor'),
  ),
  fieldValue,
  { maxKeys: 8 },
);

const nearlyValid = fc.record(
  {
    input: fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.constantFrom('the sky is blue', 'REGEN', ' '),
    ),
    language: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('ase', 'gsg', 'ASL', 'GSL') },
      fc.constantFrom('DGS', 'xx', 'ase-us', ''),
    ),
    inputType: fc.oneof(
      { weight: 4, arbitrary: fc.constant('text') },
      fc.constantFrom('prompt', 'gloss', 'TEXT'),
    ),
    format: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('json', 'pose', 'skels') }, fc.constant('mp4')),
    fps: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      fc.double({ min: -1, max: 300, noNaN: true }),
    ),
    maxFrames: fc.oneof(fc.constant(undefined), fc.integer({ min: -1, max: 12 })),
    stream: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, fc.boolean()),
  },
  { requiredKeys: ['input', 'language'] },
);

const bodyText = fc.oneof(
  { weight: 2, arbitrary: requestLike.map((o) => JSON.stringify(o)) },
  { weight: 6, arbitrary: nearlyValid.map((o) => JSON.stringify(o)) },
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  nearlyValid.map((o) => JSON.stringify(o).slice(0, -3)),
);

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''),
  fc.string({ maxLength: 30 }),
);

const ALLOWED = new Set([200, 400, 413, 415]);

describe('random requests to /v1/translate', () => {
  it('never get a 5xx, always a valid JSON error for a 4xx, and leave the server working', async () => {
    // maxFrames 8: valid requests stay cheap; a body limit of 2 kB is reached by some bodies.
    const service = await readyService(bundle, { maxFrames: 8, maxBodyBytes: 2048 });
    const { app } = testApp(service);
    await fc.assert(
      fc.asyncProperty(bodyText, contentType, async (text, type) => {
        const res = await app.request('/v1/translate', {
          method: 'POST',
          body: text,
          headers: type === '' ? {} : { 'Content-Type': type },
        });
        const raw = await res.text();
        if (!ALLOWED.has(res.status))
          throw new Error(`status ${res.status} for ${text.slice(0, 200)}: ${raw}`);
        if (res.status !== 200) {
          const parsed = ErrorResponseSchema.safeParse(JSON.parse(raw));
          if (!parsed.success) throw new Error(`bad error body ${raw}`);
          if (/\n\s+at /.test(raw)) throw new Error(`stack trace in ${raw}`);
        }
        return service.inFlight === 0;
      }),
      { numRuns: 300, seed: 20261207 },
    );
    const after = await app.request(
      '/v1/translate',
      post({ input: 'the sky is blue', language: 'ase', maxFrames: 3 }),
    );
    expect(after.status).toBe(200);
    expect(((await after.json()) as { frames: number }).frames).toBe(3);
  });

  it('never get a 5xx from random query strings on the GET form', async () => {
    const service = await readyService(bundle, { maxFrames: 8 });
    const { app } = testApp(service);
    const param = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('en', 'de', 'ase', 'gsg', 'ASL', 'fr-CH'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('text', 'spoken', 'signed', 'x', 'text '), param, { maxKeys: 4 }),
        async (query) => {
          const res = await app.request(`/v1/translate?${new URLSearchParams(query).toString()}`);
          await res.arrayBuffer();
          if (res.status !== 200 && res.status !== 400)
            throw new Error(`status ${res.status} for ${JSON.stringify(query)}`);
          return service.inFlight === 0;
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
