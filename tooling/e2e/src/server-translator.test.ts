/**
 * `ServerTranslator` (the web app's server mode) in Node against a real `signllm-serve` on the
 * Prompt2LangGloss fixture, against hostile `node:http` servers that answer badly in every way we could
 * think of (each must fail with a clear `TranslatorError`, never hang, never crash), and the NDJSON
 * reader's own limits.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getSkeleton } from '@signllm/core';
import type { RunningServer } from '@signllm/serve';
import {
  DEFAULT_MAX_NDJSON_LINE,
  ndjsonValues,
  ServerTranslator,
  type TranslatedFrame,
  type TranslationEvent,
  type TranslationRequest,
  TranslatorError,
} from '@signllm/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_BUNDLES, startAppServer } from './support.ts';

/** The flat joint-major x, y, z values of a frame, whichever form the translator gave. */
const flat = (frame: TranslatedFrame): number[] =>
  frame.values instanceof Float32Array ? Array.from(frame.values) : frame.values.flatMap((j) => [...j]);

async function collect(events: AsyncIterable<TranslationEvent>) {
  const all: TranslationEvent[] = [];
  for await (const event of events) all.push(event);
  const frames = all.flatMap((e) => (e.type === 'frames' ? e.frames : []));
  return { all, frames, start: all[0], end: all.at(-1) };
}

/** The error `run` rejects with; fails the test unless it is a `TranslatorError`. */
async function failure(run: () => Promise<unknown>): Promise<TranslatorError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TranslatorError);
  return error as TranslatorError;
}

const drain = (t: ServerTranslator, request: TranslationRequest, signal?: AbortSignal) =>
  collect(t.translate(request, signal));

/** A `POST /v1/translate` JSON answer (or error answer): the fields these tests read. */
interface JsonAnswer {
  frames: number;
  stoppedBy: string;
  langGloss?: string[];
  data: number[][][];
  counters: number[];
  error: { code: string; message: string };
}

const SKY: TranslationRequest = { input: 'the sky is blue', inputType: 'text', language: 'ase' };

describe('ServerTranslator on a running signllm-serve', () => {
  let server: RunningServer;
  let translator: ServerTranslator;
  const post = async (body: object) => {
    const response = await fetch(`${server.url}/v1/translate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as JsonAnswer };
  };

  beforeAll(async () => {
    server = await startAppServer();
    translator = new ServerTranslator({ baseUrl: `${server.url}/` });
  });
  afterAll(async () => {
    await server?.close(1000);
  });

  it('lists the languages GET /v1/languages answers, and names the server in its label', async () => {
    const answer = (await (await fetch(`${server.url}/v1/languages`)).json()) as { languages: unknown[] };
    expect(answer.languages.map((l) => (l as { code: string }).code)).toEqual(['ase', 'gsg']);
    expect(await translator.languages()).toEqual(answer.languages);
    expect(translator.mode).toBe('server');
    expect(translator.label).toBe(`signllm-serve at ${server.url}`);
  });

  it('streams one start, frames and an end that are the non-streamed JSON answer for the same input', async () => {
    const manifest = JSON.parse(readFileSync(join(FIXTURE_BUNDLES.p2lg, 'bundle.json'), 'utf8'));
    for (const request of [SKY, { input: 'SKY BLUE', inputType: 'gloss', language: 'GSL' } as const]) {
      const { all, frames, start, end } = await drain(translator, request);
      expect(all.filter((e) => e.type === 'start')).toHaveLength(1);
      expect(all.filter((e) => e.type === 'end')).toHaveLength(1);
      if (start?.type !== 'start' || end?.type !== 'end') throw new Error('expected start … end');
      expect(start.language).toBe(request.language === 'GSL' ? 'gsg' : request.language);
      expect(start.inputType).toBe(request.inputType);
      expect(start.skeleton.name).toBe('prompt2sign-50');
      expect(start.fps).toBe(manifest.fps);
      expect(frames.length).toBeGreaterThan(0);
      expect(frames).toHaveLength(end.frames);
      expect(['counter', 'limit']).toContain(end.stoppedBy);
      expect(end.generationMs).toBeGreaterThan(0);
      expect(Number.isFinite(end.generationMs)).toBe(true);

      const json = await post({ ...request, format: 'json' });
      expect(json.status).toBe(200);
      expect(json.body.frames).toBe(end.frames);
      expect(json.body.stoppedBy).toBe(end.stoppedBy);
      expect(end.langGloss).toEqual(json.body.langGloss);
      const data = json.body.data;
      frames.forEach((frame, f) => {
        const expected = data[f]!.flat();
        const got = flat(frame);
        expect(got).toHaveLength(expected.length);
        for (let k = 0; k < got.length; k++) expect(Math.abs(got[k]! - expected[k]!)).toBeLessThan(1e-4);
        expect(Math.abs(frame.counter - json.body.counters[f]!)).toBeLessThan(1e-4);
      });
    }
  });

  it('fails with the server own code and message for an unknown language, an empty or too long input', async () => {
    const cases: [TranslationRequest, RegExp][] = [
      [{ ...SKY, language: 'xyz' }, /"xyz"/],
      [{ ...SKY, input: ' \t\n ' }, /input/],
      [{ ...SKY, input: '' }, /input/],
      [{ ...SKY, input: 'sky '.repeat(251) }, /1000/],
    ];
    for (const [request, message] of cases) {
      const raw = await post(request);
      expect(raw.status).toBe(400);
      const error = await failure(() => drain(translator, request));
      expect(error.code).toBe(raw.body.error.code);
      expect(error.message).toBe(raw.body.error.message);
      expect(error.message).toMatch(message);
    }
    expect((await failure(() => drain(translator, { ...SKY, language: 'xyz' }))).code).toBe(
      'unknown_language',
    );
  });

  it('stops when aborted mid-stream (code aborted); the server is idle again and keeps serving', async () => {
    const controller = new AbortController();
    let seen = 0;
    const error = await failure(async () => {
      for await (const event of translator.translate(SKY, controller.signal)) {
        if (event.type === 'frames' && ++seen === 1) controller.abort();
        if (event.type === 'end') throw new Error('the stream ended although it was aborted');
      }
    });
    expect(error.code).toBe('aborted');
    expect(seen).toBe(1);
    const deadline = Date.now() + 5000;
    while (server.service.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(server.service.inFlight).toBe(0);
    const after = await drain(translator, SKY);
    expect(after.end).toMatchObject({ type: 'end', frames: after.frames.length });
    const early = await failure(() => drain(translator, SKY, AbortSignal.abort()));
    expect(early.code).toBe('aborted');
  });

  it('says the server cannot be reached (code unreachable) when none is running', async () => {
    const down = new ServerTranslator({ baseUrl: 'http://127.0.0.1:9' });
    for (const run of [() => down.languages(), () => drain(down, SKY)]) {
      const error = await failure(run);
      expect(error.code).toBe('unreachable');
      expect(error.message).toMatch(/signllm-serve/);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Hostile servers: `/<mode>/v1/...` answers in the way `mode` names.

const JOINTS = getSkeleton('prompt2sign-50').joints;
const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const START = line({
  type: 'start',
  language: 'ase',
  inputType: 'text',
  fps: 12,
  skeleton: 'prompt2sign-50',
  joints: JOINTS,
});
const frame = (index: number, joints = JOINTS.length) =>
  line({
    type: 'frame',
    index,
    time: index / 12,
    counter: index / 10,
    pose: Array.from({ length: joints }, () => [0.1, -0.2, 0.3]),
  });
const END = (frames: number) =>
  line({ type: 'end', frames, stoppedBy: 'counter', timing: { generationMs: 1.5, firstFrameMs: 0.5 } });

const closed = new Map<string, Promise<void>>();
const ROUTES: Record<string, (res: ServerResponse) => void> = {
  ok: (res) => ndjson(res, START + frame(0) + frame(1) + END(2)),
  malformed: (res) => ndjson(res, START + '{"type":"frame", oops\n'),
  'wrong-joints': (res) => ndjson(res, START + frame(0) + frame(1, 3) + END(2)),
  'wrong-joint-names': (res) => ndjson(res, START.replace('"Nose"', '"Nose2"') + frame(0) + END(1)),
  'frame-first': (res) => ndjson(res, frame(0) + START + END(1)),
  'not-an-event': (res) => ndjson(res, START + line({ type: 'frame', index: -1 })),
  'no-end': (res) => ndjson(res, START + frame(0) + frame(1)),
  'error-line': (res) =>
    ndjson(
      res,
      START + frame(0) + line({ type: 'error', error: { code: 'timeout', message: 'took over 30000 ms' } }),
    ),
  'cut-mid-line': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.write(START + frame(0).slice(0, 40), () => setTimeout(() => res.socket?.destroy(), 20));
  },
  stall: (res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.write(START);
  },
  slow: (res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.write(START);
    let i = 0;
    const timer = setInterval(() => res.write(frame(i++)), 10);
    res.on('close', () => clearInterval(timer));
  },
  huge: (res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.write(START + '{"type":"frame","pad":"');
    const mib = 'x'.repeat(1 << 20);
    for (let i = 0; i <= DEFAULT_MAX_NDJSON_LINE >> 20; i++) res.write(mib);
    res.end('"}\n');
  },
  'http-500': (res) => {
    res.writeHead(500, { 'Content-Type': 'text/html' });
    res.end('<h1>Internal Server Error</h1>');
  },
  'http-503': (res) => {
    res.writeHead(503, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'shutting_down', message: 'the server is shutting down' } }));
  },
  'languages-not-json': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"languages": [');
  },
  'languages-wrong-shape': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ languages: [{ code: 'ase', inputs: ['telepathy'] }] }));
  },
};
function ndjson(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  res.end(body);
}

describe('ServerTranslator against hostile servers', { timeout: 10_000 }, () => {
  let hostile: Server;
  let base = '';
  const at = (mode: string) => new ServerTranslator({ baseUrl: `${base}/${mode}` });

  beforeAll(async () => {
    hostile = createServer((req, res) => {
      res.on('error', () => undefined);
      const mode = (req.url ?? '').split('/')[1] ?? '';
      closed.set(mode, new Promise((resolve) => res.on('close', resolve)));
      req.resume();
      const route = ROUTES[mode];
      if (route) return route(res);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hostile?.closeAllConnections();
    await new Promise((resolve) => hostile?.close(resolve));
  });

  it('reads a well-formed stream (the control case)', async () => {
    const { all, frames } = await drain(at('ok'), SKY);
    expect(all.map((e) => e.type)).toEqual(['start', 'frames', 'frames', 'end']);
    expect(flat(frames[1]!).slice(0, 3)).toEqual([0.1, -0.2, 0.3]);
  });

  const broken: [string, RegExp][] = [
    ['malformed', /line 2 of the stream is not JSON/],
    ['wrong-joints', /frame 1 has 3 joints, expected 50/],
    ['wrong-joint-names', /joints do not match skeleton "prompt2sign-50"/],
    ['frame-first', /a frame came before the start line/],
    ['not-an-event', /stream line/],
    ['no-end', /closed the stream before its end line/],
    ['cut-mid-line', /stream broke off/],
    ['huge', new RegExp(`line 2 of the stream is longer than ${DEFAULT_MAX_NDJSON_LINE} bytes`)],
  ];
  it.each(broken)('a stream that is %s fails with bad_response', async (mode, message) => {
    const error = await failure(() => drain(at(mode), SKY));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(message);
    await expect(closed.get(mode)).resolves.toBeUndefined();
  });

  it('an error line fails with its code and message', async () => {
    const error = await failure(() => drain(at('error-line'), SKY));
    expect([error.code, error.message]).toEqual(['timeout', 'took over 30000 ms']);
  });

  it('HTTP errors: a non-JSON 500 is code http, a JSON 503 is its own code', async () => {
    for (const run of [() => drain(at('http-500'), SKY), () => at('http-500').languages()]) {
      const error = await failure(run);
      expect(error.code).toBe('http');
      expect(error.message).toMatch(/HTTP 500/);
    }
    const error = await failure(() => drain(at('http-503'), SKY));
    expect([error.code, error.message]).toEqual(['shutting_down', 'the server is shutting down']);
  });

  it('a stalled stream is stopped by the caller signal (code aborted)', async () => {
    const error = await failure(() => drain(at('stall'), SKY, AbortSignal.timeout(300)));
    expect(error.code).toBe('aborted');
    await expect(closed.get('stall')).resolves.toBeUndefined();
  });

  it('a caller that stops reading early closes the connection', async () => {
    let frames = 0;
    for await (const event of at('slow').translate(SKY)) if (event.type === 'frames' && ++frames === 3) break;
    await expect(closed.get('slow')).resolves.toBeUndefined();
  });

  it('GET /v1/languages answering invalid JSON fails with bad_response', async () => {
    const error = await failure(() => at('languages-not-json').languages());
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/not JSON \(HTTP 200\)/);
  });

  it('GET /v1/languages answering JSON of the wrong shape fails with a TranslatorError (bad_response)', async () => {
    const error = await failure(() => at('languages-wrong-shape').languages());
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/inputs/);
  });
});

describe('ndjsonValues', { timeout: 10_000 }, () => {
  const encoder = new TextEncoder();
  /** A byte stream of `chunks`; `cancelled` says whether its reader cancelled it. */
  function source(chunks: (string | Uint8Array)[], endless = false) {
    const state = { cancelled: false };
    const queue = [...chunks];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = queue.shift() ?? (endless ? '{"more":true}\n' : undefined);
        if (next === undefined) controller.close();
        else controller.enqueue(typeof next === 'string' ? encoder.encode(next) : next);
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }
  /** The same stream as an object that only has `getReader` (browsers without async-iterable streams). */
  const readerOnly = (stream: ReadableStream<Uint8Array>) =>
    ({ getReader: () => stream.getReader() }) as unknown as ReadableStream<Uint8Array>;
  const all = async (chunks: AsyncIterable<unknown>) => {
    const out: unknown[] = [];
    for await (const v of chunks) out.push(v);
    return out;
  };

  it('joins lines and multi-byte characters split across chunks, skipping blank lines', async () => {
    const bytes = encoder.encode('{"w":"Gebärde"}');
    const chunks = ['\n{"a":', '1}\r\n\n', bytes.slice(0, 10), bytes.slice(10), '\n  \n[2]'];
    for (const wrap of [(s: ReadableStream<Uint8Array>) => s, readerOnly]) {
      expect(await all(ndjsonValues(wrap(source(chunks).stream)))).toEqual([{ a: 1 }, { w: 'Gebärde' }, [2]]);
    }
  });

  it('refuses a line that grows past maxLineBytes, and a line that is not JSON, naming the line', async () => {
    const pad = `{"pad":"${'x'.repeat(100)}"}`;
    const split = () => source(['[1]\n', pad.slice(0, 50), pad.slice(50), '\n']).stream;
    await expect(all(ndjsonValues(split(), 64))).rejects.toThrow(
      'line 2 of the stream is longer than 64 bytes',
    );
    expect(await all(ndjsonValues(split(), 200))).toEqual([[1], { pad: 'x'.repeat(100) }]);
    await expect(all(ndjsonValues(source(['[1]\n\n{nope}\n']).stream))).rejects.toThrow(
      'line 3 of the stream is not JSON: "{nope}"',
    );
    await expect(
      all(ndjsonValues(source([new Uint8Array([0x5b, 0xff, 0x5d, 0x0a])]).stream)),
    ).rejects.toThrow();
  });

  it('refuses a line longer than maxLineBytes that arrives whole, with its newline, in one chunk', async () => {
    const pad = `{"pad":"${'x'.repeat(100)}"}`;
    await expect(all(ndjsonValues(source([`[1]\n${pad}\n[3]\n`]).stream, 64))).rejects.toThrow(
      'line 2 of the stream is longer than 64 bytes',
    );
  });

  it.each([
    ['an async-iterable ReadableStream', (s: ReadableStream<Uint8Array>) => s],
    ['a ReadableStream without async iteration (Safari)', readerOnly],
  ])('cancels %s when the reader stops early or the line is too long', async (_, wrap) => {
    const early = source([], true);
    for await (const _ of ndjsonValues(wrap(early.stream))) break;
    const refused = source(['{"pad":"', 'x'.repeat(100)], true);
    await expect(all(ndjsonValues(wrap(refused.stream), 64))).rejects.toThrow(/longer than 64/);
    expect({ early: early.state.cancelled, refused: refused.state.cancelled }).toEqual({
      early: true,
      refused: true,
    });
  });
});
