/**
 * Initial parameters of the lifter (Prompt2Sign `pose2Dto3D.initialization`):
 * - log bone length = log of the median 2D length over frames of the bones sharing the id;
 * - root = joint 0's 2D position, z = 0, plus seeded uniform noise in ±0.001;
 * - each direction = the closed-form hypothesis: the 2D offset from the already built parent to the
 *   child's 2D position, with z = sqrt(max(L² − d², 0)) (the non-negative root) + 0.001, normalised.
 * Missing 2D points (w = 0) are filled, for the initialisation only, by linear interpolation between
 * the nearest observed frames of that joint (held at the ends); a joint never observed sits on its
 * parent in 2D, which makes its first direction point along +z.
 */
import { createRng } from '../util/rng.ts';
import type { LiftTarget } from './lift-objective.ts';
import { paramLayout } from './lift-objective.ts';
import type { SkeletalModel } from './skeletal-model.ts';

/** Shortest initial bone (normalised units), so that log stays finite for coincident points. */
const MIN_LENGTH = 1e-3;
/** Bone length used when no bone at all is observed in both endpoints (normalised units). */
const DEFAULT_LENGTH = 0.1;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? values[m]! : (values[m - 1]! + values[m]!) / 2;
}

/** x, y of every joint of every frame with gaps filled along time; `observed[j]` false when never seen. */
function fillGaps(
  model: SkeletalModel,
  target: LiftTarget,
): { x: Float64Array; y: Float64Array; observed: Uint8Array } {
  const { frames: T, w } = target;
  const J = model.joints;
  const x = Float64Array.from(target.x);
  const y = Float64Array.from(target.y);
  const observed = new Uint8Array(J);
  for (let j = 0; j < J; j++) {
    let last = -1;
    for (let t = 0; t <= T; t++) {
      if (t < T && !(w[t * J + j]! > 0)) continue;
      // Frames last+1 .. t−1 are missing: interpolate (or hold at the ends).
      for (let g = last + 1; g < t; g++) {
        const i = g * J + j;
        if (last < 0 && t < T) {
          x[i] = x[t * J + j]!;
          y[i] = y[t * J + j]!;
        } else if (last >= 0 && t === T) {
          x[i] = x[last * J + j]!;
          y[i] = y[last * J + j]!;
        } else if (last >= 0) {
          const f = (g - last) / (t - last);
          x[i] = x[last * J + j]! * (1 - f) + x[t * J + j]! * f;
          y[i] = y[last * J + j]! * (1 - f) + y[t * J + j]! * f;
        }
      }
      if (t < T) {
        observed[j] = 1;
        last = t;
      }
    }
  }
  return { x, y, observed };
}

/** Log of the median observed 2D length of each bone-length id. */
export function initialLogLengths(model: SkeletalModel, target: LiftTarget): Float64Array {
  const { frames: T, x, y, w } = target;
  const J = model.joints;
  const samples: number[][] = Array.from({ length: model.lengthIds }, () => []);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < model.bones; b++) {
      const p = t * J + model.parent[b]!;
      const c = t * J + model.child[b]!;
      if (!(w[p]! > 0 && w[c]! > 0)) continue;
      samples[model.lengthId[b]!]!.push(Math.hypot(x[c]! - x[p]!, y[c]! - y[p]!));
    }
  }
  const all = samples.flat();
  const fallback = all.length > 0 ? median(all) : DEFAULT_LENGTH;
  return Float64Array.from(samples, (s) =>
    Math.log(Math.max(s.length > 0 ? median(s) : fallback, MIN_LENGTH)),
  );
}

/**
 * The initial parameter vector (layout of `paramLayout`). Deterministic for a seed.
 *
 * @example
 * ```ts
 * const params = initialiseLift(model, target, 1234);
 * ```
 */
export function initialiseLift(model: SkeletalModel, target: LiftTarget, seed: number): Float64Array {
  const T = target.frames;
  const { joints: J, bones: B, root } = model;
  const layout = paramLayout(model, T);
  const params = new Float64Array(layout.size);
  const logLen = initialLogLengths(model, target);
  params.set(logLen, layout.lengths);
  const { x, y, observed } = fillGaps(model, target);
  const rng = createRng(seed);
  const pos = new Float64Array(J * 3);
  for (let t = 0; t < T; t++) {
    const r = layout.root + t * 3;
    params[r] = x[t * J + root]! + rng.uniform(-0.001, 0.001);
    params[r + 1] = y[t * J + root]! + rng.uniform(-0.001, 0.001);
    params[r + 2] = rng.uniform(-0.001, 0.001);
    pos[root * 3] = params[r]!;
    pos[root * 3 + 1] = params[r + 1]!;
    pos[root * 3 + 2] = params[r + 2]!;
    for (let b = 0; b < B; b++) {
      const p = model.parent[b]!;
      const c = model.child[b]!;
      const L = Math.exp(logLen[model.lengthId[b]!]!);
      const dx = observed[c] ? x[t * J + c]! - pos[p * 3]! : 0;
      const dy = observed[c] ? y[t * J + c]! - pos[p * 3 + 1]! : 0;
      const dz = Math.sqrt(Math.max(L * L - dx * dx - dy * dy, 0)) + 0.001;
      const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
      const a = layout.directions + (t * B + b) * 3;
      params[a] = dx * inv;
      params[a + 1] = dy * inv;
      params[a + 2] = dz * inv;
      pos[c * 3] = pos[p * 3]! + L * dx * inv;
      pos[c * 3 + 1] = pos[p * 3 + 1]! + L * dy * inv;
      pos[c * 3 + 2] = pos[p * 3 + 2]! + L * dz * inv;
    }
  }
  return params;
}
