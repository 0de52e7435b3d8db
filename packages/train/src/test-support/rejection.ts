/**
 * Test-only: awaits a promise that must reject with a `SignLLMError` (optionally with `code` and a
 * message matching `text`) and returns the error. Built on core's `thrownAsync`.
 */
import type { SignLLMError } from '@signllm/core';
import { expect } from 'vitest';
import { thrownAsync } from '../../../core/src/test-support/errors.ts';

export async function rejection(
  promise: Promise<unknown>,
  code?: string,
  text?: RegExp,
): Promise<SignLLMError> {
  const error = await thrownAsync(() => promise);
  if (code !== undefined) expect(error.code).toBe(code);
  if (text !== undefined) expect(error.message).toMatch(text);
  return error;
}
