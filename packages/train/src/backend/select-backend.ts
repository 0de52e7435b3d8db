/**
 * The one file of @signllm/train that chooses and imports a TensorFlow.js backend. Order for `auto`:
 * `@tensorflow/tfjs-node-gpu` (CUDA) if installed, then `@tensorflow/tfjs-node`, then the wasm backend
 * (SIMD, one thread in Node), then the pure-JS `cpu` backend. The native packages are optional peer
 * dependencies: they are looked up with `require.resolve` before being imported, so a machine without
 * them never half-loads one (a failed tfjs-node import registers kernels before it fails).
 */
import { createRequire } from 'node:module';
import { ERROR_CODES, formatOptions, SignLLMError } from '@signllm/core';
import * as tf from '@tensorflow/tfjs-core';

/** Backends `selectBackend` can pick. */
export const BACKEND_NAMES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

/** One of `BACKEND_NAMES`. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What `selectBackend` chose and why. */
export interface BackendChoice {
  /** The tfjs backend name now active (`tensorflow`, `wasm` or `cpu`). */
  name: string;
  /** The package that provides it. */
  package: string;
  /** One line for the log, e.g. `backend wasm (@tensorflow/tfjs-backend-wasm, SIMD, 1 thread)`. */
  description: string;
  /** Why other candidates were passed over (for `auto`). */
  skipped: string[];
}

const require = createRequire(import.meta.url);

function installed(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

async function tryNative(pkg: string): Promise<string | undefined> {
  if (!installed(pkg)) return `${pkg} is not installed`;
  try {
    await import(pkg);
    if (!(await tf.setBackend('tensorflow'))) return `${pkg} loaded but its backend did not start`;
    return undefined;
  } catch (error) {
    return `${pkg} failed to load: ${(error as Error).message.split('\n')[0]}`;
  }
}

async function useWasm(): Promise<string | undefined> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) return 'the wasm backend did not start';
    return undefined;
  } catch (error) {
    return `@tensorflow/tfjs-backend-wasm failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

async function useCpu(): Promise<string | undefined> {
  await import('@tensorflow/tfjs-backend-cpu');
  return (await tf.setBackend('cpu')) ? undefined : 'the cpu backend did not start';
}

let current: BackendChoice | undefined;

/**
 * Activates a backend (once per process; later calls with the same request return the first choice).
 * `auto` tries tfjs-node-gpu, tfjs-node, wasm, cpu in that order; a named backend that cannot start
 * is an error rather than a silent fallback.
 *
 * @example
 * ```ts
 * const choice = await selectBackend('auto');
 * console.log(choice.description); // backend wasm (@tensorflow/tfjs-backend-wasm)
 * ```
 */
export async function selectBackend(request: BackendName | string = 'auto'): Promise<BackendChoice> {
  if (!(BACKEND_NAMES as readonly string[]).includes(request)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Unknown backend "${request}"; expected ${formatOptions(BACKEND_NAMES)}`,
      { details: { value: request, options: [...BACKEND_NAMES] } },
    );
  }
  if (current && (request === 'auto' || backendMatches(current, request as BackendName))) return current;
  const candidates: Array<[BackendName, string, () => Promise<string | undefined>]> = [
    ['tensorflow-gpu', '@tensorflow/tfjs-node-gpu', () => tryNative('@tensorflow/tfjs-node-gpu')],
    ['tensorflow', '@tensorflow/tfjs-node', () => tryNative('@tensorflow/tfjs-node')],
    ['wasm', '@tensorflow/tfjs-backend-wasm', useWasm],
    ['cpu', '@tensorflow/tfjs-backend-cpu', useCpu],
  ];
  const skipped: string[] = [];
  for (const [name, pkg, start] of candidates) {
    if (request !== 'auto' && request !== name) continue;
    const problem = await start();
    if (problem === undefined) {
      const detail = name === 'wasm' ? ', SIMD, 1 thread in Node' : '';
      current = {
        name: tf.getBackend(),
        package: pkg,
        description: `backend ${tf.getBackend()} (${pkg}${detail})`,
        skipped,
      };
      return current;
    }
    if (request !== 'auto') {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `Backend "${request}" cannot start: ${problem}`, {
        details: { value: request },
      });
    }
    skipped.push(problem);
  }
  throw new SignLLMError(
    ERROR_CODES.invalidArgument,
    `No TensorFlow.js backend could start: ${skipped.join('; ')}`,
  );
}

function backendMatches(choice: BackendChoice, request: BackendName): boolean {
  if (request === 'tensorflow-gpu') return choice.package === '@tensorflow/tfjs-node-gpu';
  if (request === 'tensorflow') return choice.package === '@tensorflow/tfjs-node';
  return choice.name === request;
}

/** The backend chosen by `selectBackend`, if any. */
export function currentBackend(): BackendChoice | undefined {
  return current;
}
