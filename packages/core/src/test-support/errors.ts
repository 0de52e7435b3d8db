/**
 * Test-only: assertions about thrown `SignLLMError`s, shared by the test files.
 */
import { expect } from 'vitest';
import { SignLLMError } from '../errors/signllm-error.ts';

/** Runs `fn`, which must throw a `SignLLMError`, and returns that error. */
export function thrown(fn: () => unknown): SignLLMError {
  try {
    fn();
  } catch (e) {
    if (SignLLMError.isInstance(e)) return e;
    throw new Error(`expected a SignLLMError, got ${String(e)}`);
  }
  throw new Error('expected a throw');
}

/** Awaits `fn`, which must reject with a `SignLLMError`, and returns that error. */
export async function thrownAsync(fn: () => Promise<unknown>): Promise<SignLLMError> {
  try {
    await fn();
  } catch (e) {
    if (SignLLMError.isInstance(e)) return e;
    throw new Error(`expected a SignLLMError, got ${String(e)}`);
  }
  throw new Error('expected a rejection');
}

/** Asserts that `fn` throws a `SignLLMError` with `code` (and a message matching `text`, if given). */
export function expectError(fn: () => unknown, code: string, text?: RegExp): SignLLMError {
  const e = thrown(fn);
  expect(e.code).toBe(code);
  if (text) expect(e.message).toMatch(text);
  return e;
}

/** Asserts that `fn` throws a `SignLLMError` with `code`. */
export function expectCode(fn: () => unknown, code: string): SignLLMError {
  return expectError(fn, code);
}
