/**
 * Loads a trained model for evaluation, export or further training: from a run folder (its latest
 * checkpoint, or the best one by validation DTW when asked) or from one checkpoint folder.
 */
import { ERROR_CODES, ModelConfigSchema, parseWith, SignLLMError } from '@signllm/core';
import { type Checkpoint, readRunOrCheckpoint } from '../run/index.ts';
import { SignModel, type SignModelState } from './sign-model.ts';

/** Reads the model part of a checkpoint state, checking its shape. */
export function modelStateOf(state: unknown, source: string): SignModelState {
  const model = (state as { model?: unknown } | null)?.model as
    | { config?: unknown; tokenizers?: unknown }
    | undefined;
  if (
    !model ||
    typeof model !== 'object' ||
    typeof model.tokenizers !== 'object' ||
    model.tokenizers === null
  ) {
    throw new SignLLMError(ERROR_CODES.badFormat, `${source} holds no SignLLM model state`);
  }
  return {
    config: parseWith(ModelConfigSchema, model.config, `${source} model config`),
    tokenizers: model.tokenizers as SignModelState['tokenizers'],
  };
}

/**
 * A model with the weights of a run's latest checkpoint (or of the checkpoint folder given).
 *
 * @example
 * ```ts
 * const model = await loadModelFromRun('runs/tiny');
 * ```
 */
export async function loadModelFromRun(path: string): Promise<SignModel> {
  return (await loadRunCheckpoint(path)).model;
}

/**
 * The model of a run's latest checkpoint (or of the checkpoint folder given) with the checkpoint itself
 * (its trainer state: config, best validation result, ...).
 *
 * @example
 * ```ts
 * const { model, checkpoint } = await loadRunCheckpoint('runs/tiny');
 * ```
 */
export async function loadRunCheckpoint(path: string): Promise<{ model: SignModel; checkpoint: Checkpoint }> {
  const checkpoint = await readRunOrCheckpoint(path);
  const model = SignModel.fromState(modelStateOf(checkpoint.state, checkpoint.dir));
  model.loadWeights(checkpoint.tensors.weights);
  return { model, checkpoint };
}
