/**
 * The API in process (`app.request()`), on real bundles (tiny configs trained on synthetic data) run
 * by onnxruntime-node: every route, every format, and every error path.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type GeneratedFrame,
  getSkeleton,
  LanguagesResponseSchema,
  loadBundle,
  parseSkelsLine,
  readPose,
  resampledFrameCount,
  resampleFps,
  type SignBundle,
  type TranslateResponse,
  TranslateResponseSchema,
  TranslateStreamEventSchema,
} from '@signllm/core';
import { hc } from 'hono/client';
import { Pose } from 'pose-format';
import { describe, expect, it } from 'vitest';
import type { AppType } from './app.ts';
import { framesToSequence } from './output-formats.ts';
import { directoryBundleSource } from './runtime/directory-bundle-source.ts';
import { createNodeRuntime } from './runtime/onnxruntime-node.ts';
import {
  FIXTURES,
  limits,
  post,
  readyService,
  testApp,
  withFixtureBundles,
} from './test-support/serve-fixtures.ts';
import { TranslationService } from './translation-service.ts';

let mlsf: SignBundle;
let p2lg: SignBundle;

withFixtureBundles((b) => ({ mlsf, p2lg } = b));

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; schemas check their shape
type Json = Record<string, any>;

async function body(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

/** Frames the decoding loop makes directly for a request. */
async function direct(bundle: SignBundle, request: Parameters<SignBundle['generate']>[0]) {
  const frames: GeneratedFrame[] = [];
  const gen = bundle.generate(request);
  for (;;) {
    const r = await gen.next();
    if (r.done) return { frames, summary: r.value };
    frames.push(r.value);
  }
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function flatData(r: Pick<TranslateResponse, 'data'>): number[] {
  return r.data.flat(2);
}

/** Every NDJSON line of a body, parsed and validated. */
function lines(text: string) {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trim()
    .split('\n')
    .map((l) => TranslateStreamEventSchema.parse(JSON.parse(l)));
}

/** An error answer: its status, a valid error body with `code`, no stack trace, and the JSON type. */
async function expectApiError(res: Response, status: number, code: string, message?: RegExp): Promise<Json> {
  const b = await body(res);
  expect({ status: res.status, code: b.error?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof b.error.message).toBe('string');
  expect(b.error.message).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
  if (message) expect(b.error.message).toMatch(message);
  return b;
}

describe('health and readiness', () => {
  it('answers /healthz while the bundle loads, and /readyz, languages and translate with 503 until it is ready', async () => {
    const service = new TranslationService({ limits: limits() });
    let finish: (b: SignBundle) => void = () => {};
    const loading = service.load(() => new Promise<SignBundle>((resolve) => (finish = resolve)), {
      warmUp: false,
    });
    const { app } = testApp(service);
    expect(await body(await app.request('/healthz'))).toEqual({ status: 'ok', version: '0.0.0' });
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await body(notReady)).toEqual({ ready: false, reason: 'loading the model bundle' });
    const langs = await app.request('/v1/languages');
    await expectApiError(langs, 503, 'not_ready', /loading the model bundle/);
    expect(langs.headers.get('retry-after')).toBe('1');
    await expectApiError(
      await app.request('/v1/translate', post({ input: 'hi', language: 'ase' })),
      503,
      'not_ready',
    );
    finish(mlsf);
    await loading;
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await body(ready)).toEqual({
      ready: true,
      bundle: { formatVersion: '1.0.0', mode: 'mlsf', languages: ['ase', 'gsg'], skeleton: 'prompt2sign-50' },
    });
  });

  it('reports why a bundle failed to load, and warms a bundle up before it is ready', async () => {
    const failed = new TranslationService({ limits: limits() });
    await expect(
      failed.load(() =>
        loadBundle(directoryBundleSource('/nonexistent-signllm-bundle'), createNodeRuntime()),
      ),
    ).rejects.toThrow();
    const { app } = testApp(failed);
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect((await body(res)).reason).toMatch(/could not be loaded: .*bundle\.json/);
    const warmed = new TranslationService({ limits: limits() });
    await warmed.load(async () => p2lg);
    expect(warmed.state).toBe('ready');
  });
});

describe('GET /v1/languages', () => {
  it('lists the MLSF bundle languages with names, tags, spoken languages, inputs and provenance', async () => {
    const { app } = testApp(await readyService(mlsf));
    const res = await app.request('/v1/languages');
    expect(res.status).toBe(200);
    const parsed = LanguagesResponseSchema.parse(await body(res));
    expect(parsed.languages).toEqual([
      {
        code: 'ase',
        name: 'American Sign Language',
        tag: 'ASL',
        spokenLanguage: 'en',
        inputs: ['text'],
        provenance: 'synthetic',
      },
      {
        code: 'gsg',
        name: 'German Sign Language (DGS)',
        tag: 'GSL',
        spokenLanguage: 'de',
        inputs: ['text'],
        provenance: 'synthetic',
      },
    ]);
  });

  it('lists text, prompt and gloss for a Prompt2LangGloss bundle with text → LangGloss graphs', async () => {
    const { app } = testApp(await readyService(p2lg));
    const { languages } = await body(await app.request('/v1/languages'));
    expect(languages.map((l: Json) => [l.code, l.inputs])).toEqual([
      ['ase', ['text', 'prompt', 'gloss']],
      ['gsg', ['text', 'prompt', 'gloss']],
    ]);
  });
});

describe('POST /v1/translate (json)', () => {
  it('returns what the decoding loop makes directly, with joint names, counters and timing', async () => {
    const { app } = testApp(await readyService(mlsf));
    const res = await app.request(
      '/v1/translate',
      post({ input: 'the sky is blue', language: 'ase', maxFrames: 40 }),
    );
    expect(res.status).toBe(200);
    const answer = TranslateResponseSchema.parse(await body(res));
    const ref = await direct(mlsf, {
      input: 'the sky is blue',
      inputType: 'text',
      language: 'ase',
      maxFrames: 40,
    });
    expect(answer.frames).toBe(ref.frames.length);
    expect(answer.stoppedBy).toBe(ref.summary.stoppedBy);
    expect(answer.joints).toEqual(getSkeleton('prompt2sign-50').joints);
    expect(answer.fps).toBe(12);
    expect(answer.language).toBe('ase');
    expect(answer.inputType).toBe('text');
    const values = ref.frames.flatMap((f) => Array.from(f.values));
    expect(maxDiff(flatData(answer), values)).toBeLessThanOrEqual(5.1e-6);
    expect(
      maxDiff(
        answer.counters!,
        ref.frames.map((f) => f.counter),
      ),
    ).toBeLessThanOrEqual(5.1e-6);
    expect(answer.timing.generationMs).toBeGreaterThan(0);
    expect(answer.timing.firstFrameMs).toBeLessThanOrEqual(answer.timing.generationMs);
    expect(res.headers.get('x-frames')).toBe(String(answer.frames));
  });

  it('stops at maxFrames, accepts a Prompt2Sign tag for the language, and translates for every language', async () => {
    const { app } = testApp(await readyService(mlsf));
    const ten = await body(
      await app.request('/v1/translate', post({ input: 'rain tomorrow', language: 'ASL', maxFrames: 10 })),
    );
    expect([ten.language, ten.frames, ten.stoppedBy]).toEqual(['ase', 10, 'limit']);
    const de = await body(
      await app.request('/v1/translate', post({ input: 'morgen regen', language: 'gsg', maxFrames: 5 })),
    );
    expect([de.language, de.frames]).toEqual(['gsg', 5]);
    // Another language's model makes other frames from the same text.
    const en = await body(
      await app.request('/v1/translate', post({ input: 'morgen regen', language: 'ase', maxFrames: 5 })),
    );
    expect(maxDiff(flatData(de as TranslateResponse), flatData(en as TranslateResponse))).toBeGreaterThan(
      1e-3,
    );
  });

  it('converts the frame rate like core resampleFps when fps is given', async () => {
    const { app } = testApp(await readyService(mlsf));
    const request = { input: 'the house is big', language: 'ase', maxFrames: 30 };
    const at12 = (await body(await app.request('/v1/translate', post(request)))) as TranslateResponse;
    for (const fps of [25, 7.5]) {
      const answer = (await body(
        await app.request('/v1/translate', post({ ...request, fps })),
      )) as TranslateResponse;
      expect(answer.fps).toBe(fps);
      expect(answer.frames).toBe(resampledFrameCount(30, 12, fps));
      const plan = { skeleton: 'prompt2sign-50', fps: 12 } as const;
      const frames = at12.data.map((d, index) => ({
        index,
        time: index / 12,
        counter: 0,
        values: Float32Array.from(d.flat()),
      }));
      const expected = resampleFps(framesToSequence(plan as never, frames), fps);
      expect(maxDiff(flatData(answer), expected.data)).toBeLessThanOrEqual(2e-5);
    }
  });

  it('translates prompts, text and glosses with a Prompt2LangGloss bundle and returns the LangGloss', async () => {
    const { app } = testApp(await readyService(p2lg));
    const prompt = (await body(
      await app.request(
        '/v1/translate',
        post({
          input: 'How do you sign "the sky is blue" in ASL?',
          inputType: 'prompt',
          language: 'ase',
          maxFrames: 8,
        }),
      ),
    )) as TranslateResponse;
    expect(prompt.inputType).toBe('prompt');
    expect(prompt.langGloss?.length).toBeGreaterThan(0);
    expect(prompt.langGloss?.filter((t) => t.startsWith('<')).every((t) => t === '<ase>')).toBe(true);
    const ref = await direct(p2lg, {
      input: 'How do you sign "the sky is blue" in ASL?',
      inputType: 'prompt',
      language: 'ase',
      maxFrames: 8,
    });
    expect(prompt.langGloss?.join(' ')).toBe(ref.summary.langGloss);
    const gloss = await body(
      await app.request(
        '/v1/translate',
        post({ input: 'SKY BLUE', inputType: 'gloss', language: 'gsg', maxFrames: 4 }),
      ),
    );
    expect([gloss.frames, gloss.langGloss]).toEqual([4, ['<gsg>', 'SKY', '<gsg>', 'BLUE']]);
    const text = await body(
      await app.request('/v1/translate', post({ input: 'the sky is blue', language: 'ase', maxFrames: 4 })),
    );
    expect(text.frames).toBe(4);
    expect(text.langGloss.length).toBeGreaterThan(0);
  });
});

describe('POST /v1/translate (pose and skels)', () => {
  it("returns a .pose v0.2 file that core reads back, on a 512 px canvas, with the JSON answer's frames", async () => {
    const { app } = testApp(await readyService(mlsf));
    const request = { input: 'the sky is blue', language: 'ase', maxFrames: 24 };
    const res = await app.request('/v1/translate', post({ ...request, format: 'pose' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pose');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="signllm-ase.pose"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const file = readPose(bytes);
    expect(file.header.version).toBeCloseTo(0.2, 5);
    // pose-format's own reader opens it too, with the same frames and points.
    const reference = Pose.from(Buffer.from(bytes));
    expect(reference.header.components.map((c) => [c.name, c.format, c.points.length])).toEqual(
      file.header.components.map((c) => [c.name, c.format, c.points.length]),
    );
    expect(reference.body.fps).toBe(12);
    expect(reference.body.frames.length).toBe(24);
    const wrist = reference.body.frames[9]!.people[0]![file.header.components[0]!.name]![4]!;
    expect(wrist.X).toBeCloseTo(file.body.data[(9 * 50 + 4) * 3]!, 4);
    expect(wrist.Y).toBeCloseTo(file.body.data[(9 * 50 + 4) * 3 + 1]!, 4);
    expect(wrist.C).toBe(1);
    expect([file.header.width, file.header.height]).toEqual([512, 512]);
    expect(file.body.fps).toBe(12);
    expect(file.body.frames).toBe(24);
    expect(file.header.components.map((c) => [c.format, c.points.length])).toEqual([
      ['XYZC', 8],
      ['XYZC', 21],
      ['XYZC', 21],
    ]);
    const xy = Array.from(file.body.data).filter((_, i) => i % 3 !== 2);
    expect(Math.min(...xy)).toBeGreaterThanOrEqual(51.19);
    expect(Math.max(...xy)).toBeLessThanOrEqual(460.81);
    expect(Array.from(file.body.confidence).every((c) => c === 1)).toBe(true);
    // Same motion as the JSON answer, up to the canvas transform (one scale, one offset).
    const json = (await body(await app.request('/v1/translate', post(request)))) as TranslateResponse;
    const a = json.data[5]![4]!;
    const b = json.data[5]![7]!;
    const p = (f: number, j: number, d: number) => file.body.data[(f * 50 + j) * 3 + d]!;
    const scale = (p(5, 7, 0) - p(5, 4, 0)) / (b[0]! - a[0]!);
    expect(scale).toBeGreaterThan(0);
    expect(p(5, 7, 1) - p(5, 4, 1)).toBeCloseTo((b[1]! - a[1]!) * scale, 1);
  });

  it("returns a Prompt2Sign .skels line with 151 values a frame and the dialect's counter", async () => {
    const { app } = testApp(await readyService(mlsf));
    const request = { input: 'rain will come tomorrow', language: 'ase', maxFrames: 16 };
    const res = await app.request('/v1/translate', post({ ...request, format: 'skels' }));
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split(' ').length).toBe(16 * 151);
    const skels = parseSkelsLine(text.trim(), { dialect: 'p2s' });
    expect(skels.frames).toBe(16);
    const json = (await body(await app.request('/v1/translate', post(request)))) as TranslateResponse;
    expect(maxDiff(skels.values, flatData(json))).toBeLessThanOrEqual(1.1e-5);
    expect(skels.counter[15]).toBeCloseTo(1, 5);
  });
});

describe('GET /v1/translate?text=…&spoken=…&signed=…', () => {
  it('returns a .pose file for the sign.mt URL form and ignores unknown parameters', async () => {
    const { app } = testApp(await readyService(mlsf, { maxFrames: 20 }));
    const res = await app.request('/v1/translate?text=the%20sky%20is%20blue&spoken=en&signed=ase&cache=123');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pose');
    const file = readPose(new Uint8Array(await res.arrayBuffer()));
    expect(file.body.frames).toBe(20);
    const tag = await app.request('/v1/translate?text=hallo&spoken=de-CH&signed=GSL');
    expect(tag.status).toBe(200);
  });

  it('answers 400 for a spoken language the model does not read, an unknown sign language, a missing or repeated parameter', async () => {
    const { app } = testApp(await readyService(mlsf));
    await expectApiError(
      await app.request('/v1/translate?text=hello&spoken=fr&signed=ase'),
      400,
      'invalid_argument',
      /translates "ase" from spoken "en", not "fr"/,
    );
    await expectApiError(
      await app.request('/v1/translate?text=hello&spoken=en&signed=bfi'),
      400,
      'unknown_language',
      /"bfi" is not served by this bundle; it serves "ase" or "gsg"/,
    );
    await expectApiError(
      await app.request('/v1/translate?spoken=en&signed=ase'),
      400,
      'schema_invalid',
      /text/,
    );
    await expectApiError(
      await app.request('/v1/translate?text=a&text=b&spoken=en&signed=ase'),
      400,
      'schema_invalid',
      /"text" is given 2 times/,
    );
  });
});

describe('POST /v1/translate (stream)', () => {
  it('streams NDJSON: a start line, the frames of the JSON answer, and an end line', async () => {
    const { app } = testApp(await readyService(mlsf));
    const request = { input: 'tomorrow the sky is grey', language: 'ase', maxFrames: 12 };
    const res = await app.request('/v1/translate', post({ ...request, stream: true }));
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const events = lines(await res.text());
    const json = (await body(await app.request('/v1/translate', post(request)))) as TranslateResponse;
    expect(events[0]).toEqual({
      type: 'start',
      language: 'ase',
      inputType: 'text',
      fps: 12,
      skeleton: 'prompt2sign-50',
      joints: json.joints,
    });
    const frames = events.filter((e) => e.type === 'frame');
    expect(frames.map((f) => f.index)).toEqual([...Array(12).keys()]);
    expect(frames.map((f) => f.pose)).toEqual(json.data);
    expect(frames[3]?.time).toBeCloseTo(0.25, 5);
    const end = events[events.length - 1]!;
    expect(end).toMatchObject({ type: 'end', frames: 12, stoppedBy: 'limit' });
    expect(events.length).toBe(14);
  });

  it('sends the first lines before generation ends, and stops generating when the client cancels', async () => {
    const service = await readyService(mlsf);
    const { app } = testApp(service);
    const res = await app.request(
      '/v1/translate',
      post({ input: 'the sky is blue', language: 'ase', stream: true }),
    );
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.startsWith('{"type":"start"')).toBe(true);
    // The generation is still running (holding its slot) while the client holds the stream.
    expect(service.inFlight).toBe(1);
    await reader.read();
    await reader.cancel();
    expect(service.inFlight).toBe(0);
  });

  it('ends with an error line when the time budget runs out after the stream began', async () => {
    const { app } = testApp(await readyService(mlsf, { timeoutMs: 300 }));
    const res = await app.request(
      '/v1/translate',
      post({ input: 'the sky is blue', language: 'ase', stream: true }),
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 450));
    let text = '';
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      text += new TextDecoder().decode(r.value);
    }
    const events = lines(text);
    expect(events[events.length - 1]).toMatchObject({ type: 'error', error: { code: 'timeout' } });
  });

  it('refuses stream with a binary format', async () => {
    const { app } = testApp(await readyService(mlsf));
    await expectApiError(
      await app.request('/v1/translate', post({ input: 'x', language: 'ase', stream: true, format: 'pose' })),
      400,
      'invalid_argument',
      /cannot be combined with format "pose"/,
    );
  });
});

describe('errors', () => {
  it('answers a bad request with 400 and a message naming what is wrong', async () => {
    const { app } = testApp(await readyService(mlsf, { maxFrames: 50, maxInputChars: 20 }));
    const cases: Array<[unknown, string, RegExp]> = [
      [
        { input: 'hello', language: 'xx' },
        'unknown_language',
        /"xx" is not served by this bundle; it serves "ase" or "gsg"/,
      ],
      [{ input: 'hello', language: 'ase', colour: 'red' }, 'schema_invalid', /colour/],
      [{ input: '   ', language: 'ase' }, 'schema_invalid', /non-space/],
      [{ input: 'hello', language: 'ase', inputType: 'gloss' }, 'invalid_argument', /accepts "text"/],
      [{ input: 'hello', language: 'ase', format: 'gif' }, 'schema_invalid', /format/],
      [
        { input: 'hello', language: 'ase', maxFrames: 51 },
        'invalid_argument',
        /maxFrames 51 is above the limit of 50 frames \(this server's limit\)/,
      ],
      [{ input: 'hello', language: 'ase', maxFrames: 0 }, 'schema_invalid', /maxFrames/],
      [{ input: 'hello', language: 'ase', fps: 241 }, 'schema_invalid', /fps/],
      [
        { input: 'x'.repeat(21), language: 'ase' },
        'input_too_long',
        /21 characters; this server accepts at most 20/,
      ],
      [{ input: 'x'.repeat(1001), language: 'ase' }, 'schema_invalid', /input/],
      [{ language: 'ase' }, 'schema_invalid', /input/],
      [[1, 2, 3], 'schema_invalid', /object/],
      ['"just a string"', 'schema_invalid', /object/],
      ['null', 'schema_invalid', /object/],
    ];
    for (const [request, code, message] of cases) {
      await expectApiError(await app.request('/v1/translate', post(request)), 400, code, message);
    }
    const big = testApp(await readyService(mlsf));
    await expectApiError(
      await big.app.request('/v1/translate', post({ input: 'hello', language: 'ase', maxFrames: 300 })),
      400,
      'invalid_argument',
      /limit of 256 frames \(the model's maximum length\)/,
    );
  });

  it('answers malformed JSON with 400, another content type with 415 and a large body with 413', async () => {
    const { app } = testApp(await readyService(mlsf, { maxBodyBytes: 1024 }));
    for (const bad of ['{"input": "x",', '{input: 1}', '', '\u0000', '{"a":1}}']) {
      await expectApiError(
        await app.request('/v1/translate', post(bad)),
        400,
        'invalid_json',
        /not valid JSON/,
      );
    }
    const deep = `${'['.repeat(500)}${']'.repeat(500)}`;
    await expectApiError(await app.request('/v1/translate', post(deep)), 400, 'schema_invalid');
    await expectApiError(
      await app.request('/v1/translate', {
        method: 'POST',
        body: '{}',
        headers: { 'Content-Type': 'text/plain' },
      }),
      415,
      'unsupported_media_type',
      /application\/json, got "text\/plain"/,
    );
    await expectApiError(
      await app.request('/v1/translate', { method: 'POST', body: '{}' }),
      415,
      'unsupported_media_type',
    );
    const large = JSON.stringify({ input: 'x'.repeat(2000), language: 'ase' });
    await expectApiError(
      await app.request('/v1/translate', post(large)),
      413,
      'payload_too_large',
      /1024 bytes/,
    );
    // Without Content-Length (a streamed body), the limit holds too.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(large));
        c.close();
      },
    });
    await expectApiError(
      await app.request('/v1/translate', {
        method: 'POST',
        body: stream,
        headers: { 'Content-Type': 'application/json' },
        duplex: 'half',
      } as RequestInit),
      413,
      'payload_too_large',
    );
    const ok = await app.request(
      '/v1/translate',
      post(
        { input: 'hello', language: 'ase', maxFrames: 2 },
        { 'Content-Type': 'application/json; charset=utf-8' },
      ),
    );
    expect(ok.status).toBe(200);
  });

  it('answers unknown routes with 404 and wrong methods with 405 and Allow', async () => {
    const { app } = testApp(await readyService(mlsf));
    await expectApiError(await app.request('/v2/translate'), 404, 'not_found', /openapi\.json/);
    const del = await app.request('/v1/translate', { method: 'DELETE' });
    await expectApiError(del, 405, 'method_not_allowed', /use GET or POST/);
    expect(del.headers.get('allow')).toBe('GET, HEAD, POST');
    await expectApiError(await app.request('/v1/languages', { method: 'POST' }), 405, 'method_not_allowed');
  });

  it('answers 429 with Retry-After beyond maxInFlight, without queueing, and admits again once a slot frees', async () => {
    const service = await readyService(mlsf, { maxInFlight: 1 });
    const { app } = testApp(service);
    const held = await app.request(
      '/v1/translate',
      post({ input: 'the sky is blue', language: 'ase', stream: true }),
    );
    const reader = held.body!.getReader();
    await reader.read();
    const refused = await app.request(
      '/v1/translate',
      post({ input: 'hello', language: 'ase', maxFrames: 2 }),
    );
    await expectApiError(refused, 429, 'too_many_requests', /1 translations are running/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The GET form shares the limit.
    await expectApiError(
      await app.request('/v1/translate?text=hi&spoken=en&signed=ase'),
      429,
      'too_many_requests',
    );
    await reader.cancel();
    const admitted = await app.request(
      '/v1/translate',
      post({ input: 'hello', language: 'ase', maxFrames: 2 }),
    );
    expect(admitted.status).toBe(200);
  });

  it('answers 504 when a translation exceeds the time budget, and frees its slot', async () => {
    const service = await readyService(mlsf, { timeoutMs: 1 });
    const { app } = testApp(service);
    await expectApiError(
      await app.request('/v1/translate', post({ input: 'the sky is blue', language: 'ase' })),
      504,
      'timeout',
      /budget of 1 ms/,
    );
    expect(service.inFlight).toBe(0);
  });

  it('answers 503 shutting_down while draining, except /healthz', async () => {
    const service = await readyService(mlsf);
    const { app } = testApp(service);
    await service.drain(0);
    const res = await app.request('/v1/translate', post({ input: 'hello', language: 'ase' }));
    await expectApiError(res, 503, 'shutting_down');
    expect(res.headers.get('connection')).toBe('close');
    await expectApiError(await app.request('/readyz'), 503, 'shutting_down');
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('answers a failing model with 500 and a message without internals, and logs the cause', async () => {
    const runtime = createNodeRuntime();
    const failing = {
      name: 'failing',
      async createSession(model: Uint8Array, label: string) {
        const s = await runtime.createSession(model, label);
        return {
          inputNames: s.inputNames,
          outputNames: s.outputNames,
          run: async () => {
            throw new Error('native crash at /secret/path/session.cc:42');
          },
          release: () => s.release(),
        };
      },
    };
    const service = new TranslationService({ limits: limits() });
    await service.load(() => loadBundle(directoryBundleSource(FIXTURES.mlsf), failing), { warmUp: false });
    const { app, lines: logged } = testApp(service);
    const res = await app.request('/v1/translate', post({ input: 'hello', language: 'ase' }));
    const b = await expectApiError(res, 500, 'inference_failed');
    expect(b.error.message).not.toMatch(/secret|session\.cc/);
    expect(JSON.stringify(logged)).toMatch(/secret\/path\/session\.cc/);
    expect(service.inFlight).toBe(0);
    await service.close();
  });
});

describe('CORS, request ids and logs', () => {
  it('sends no CORS headers by default and the configured ones when enabled', async () => {
    const service = await readyService(mlsf);
    const off = testApp(service).app;
    const plain = await off.request('/v1/languages', { headers: { Origin: 'https://example.org' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const on = testApp(service, { corsOrigins: ['https://example.org'] }).app;
    const allowed = await on.request('/v1/languages', { headers: { Origin: 'https://example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://example.org');
    const other = await on.request('/v1/languages', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await on.request('/v1/translate', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('gives every answer a request id and logs each request with it', async () => {
    const { app, lines: logged } = testApp(await readyService(mlsf));
    const res = await app.request('/v1/languages');
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const own = await app.request('/v1/nothing', { headers: { 'X-Request-Id': 'client-id-1' } });
    expect(own.headers.get('x-request-id')).toBe('client-id-1');
    const requests = logged.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.reqId, l.method, l.path, l.status])).toEqual([
      [id, 'GET', '/v1/languages', 200],
      ['client-id-1', 'GET', '/v1/nothing', 404],
    ]);
    expect(requests.every((l) => typeof l.ms === 'number' && l.level === 30)).toBe(true);
  });
});

describe('typed client and OpenAPI', () => {
  it("works with Hono's typed client on AppType", async () => {
    const { app } = testApp(await readyService(mlsf));
    const client = hc<AppType>('http://localhost', {
      fetch: (input: string | URL | Request, init?: RequestInit) => app.request(input, init),
    });
    const langs = await client.v1.languages.$get();
    expect(langs.status).toBe(200);
    const { languages } = await langs.json();
    expect(languages.map((l) => l.code)).toEqual(['ase', 'gsg']);
    const res = await client.v1.translate.$post({
      json: { input: 'the sky is blue', language: 'ase', maxFrames: 3 },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as TranslateResponse;
    expect(answer.frames).toBe(3);
  });

  it('serves an OpenAPI 3.1 document that validates and describes every route', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const service = await readyService(mlsf, { maxFrames: 77 });
    const { app } = testApp(service, { bundleDir: FIXTURES.mlsf });
    const doc = await body(await app.request('/openapi.json'));
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/healthz',
      '/openapi.json',
      '/readyz',
      '/v1/bundle/{path}',
      '/v1/languages',
      '/v1/translate',
    ]);
    expect(Object.keys(doc.paths['/v1/translate'])).toEqual(['post', 'get']);
    expect(doc.paths['/v1/bundle/{path}'].get.parameters[0]).toMatchObject({ name: 'path', in: 'path' });
    expect(doc.components.schemas.TranslateRequest.required).toEqual(['input', 'language']);
    expect(doc.paths['/v1/translate'].post.description).toMatch(/at most 77 frames/);
    // Every route the app answers is in the document.
    for (const path of Object.keys(doc.paths)) {
      for (const method of Object.keys(doc.paths[path])) {
        const res = await app.request(path.replace('{path}', 'bundle.json'), {
          method: method.toUpperCase(),
        });
        expect([404, 405]).not.toContain(res.status);
      }
    }
    // Without a published bundle, the route is not described.
    for (const options of [{}, { bundleDir: FIXTURES.mlsf, bundleFiles: false }]) {
      const other = await body(await testApp(service, options).app.request('/openapi.json'));
      expect(Object.keys(other.paths)).not.toContain('/v1/bundle/{path}');
    }
  });
});

describe('the page at /', () => {
  it('serves the web build when one is present, and nothing outside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signllm-web-'));
    try {
      await writeFile(join(dir, 'index.html'), '<!doctype html><title>SignLLM app</title>');
      await writeFile(join(dir, 'app.js'), 'console.log(1)');
      const { app } = testApp(await readyService(mlsf), { webRoot: dir });
      const page = await app.request('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/SignLLM app/);
      const script = await app.request('/app.js');
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect((await app.request('/%2e%2e/package.json')).status).toBe(404);
      expect((await app.request('/../package.json')).status).toBe(404);
      // The API still answers beside it.
      expect((await app.request('/healthz')).status).toBe(200);
      const head = await app.request('/healthz', { method: 'HEAD' });
      expect([head.status, await head.text()]).toEqual([200, '']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shows a landing page with the endpoints when no web build is present', async () => {
    const { app } = testApp(await readyService(mlsf), { webRoot: '/nonexistent-web-build' });
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/POST \/v1\/translate/);
    expect(html).toMatch(/Model: <strong>loaded<\/strong>/);
    expect(html).not.toMatch(/\/v1\/bundle\//);
    const published = testApp(await readyService(mlsf), {
      webRoot: '/nonexistent-web-build',
      bundleDir: FIXTURES.mlsf,
    }).app;
    expect(await (await published.request('/')).text()).toMatch(/GET \/v1\/bundle\/bundle\.json/);
  });
});
