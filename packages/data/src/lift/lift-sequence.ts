/**
 * `liftSequence`: the Prompt2Sign 2D→3D lifting stage (paper.md §6.2, steps 1, 4 and 5) on a CPU.
 * Normalise (per-axis means, one pooled σ), initialise a skeletal model (25 shared log bone lengths,
 * per-frame root and bone directions), minimise reprojection + bone-length + smoothness with
 * hand-derived gradients, and return the 3D poses in the input's units.
 * Steps 2–3 of the original (pruning and temporal interpolation of low-confidence joints) are not
 * done here: missing joints (confidence 0) get no reprojection weight and the smoothness term
 * carries them.
 * Axes: x, y as the input (image convention, y down); z completes a right-handed frame, so +z points
 * away from the camera. The initialisation puts every child at or behind its parent (z ≥ 0
 * hypotheses, as the original), so depth is relative to the nose and starts "behind" it.
 */
import { createPoseSequence, ERROR_CODES, getSkeleton, type PoseSequence, SignLLMError } from '@signllm/core';
import { checkLiftInput } from './check-lift-input.ts';
import { initialiseLift } from './initialise-lift.ts';
import {
  createLiftObjective,
  type LiftObjective,
  type LiftTarget,
  type LossParts,
} from './lift-objective.ts';
import { type LiftOptions, resolveLiftOptions } from './lift-options.ts';
import { normaliseForLift } from './normalise-for-lift.ts';
import { type LiftOptimizer, optimiseLift } from './optimise-lift.ts';
import { type SkeletalModel, skeletalModelOf } from './skeletal-model.ts';

/** A confidence-weighted mean 2D distance, in normalised and in input units. */
export interface LiftError {
  /** Σ w·‖(x, y) − (x̂, ŷ)‖ / Σ w over observed joints, in pooled-σ units. */
  readonly normalised: number;
  /** The same in the input's units (e.g. pixels): `normalised × sigma`. */
  readonly input: number;
}

/** What a lift did. Pure data: the same input and options give the same report. */
export interface LiftReport {
  readonly optimizer: LiftOptimizer;
  readonly learningRate: number;
  /** Iterations run. */
  readonly iterations: number;
  /** Loss (the minimised objective, normalised units) at the initialisation and at the result. */
  readonly initialLoss: number;
  readonly finalLoss: number;
  /** The terms of the final loss. */
  readonly finalLossParts: Readonly<LossParts>;
  /** 2D reprojection error at the initialisation and at the result. */
  readonly initialReprojectionError: LiftError;
  readonly reprojectionError: LiftError;
  /** The 25 shared bone lengths (by bone-length id), in input units. */
  readonly boneLengths: readonly number[];
  /** The normalisation: x_n = (x − meanX)/σ, y_n = (y − meanY)/σ, z = z_n·σ on output. */
  readonly normalisation: { readonly meanX: number; readonly meanY: number; readonly sigma: number };
}

/** The lifted sequence and its report. */
export interface LiftResult {
  /** 3D `prompt2sign-50` poses in the input's units, same fps and frames, confidence copied. */
  readonly sequence: PoseSequence<3>;
  readonly report: LiftReport;
}

let cachedModel: SkeletalModel | undefined;

/**
 * The skeletal model of `prompt2sign-50` (49 bones, 25 length ids), built once.
 *
 * @example
 * ```ts
 * prompt2SignModel().lengthIds; // 25
 * ```
 */
export function prompt2SignModel(): SkeletalModel {
  cachedModel ??= skeletalModelOf(getSkeleton('prompt2sign-50'));
  return cachedModel;
}

function reprojectionError(objective: LiftObjective, target: LiftTarget): number {
  const { positions } = objective;
  const { x, y, w } = target;
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    if (!(wi > 0)) continue;
    sum += wi * Math.hypot(positions[i * 3]! - x[i]!, positions[i * 3 + 1]! - y[i]!);
    weight += wi;
  }
  return weight > 0 ? sum / weight : 0;
}

/**
 * Lifts a 2D `prompt2sign-50` sequence (any units; confidence 0 = missing) to 3D. Deterministic.
 * Throws `SignLLMError` (`invalidArgument`, `shapeMismatch`, `invalidNumber`, `tooLarge`) for a
 * sequence that is not 2D `prompt2sign-50`, has no frame, no observed joint or non-finite values,
 * for bad options, and (`invalidNumber`) when the optimisation diverges (learning rate too high).
 *
 * @example
 * ```ts
 * const seq2d = mapSkeleton(openPoseFramesToSequence(files), 'prompt2sign-50') as PoseSequence<2>;
 * const { sequence, report } = liftSequence(seq2d);
 * report.reprojectionError.input; // mean 2D error in pixels
 * ```
 */
export function liftSequence(sequence: PoseSequence<2>, options?: LiftOptions): LiftResult {
  checkLiftInput(sequence);
  const settings = resolveLiftOptions(options);
  const model = prompt2SignModel();
  const { target, meanX, meanY, sigma } = normaliseForLift(sequence);
  const objective = createLiftObjective(model, target, settings.weights);
  const params = initialiseLift(model, target, settings.seed);
  const initialLoss = objective.evaluate(params);
  const initialError = reprojectionError(objective, target);
  const iterations = optimiseLift(objective, params, settings);
  const finalLoss = objective.evaluate(params);
  const finalError = reprojectionError(objective, target);

  const { frames, joints } = sequence;
  const data = new Float32Array(frames * joints * 3);
  const { positions } = objective;
  for (let i = 0; i < frames * joints; i++) {
    data[i * 3] = positions[i * 3]! * sigma + meanX;
    data[i * 3 + 1] = positions[i * 3 + 1]! * sigma + meanY;
    data[i * 3 + 2] = positions[i * 3 + 2]! * sigma;
  }
  if (!Number.isFinite(finalLoss) || !data.every(Number.isFinite)) {
    throw new SignLLMError(
      ERROR_CODES.invalidNumber,
      `liftSequence diverged (final loss ${finalLoss}, initial ${initialLoss}) or left the float32 range; ` +
        `lower learningRate (${settings.learningRate}) or check the input's magnitude (σ = ${sigma})`,
      { details: { finalLoss, initialLoss, learningRate: settings.learningRate, sigma } },
    );
  }
  const lifted = createPoseSequence({
    skeleton: sequence.skeleton,
    fps: sequence.fps,
    dims: 3,
    frames,
    data,
    confidence: sequence.confidence.slice(),
  });
  const boneLengths = Array.from(params.subarray(0, model.lengthIds), (l) => Math.exp(l) * sigma);
  return {
    sequence: lifted,
    report: {
      optimizer: settings.optimizer,
      learningRate: settings.learningRate,
      iterations,
      initialLoss,
      finalLoss,
      finalLossParts: { ...objective.parts },
      initialReprojectionError: { normalised: initialError, input: initialError * sigma },
      reprojectionError: { normalised: finalError, input: finalError * sigma },
      boneLengths,
      normalisation: { meanX, meanY, sigma },
    },
  };
}
