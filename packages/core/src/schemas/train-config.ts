/**
 * The JSON file of `signllm-train train --config`: data and output folders, steps and batch size,
 * Adam, gradient clipping, the plateau learning-rate schedule, the loss (MSE or the RL loss with the
 * Priority Learning Channel) and how often to validate, checkpoint and log. Strict: unknown keys are
 * errors. Defaults follow Progressive Transformers' `Base.yaml` where it has the setting; the RL/PLC
 * constants are not in the paper and are this project's documented choice.
 */
import { z } from 'zod';
import { type EnumOf, nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from './fields.ts';
import { ModelConfigSchema } from './model-config.ts';

/**
 * Training losses: plain MSE, or the RL loss (reward = −MSE per sequence) with optional PLC.
 *
 * @example
 * ```ts
 * LOSS_KINDS; // ['mse', 'rl']
 * ```
 */
export const LOSS_KINDS = ['mse', 'rl'] as const;

/** One of `LOSS_KINDS`. */
export type LossKind = (typeof LOSS_KINDS)[number];

/**
 * How a sequence's reward r = −MSE becomes its PLC priority p (sampling weight ∝ p^eta).
 *
 * @example
 * ```ts
 * REWARD_TRANSFORMS; // ['exp', 'inverse', 'rank']
 * ```
 */
export const REWARD_TRANSFORMS = ['exp', 'inverse', 'rank'] as const;

/** One of `REWARD_TRANSFORMS`. */
export type RewardTransform = (typeof REWARD_TRANSFORMS)[number];

/**
 * TensorFlow.js backends a run may ask for; `auto` tries tfjs-node-gpu, tfjs-node, wasm, cpu in order.
 *
 * @example
 * ```ts
 * TRAIN_BACKENDS; // ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']
 * ```
 */
export const TRAIN_BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

/** One of `TRAIN_BACKENDS`. */
export type TrainBackend = (typeof TRAIN_BACKENDS)[number];

/**
 * How validation generates poses: with the ground-truth counter and length (what Progressive
 * Transformers' evaluation does) or free-running (stops on the predicted counter).
 *
 * @example
 * ```ts
 * VALIDATION_TIMINGS; // ['ground-truth', 'free-running']
 * ```
 */
export const VALIDATION_TIMINGS = ['ground-truth', 'free-running'] as const;

/** One of `VALIDATION_TIMINGS`. */
export type ValidationTiming = (typeof VALIDATION_TIMINGS)[number];

/** A local file or folder path (absolute or relative to the working directory). */
function localPath(what: string): z.ZodString {
  return z
    .string()
    .min(1, { abort: true, error: `expected a non-empty path to ${what}` })
    .max(4096, { abort: true, error: 'expected a path of at most 4096 characters' });
}

/** The zod type of `OptimiserSchema`. */
export type OptimiserShape = {
  kind: z.ZodDefault<z.ZodLiteral<'adam'>>;
  betas: z.ZodDefault<z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>>;
  epsilon: z.ZodDefault<z.ZodNumber>;
  weightDecay: z.ZodDefault<z.ZodNumber>;
};

/** Adam settings. */
export const OptimiserSchema: z.ZodObject<OptimiserShape, z.core.$strict> = z.strictObject({
  kind: z.literal('adam').default('adam').describe('Optimiser; only "adam" for now'),
  betas: z
    .tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)])
    .default((): [number, number] => [0.9, 0.999])
    .describe('Adam beta1 and beta2, each in [0, 1) (PT Base: 0.9, 0.999)'),
  epsilon: positiveNumber(1).default(1e-8).describe('Adam epsilon'),
  weightDecay: nonNegativeNumber(1)
    .default(0)
    .describe('Decoupled weight decay (AdamW): w ← w − lr·wd·w every step (PT Base: 0)'),
} satisfies OptimiserShape);

/** The zod type of `LrScheduleSchema`. */
export type LrScheduleShape = {
  kind: z.ZodDefault<z.ZodLiteral<'plateau'>>;
  factor: z.ZodDefault<z.ZodNumber>;
  patience: z.ZodDefault<z.ZodNumber>;
  minLr: z.ZodDefault<z.ZodNumber>;
  earlyStopPatience: z.ZodDefault<z.ZodNumber>;
};

/** Reduce-on-plateau schedule on the validation DTW. */
export const LrScheduleSchema: z.ZodObject<LrScheduleShape, z.core.$strict> = z.strictObject({
  kind: z
    .literal('plateau')
    .default('plateau')
    .describe('Schedule; only "plateau" (reduce when validation DTW stalls)'),
  factor: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.7)
    .describe('Multiply the learning rate by this on a plateau (PT Base: 0.7)'),
  patience: nonNegativeInt(1_000_000)
    .default(7)
    .describe('Validations without improvement before reducing (PT Base: 7)'),
  minLr: positiveNumber(10)
    .default(2e-4)
    .describe('Training stops when the learning rate falls below this (PT Base: 2e-4)'),
  earlyStopPatience: nonNegativeInt(1_000_000)
    .default(0)
    .describe('Stop after this many validations without improvement; 0 = only the minLr rule'),
} satisfies LrScheduleShape);

/** The zod type of `ValidationSchema`. */
export type ValidationShape = {
  split: z.ZodDefault<z.ZodString>;
  maxSequences: z.ZodDefault<z.ZodNumber>;
  timing: z.ZodDefault<EnumOf<typeof VALIDATION_TIMINGS>>;
};

/** Validation during training: DTW as Progressive Transformers computes it, on a dev split. */
export const ValidationSchema: z.ZodObject<ValidationShape, z.core.$strict> = z.strictObject({
  split: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,31}$/, { error: 'expected a split name like "dev"' })
    .default('dev')
    .describe('Dataset split validated on'),
  maxSequences: positiveInt(1_000_000)
    .default(20)
    .describe('Validate on the first this many sequences of the split (PT validates on about 20)'),
  timing: z
    .enum(VALIDATION_TIMINGS)
    .default('ground-truth')
    .describe('"ground-truth": PT evaluation timing (ground-truth counter and length); "free-running"'),
} satisfies ValidationShape);

/** The zod type of `DataLoadingSchema`. */
export type DataLoadingShape = {
  poolShards: z.ZodDefault<z.ZodNumber>;
  maxCachedShards: z.ZodDefault<z.ZodNumber>;
  maxFrames: z.ZodDefault<z.ZodNumber>;
};

/** How training data is streamed from the Parquet shards. */
export const DataLoadingSchema: z.ZodObject<DataLoadingShape, z.core.$strict> = z.strictObject({
  poolShards: positiveInt(1_000_000)
    .default(8)
    .describe('Shards shuffled together: batches are length-bucketed within a pool of this many shards'),
  maxCachedShards: positiveInt(1_000_000)
    .default(16)
    .describe('Decoded shards kept in memory at once (bounds memory; at least poolShards is useful)'),
  maxFrames: positiveInt(100_000)
    .default(400)
    .describe('Training sequences longer than this many frames are skipped (counted in the log)'),
} satisfies DataLoadingShape);

/** The zod type of `RlSchema`. */
export type RlShape = {
  plc: z.ZodDefault<z.ZodBoolean>;
  rewardTransform: z.ZodDefault<EnumOf<typeof REWARD_TRANSFORMS>>;
  eta: z.ZodDefault<z.ZodNumber>;
  epsilon: z.ZodDefault<z.ZodNumber>;
  skipQuantile: z.ZodDefault<z.ZodNumber>;
  refreshEvery: z.ZodDefault<z.ZodNumber>;
};

/** RL loss and Priority Learning Channel settings, used when `loss` is `"rl"`. */
export const RlSchema: z.ZodObject<RlShape, z.core.$strict> = z.strictObject({
  plc: z
    .boolean()
    .default(true)
    .describe('Use the Priority Learning Channel (prioritised sampling and batch skipping)'),
  rewardTransform: z
    .enum(REWARD_TRANSFORMS)
    .default('exp')
    .describe(
      'Priority p from reward r = −MSE: "exp" p = exp(z) with z the reward standardised over the training set, ' +
        'so weights ∝ exp(eta·z) whatever the pose scale; "inverse" p = 1/(MSE + epsilon); ' +
        '"rank" p = 1/rank (rank 1 = highest reward). Sampling probability ∝ p^eta',
    ),
  eta: nonNegativeNumber(100).default(1).describe('Prioritisation intensity η; 0 samples uniformly'),
  epsilon: positiveNumber(1)
    .default(1e-6)
    .describe('Added to the MSE by the "inverse" transform to avoid division by 0'),
  skipQuantile: z
    .number()
    .min(0)
    .lt(1)
    .default(0.5)
    .describe('Samples of a batch whose reward is below this quantile of the batch are skipped; 0 = none'),
  refreshEvery: positiveInt()
    .default(500)
    .describe('Recompute the priorities of the whole training set every this many steps'),
} satisfies RlShape);

/** The zod type of `TrainConfigSchema`. */
export type TrainConfigShape = {
  data: z.ZodString;
  outDir: z.ZodString;
  model: z.ZodUnion<readonly [typeof ModelConfigSchema, z.ZodString]>;
  steps: z.ZodDefault<z.ZodNumber>;
  batchSize: z.ZodDefault<z.ZodNumber>;
  learningRate: z.ZodDefault<z.ZodNumber>;
  optimiser: z.ZodPrefault<typeof OptimiserSchema>;
  gradClip: z.ZodDefault<z.ZodNumber>;
  lrSchedule: z.ZodPrefault<typeof LrScheduleSchema>;
  seed: z.ZodDefault<z.ZodNumber>;
  loss: z.ZodDefault<EnumOf<typeof LOSS_KINDS>>;
  rl: z.ZodPrefault<typeof RlSchema>;
  validateEvery: z.ZodDefault<z.ZodNumber>;
  checkpointEvery: z.ZodDefault<z.ZodNumber>;
  logEvery: z.ZodDefault<z.ZodNumber>;
  keepCheckpoints: z.ZodDefault<z.ZodNumber>;
  backend: z.ZodDefault<EnumOf<typeof TRAIN_BACKENDS>>;
  validation: z.ZodPrefault<typeof ValidationSchema>;
  loading: z.ZodPrefault<typeof DataLoadingSchema>;
  initFrom: z.ZodOptional<z.ZodString>;
};

/**
 * A training run configuration. Also checks `lrSchedule.minLr` <= `learningRate`.
 *
 * @example
 * ```ts
 * const config = parseWith(TrainConfigSchema, {
 *   data: 'datasets/phoenix', outDir: 'runs/1', model: 'model.json', batchSize: 16,
 * }, 'train config');
 * config.lrSchedule.factor; // 0.7
 * ```
 */
export const TrainConfigSchema: z.ZodObject<TrainConfigShape, z.core.$strict> = z
  .strictObject({
    data: localPath('the dataset').describe(
      'Dataset folder (with manifest.json) written by signllm-data build',
    ),
    outDir: localPath('the output folder').describe('Folder for checkpoints, logs and the final model'),
    model: z
      .union([ModelConfigSchema, localPath('the model config')])
      .describe('The model configuration, inline or as the path of a JSON file holding it'),
    steps: positiveInt().default(10_000).describe('Number of optimiser steps'),
    batchSize: positiveInt(65_536).default(32).describe('Sequences per batch'),
    learningRate: positiveNumber(10).default(1e-3).describe('Initial learning rate (PT Base: 1e-3)'),
    optimiser: OptimiserSchema.prefault({}).describe('Optimiser settings'),
    gradClip: nonNegativeNumber(1e6)
      .default(5)
      .describe('Clip the global gradient norm to this; 0 = off (PT Base: 5)'),
    lrSchedule: LrScheduleSchema.prefault({}).describe('Learning-rate schedule'),
    seed: nonNegativeInt(2 ** 32 - 1)
      .default(27)
      .describe('Seed of initialisation, shuffling and sampling (PT Base: 27)'),
    loss: z
      .enum(LOSS_KINDS)
      .default('mse')
      .describe('"mse": mean squared error; "rl": RL loss (reward = −MSE per sequence)'),
    rl: RlSchema.prefault({}).describe('RL loss and PLC settings, used when loss is "rl"'),
    validateEvery: positiveInt().default(1000).describe('Run validation (DTW) every this many steps'),
    checkpointEvery: positiveInt().default(1000).describe('Write a checkpoint every this many steps'),
    logEvery: positiveInt().default(100).describe('Log training metrics every this many steps'),
    keepCheckpoints: positiveInt(1000)
      .default(3)
      .describe('Checkpoints kept (the newest ones, plus the best by validation DTW)'),
    backend: z
      .enum(TRAIN_BACKENDS)
      .default('auto')
      .describe('TensorFlow.js backend; "auto" tries tfjs-node-gpu, tfjs-node, wasm, cpu'),
    validation: ValidationSchema.prefault({}).describe('Validation during training'),
    loading: DataLoadingSchema.prefault({}).describe('Data streaming and length bucketing'),
    initFrom: localPath('a checkpoint')
      .optional()
      .describe(
        'Start from this run or checkpoint folder: its language groups and tokenizers are loaded unchanged (MLSF: add languages to a trained model)',
      ),
  } satisfies TrainConfigShape)
  .refine((c) => c.learningRate <= 0 || c.lrSchedule.minLr <= c.learningRate, {
    error: (issue) => {
      const c = issue.input as { learningRate: number; lrSchedule: { minLr: number } };
      return `expected at most learningRate (${c.learningRate}), got ${c.lrSchedule.minLr}`;
    },
    path: ['lrSchedule', 'minLr'],
  });

/** A validated training configuration (defaults filled). */
export type TrainConfig = z.infer<typeof TrainConfigSchema>;

/** A training configuration as written (fields with defaults may be left out). */
export type TrainConfigInput = z.input<typeof TrainConfigSchema>;
