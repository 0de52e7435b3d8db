/**
 * The on-disk dataset format of `signllm-data build`: Parquet shards per split plus a zod-validated
 * `manifest.json`; the crash-safe, resumable `DatasetWriter`; readers, exports to `.skels` and
 * `.pose`, statistics and validation. Layout details: FORMAT.md in this folder.
 */
export type { BuildJournal, JournalShard } from './build-journal.ts';
export { BUILD_DIR, JOURNAL_FILE, readJournal } from './build-journal.ts';
export { MANIFEST_FILE, shardPath } from './dataset-folder.ts';
export type { DatasetRow, EncodedRow, RowExpectations } from './dataset-row.ts';
export { encodeRow, SPLIT_PATTERN } from './dataset-row.ts';
export type { DatasetStats, GroupCount, Summary } from './dataset-stats.ts';
export { datasetStats, formatDatasetStats } from './dataset-stats.ts';
export type { DatasetWriterOptions } from './dataset-writer.ts';
export { DatasetWriter, DEFAULT_SHARD_ROWS } from './dataset-writer.ts';
export { encodeShard, ROW_GROUP_ROWS } from './encode-shard.ts';
export type { ExportedPose, ExportPoseOptions } from './export-pose.ts';
export { exportPose, safeFileName } from './export-pose.ts';
export type { ExportedSplit, ExportSkelsOptions } from './export-skels.ts';
export { exportSkels, filesLine } from './export-skels.ts';
export type { ManifestBasics } from './manifest-from-journal.ts';
export { manifestFromJournal, orderSplits } from './manifest-from-journal.ts';
export type { DatasetReader, DatasetRowFilter } from './open-dataset.ts';
export { openDataset, readDatasetManifest } from './open-dataset.ts';
export type { EncodedPose } from './pose-codec.ts';
export { decodePose, encodePose, quantiseConfidence, quantiseCoordinate } from './pose-codec.ts';
export type { ReadShardOptions } from './read-shard.ts';
export { decodeShard, MAX_SHARD_BYTES, readShard } from './read-shard.ts';
export { sha256File, sha256Hex } from './sha256.ts';
export type { ShardColumn } from './shard-format.ts';
export {
  CONFIDENCE_LAYOUT,
  CONFIDENCE_LEVELS,
  MAX_ABS_POSE_VALUE,
  POSE_LAYOUT,
  POSE_SCALE,
  POSE_UNITS,
  SHARD_COLUMNS,
  SHARD_FORMAT_VERSION,
  SHARD_METADATA_KEYS,
  shardKvMetadata,
  shardSchema,
} from './shard-format.ts';
export type { DatasetProblem } from './validate-dataset.ts';
export { MAX_PROBLEMS, validateDataset } from './validate-dataset.ts';
export { isTempFileName, writeFileAtomic } from './write-file-atomic.ts';
