import { describe, expect, it } from 'vitest';
import { ERROR_CODES, formatOptions, SignLLMError } from './signllm-error.ts';

describe('SignLLMError', () => {
  it('carries a stable code, the position in the message and the details', () => {
    const e = new SignLLMError(ERROR_CODES.truncated, 'File ends early', {
      position: { source: 'a.pose', byte: 12 },
      details: { needed: 4 },
    });
    expect(e.code).toBe('format_truncated');
    expect(e.message).toBe('File ends early (at a.pose, byte 12)');
    expect(e.details).toEqual({ needed: 4 });
    expect(e).toBeInstanceOf(Error);
  });

  it('isInstance recognises the marker, not the prototype', () => {
    const e = new SignLLMError(ERROR_CODES.invalidArgument, 'x');
    expect(SignLLMError.isInstance(e)).toBe(true);
    expect(SignLLMError.isInstance(new Error('x'))).toBe(false);
    expect(SignLLMError.isInstance({ code: 'invalid_argument' })).toBe(false);
    expect(SignLLMError.isInstance(null)).toBe(false);
    // A copy of the error from another copy of the package still has the registered-symbol marker.
    const foreign = Object.defineProperty(new Error('y'), Symbol.for('__signllm_error__'), { value: true });
    expect(SignLLMError.isInstance(foreign)).toBe(true);
  });

  it('keeps the cause', () => {
    const cause = new RangeError('inner');
    expect(new SignLLMError(ERROR_CODES.badFormat, 'outer', { cause }).cause).toBe(cause);
  });
});

describe('formatOptions', () => {
  it('lists options with "or" and truncates long lists', () => {
    expect(formatOptions(['a'])).toBe('"a"');
    expect(formatOptions(['a', 'b', 'c'])).toBe('"a", "b" or "c"');
    expect(formatOptions(['a', 'b', 'c'], 2)).toBe('"a" or "b" (and 1 more)');
    expect(formatOptions([])).toBe('(none)');
  });
});
