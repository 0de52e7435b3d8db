/**
 * Tests of the offline fetch shim: file:// under the root only, nothing else, and the global fetch
 * restored afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SignLLMError } from '@signllm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { thrownAsync } from '../test-support/errors.ts';
import { createFileFetch, withFileFetch } from './file-fetch.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'signllm-fetch-'));
const root = path.join(dir, 'models');
writeFileSync(path.join(dir, 'secret.txt'), 'outside');
mkdirSync(root);
writeFileSync(path.join(root, 'm.json'), '{"ok":true}');
writeFileSync(path.join(root, 'big.bin'), new Uint8Array(2048));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rejection = (p: Promise<unknown>): Promise<SignLLMError> => thrownAsync(() => p);

describe('createFileFetch', () => {
  const f = createFileFetch({ root, maxBytes: 1024 });

  it('serves files under the root', async () => {
    const res = await f(pathToFileURL(path.join(root, 'm.json')).href);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const viaUrl = await f(new URL(pathToFileURL(path.join(root, 'm.json')).href));
    expect(viaUrl.ok).toBe(true);
  });

  it('answers 404 for a missing file', async () => {
    expect((await f(pathToFileURL(path.join(root, 'nope.json')).href)).status).toBe(404);
  });

  it('rejects every non-file URL (no network)', async () => {
    for (const url of ['https://example.com/model.json', 'http://127.0.0.1/', 'data:,x', '/abs/path.json']) {
      const e = await rejection(f(url));
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toContain(url);
    }
  });

  it('rejects files outside the root, also through ..', async () => {
    const e = await rejection(f(`${pathToFileURL(root).href}/../secret.txt`));
    expect(e.message).toContain('only files under');
  });

  it('rejects files over maxBytes', async () => {
    const e = await rejection(f(pathToFileURL(path.join(root, 'big.bin')).href));
    expect(e.code).toBe('format_too_large');
  });
});

describe('withFileFetch', () => {
  it('installs the shim only while the callback runs and restores the original, also on throw', async () => {
    const original = globalThis.fetch;
    const seen = await withFileFetch({ root }, async () => {
      expect(globalThis.fetch).not.toBe(original);
      return (await fetch(pathToFileURL(path.join(root, 'm.json')).href)).json();
    });
    expect(seen).toEqual({ ok: true });
    expect(globalThis.fetch).toBe(original);
    await expect(
      withFileFetch({ root }, async () => {
        await fetch('https://example.com/');
      }),
    ).rejects.toThrow(/Refusing to fetch/);
    expect(globalThis.fetch).toBe(original);
  });
});
