import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.ts';
import { createLiftObjective, type LiftTarget, paramLayout } from './lift-objective.ts';
import { prompt2SignModel } from './lift-sequence.ts';
import type { SkeletalModel } from './skeletal-model.ts';

const model = prompt2SignModel();

function randomProblem(frames: number, seed: number): { target: LiftTarget; params: Float64Array } {
  const rng = createRng(seed);
  const n = frames * model.joints;
  const target: LiftTarget = {
    frames,
    x: Float64Array.from({ length: n }, () => rng.uniform(-1, 1)),
    y: Float64Array.from({ length: n }, () => rng.uniform(-1, 1)),
    // Some joints missing (w = 0), the others with confidences in 0.2..1.
    w: Float64Array.from({ length: n }, () => (rng.next() < 0.2 ? 0 : rng.uniform(0.2, 1))),
  };
  const params = Float64Array.from({ length: paramLayout(model, frames).size }, () => rng.uniform(-1, 1));
  return { target, params };
}

/** Independent, plain-object implementation of the same loss, written from the formula. */
function referenceLoss(
  m: SkeletalModel,
  target: LiftTarget,
  params: Float64Array,
  lw: { length: number; smooth: number; direction: number },
): number {
  const T = target.frames;
  const K = m.lengthIds;
  const poses: { x: number; y: number; z: number }[][] = [];
  for (let t = 0; t < T; t++) {
    const pose: { x: number; y: number; z: number }[] = [];
    const r = K + 3 * t;
    pose[m.root] = { x: params[r]!, y: params[r + 1]!, z: params[r + 2]! };
    for (let b = 0; b < m.bones; b++) {
      const a = K + 3 * T + (t * m.bones + b) * 3;
      const v = [params[a]!, params[a + 1]!, params[a + 2]!];
      const norm = Math.hypot(...v);
      const L = Math.exp(params[m.lengthId[b]!]!);
      const p = pose[m.parent[b]!]!;
      pose[m.child[b]!] = {
        x: p.x + (L * v[0]!) / norm,
        y: p.y + (L * v[1]!) / norm,
        z: p.z + (L * v[2]!) / norm,
      };
    }
    poses.push(pose);
  }
  let rep = 0;
  let smooth = 0;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < m.joints; j++) {
      const i = t * m.joints + j;
      const p = poses[t]![j]!;
      rep += target.w[i]! * ((p.x - target.x[i]!) ** 2 + (p.y - target.y[i]!) ** 2);
      if (t > 0) {
        const q = poses[t - 1]![j]!;
        smooth += (p.x - q.x) ** 2 + (p.y - q.y) ** 2 + (p.z - q.z) ** 2;
      }
    }
  }
  let lengths = 0;
  for (let k = 0; k < K; k++) lengths += Math.exp(params[k]!);
  let dir = 0;
  for (let i = K + 3 * T; i < params.length; i += 3) {
    dir += (params[i]! ** 2 + params[i + 1]! ** 2 + params[i + 2]! ** 2 - 1) ** 2;
  }
  return (
    rep / (T * m.joints) +
    lw.length * lengths +
    (T > 1 ? (lw.smooth * smooth) / ((T - 1) * m.joints) : 0) +
    (lw.direction * dir) / (T * m.bones)
  );
}

describe('createLiftObjective', () => {
  const weights = { length: 0.05, smooth: 0.3, direction: 0.02 };

  it('computes the same loss as a plain-object implementation of the formula', () => {
    for (const frames of [1, 2, 4]) {
      const { target, params } = randomProblem(frames, 10 + frames);
      const objective = createLiftObjective(model, target, weights);
      const loss = objective.evaluate(params);
      expect(loss).toBeCloseTo(referenceLoss(model, target, params, weights), 10);
      const p = objective.parts;
      expect(p.total).toBeCloseTo(p.reprojection + p.length + p.smooth + p.direction, 12);
    }
  });

  it('has an analytic gradient that matches central finite differences', () => {
    const { target, params } = randomProblem(3, 7);
    const objective = createLiftObjective(model, target, weights);
    const grad = new Float64Array(params.length);
    objective.evaluate(params, grad);
    const h = 1e-6;
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < params.length; i++) {
      const keep = params[i]!;
      params[i] = keep + h;
      const up = objective.evaluate(params);
      params[i] = keep - h;
      const down = objective.evaluate(params);
      params[i] = keep;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - grad[i]!));
      scale = Math.max(scale, Math.abs(numeric));
    }
    expect(scale).toBeGreaterThan(1e-3); // the check is not vacuous
    expect(worst).toBeLessThan(1e-7 + 1e-6 * scale);
  });

  it('gives every frame the shared bone lengths exp(ℓ)', () => {
    const { target, params } = randomProblem(3, 3);
    const objective = createLiftObjective(model, target, weights);
    objective.evaluate(params);
    const P = objective.positions;
    for (let t = 0; t < 3; t++) {
      for (let b = 0; b < model.bones; b++) {
        const p = (t * model.joints + model.parent[b]!) * 3;
        const c = (t * model.joints + model.child[b]!) * 3;
        const length = Math.hypot(P[c]! - P[p]!, P[c + 1]! - P[p + 1]!, P[c + 2]! - P[p + 2]!);
        expect(length).toBeCloseTo(Math.exp(params[model.lengthId[b]!]!), 12);
      }
    }
  });

  it('overwrites the gradient with zeros when nothing is observed in a single frame without priors', () => {
    const frames = 1;
    const { target, params } = randomProblem(frames, 5);
    target.w.fill(0);
    const objective = createLiftObjective(model, target, { length: 0, smooth: 0.1, direction: 0 });
    const grad = new Float64Array(params.length).fill(Number.NaN);
    expect(objective.evaluate(params, grad)).toBe(0);
    expect(grad.every((g) => g === 0)).toBe(true);
  });
});
