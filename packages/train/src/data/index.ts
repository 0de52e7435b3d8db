/**
 * Training data: an example index over a dataset split, seeded epoch plans with length bucketing
 * and PLC sampling, bounded-memory batch streams (pose and token batches), and the Priority
 * Learning Channel.
 */

export { FRAME_WIDTH, JOINT_VALUES, POSE_JOINTS } from '../model/batch-types.ts';
export type { EpochPlan, PlannedPool, PlanOptions } from './batch-plan.ts';
export { planEpoch, planEpochDetailed } from './batch-plan.ts';
export type { PoseStreamOptions, StreamOptions, TokenStreamOptions } from './batch-stream.ts';
export { streamPoseBatches, streamTokenBatches } from './batch-stream.ts';
export type {
  Example,
  ExampleIndex,
  ExampleIndexOptions,
  ExampleSource,
  ExampleTarget,
  IndexShard,
  IndexSkips,
} from './example-index.ts';
export { buildExampleIndex, EXAMPLE_SOURCES, EXAMPLE_TARGETS } from './example-index.ts';
export type { PoseBatchOptions, PoseExampleRow } from './make-pose-batch.ts';
export { MAX_BATCH_VALUES, makePoseBatch } from './make-pose-batch.ts';
export type { TokenBatchOptions, TokenExampleRow } from './make-token-batch.ts';
export { makeTokenBatch } from './make-token-batch.ts';
export type { PriorityTableJson, PriorityTransform, PriorityWeightOptions } from './plc.ts';
export { PRIORITY_TRANSFORMS, PriorityTable, skipMask } from './plc.ts';
export type { ShardCacheOptions } from './shard-cache.ts';
export { ShardCache } from './shard-cache.ts';
export type { TokenEncoder } from './token-encoder.ts';
export { BOS_ID, EOS_ID, PAD_ID } from './token-encoder.ts';
