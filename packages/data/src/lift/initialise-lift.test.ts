import { describe, expect, it } from 'vitest';
import { initialiseLift, initialLogLengths } from './initialise-lift.ts';
import { createLiftObjective, type LiftTarget, paramLayout } from './lift-objective.ts';
import { prompt2SignModel } from './lift-sequence.ts';

const model = prompt2SignModel();
const J = model.joints;

/** A flat 2D pose: every bone of length id k has 2D length 0.1 + 0.01 k, laid out by a fixed angle per bone. */
function flatPose(scale: number): { x: number[]; y: number[] } {
  const x = new Array<number>(J).fill(0);
  const y = new Array<number>(J).fill(0);
  for (let b = 0; b < model.bones; b++) {
    const L = (0.1 + 0.01 * model.lengthId[b]!) * scale;
    const angle = 0.7 * b;
    x[model.child[b]!] = x[model.parent[b]!]! + L * Math.cos(angle);
    y[model.child[b]!] = y[model.parent[b]!]! + L * Math.sin(angle);
  }
  return { x, y };
}

function target(scales: number[]): LiftTarget {
  const T = scales.length;
  const t: LiftTarget = {
    frames: T,
    x: new Float64Array(T * J),
    y: new Float64Array(T * J),
    w: new Float64Array(T * J).fill(1),
  };
  scales.forEach((s, f) => {
    const { x, y } = flatPose(s);
    t.x.set(x, f * J);
    t.y.set(y, f * J);
  });
  return t;
}

describe('initialLogLengths', () => {
  it('takes the log of the median 2D length over frames and over the bones sharing an id', () => {
    const logs = initialLogLengths(model, target([1, 0.5, 2, 1.2, 0.8]));
    logs.forEach((l, k) => {
      expect(Math.exp(l)).toBeCloseTo(0.1 + 0.01 * k, 9);
    }); // median scale 1
  });

  it('skips bones with a missing endpoint, falls back to the overall median for an unseen id', () => {
    const t = target([1, 3, 3]);
    // Hide the neck (joint 1) in frames 1 and 2: id 0 (nose→neck) and id 1 (neck→shoulders) only in frame 0.
    t.w[J + 1] = 0;
    t.w[2 * J + 1] = 0;
    const logs = initialLogLengths(model, t);
    expect(Math.exp(logs[0]!)).toBeCloseTo(0.1, 9);
    expect(Math.exp(logs[1]!)).toBeCloseTo(0.11, 9);
    expect(Math.exp(logs[2]!)).toBeCloseTo(0.36, 9);
    t.w.fill(0, 0, J); // frame 0 gone too: ids 0 and 1 unseen → median over every observed bone:
    // ids 2..24, four samples each (two bones × frames 1, 2) at scale 3 → median id 13 → 3 × 0.23.
    const fallback = initialLogLengths(model, t);
    expect(Math.exp(fallback[0]!)).toBeCloseTo(0.69, 9);
    expect(Math.exp(fallback[1]!)).toBeCloseTo(0.69, 9);
  });
});

describe('initialiseLift', () => {
  it('reproduces a pose whose 2D bones have the median lengths, with z ≥ 0 hypotheses', () => {
    const t = target([1, 1, 1]);
    const params = initialiseLift(model, t, 1234);
    const objective = createLiftObjective(model, t, { length: 0, smooth: 0, direction: 0 });
    objective.evaluate(params);
    const layout = paramLayout(model, 3);
    for (let i = 0; i < t.x.length; i++) {
      // Only the ±0.001 root noise and the +0.001 z offset separate the start from the 2D pose.
      expect(Math.abs(objective.positions[i * 3]! - t.x[i]!)).toBeLessThan(0.003);
      expect(Math.abs(objective.positions[i * 3 + 1]! - t.y[i]!)).toBeLessThan(0.003);
    }
    for (let i = layout.directions; i < layout.size; i += 3) {
      expect(Math.hypot(params[i]!, params[i + 1]!, params[i + 2]!)).toBeCloseTo(1, 12);
      expect(params[i + 2]!).toBeGreaterThan(0);
    }
  });

  it('tilts bones that are short in 2D into z so that the 3D length matches', () => {
    const t = target([1, 1, 0.6]);
    const params = initialiseLift(model, t, 1);
    const layout = paramLayout(model, 3);
    const a = layout.directions + 2 * model.bones * 3; // frame 2, bone 0
    // 2D length 0.06 against a bone of 0.1: the hypothesis is (d, sqrt(0.1² − 0.06²) + 0.001), normalised.
    // The root's ±0.001 noise moves d by up to 0.0015.
    const dz = Math.sqrt(0.01 - 0.0036) + 0.001;
    const norm = Math.hypot(0.06, dz);
    expect(Math.abs(Math.hypot(params[a]!, params[a + 1]!) - 0.06 / norm)).toBeLessThan(0.02);
    expect(Math.abs(params[a + 2]! - dz / norm)).toBeLessThan(0.02);
    expect(params[a + 2]! / Math.hypot(params[a]!, params[a + 1]!)).toBeCloseTo(dz / 0.06, 1);
  });

  it('is deterministic for a seed (root noise only)', () => {
    const t = target([1, 2]);
    const a = initialiseLift(model, t, 5);
    expect(initialiseLift(model, t, 5)).toEqual(a);
    const b = initialiseLift(model, t, 6);
    expect(b).not.toEqual(a);
    const layout = paramLayout(model, 2);
    for (let i = layout.root; i < layout.directions; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(0.002);
  });

  it('fills missing frames of a joint from its neighbours and points never-seen joints along z', () => {
    const t = target([1, 1, 1]);
    for (let f = 0; f < 3; f++) t.w[f * J + 49] = 0; // right pinky tip never seen
    t.w[J + 20] = 0; // left middle tip missing in frame 1
    t.x[J + 20] = 99;
    const params = initialiseLift(model, t, 1);
    const objective = createLiftObjective(model, t, { length: 0, smooth: 0, direction: 0 });
    objective.evaluate(params);
    expect(Math.abs(objective.positions[(J + 20) * 3]! - t.x[20]!)).toBeLessThan(0.003);
    const b = model.child.indexOf(49);
    const a = paramLayout(model, 3).directions + b * 3;
    expect(params[a + 2]!).toBeCloseTo(1, 9);
  });
});
