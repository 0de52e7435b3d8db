/**
 * 2D→3D lifting of `prompt2sign-50` sequences: the Prompt2Sign skeletal-model optimisation
 * (paper.md §6.2) with hand-written gradients over typed arrays, for the CPU.
 */

export { checkLiftInput, LIFT_SKELETON, MAX_LIFT_FRAMES } from './check-lift-input.ts';
export { initialiseLift } from './initialise-lift.ts';
export type {
  LiftObjective,
  LiftTarget,
  LossParts,
  ObjectiveWeights,
  ParamLayout,
} from './lift-objective.ts';
export { createLiftObjective, paramLayout } from './lift-objective.ts';
export type { LiftOptions, ResolvedLiftOptions } from './lift-options.ts';
export { DEFAULT_LIFT_WEIGHTS, MAX_LIFT_ITERATIONS, resolveLiftOptions } from './lift-options.ts';
export type { LiftError, LiftReport, LiftResult } from './lift-sequence.ts';
export { liftSequence, prompt2SignModel } from './lift-sequence.ts';
export type { LiftNormalisation } from './normalise-for-lift.ts';
export { normaliseForLift } from './normalise-for-lift.ts';
export type { LiftOptimizer, LiftProgress } from './optimise-lift.ts';
export { optimiseLift } from './optimise-lift.ts';
export type { SkeletalModel } from './skeletal-model.ts';
export { skeletalModelOf } from './skeletal-model.ts';
