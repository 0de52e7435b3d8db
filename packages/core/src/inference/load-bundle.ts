/**
 * `loadBundle`: reads a model bundle from a `BundleSource`, checks everything before it is used —
 * `bundle.json` (format version first, then the schema), the size and SHA-256 of every file, that each
 * tokenizer loads and has the vocabulary size the manifest records, and that each graph the runtime
 * loads has the inputs and outputs the contract requires for its role — and returns a `SignBundle`.
 * Sessions are created one model at a time (each right after its bytes are verified, so that at most
 * one model file is held in memory) and all are released again when anything fails.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import {
  type BundleManifest,
  type BundleModelFile,
  type BundleTokenizerFile,
  parseBundleManifest,
} from '../schemas/bundle-manifest.ts';
import { loadTokenizer } from '../tokenizers/load-tokenizer.ts';
import type { Tokenizer } from '../tokenizers/tokenizer.ts';
import type { BundleSource } from './bundle-source.ts';
import { checkModelNames } from './model-contract.ts';
import { checkAborted } from './run-session.ts';
import type { InferenceRuntime, InferenceSession } from './runtime.ts';
import { sha256Hex } from './sha256.ts';
import { SignBundle } from './sign-bundle.ts';
import type { AbortSignalLike } from './web-types.ts';

/**
 * Largest `bundle.json` read (16 MiB); a larger one is refused with `format_too_large`.
 *
 * @example
 * ```ts
 * if (file.size > MAX_MANIFEST_BYTES) showError('not a bundle.json');
 * ```
 */
export const MAX_MANIFEST_BYTES: number = 16 * 1024 * 1024;
/**
 * Largest tokenizer file read (256 MiB).
 *
 * @example
 * ```ts
 * await source.read('tokenizers/ase.json', { maxBytes: MAX_TOKENIZER_BYTES });
 * ```
 */
export const MAX_TOKENIZER_BYTES: number = 256 * 1024 * 1024;

/** Options of `loadBundle`. */
export interface LoadBundleOptions {
  /** Cancels loading (`aborted`); checked before each file. */
  signal?: AbortSignalLike;
  /** Called after each tokenizer or model file is verified: `done` of `total` files, and its path. */
  onProgress?: (done: number, total: number, path: string) => void;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array, path: string): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (cause) {
    throw new SignLLMError(ERROR_CODES.badFormat, `${path} is not valid UTF-8`, { cause, details: { path } });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SignLLMError(ERROR_CODES.badFormat, `${path} is not valid JSON: ${reason}`, {
      cause,
      details: { path },
    });
  }
}

async function readManifest(source: BundleSource): Promise<BundleManifest> {
  const bytes = await source.read('bundle.json', { maxBytes: MAX_MANIFEST_BYTES });
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `${source.label}: bundle.json has ${bytes.length} bytes, more than the ${MAX_MANIFEST_BYTES} accepted`,
    );
  }
  return parseBundleManifest(parseJson(bytes, 'bundle.json'));
}

function mismatch(
  path: string,
  what: string,
  expected: string | number,
  actual: string | number,
): SignLLMError {
  return new SignLLMError(
    ERROR_CODES.integrityMismatch,
    `${path}: ${what} is ${actual}, but bundle.json records ${expected}; the file is damaged or from another bundle`,
    { details: { path, what, expected, actual } },
  );
}

async function readVerified(
  source: BundleSource,
  file: { path: string; sha256: string; sizeBytes?: number },
  maxBytes: number,
): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(file.path, { maxBytes });
  } catch (e) {
    if (file.sizeBytes !== undefined && SignLLMError.isInstance(e) && e.code === ERROR_CODES.tooLarge) {
      throw mismatch(file.path, 'its size', `${file.sizeBytes} bytes`, 'larger');
    }
    throw e;
  }
  if (file.sizeBytes !== undefined && bytes.length !== file.sizeBytes) {
    throw mismatch(file.path, 'its size', `${file.sizeBytes} bytes`, `${bytes.length} bytes`);
  }
  if (bytes.length > maxBytes) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `${file.path} has ${bytes.length} bytes, more than ${maxBytes}`,
    );
  }
  const digest = await sha256Hex(bytes);
  if (digest !== file.sha256) throw mismatch(file.path, 'its SHA-256', file.sha256, digest);
  return bytes;
}

function parseTokenizer(bytes: Uint8Array, file: BundleTokenizerFile): Tokenizer {
  let tokenizer: Tokenizer;
  try {
    tokenizer = loadTokenizer(parseJson(bytes, file.path));
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw e;
    const message = e.message.startsWith(file.path) ? e.message : `${file.path}: ${e.message}`;
    throw new SignLLMError(e.code, message, { cause: e, details: { path: file.path } });
  }
  const problems: string[] = [];
  if (tokenizer.vocabSize !== file.vocabSize)
    problems.push(`has ${tokenizer.vocabSize} tokens, but bundle.json records vocabSize ${file.vocabSize}`);
  if (tokenizer.kind !== file.kind)
    problems.push(`is a "${tokenizer.kind}" tokenizer, but bundle.json records kind "${file.kind}"`);
  if (problems.length > 0) {
    throw new SignLLMError(ERROR_CODES.badFormat, `${file.path} ${problems.join('; ')}`, {
      details: { path: file.path },
    });
  }
  return tokenizer;
}

function layersOf(manifest: BundleManifest, file: BundleModelFile): number {
  const decoding = file.role.startsWith('text2gloss') ? manifest.decoding.text2gloss : manifest.decoding.pose;
  return decoding?.decoderLayers ?? 0;
}

async function createSession(
  runtime: InferenceRuntime,
  bytes: Uint8Array,
  file: BundleModelFile,
  layers: number,
): Promise<InferenceSession> {
  let session: InferenceSession;
  try {
    session = await runtime.createSession(bytes, file.path);
  } catch (e) {
    if (SignLLMError.isInstance(e)) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new SignLLMError(ERROR_CODES.modelInvalid, `${file.path}: the runtime cannot load it: ${reason}`, {
      cause: e,
      details: { path: file.path },
    });
  }
  try {
    checkModelNames(session, file.role, layers, file.path);
  } catch (e) {
    await Promise.resolve()
      .then(() => session.release())
      .catch(() => undefined);
    throw e;
  }
  return session;
}

/**
 * Loads and verifies a model bundle.
 *
 * @throws SignLLMError `file_missing`, `format_invalid` (bad UTF-8 or JSON, a tokenizer that does not
 *   match its entry), `format_too_large`, `format_unsupported_version` (a bundle from a newer major),
 *   `schema_invalid`, `integrity_mismatch` (size or SHA-256, naming the file, expected and actual),
 *   `model_invalid` (a graph the runtime cannot load, or one lacking required inputs or outputs),
 *   `aborted`.
 * @example
 * ```ts
 * const bundle = await loadBundle(httpBundleSource('/models/ase-small'), runtime, {
 *   onProgress: (done, total) => bar.set(done / total),
 * });
 * ```
 */
export async function loadBundle(
  source: BundleSource,
  runtime: InferenceRuntime,
  options: LoadBundleOptions = {},
): Promise<SignBundle> {
  const { signal, onProgress } = options;
  if (typeof source?.read !== 'function' || typeof runtime?.createSession !== 'function') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'loadBundle: expected a BundleSource and an InferenceRuntime',
    );
  }
  checkAborted(signal, 'loading the bundle');
  const manifest = await readManifest(source);
  const total = manifest.tokenizers.length + manifest.models.length;
  let done = 0;
  const tokenizers: Array<{ file: BundleTokenizerFile; tokenizer: Tokenizer }> = [];
  for (const file of manifest.tokenizers) {
    checkAborted(signal, 'loading the bundle');
    const bytes = await readVerified(source, file, MAX_TOKENIZER_BYTES);
    tokenizers.push({ file, tokenizer: parseTokenizer(bytes, file) });
    onProgress?.(++done, total, file.path);
  }
  const sessions = new Map<string, InferenceSession>();
  try {
    for (const file of manifest.models) {
      checkAborted(signal, 'loading the bundle');
      const bytes = await readVerified(source, file, file.sizeBytes);
      sessions.set(file.path, await createSession(runtime, bytes, file, layersOf(manifest, file)));
      onProgress?.(++done, total, file.path);
    }
    return new SignBundle({ manifest, runtimeName: runtime.name, tokenizers, sessions });
  } catch (e) {
    await Promise.allSettled([...sessions.values()].map(async (s) => s.release()));
    throw e;
  }
}
