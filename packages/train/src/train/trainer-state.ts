/**
 * What a checkpoint holds besides tensors: the effective config, the model (config + tokenizers), the
 * position in the data (epoch, the epoch's plan, next batch), PLC priorities, Gaussian-noise
 * statistics, the plateau schedule, each optimizer's step count and the elapsed training time.
 * Enough to continue a killed run with the same data order and the same losses.
 */
import type { PriorityTableJson } from '../data/index.ts';
import type { PlateauState } from '../run/index.ts';
import type { GaussianNoiseState } from './gaussian-noise.ts';
import type { EffectiveTrainConfig } from './load-train-config.ts';
import type { SignModelState } from './sign-model.ts';

/** Version of `TrainerState`; a checkpoint of another version is refused. */
export const TRAINER_STATE_VERSION = 1;

/** The trainer's JSON state in a checkpoint. */
export interface TrainerState {
  version: number;
  config: EffectiveTrainConfig;
  model: SignModelState;
  /** Steps done. */
  step: number;
  epoch: number;
  /** The current epoch's plan (batches of example indices) and the next batch in it. */
  plan: number[][];
  nextBatch: number;
  /** `ExampleIndex.fingerprint` of the training split the run started on. */
  indexFingerprint: string;
  lr: number;
  schedule: PlateauState;
  /** Adam steps per group key. */
  optimizerSteps: Record<string, number>;
  priorities?: PriorityTableJson;
  noise?: GaussianNoiseState;
  /** Best validation DTW so far and its step. */
  best?: { dtw: number; step: number };
  /** Seconds spent training (over all sessions of the run). */
  seconds: number;
  /** Why the run ended, when it did. */
  finished?: string;
}
