import { describe, expect, it } from 'vitest';
import { thrownAsync } from '../test-support/errors.ts';
import { mlsfBundle } from '../test-support/toy-bundle.ts';
import { ToyRuntime } from '../test-support/toy-runtime.ts';
import { bundlePathProblem, httpBundleSource, memoryBundleSource } from './bundle-source.ts';
import { loadBundle } from './load-bundle.ts';
import type { FetchLike, FetchResponseLike } from './web-types.ts';

const BAD_PATHS = [
  '../secret',
  'a/../../b',
  '/etc/passwd',
  'C:/x',
  'a\\b',
  '',
  'a//b',
  './a',
  'a?x=1',
  'a#b',
];

function response(status: number, body: Uint8Array, headers: Record<string, string> = {}): FetchResponseLike {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 404 ? 'Not Found' : '',
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    arrayBuffer: async () => body.slice().buffer,
  };
}

/** A response whose body streams `chunks`; records whether the reader was cancelled. */
function streaming(chunks: Uint8Array[]) {
  const state = { cancelled: false, reads: 0 };
  const r: FetchResponseLike = {
    ok: true,
    status: 200,
    headers: { get: () => null },
    body: {
      getReader: () => ({
        read: async () => {
          const value = chunks[state.reads++];
          return value === undefined ? { done: true } : { done: false, value };
        },
        cancel: async () => {
          state.cancelled = true;
        },
      }),
    },
    arrayBuffer: async () => {
      throw new Error('the body is read as a stream');
    },
  };
  return { response: r, state };
}

describe('bundlePathProblem', () => {
  it('accepts relative POSIX paths and names the problem of others', () => {
    expect(bundlePathProblem('ase/encoder.onnx')).toBeUndefined();
    expect(bundlePathProblem('bundle.json')).toBeUndefined();
    for (const p of BAD_PATHS) expect(bundlePathProblem(p), p).toBeTypeOf('string');
    expect(bundlePathProblem(42)).toBeTypeOf('string');
    expect(bundlePathProblem('a'.repeat(1025))).toMatch(/1024/);
  });
});

describe('memoryBundleSource', () => {
  it('reads present files and rejects missing ones and unsafe paths', async () => {
    const bytes = Uint8Array.of(1, 2, 3);
    const source = memoryBundleSource({ 'a/b.onnx': bytes });
    expect(source.label).toBe('memory');
    expect(await source.read('a/b.onnx')).toEqual(bytes);
    const e = await thrownAsync(() => source.read('a/c.onnx'));
    expect(e.code).toBe('file_missing');
    expect(e.message).toContain('a/c.onnx');
    expect((await thrownAsync(() => source.read('constructor'))).code).toBe('file_missing');
    for (const p of BAD_PATHS)
      expect((await thrownAsync(() => source.read(p))).code).toBe('invalid_argument');
  });
});

describe('httpBundleSource', () => {
  it('GETs base/path with each segment encoded', async () => {
    const urls: string[] = [];
    const fetchImpl: FetchLike = async (url) => {
      urls.push(url);
      return response(200, Uint8Array.of(7, 8));
    };
    const source = httpBundleSource('https://example.org/models/ase/', fetchImpl);
    expect(source.label).toBe('https://example.org/models/ase');
    expect(await source.read('ase/encoder.onnx')).toEqual(Uint8Array.of(7, 8));
    await source.read('tokenizers/a b%.json');
    expect(urls).toEqual([
      'https://example.org/models/ase/ase/encoder.onnx',
      'https://example.org/models/ase/tokenizers/a%20b%25.json',
    ]);
  });

  it('turns 404, other errors and network failures into file_missing', async () => {
    const e404 = await thrownAsync(() =>
      httpBundleSource('http://h', async () => response(404, new Uint8Array())).read('x.json'),
    );
    expect(e404.code).toBe('file_missing');
    expect(e404.message).toMatch(/x\.json is not there \(HTTP 404 Not Found/);
    const e500 = await thrownAsync(() =>
      httpBundleSource('http://h', async () => response(503, new Uint8Array())).read('x.json'),
    );
    expect(e500.code).toBe('file_missing');
    expect(e500.message).toMatch(/503/);
    const cause = new TypeError('fetch failed');
    const net = await thrownAsync(() =>
      httpBundleSource('http://h', async () => {
        throw cause;
      }).read('x.json'),
    );
    expect(net.code).toBe('file_missing');
    expect(net.cause).toBe(cause);
    const body = await thrownAsync(() =>
      httpBundleSource('http://h', async () => ({
        ...response(200, new Uint8Array()),
        arrayBuffer: async () => {
          throw new Error('connection reset');
        },
      })).read('x.json'),
    );
    expect(body.code).toBe('file_missing');
    expect(body.message).toMatch(/connection reset/);
  });

  it('refuses unsafe paths before fetching', async () => {
    let calls = 0;
    const source = httpBundleSource('http://h', async () => {
      calls++;
      return response(200, new Uint8Array());
    });
    for (const p of BAD_PATHS)
      expect((await thrownAsync(() => source.read(p))).code).toBe('invalid_argument');
    expect(calls).toBe(0);
    expect(() => httpBundleSource('  ')).toThrow(/baseUrl/);
  });

  it('stops reading past maxBytes', async () => {
    const announced = httpBundleSource('http://h', async () =>
      response(200, new Uint8Array(10), { 'content-length': '5000' }),
    );
    const e = await thrownAsync(() => announced.read('big.onnx', { maxBytes: 100 }));
    expect(e.code).toBe('format_too_large');
    expect(e.message).toMatch(/5000 bytes.*100/);
    const unannounced = httpBundleSource('http://h', async () => response(200, new Uint8Array(101)));
    expect((await thrownAsync(() => unannounced.read('a', { maxBytes: 100 }))).code).toBe('format_too_large');

    const big = streaming([new Uint8Array(60), new Uint8Array(60), new Uint8Array(60)]);
    const e2 = await thrownAsync(() =>
      httpBundleSource('http://h', async () => big.response).read('a', { maxBytes: 100 }),
    );
    expect(e2.code).toBe('format_too_large');
    expect(big.state.cancelled).toBe(true);
    expect(big.state.reads).toBe(2);

    const small = streaming([Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5)]);
    expect(await httpBundleSource('http://h', async () => small.response).read('a', { maxBytes: 5 })).toEqual(
      Uint8Array.of(1, 2, 3, 4, 5),
    );
  });

  it('serves a whole bundle to loadBundle', async () => {
    const { files } = mlsfBundle();
    const fetchImpl: FetchLike = async (url) => {
      const path = decodeURIComponent(url.replace('https://cdn.example/b/', ''));
      const bytes = files[path];
      return bytes === undefined
        ? response(404, new Uint8Array())
        : response(200, bytes, { 'content-length': String(bytes.length) });
    };
    const runtime = new ToyRuntime();
    const bundle = await loadBundle(httpBundleSource('https://cdn.example/b', fetchImpl), runtime);
    expect(bundle.languages).toEqual(['ase', 'gsg']);
    await bundle.release();
  });
});
