/**
 * Test-only: a fast-check property that every cut-short prefix of a valid text is rejected.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { thrown } from './errors.ts';

/** Asserts that `parse` throws a `format_*` SignLLMError for every proper prefix of `text`. */
export function expectTruncationsRejected(
  text: string,
  parse: (prefix: string) => unknown,
  numRuns = 200,
): void {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: text.length - 1 }), (cut) => {
      expect(thrown(() => parse(text.slice(0, cut))).code).toMatch(/^format_/);
    }),
    { numRuns },
  );
}
