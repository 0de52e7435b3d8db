/**
 * A `fetch` that serves `file://` URLs from disk and refuses everything else, and `withFileFetch`,
 * which installs it on `globalThis` only while a callback runs. Node's own `fetch` rejects `file://`,
 * but `@vladmandic/human` loads its model JSON and weights with `fetch(modelBasePath + name)`; serving
 * them from the package folder keeps model loading offline (no request ever leaves the process).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/** The `fetch` signature the shim implements. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options of `createFileFetch`. */
export interface FileFetchOptions {
  /** Only files inside this folder are served (absolute path). */
  root: string;
  /** Largest file served, bytes (default 64 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Builds a fetch that answers `file://` URLs under `root` with the file's bytes (404 when absent) and
 * rejects every other URL with a `SignLLMError` (`invalidArgument`): no network.
 *
 * @example
 * ```ts
 * const f = createFileFetch({ root: '/models' });
 * const res = await f('file:///models/movenet-lightning.json'); // Response, status 200
 * await f('https://example.com/'); // rejects: only file:// URLs are served
 * ```
 */
export function createFileFetch(options: FileFetchOptions): FetchLike {
  const root = path.resolve(options.root);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return async (input) => {
    const url = urlOf(input);
    if (!url.startsWith('file://')) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Refusing to fetch "${url}": video pose estimation is offline and serves only file:// URLs under ${root}`,
        { details: { url } },
      );
    }
    const file = path.resolve(fileURLToPath(url));
    const relative = path.relative(root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Refusing to read "${file}": only files under ${root} are served`,
        { details: { url } },
      );
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return new Response(null, { status: 404, statusText: `Not found: ${file}` });
    if (info.size > maxBytes) {
      throw new SignLLMError(ERROR_CODES.tooLarge, `"${file}" has ${info.size} bytes, over ${maxBytes}`, {
        details: { url, size: info.size, maxBytes },
      });
    }
    const bytes = await readFile(file);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: { 'content-length': String(bytes.length) },
    });
  };
}

/**
 * Runs `fn` with `globalThis.fetch` replaced by `createFileFetch(options)` and restores the original
 * afterwards, also when `fn` throws. Calls nest: the outermost one restores the real fetch.
 *
 * @example
 * ```ts
 * await withFileFetch({ root: modelsDir }, () => human.load());
 * ```
 */
export async function withFileFetch<T>(options: FileFetchOptions, fn: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = createFileFetch(options) as typeof globalThis.fetch;
  try {
    return await fn();
  } finally {
    globalThis.fetch = original;
  }
}
