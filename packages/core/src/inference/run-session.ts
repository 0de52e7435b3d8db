/**
 * Internal helpers shared by the decoding loops: abort checks, running a session so that every
 * failure is a `SignLLMError` (`inference_failed`), and reading an output tensor whose type and shape
 * are checked, so that a misbehaving model gives a clear error rather than wrong numbers.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import type { InferenceSession, RuntimeTensor } from './runtime.ts';
import type { AbortSignalLike } from './web-types.ts';

/** Throws `aborted` when `signal` is aborted; `what` names the work in the message. */
export function checkAborted(signal: AbortSignalLike | undefined, what: string): void {
  if (signal?.aborted) {
    throw new SignLLMError(ERROR_CODES.aborted, `${what} was aborted`, { cause: signal.reason });
  }
}

/** Runs `session`, turning any failure that is not already a `SignLLMError` into `inference_failed`. */
export async function runSession(
  session: InferenceSession,
  feeds: Readonly<Record<string, RuntimeTensor>>,
  label: string,
): Promise<Record<string, RuntimeTensor>> {
  let outputs: unknown;
  try {
    outputs = await session.run(feeds);
  } catch (cause) {
    if (SignLLMError.isInstance(cause)) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SignLLMError(ERROR_CODES.inferenceFailed, `${label}: the runtime failed: ${reason}`, { cause });
  }
  if (typeof outputs !== 'object' || outputs === null) {
    throw new SignLLMError(ERROR_CODES.inferenceFailed, `${label}: the runtime returned no outputs`);
  }
  return outputs as Record<string, RuntimeTensor>;
}

function product(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/**
 * The float32 output `name` of `outputs`, checked against `dims` (`-1` = any size). Throws
 * `inference_failed` naming the output when it is missing, not float32 or shaped otherwise.
 */
export function floatOutput(
  outputs: Record<string, RuntimeTensor>,
  name: string,
  dims: readonly number[],
  label: string,
): { data: Float32Array; dims: readonly number[] } {
  const tensor = outputs[name];
  const fail = (problem: string): SignLLMError =>
    new SignLLMError(ERROR_CODES.inferenceFailed, `${label}: output "${name}" ${problem}`, {
      details: { output: name, expected: dims },
    });
  if (tensor === undefined) throw fail('is missing');
  if (tensor.type !== 'float32') throw fail(`has type ${String(tensor.type)}, expected float32`);
  const got = tensor.dims;
  const shapeOk =
    Array.isArray(got) &&
    got.length === dims.length &&
    dims.every((d, i) => d === -1 || got[i] === d) &&
    tensor.data.length === product(got);
  if (!shapeOk) {
    throw fail(
      `has shape [${Array.isArray(got) ? got.join(', ') : String(got)}] (${tensor.data?.length} values), expected [${dims.map((d) => (d === -1 ? '?' : d)).join(', ')}]`,
    );
  }
  return { data: tensor.data, dims: got };
}
