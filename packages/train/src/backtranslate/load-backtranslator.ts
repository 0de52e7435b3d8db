/**
 * The trainer state a back-translation checkpoint holds (schema first) and `loadBacktranslator`, which
 * reads a run folder's latest checkpoint (or one checkpoint folder) through the package's checksummed
 * checkpoint reader and rebuilds the model. A damaged checkpoint, a pose-model run given by mistake or
 * weights that do not fit the saved config are `SignLLMError`s naming the folder.
 */
import { ERROR_CODES, parseWith, SignLLMError, type TokenizerJson } from '@signllm/core';
import { z } from 'zod';
import { type Checkpoint, readRunOrCheckpoint } from '../run/index.ts';
import { BacktranslationConfigSchema } from './backtranslation-config.ts';
import { Backtranslator } from './backtranslator.ts';

/** `kind` of the state in every back-translation checkpoint. */
export const BACKTRANSLATION_STATE_KIND = 'signllm-backtranslation';
/** Version of that state this code writes and reads. */
export const BACKTRANSLATION_STATE_VERSION = 1;

/**
 * What a back-translation checkpoint saves besides its tensors.
 *
 * @example
 * ```ts
 * const state = parseWith(BacktranslationStateSchema, checkpoint.state, checkpoint.dir);
 * ```
 */
export const BacktranslationStateSchema = z.object({
  /** Always `signllm-backtranslation` (pose-model checkpoints have none). */
  kind: z.literal(BACKTRANSLATION_STATE_KIND),
  /** State layout version. */
  version: z.literal(BACKTRANSLATION_STATE_VERSION),
  /** The effective config of the run. */
  config: BacktranslationConfigSchema,
  /** Output tokenizers by language (their own schema is checked by `loadTokenizer`). */
  model: z.object({ tokenizers: z.record(z.string(), z.unknown()) }),
  /** Optimiser steps taken. */
  step: z.number().int().min(0),
  /** Epoch of the data plan. */
  epoch: z.number().int().min(0),
  /** Next batch of the epoch's plan (resume continues there). */
  nextBatch: z.number().int().min(0),
  /** Fingerprint of the training index: resuming needs the same data. */
  indexFingerprint: z.string(),
  /** Adam steps per language group. */
  optimizerSteps: z.record(z.string(), z.number().int().min(0)),
  /** Training seconds so far. */
  seconds: z.number().min(0),
});

/** A parsed back-translation trainer state. */
export type BacktranslationState = z.infer<typeof BacktranslationStateSchema>;

/**
 * Checks that a checkpoint's state is a back-translation state and parses it.
 *
 * @example
 * ```ts
 * const state = backtranslationStateOf(await readCheckpoint('runs/bt/checkpoints/step-000500'));
 * ```
 */
export function backtranslationStateOf(checkpoint: Checkpoint): BacktranslationState {
  const kind = (checkpoint.state as { kind?: unknown } | null)?.kind;
  if (kind !== BACKTRANSLATION_STATE_KIND) {
    const what = (checkpoint.state as { model?: { config?: { mode?: unknown } } } | null)?.model?.config
      ?.mode;
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${checkpoint.dir} is not a back-translation checkpoint${typeof what === 'string' ? ` (it holds a "${what}" pose model)` : ''}; train one with \`signllm-train backtranslate train\``,
    );
  }
  return parseWith(BacktranslationStateSchema, checkpoint.state, `${checkpoint.dir} back-translation state`);
}

/**
 * A back-translation model with the weights of a run's latest checkpoint (or of the checkpoint folder
 * given), with the checkpoint and its parsed state.
 *
 * @throws SignLLMError: no checkpoint (`invalid_argument`), a damaged one (`format_truncated`,
 *   `format_invalid`, ... from the checkpoint reader), not a back-translation checkpoint
 *   (`format_invalid`), weights that do not fit (`shape_mismatch`).
 * @example
 * ```ts
 * const { model } = await loadBacktranslator('runs/bt');
 * model.translate('ase', targetFrames(row));
 * ```
 */
export async function loadBacktranslator(
  path: string,
): Promise<{ model: Backtranslator; checkpoint: Checkpoint; state: BacktranslationState }> {
  const checkpoint = await readRunOrCheckpoint(path, 'back-translation run');
  const state = backtranslationStateOf(checkpoint);
  const model = Backtranslator.fromState({
    config: state.config,
    tokenizers: state.model.tokenizers as Record<string, TokenizerJson>,
  });
  try {
    model.loadWeights(checkpoint.tensors.weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, checkpoint, state };
}
