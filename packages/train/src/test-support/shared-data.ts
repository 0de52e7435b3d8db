/**
 * Test-only: the train package's tests use the same shared-data helpers as the core's tests (the real
 * samples in ../shared/data); this re-export keeps that one implementation.
 */
export {
  dataPath,
  describeWithData,
  HAS_SHARED_DATA,
  REPO_ROOT,
  readDataBytes,
  readDataText,
  SHARED_DATA,
} from '../../../core/src/test-support/shared-data.ts';
