/**
 * Training run directory utilities (pure Node, no tfjs): crash-safe checkpoints, the metrics log and
 * its SVG chart, PT's plateau learning-rate schedule, and locking/preparing the run directory.
 */
export type { CheckpointManifest, NamedTensor, TensorListName } from './checkpoint-format.ts';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_JSON,
  CheckpointManifestSchema,
  TENSOR_LISTS,
} from './checkpoint-format.ts';
export type {
  Checkpoint,
  CheckpointInput,
  CheckpointRef,
  ReadCheckpointOptions,
  WriteCheckpointOptions,
} from './checkpoint-store.ts';
export {
  CHECKPOINTS_DIR,
  checkpointDirName,
  DEFAULT_MAX_CHECKPOINT_BYTES,
  LATEST_JSON,
  listCheckpoints,
  readCheckpoint,
  readLatestCheckpoint,
  readRunOrCheckpoint,
  writeCheckpoint,
} from './checkpoint-store.ts';
export type { MetricsLogOptions, MetricsRow, MetricValue } from './metrics-log.ts';
export { METRICS_FILE, MetricsLog, parseMetrics, readMetrics, truncateMetricsAfter } from './metrics-log.ts';
export type { PlateauDecision, PlateauOptions, PlateauState } from './plateau-schedule.ts';
export { PlateauSchedule } from './plateau-schedule.ts';
export type { PlotOptions } from './plot-svg.ts';
export { defaultSeries, METRICS_PLOT_FILE, plotMetricsSvg, writeMetricsPlot } from './plot-svg.ts';
export type { PrepareRunDirOptions, RunDir } from './run-dir.ts';
export { acquireLock, LOCK_FILE, prepareRunDir } from './run-dir.ts';
export { writeFileAtomic, writeJsonAtomic } from './write-json-atomic.ts';
