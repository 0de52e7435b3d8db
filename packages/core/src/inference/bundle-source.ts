/**
 * Where a model bundle's files come from: `BundleSource` reads one file by its bundle-relative path.
 * Implementations: `httpBundleSource` (fetch, browsers and Node), `memoryBundleSource` (tests, files
 * already in memory) here, and a file-system one in `@signllm/serve`. Paths are checked before any
 * read, so a manifest cannot make a source leave its folder.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { FetchLike, FetchResponseLike } from './web-types.ts';

/** Options of `BundleSource.read`. */
export interface BundleReadOptions {
  /**
   * The most bytes the caller will accept. A source may stop reading past it and reject with
   * `format_too_large`; the caller checks the size again either way.
   */
  maxBytes?: number;
}

/**
 * Reads the files of one bundle by their bundle-relative POSIX path (`bundle.json`, `ase/encoder.onnx`).
 *
 * @example
 * ```ts
 * const source: BundleSource = httpBundleSource('/models/ase-small');
 * const manifestBytes = await source.read('bundle.json');
 * ```
 */
export interface BundleSource {
  /** Where the bundle is (a folder, a URL), for messages. */
  readonly label: string;
  /**
   * The bytes of the file at `path`.
   *
   * @throws SignLLMError `file_missing` when there is no such file (or it cannot be read),
   *   `invalid_argument` for a path that is absolute, has `..` segments or backslashes.
   */
  read(path: string, options?: BundleReadOptions): Promise<Uint8Array>;
}

/**
 * Why `path` is not a safe bundle-relative path, or undefined when it is one.
 *
 * @example
 * ```ts
 * bundlePathProblem('../secret'); // 'has a ".." segment'
 * bundlePathProblem('ase/encoder.onnx'); // undefined
 * ```
 */
export function bundlePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path.length === 0) return 'is not a non-empty string';
  if (path.length > 1024) return 'is longer than 1024 characters';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  if (path.includes('\\')) return 'has a backslash';
  if (path.includes('\0')) return 'has a NUL character';
  if (path.includes('?') || path.includes('#')) return 'has "?" or "#"';
  for (const segment of path.split('/')) {
    if (segment === '..') return 'has a ".." segment';
    if (segment === '' || segment === '.') return 'has an empty or "." segment';
  }
  return undefined;
}

/**
 * Throws unless `path` is a safe bundle-relative path (see `bundlePathProblem`).
 *
 * @throws SignLLMError `invalid_argument` naming the path and the problem.
 * @example
 * ```ts
 * checkBundlePath('tokenizers/ase.json', 'my-bundle'); // ok
 * ```
 */
export function checkBundlePath(path: unknown, label: string): void {
  const problem = bundlePathProblem(path);
  if (problem !== undefined) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${label}: refusing to read ${JSON.stringify(path)}: the path ${problem}; expected a relative path like "ase/encoder.onnx"`,
      { details: { path } },
    );
  }
}

function tooLarge(label: string, path: string, maxBytes: number, got: number | string): SignLLMError {
  return new SignLLMError(
    ERROR_CODES.tooLarge,
    `${label}: ${path} has ${got} bytes, more than the ${maxBytes} accepted`,
    { details: { path, maxBytes } },
  );
}

async function readBody(
  response: FetchResponseLike,
  maxBytes: number | undefined,
  label: string,
  path: string,
): Promise<Uint8Array> {
  if (maxBytes === undefined) return new Uint8Array(await response.arrayBuffer());
  const announced = Number(response.headers?.get('content-length') ?? Number.NaN);
  if (Number.isFinite(announced) && announced > maxBytes) throw tooLarge(label, path, maxBytes, announced);
  const reader = response.body?.getReader();
  if (reader === undefined) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw tooLarge(label, path, maxBytes, bytes.length);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value === undefined) continue;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(label, path, maxBytes, `over ${maxBytes}`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * A bundle served over HTTP(S): `read(path)` GETs `${baseUrl}/${path}` (each segment URL-encoded).
 *
 * @param fetchImpl the `fetch` to use (default: the global one, looked up at each call).
 * @throws SignLLMError `invalid_argument` when `baseUrl` is not a non-empty string.
 * @example
 * ```ts
 * const bundle = await loadBundle(httpBundleSource('https://example.org/models/ase-small/'), runtime);
 * ```
 */
export function httpBundleSource(baseUrl: string, fetchImpl?: FetchLike): BundleSource {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `httpBundleSource: baseUrl must be a non-empty URL string, got ${JSON.stringify(baseUrl)}`,
    );
  }
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike =
    fetchImpl ??
    ((url) => {
      const global = (globalThis as { fetch?: FetchLike }).fetch;
      if (typeof global !== 'function') {
        throw new SignLLMError(ERROR_CODES.invalidArgument, 'httpBundleSource: this platform has no fetch');
      }
      return global(url);
    });
  return {
    label: base,
    async read(path: string, options: BundleReadOptions = {}): Promise<Uint8Array> {
      checkBundlePath(path, base);
      const url = `${base}/${path.split('/').map(encodeURIComponent).join('/')}`;
      let response: FetchResponseLike;
      try {
        response = await doFetch(url);
      } catch (cause) {
        if (SignLLMError.isInstance(cause)) throw cause;
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new SignLLMError(ERROR_CODES.fileMissing, `${base}: could not fetch ${path}: ${reason}`, {
          cause,
          details: { path, url },
        });
      }
      if (!response.ok) {
        const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        const what = response.status === 404 ? 'is not there' : 'could not be fetched';
        throw new SignLLMError(ERROR_CODES.fileMissing, `${base}: ${path} ${what} (${status} from ${url})`, {
          details: { path, url, status: response.status },
        });
      }
      try {
        return await readBody(response, options.maxBytes, base, path);
      } catch (cause) {
        if (SignLLMError.isInstance(cause)) throw cause;
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new SignLLMError(ERROR_CODES.fileMissing, `${base}: reading ${path} failed: ${reason}`, {
          cause,
          details: { path, url },
        });
      }
    },
  };
}

/**
 * A bundle whose files are already in memory, keyed by bundle-relative path.
 *
 * @example
 * ```ts
 * const source = memoryBundleSource({ 'bundle.json': new TextEncoder().encode(json), ... });
 * ```
 */
export function memoryBundleSource(files: Record<string, Uint8Array>, label = 'memory'): BundleSource {
  const map = new Map<string, Uint8Array>();
  for (const [path, bytes] of Object.entries(files)) map.set(path, bytes);
  return {
    label,
    async read(path: string): Promise<Uint8Array> {
      checkBundlePath(path, label);
      const bytes = map.get(path);
      if (bytes === undefined) {
        throw new SignLLMError(ERROR_CODES.fileMissing, `${label}: ${path} is not there`, {
          details: { path },
        });
      }
      return bytes;
    },
  };
}
