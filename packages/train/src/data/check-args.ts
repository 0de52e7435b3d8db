/**
 * Argument checks shared by the data pipeline: each throws a `SignLLMError` (`invalid_argument`)
 * naming the option, the bad value and the accepted range.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/**
 * Throws unless `value` is an integer in `min..max`; returns it.
 *
 * @example
 * ```ts
 * const batchSize = checkInteger('batchSize', options.batchSize, 1);
 * ```
 */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in ${min}..${max}`;
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${name} must be ${range}, got ${String(value)}`, {
      details: { [name]: value },
    });
  }
  return value;
}

/**
 * Throws unless `value` is a finite number in `[min, max]`; returns it.
 *
 * @example
 * ```ts
 * const eta = checkNumber('eta', options.eta, 0);
 * ```
 */
export function checkNumber(
  name: string,
  value: unknown,
  min: number,
  max = Number.POSITIVE_INFINITY,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range =
      max === Number.POSITIVE_INFINITY ? `a finite number ≥ ${min}` : `a number in [${min}, ${max}]`;
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${name} must be ${range}, got ${String(value)}`, {
      details: { [name]: value },
    });
  }
  return value;
}
