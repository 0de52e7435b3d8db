/**
 * Test-only: the web package's tests read the real samples in ../shared/data through the core's
 * shared-data helpers (one implementation).
 */
export {
  dataPath,
  describeWithData,
  readDataBytes,
  readDataText,
} from '../../../core/src/test-support/shared-data.ts';
