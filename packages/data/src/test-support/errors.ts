/** Test-only: error assertion helpers shared with the core package's tests. */
export { expectCode, expectError, thrown, thrownAsync } from '../../../core/src/test-support/errors.ts';
