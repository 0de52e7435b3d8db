/**
 * Structural types of the few Web APIs the inference code uses (`AbortSignal`, `fetch`, `crypto.subtle`).
 * The core compiles against ES2022 only (no DOM, no Node types), so these describe just the members it
 * touches; the real browser and Node objects satisfy them.
 */

/**
 * The part of an `AbortSignal` the decoding loops read. Any real `AbortSignal` is one.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const signal: AbortSignalLike = controller.signal;
 * ```
 */
export interface AbortSignalLike {
  /** True once the work should stop. */
  readonly aborted: boolean;
  /** Why it was aborted (becomes the error's `cause`). */
  readonly reason?: unknown;
}

/** The part of a `fetch` `Response` that `httpBundleSource` reads. */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  readonly headers?: { get(name: string): string | null };
  /** The body as a stream, read chunk by chunk so that a size limit holds while reading. */
  readonly body?: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A `fetch` function as `httpBundleSource` calls it (the global `fetch` is one).
 *
 * @example
 * ```ts
 * const fetchImpl: FetchLike = (url) => fetch(url, { credentials: 'same-origin' });
 * ```
 */
export type FetchLike = (url: string) => Promise<FetchResponseLike>;

/** The part of `crypto.subtle` that `sha256Hex` uses. */
export interface SubtleDigestLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}
