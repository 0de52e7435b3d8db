/**
 * `GET /v1/bundle/<path>`: the loaded model bundle's files, read-only, so that a browser can run the
 * model itself (`loadBundle(httpBundleSource('/v1/bundle'), runtime)` in core). Only `bundle.json` and
 * the files it lists (`models[].path`, `tokenizers[].path`) are served: an allow-list built once from
 * `bundle.json` when the bundle has loaded, looked up by exact path, so no other file of the folder —
 * and nothing outside it — can be reached. Files are streamed from disk with a strong `ETag` (their
 * SHA-256), `Cache-Control: no-cache`, and 304 for a matching `If-None-Match`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseBundleManifest } from '@signllm/core';
import type { Context } from 'hono';
import { ApiError, HTTP_ERROR_CODES } from './http-errors.ts';
import type { TranslationService } from './translation-service.ts';

/** Where the bundle's files are published. */
export const BUNDLE_FILES_PREFIX = '/v1/bundle/';

/** Bytes read from disk per chunk of an answer. */
const CHUNK_BYTES = 256 * 1024;

/** One file the route serves. */
export interface BundleFileEntry {
  /** Bundle-relative path, as `bundle.json` lists it. */
  path: string;
  /** Absolute path on disk. */
  file: string;
  /** Strong ETag: the file's SHA-256 in quotes. */
  etag: string;
  contentType: 'application/json' | 'application/octet-stream';
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The files of the bundle in `dir` that may be served, by bundle-relative path: `bundle.json`, every
 * model and every tokenizer it lists. The ETag is the SHA-256 the manifest records (which `loadBundle`
 * checked), or one computed here (`bundle.json` itself).
 *
 * @throws SignLLMError when `bundle.json` is invalid; a file system error when a listed file is missing.
 * @example
 * ```ts
 * const files = await bundleFileTable('bundles/tiny-mlsf');
 * files.get('ase/encoder.onnx')?.etag; // '"4aa92d9f…"'
 * ```
 */
export async function bundleFileTable(dir: string): Promise<Map<string, BundleFileEntry>> {
  const root = resolve(dir);
  const manifestBytes = await readFile(join(root, 'bundle.json'));
  const manifest = parseBundleManifest(JSON.parse(manifestBytes.toString('utf8')));
  const listed: Array<{ path: string; sha256?: string }> = [
    { path: 'bundle.json', sha256: createHash('sha256').update(manifestBytes).digest('hex') },
    ...manifest.models,
    ...manifest.tokenizers,
  ];
  const table = new Map<string, BundleFileEntry>();
  for (const entry of listed) {
    const file = resolve(root, entry.path);
    const inside = relative(root, file);
    // The schema already refuses such paths; checked again because this decides what leaves the disk.
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`bundle.json lists ${JSON.stringify(entry.path)}, which leaves ${dir}`);
    }
    if (!(await stat(file)).isFile()) throw new Error(`${file}, listed in bundle.json, is not a file`);
    table.set(entry.path, {
      path: entry.path,
      file,
      etag: `"${entry.sha256 ?? (await hashFile(file))}"`,
      contentType: entry.path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    });
  }
  return table;
}

/**
 * The bundle-relative path a request asks for, or undefined when it cannot name a bundle file: each
 * segment is percent-decoded once, and one that decodes to a `/`, a backslash or a NUL (`%2f`, `%5c`)
 * is refused. (`..` and `%2e%2e` segments never get here: the URL parser resolves them first.)
 */
function requestedPath(c: Context): string | undefined {
  const pathname = new URL(c.req.url).pathname;
  if (!pathname.startsWith(BUNDLE_FILES_PREFIX)) return undefined;
  const segments: string[] = [];
  for (const raw of pathname.slice(BUNDLE_FILES_PREFIX.length).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (/[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments.join('/');
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks), or is `*`. */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** The bytes of an open file, `size` of them, read chunk by chunk as the client takes them. */
function fileBody(handle: FileHandle, size: number, path: string): ReadableStream<Uint8Array> {
  let position = 0;
  const close = () => handle.close().catch(() => {});
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (position < size) {
          const want = Math.min(CHUNK_BYTES, size - position);
          const chunk = new Uint8Array(want);
          const { bytesRead } = await handle.read(chunk, 0, want, position);
          if (bytesRead === 0) throw new Error(`${path} ended after ${position} of ${size} bytes`);
          position += bytesRead;
          controller.enqueue(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
        }
        if (position >= size) {
          await close();
          controller.close();
        }
      } catch (error) {
        await close();
        controller.error(error);
      }
    },
    cancel: close,
  });
}

/** Options of `bundleFiles`. */
export interface BundleFilesOptions {
  /** Folder of the loaded bundle. */
  dir: string;
  /** false: every request answers 404 saying that this server does not publish its bundle. */
  enabled: boolean;
}

/**
 * The handler of `/v1/bundle/*` (every method): 404 when turned off, 405 for methods other than GET
 * and HEAD, 503 until the bundle is loaded, 404 for a path `bundle.json` does not list, else the file.
 *
 * @example
 * ```ts
 * app.all(`${BUNDLE_FILES_PREFIX}*`, bundleFiles(service, { dir: 'bundles/tiny-mlsf', enabled: true }));
 * ```
 */
export function bundleFiles(service: TranslationService, options: BundleFilesOptions) {
  let table: Promise<Map<string, BundleFileEntry>> | undefined;
  const files = (): Promise<Map<string, BundleFileEntry>> => {
    table ??= bundleFileTable(options.dir).catch((error: unknown) => {
      table = undefined;
      throw error;
    });
    return table;
  };
  return async (c: Context): Promise<Response> => {
    if (!options.enabled) {
      throw new ApiError(
        404,
        HTTP_ERROR_CODES.notFound,
        'this server does not publish its model bundle (it was started with --no-bundle-files or SIGNLLM_BUNDLE_FILES=0)',
      );
    }
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') {
      throw new ApiError(
        405,
        HTTP_ERROR_CODES.methodNotAllowed,
        `${method} is not allowed on ${c.req.path.slice(0, 200)}; use GET`,
        { Allow: 'GET, HEAD' },
      );
    }
    service.requireBundle();
    const path = requestedPath(c);
    const entry = path === undefined ? undefined : (await files()).get(path);
    if (entry === undefined) {
      throw new ApiError(
        404,
        HTTP_ERROR_CODES.notFound,
        `no bundle file ${JSON.stringify(c.req.path.slice(BUNDLE_FILES_PREFIX.length, 200))}; this server publishes ${BUNDLE_FILES_PREFIX}bundle.json and the files it lists`,
      );
    }
    const cache = { ETag: entry.etag, 'Cache-Control': 'no-cache' };
    if (noneMatch(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304, cache);
    const headers = { ...cache, 'Content-Type': entry.contentType, 'X-Content-Type-Options': 'nosniff' };
    if (method === 'HEAD') {
      const { size } = await stat(entry.file);
      return c.body(null, 200, { ...headers, 'Content-Length': String(size) });
    }
    const handle = await open(entry.file, 'r');
    let size: number;
    try {
      size = (await handle.stat()).size;
    } catch (error) {
      await handle.close();
      throw error;
    }
    return c.body(fileBody(handle, size, entry.path), 200, { ...headers, 'Content-Length': String(size) });
  };
}
