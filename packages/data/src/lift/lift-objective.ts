/**
 * The lifting objective and its hand-derived gradient, over one flat Float64Array of parameters:
 * `[K log bone lengths | T×3 root positions | T×B×3 un-normalised bone directions]`.
 *
 * Forward kinematics (per frame, bones root → leaves): `P_child = P_parent + exp(ℓ_id)·a/‖a‖`.
 * Loss (normalised units, as the Prompt2Sign lifter):
 *
 *   E = Σ w·[(X−x)² + (Y−y)²] / (T·J)                 reprojection (orthographic, confidence-weighted)
 *     + λ_len · Σ_k exp(ℓ_k)                            bone-length prior
 *     + λ_smooth · Σ_t Σ_j ‖P_t − P_{t−1}‖² / ((T−1)·J)  temporal smoothness (3D)
 *     + λ_dir · Σ (‖a‖² − 1)² / (T·B)                    keeps ‖a‖ near 1 (no effect on the poses)
 *
 * Backward pass: dE/dP from the reprojection and smoothness terms, then bones in reverse order:
 * for bone (p → c, id k) with u = a/‖a‖ and g = dE/dP_c (already holding c's descendants):
 * dE/dL_k += g·u, dE/da = L_k (g − (g·u) u)/‖a‖, dE/dP_p += g. Finally dE/dℓ_k = L_k (dE/dL_k + λ_len).
 * All buffers are allocated once; `evaluate` allocates nothing.
 */
import type { SkeletalModel } from './skeletal-model.ts';

/** The 2D observations in normalised units, `[T×J]` each; w = 0 for a missing joint. */
export interface LiftTarget {
  readonly frames: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly w: Float64Array;
}

/** Weights of the regularisers (normalised units). */
export interface ObjectiveWeights {
  /** λ_len on Σ exp(ℓ) (Prompt2Sign: 0.001). */
  readonly length: number;
  /** λ_smooth on the mean squared frame-to-frame 3D displacement (Prompt2Sign: 0.1). */
  readonly smooth: number;
  /** λ_dir on the mean (‖a‖² − 1)² of the direction vectors (Prompt2Sign: none). */
  readonly direction: number;
}

/** The terms of the last evaluation. */
export interface LossParts {
  total: number;
  reprojection: number;
  length: number;
  smooth: number;
  direction: number;
}

/** Where each group of parameters starts in the flat vector. */
export interface ParamLayout {
  readonly lengths: number;
  readonly root: number;
  readonly directions: number;
  readonly size: number;
}

/** An objective bound to a model and a target. */
export interface LiftObjective {
  readonly model: SkeletalModel;
  readonly frames: number;
  readonly layout: ParamLayout;
  /** Joint positions `[T×J×3]` of the last `evaluate`. */
  readonly positions: Float64Array;
  /** Terms of the last `evaluate`. */
  readonly parts: LossParts;
  /** Runs forward kinematics, returns the loss and, when `grad` is given, overwrites it with dE/dparams. */
  evaluate(params: Float64Array, grad?: Float64Array): number;
}

/**
 * The parameter layout for `frames` frames of `model`.
 *
 * @example
 * ```ts
 * paramLayout(prompt2SignModel(), 100).size; // 25 + 100·3 + 100·49·3 = 15025
 * ```
 */
export function paramLayout(model: SkeletalModel, frames: number): ParamLayout {
  const root = model.lengthIds;
  const directions = root + frames * 3;
  return { lengths: 0, root, directions, size: directions + frames * model.bones * 3 };
}

/**
 * Creates the objective (buffers sized once for `target.frames`).
 *
 * @example
 * ```ts
 * const objective = createLiftObjective(model, target, { length: 0.001, smooth: 0.1, direction: 0 });
 * const grad = new Float64Array(objective.layout.size);
 * const loss = objective.evaluate(params, grad);
 * ```
 */
export function createLiftObjective(
  model: SkeletalModel,
  target: LiftTarget,
  weights: ObjectiveWeights,
): LiftObjective {
  const T = target.frames;
  const { joints: J, bones: B, lengthIds: K, root, parent, child, lengthId } = model;
  const layout = paramLayout(model, T);
  const positions = new Float64Array(T * J * 3);
  const gradP = new Float64Array(T * J * 3);
  const unit = new Float64Array(T * B * 3);
  const invNorm = new Float64Array(T * B);
  const len = new Float64Array(K);
  const gradLen = new Float64Array(K);
  const parts: LossParts = { total: 0, reprojection: 0, length: 0, smooth: 0, direction: 0 };
  const { x, y, w } = target;
  const cRep = 1 / (T * J);
  const cSmooth = T > 1 ? weights.smooth / ((T - 1) * J) : 0;
  const cDir = weights.direction / (T * B);
  const rootOffset = layout.root;
  const dirOffset = layout.directions;
  const size = layout.size;

  function forward(params: Float64Array): void {
    for (let k = 0; k < K; k++) len[k] = Math.exp(params[k]!);
    for (let t = 0; t < T; t++) {
      const pf = t * J * 3;
      const r = rootOffset + t * 3;
      positions[pf + root * 3] = params[r]!;
      positions[pf + root * 3 + 1] = params[r + 1]!;
      positions[pf + root * 3 + 2] = params[r + 2]!;
      for (let b = 0; b < B; b++) {
        const tb = t * B + b;
        const a = dirOffset + tb * 3;
        const ax = params[a]!;
        const ay = params[a + 1]!;
        const az = params[a + 2]!;
        const inv = 1 / Math.sqrt(ax * ax + ay * ay + az * az);
        invNorm[tb] = inv;
        const ux = ax * inv;
        const uy = ay * inv;
        const uz = az * inv;
        unit[tb * 3] = ux;
        unit[tb * 3 + 1] = uy;
        unit[tb * 3 + 2] = uz;
        const L = len[lengthId[b]!]!;
        const p = pf + parent[b]! * 3;
        const c = pf + child[b]! * 3;
        positions[c] = positions[p]! + L * ux;
        positions[c + 1] = positions[p + 1]! + L * uy;
        positions[c + 2] = positions[p + 2]! + L * uz;
      }
    }
  }

  /** Reprojection and smoothness terms; fills gradP. */
  function jointTerms(): void {
    let rep = 0;
    for (let i = 0, n = T * J; i < n; i++) {
      const wi = w[i]!;
      const dx = positions[i * 3]! - x[i]!;
      const dy = positions[i * 3 + 1]! - y[i]!;
      rep += wi * (dx * dx + dy * dy);
      gradP[i * 3] = 2 * cRep * wi * dx;
      gradP[i * 3 + 1] = 2 * cRep * wi * dy;
      gradP[i * 3 + 2] = 0;
    }
    let smooth = 0;
    if (cSmooth > 0) {
      for (let i = J * 3, n = T * J * 3; i < n; i++) {
        const d = positions[i]! - positions[i - J * 3]!;
        smooth += d * d;
        gradP[i] = gradP[i]! + 2 * cSmooth * d;
        gradP[i - J * 3] = gradP[i - J * 3]! - 2 * cSmooth * d;
      }
    }
    parts.reprojection = rep * cRep;
    parts.smooth = smooth * cSmooth;
  }

  function evaluate(params: Float64Array, grad?: Float64Array): number {
    forward(params);
    jointTerms();
    let lengthSum = 0;
    for (let k = 0; k < K; k++) lengthSum += len[k]!;
    parts.length = weights.length * lengthSum;
    let dirSum = 0;
    if (cDir > 0) {
      for (let i = dirOffset; i < size; i += 3) {
        const ax = params[i]!;
        const ay = params[i + 1]!;
        const az = params[i + 2]!;
        const n2 = ax * ax + ay * ay + az * az;
        dirSum += (n2 - 1) * (n2 - 1);
      }
    }
    parts.direction = cDir * dirSum;
    parts.total = parts.reprojection + parts.length + parts.smooth + parts.direction;
    if (grad !== undefined) backward(params, grad);
    return parts.total;
  }

  function backward(params: Float64Array, grad: Float64Array): void {
    gradLen.fill(0);
    for (let t = 0; t < T; t++) {
      const pf = t * J * 3;
      for (let b = B - 1; b >= 0; b--) {
        const tb = t * B + b;
        const c = pf + child[b]! * 3;
        const p = pf + parent[b]! * 3;
        const gx = gradP[c]!;
        const gy = gradP[c + 1]!;
        const gz = gradP[c + 2]!;
        const ux = unit[tb * 3]!;
        const uy = unit[tb * 3 + 1]!;
        const uz = unit[tb * 3 + 2]!;
        const dot = gx * ux + gy * uy + gz * uz;
        const k = lengthId[b]!;
        gradLen[k] = gradLen[k]! + dot;
        const s = len[k]! * invNorm[tb]!;
        const a = dirOffset + tb * 3;
        grad[a] = s * (gx - dot * ux);
        grad[a + 1] = s * (gy - dot * uy);
        grad[a + 2] = s * (gz - dot * uz);
        gradP[p] = gradP[p]! + gx;
        gradP[p + 1] = gradP[p + 1]! + gy;
        gradP[p + 2] = gradP[p + 2]! + gz;
      }
      const r = rootOffset + t * 3;
      grad[r] = gradP[pf + root * 3]!;
      grad[r + 1] = gradP[pf + root * 3 + 1]!;
      grad[r + 2] = gradP[pf + root * 3 + 2]!;
    }
    for (let k = 0; k < K; k++) grad[k] = len[k]! * (gradLen[k]! + weights.length);
    if (cDir > 0) {
      for (let i = dirOffset; i < size; i += 3) {
        const ax = params[i]!;
        const ay = params[i + 1]!;
        const az = params[i + 2]!;
        const g = 4 * cDir * (ax * ax + ay * ay + az * az - 1);
        grad[i] = grad[i]! + g * ax;
        grad[i + 1] = grad[i + 1]! + g * ay;
        grad[i + 2] = grad[i + 2]! + g * az;
      }
    }
  }

  return { model, frames: T, layout, positions, parts, evaluate };
}
