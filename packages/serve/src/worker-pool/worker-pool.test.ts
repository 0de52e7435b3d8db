/**
 * The worker pool on a real bundle: the same frames as the bundle in this thread, parallel
 * generations, aborts, errors from the worker, a worker that dies, and the API on top of it.
 */
import { type GeneratedFrame, type SignBundle, SignLLMError, type TranslateResponse } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, loadFixture, post, readyService, testApp } from '../test-support/serve-fixtures.ts';
import { TranslationService } from '../translation-service.ts';
import { WorkerPool } from './worker-pool.ts';

let bundle: SignBundle;
let pool: WorkerPool;
const events: Array<{ type: string; message: string }> = [];

beforeAll(async () => {
  bundle = await loadFixture('mlsf');
  pool = await WorkerPool.start({
    bundle: FIXTURES.mlsf,
    workers: 2,
    threads: 1,
    onEvent: (e) => events.push(e),
  });
});

afterAll(async () => {
  await pool?.release();
  await bundle?.release();
});

async function drain(gen: AsyncGenerator<GeneratedFrame, unknown>): Promise<GeneratedFrame[]> {
  const frames: GeneratedFrame[] = [];
  for await (const f of gen) frames.push(f);
  return frames;
}

function maxDiff(a: GeneratedFrame[], b: GeneratedFrame[]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  a.forEach((f, i) => {
    f.values.forEach((v, j) => {
      m = Math.max(m, Math.abs(v - b[i]!.values[j]!));
    });
    m = Math.max(m, Math.abs(f.counter - b[i]!.counter));
  });
  return m;
}

async function failure(promise: Promise<unknown>): Promise<SignLLMError> {
  try {
    await promise;
  } catch (e) {
    if (SignLLMError.isInstance(e)) return e;
    throw e;
  }
  throw new Error('expected a SignLLMError');
}

describe('WorkerPool', () => {
  it("serves the bundle's languages and inputs and makes the frames the bundle makes in this thread", async () => {
    expect(pool.languages).toEqual(bundle.languages);
    expect(pool.manifest).toEqual(bundle.manifest);
    expect(pool.accepts('ASL')).toEqual(bundle.accepts('ase'));
    expect(pool.workers.length).toBe(2);
    const request = { input: 'the sky is blue', inputType: 'text' as const, language: 'gsg', maxFrames: 40 };
    const here = await drain(bundle.generate(request));
    for (const batchMs of [0, 5, Number.POSITIVE_INFINITY]) {
      const gen = pool.generate({ ...request, batchMs });
      const frames: GeneratedFrame[] = [];
      let r = await gen.next();
      while (!r.done) {
        frames.push(r.value);
        r = await gen.next();
      }
      expect(r.value).toEqual({ frames: 40, stoppedBy: 'limit' });
      expect(frames.map((f) => f.index)).toEqual([...Array(40).keys()]);
      expect(maxDiff(frames, here)).toBeLessThan(1e-5);
    }
  });

  it('runs generations in parallel on different workers', async () => {
    const request = {
      input: 'rain will come tomorrow',
      inputType: 'text' as const,
      language: 'ase',
      maxFrames: 64,
    };
    const [a, b] = [pool.generate(request), pool.generate(request)];
    const [fa, fb] = await Promise.all([drain(a), drain(b)]);
    expect(maxDiff(fa, fb)).toBe(0);
  });

  it('stops a generation when its signal aborts, and keeps working', async () => {
    const controller = new AbortController();
    const gen = pool.generate({
      input: 'the sky is blue',
      inputType: 'text',
      language: 'ase',
      signal: controller.signal,
      batchMs: 0,
    });
    await gen.next();
    controller.abort(new Error('client left'));
    const e = await failure(gen.next());
    expect(e.code).toBe('aborted');
    const again = await drain(
      pool.generate({ input: 'hello', inputType: 'text', language: 'ase', maxFrames: 3 }),
    );
    expect(again.length).toBe(3);
  });

  it("passes the worker's validation errors on with their codes", async () => {
    const e = await failure(drain(pool.generate({ input: '   ', inputType: 'text', language: 'ase' })));
    expect(e.code).toBe('input_empty');
    const lang = await failure(drain(pool.generate({ input: 'x', inputType: 'text', language: 'xx' })));
    expect(lang.code).toBe('unknown_language');
    expect(lang.message).toMatch(/"ase" or "gsg"/);
    expect(() => pool.accepts('xx')).toThrow(/not served by this bundle/);
  });

  it('fails the generations of a worker that dies, and replaces it', async () => {
    const own = await WorkerPool.start({
      bundle: FIXTURES.mlsf,
      workers: 1,
      threads: 1,
      onEvent: (e) => events.push(e),
    });
    try {
      const gen = own.generate({ input: 'the sky is blue', inputType: 'text', language: 'ase', batchMs: 0 });
      await gen.next();
      // A worker that exits while generating (asked here, as if it had failed).
      const [worker] = own.workers;
      worker!.postMessage({ type: 'close' });
      const e = await failure(drain(gen));
      expect(e.code).toBe('inference_failed');
      expect(e.message).toMatch(/the inference worker stopped/);
      const deadline = Date.now() + 20_000;
      while (own.workers.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(events.map((x) => x.type)).toEqual(['worker-died', 'worker-replaced']);
      expect(own.workers[0]).not.toBe(worker);
      expect(
        (await drain(own.generate({ input: 'hello', inputType: 'text', language: 'ase', maxFrames: 2 })))
          .length,
      ).toBe(2);
    } finally {
      await own.release();
    }
    expect(own.workers.length).toBe(0);
    await expect(drain(own.generate({ input: 'hello', inputType: 'text', language: 'ase' }))).rejects.toThrow(
      /released/,
    );
  });

  it('rejects a bundle its workers cannot load, with the load error', async () => {
    const e = await failure(
      WorkerPool.start({ bundle: '/nonexistent-signllm-bundle', workers: 2, threads: 1 }),
    );
    expect(e.code).toBe('file_missing');
    await expect(WorkerPool.start({ bundle: FIXTURES.mlsf, workers: 0, threads: 1 })).rejects.toThrow(
      /workers must be/,
    );
  });
});

describe('the API on a worker pool', () => {
  it('answers like the API on the bundle in this thread, streamed or not, and keeps the time budget', async () => {
    const onPool = new TranslationService({ limits: (await readyService(bundle)).limits });
    await onPool.load(async () => pool, { warmUp: false });
    const a = testApp(onPool).app;
    const b = testApp(await readyService(bundle)).app;
    const request = { input: 'the house is big', language: 'ase', maxFrames: 20 };
    const fromPool = (await (await a.request('/v1/translate', post(request))).json()) as TranslateResponse;
    const fromHere = (await (await b.request('/v1/translate', post(request))).json()) as TranslateResponse;
    expect(fromPool.frames).toBe(20);
    expect(
      fromPool.data
        .flat(2)
        .map((v, i) => Math.abs(v - fromHere.data.flat(2)[i]!))
        .every((d) => d <= 2e-5),
    ).toBe(true);
    const stream = await (await a.request('/v1/translate', post({ ...request, stream: true }))).text();
    const lines = stream
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; pose?: number[][] });
    expect(lines.filter((l) => l.type === 'frame').map((l) => l.pose)).toEqual(fromPool.data);
    const slow = new TranslationService({ limits: { ...onPool.limits, timeoutMs: 1 } });
    await slow.load(async () => pool, { warmUp: false });
    const timedOut = await testApp(slow).app.request(
      '/v1/translate',
      post({ input: 'the sky is blue', language: 'ase' }),
    );
    expect(timedOut.status).toBe(504);
    expect(slow.inFlight).toBe(0);
  });
});
