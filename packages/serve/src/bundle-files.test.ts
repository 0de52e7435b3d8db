/**
 * `/v1/bundle/<path>` on the real fixture bundles: exact bytes and headers, ETag and 304, HEAD, the
 * allow-list (unlisted files and traversal attempts are 404), 405, 503 while loading, turned off;
 * the cross-origin isolation headers on every answer; and a browser-style round trip: core's
 * `loadBundle(httpBundleSource(…/v1/bundle))` over loopback generates what the bundle on disk does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GeneratedFrame, httpBundleSource, loadBundle, type SignBundle } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES_PREFIX } from './bundle-files.ts';
import { resolveServeConfig } from './config.ts';
import { createNodeRuntime } from './runtime/onnxruntime-node.ts';
import { type RunningServer, startServer } from './server.ts';
import {
  captureLogger,
  FIXTURES,
  limits,
  loadFixture,
  readyService,
  testApp,
  withFixtureBundles,
} from './test-support/serve-fixtures.ts';
import { TranslationService } from './translation-service.ts';

let mlsf: SignBundle;
let p2lg: SignBundle;

withFixtureBundles((b) => ({ mlsf, p2lg } = b));

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** `bundle.json` and every file it lists, read from disk without the code under test. */
async function listedFiles(dir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8')) as {
    models: Array<{ path: string }>;
    tokenizers: Array<{ path: string }>;
  };
  return ['bundle.json', ...manifest.models.map((m) => m.path), ...manifest.tokenizers.map((t) => t.path)];
}

/** A 404/405/503 answer: JSON `{ error: { code, message } }` with that status. */
async function expectApiError(res: Response, status: number, code: string, message?: RegExp) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  if (message) expect(body.error.message).toMatch(message);
  return body;
}

/** A copy of the mlsf fixture bundle in a temporary folder; `dir` is removed by `done`. */
async function bundleCopy(): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'signllm-bundle-files-'));
  await cp(FIXTURES.mlsf, dir, { recursive: true });
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}

describe('GET /v1/bundle/<path>', () => {
  it('serves bundle.json and every model and tokenizer it lists, byte for byte, with their headers', async () => {
    for (const [name, bundle] of [
      ['mlsf', mlsf],
      ['p2lg', p2lg],
    ] as const) {
      const dir = FIXTURES[name];
      const { app } = testApp(await readyService(bundle), { bundleDir: dir });
      const files = await listedFiles(dir);
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const path of files) {
        const res = await app.request(`${BUNDLE_FILES_PREFIX}${path}`);
        expect(res.status, path).toBe(200);
        const bytes = new Uint8Array(await res.arrayBuffer());
        const disk = new Uint8Array(await readFile(join(dir, path)));
        expect(bytes.length, path).toBe(disk.length);
        expect(Buffer.compare(bytes, disk), path).toBe(0);
        expect(res.headers.get('content-type')).toBe(
          path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        expect(res.headers.get('content-length')).toBe(String(disk.length));
        expect(res.headers.get('etag')).toBe(`"${sha256(disk)}"`);
        expect(res.headers.get('cache-control')).toBe('no-cache');
      }
    }
  });

  it('uses the SHA-256 bundle.json records as the ETag, and streams a file larger than one chunk', async () => {
    const { dir, done } = await bundleCopy();
    try {
      // A 1 MiB + 12345-byte "model" (four and a bit read chunks), recorded in the copy's bundle.json.
      const big = randomBytes(1024 * 1024 + 12_345);
      await writeFile(join(dir, 'ase/encoder.onnx'), big);
      const manifest = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8'));
      const entry = manifest.models.find((m: { path: string }) => m.path === 'ase/encoder.onnx');
      Object.assign(entry, { sha256: sha256(big), sizeBytes: big.length });
      await writeFile(join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
      const { app } = testApp(await readyService(mlsf), { bundleDir: dir });
      const res = await app.request('/v1/bundle/ase/encoder.onnx');
      expect(res.headers.get('etag')).toBe(`"${entry.sha256}"`);
      expect(res.headers.get('content-length')).toBe(String(big.length));
      let chunks = 0;
      const parts: Uint8Array[] = [];
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        chunks++;
        parts.push(chunk);
      }
      expect(chunks).toBeGreaterThan(1);
      expect(Buffer.compare(Buffer.concat(parts), big)).toBe(0);
    } finally {
      await done();
    }
  });

  it('answers 304 without a body to a matching If-None-Match, and 200 to another ETag', async () => {
    const { app } = testApp(await readyService(mlsf), { bundleDir: FIXTURES.mlsf });
    const first = await app.request('/v1/bundle/tokenizers/ase.json');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await app.request('/v1/bundle/tokenizers/ase.json', {
        headers: { 'If-None-Match': header },
      });
      expect(res.status, header).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const other = await app.request('/v1/bundle/tokenizers/ase.json', {
      headers: { 'If-None-Match': `"${'0'.repeat(64)}"` },
    });
    expect(other.status).toBe(200);
    expect(await other.text()).toBe(await readFile(join(FIXTURES.mlsf, 'tokenizers/ase.json'), 'utf8'));
  });

  it('answers HEAD with Content-Length and the other headers, and no body', async () => {
    const { app } = testApp(await readyService(mlsf), { bundleDir: FIXTURES.mlsf });
    const disk = await readFile(join(FIXTURES.mlsf, 'gsg/decoder-step.onnx'));
    const res = await app.request('/v1/bundle/gsg/decoder-step.onnx', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(disk.length));
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('etag')).toBe(`"${sha256(disk)}"`);
    expect(await res.text()).toBe('');
  });

  it('answers 404 JSON for a file bundle.json does not list and for every traversal attempt', async () => {
    const { dir, done } = await bundleCopy();
    try {
      await writeFile(join(dir, 'secret.txt'), 'not for the web');
      await writeFile(join(dir, 'ase/extra.onnx'), 'not listed either');
      expect((await readFile(join(dir, 'secret.txt'), 'utf8')).length).toBeGreaterThan(0);
      const { app } = testApp(await readyService(mlsf), { bundleDir: dir });
      expect((await app.request('/v1/bundle/bundle.json')).status).toBe(200);
      const unlisted = ['secret.txt', 'ase/extra.onnx', 'ase', 'tokenizers/', '', 'BUNDLE.JSON'];
      for (const path of unlisted) {
        await expectApiError(await app.request(`/v1/bundle/${path}`), 404, 'not_found', /bundle\.json/);
      }
      const traversal = [
        '/v1/bundle/../../package.json',
        '/v1/bundle/%2e%2e/%2e%2e/package.json',
        '/v1/bundle/%2E%2E/secret.txt',
        '/v1/bundle/..%2f..%2fpackage.json',
        '/v1/bundle/%2e%2e%2f%2e%2e%2fpackage.json',
        '/v1/bundle/ase%2fencoder.onnx',
        '/v1/bundle/ase%5cencoder.onnx',
        '/v1/bundle/..\\..\\package.json',
        '/v1/bundle//etc/passwd',
        '/v1/bundle/%2fetc%2fpasswd',
        `/v1/bundle/${encodeURIComponent(join(dir, 'bundle.json'))}`,
        `/v1/bundle${join(dir, 'bundle.json')}`,
        '/v1/bundle/bundle.json%00',
        '/v1/bundle/%E0%A4%A',
      ];
      for (const url of traversal) {
        const res = await app.request(url);
        const body = await expectApiError(res, 404, 'not_found');
        expect(JSON.stringify(body), url).not.toMatch(/signllm\/serve|not for the web/);
      }
    } finally {
      await done();
    }
  });

  it('answers other methods with 405 and Allow: GET, HEAD', async () => {
    const { app } = testApp(await readyService(mlsf), { bundleDir: FIXTURES.mlsf });
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await app.request('/v1/bundle/bundle.json', { method });
      await expectApiError(res, 405, 'method_not_allowed', /use GET/);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('answers 503 while the bundle loads, then serves the files', async () => {
    const service = new TranslationService({ limits: limits() });
    let finish: (b: SignBundle) => void = () => {};
    const loading = service.load(() => new Promise<SignBundle>((resolve) => (finish = resolve)), {
      warmUp: false,
    });
    const { app } = testApp(service, { bundleDir: FIXTURES.mlsf });
    const res = await app.request('/v1/bundle/bundle.json');
    await expectApiError(res, 503, 'not_ready', /loading the model bundle/);
    expect(res.headers.get('retry-after')).toBe('1');
    finish(mlsf);
    await loading;
    expect((await app.request('/v1/bundle/bundle.json')).status).toBe(200);
  });

  it('answers 404 saying the bundle is not published when turned off, and has no route without a folder', async () => {
    const service = await readyService(mlsf);
    const off = testApp(service, { bundleDir: FIXTURES.mlsf, bundleFiles: false }).app;
    for (const method of ['GET', 'HEAD', 'POST']) {
      const res = await off.request('/v1/bundle/bundle.json', { method });
      expect(res.status).toBe(404);
      if (method !== 'HEAD') {
        await expectApiError(res, 404, 'not_found', /does not publish its model bundle.*--no-bundle-files/);
      }
    }
    const none = testApp(service).app;
    await expectApiError(await none.request('/v1/bundle/bundle.json'), 404, 'not_found', /no route GET/);
  });
});

describe('cross-origin isolation headers', () => {
  const ISOLATED = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
  };
  const headersOf = (res: Response) =>
    Object.fromEntries(Object.keys(ISOLATED).map((name) => [name, res.headers.get(name)]));

  it('are on API answers, errors, bundle files and the web build, with CORP cross-origin under CORS', async () => {
    const web = await mkdtemp(join(tmpdir(), 'signllm-web-'));
    try {
      await writeFile(join(web, 'index.html'), '<!doctype html><title>SignLLM app</title>');
      await writeFile(join(web, 'ort.wasm'), new Uint8Array([0, 97, 115, 109]));
      const service = await readyService(mlsf);
      const { app } = testApp(service, { webRoot: web, bundleDir: FIXTURES.mlsf });
      for (const url of [
        '/healthz',
        '/v1/languages',
        '/',
        '/ort.wasm',
        '/v1/bundle/bundle.json',
        '/nothing',
      ]) {
        const res = await app.request(url);
        expect([url, headersOf(res)]).toEqual([url, ISOLATED]);
      }
      expect(await (await app.request('/')).text()).toMatch(/SignLLM app/);
      const head = await app.request('/healthz', { method: 'HEAD' });
      expect(headersOf(head)).toEqual(ISOLATED);
      const post = await app.request('/v1/languages', { method: 'POST' });
      expect([post.status, headersOf(post)]).toEqual([405, ISOLATED]);
      const cors = testApp(service, { corsOrigins: ['https://example.org'], bundleDir: FIXTURES.mlsf }).app;
      const shared = { ...ISOLATED, 'cross-origin-resource-policy': 'cross-origin' };
      for (const url of ['/healthz', '/v1/languages', '/v1/bundle/bundle.json']) {
        const res = await cors.request(url, { headers: { Origin: 'https://example.org' } });
        expect([url, headersOf(res)]).toEqual([url, shared]);
        expect(res.headers.get('access-control-allow-origin')).toBe('https://example.org');
      }
    } finally {
      await rm(web, { recursive: true, force: true });
    }
  });
});

/** Every frame of a generation. */
async function generateAll(bundle: SignBundle, request: Parameters<SignBundle['generate']>[0]) {
  const frames: GeneratedFrame[] = [];
  for await (const frame of bundle.generate(request)) frames.push(frame);
  return frames;
}

/** A GET with the path sent exactly as written (fetch would resolve `..` first). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/`, { path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the bundle over HTTP on loopback', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const { logger } = captureLogger();
    server = await startServer(
      resolveServeConfig({ bundle: FIXTURES.mlsf, port: 0, workers: 0, web: '/nonexistent-web-build' }),
      { logger },
    );
    await server.ready;
  });

  afterAll(async () => {
    await server?.close(1000);
  });

  it("loads in core's loadBundle(httpBundleSource(…/v1/bundle)) and generates the frames of the bundle on disk", async () => {
    const runtime = createNodeRuntime({ threads: 2 });
    const remote = await loadBundle(httpBundleSource(`${server.url}/v1/bundle`), runtime);
    const local = await loadFixture('mlsf');
    try {
      expect(remote.manifest).toEqual(local.manifest);
      const request = { input: 'the sky is blue', inputType: 'text', language: 'gsg', maxFrames: 7 } as const;
      const fromHttp = await generateAll(remote, request);
      const fromDisk = await generateAll(local, request);
      expect(fromHttp.length).toBe(7);
      expect(fromHttp.map((f) => [f.index, f.counter, [...f.values]])).toEqual(
        fromDisk.map((f) => [f.index, f.counter, [...f.values]]),
      );
    } finally {
      await remote.release();
      await local.release();
    }
  });

  it('sends Content-Length, ETag and 304 over a socket, and refuses raw traversal paths', async () => {
    const disk = await readFile(join(FIXTURES.mlsf, 'ase/decoder-step.onnx'));
    const url = `${server.url}/v1/bundle/ase/decoder-step.onnx`;
    const res = await fetch(url);
    expect(res.headers.get('content-length')).toBe(String(disk.length));
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), disk)).toBe(0);
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const head = await fetch(url, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([
      200,
      String(disk.length),
      '',
    ]);
    const etag = res.headers.get('etag') as string;
    const again = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect([again.status, await again.text()]).toEqual([304, '']);
    for (const path of [
      '/v1/bundle/../../package.json',
      '/v1/bundle/../../../packages/serve/package.json',
      '/v1/bundle/%2e%2e/%2e%2e/package.json',
      '/v1/bundle/..%2f..%2fpackage.json',
      '/v1/bundle/ase%2fencoder.onnx',
    ]) {
      const { status, body } = await rawGet(server.url, path);
      expect([path, status]).toEqual([path, 404]);
      expect(JSON.parse(body).error.code).toBe('not_found');
    }
    // A raw backslash in the path never reaches the app: @hono/node-server refuses it (bare 400).
    expect(await rawGet(server.url, '/v1/bundle/..\\..\\package.json')).toEqual({ status: 400, body: '' });
  });
});
