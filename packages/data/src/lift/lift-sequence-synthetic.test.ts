import { createPoseSequence, getSkeleton, type PoseSequence } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.ts';
import { liftSequence, prompt2SignModel } from './lift-sequence.ts';

const model = prompt2SignModel();

/**
 * A ground-truth 3D prompt2sign-50 motion in pixels: one length per bone-length id (shared by left
 * and right), per bone a rest direction that wobbles smoothly over time, a drifting root. Built
 * root → leaves, independently of the lifter's code.
 */
function groundTruth(frames: number, seed: number): { data3d: Float32Array; lengths: number[] } {
  const rng = createRng(seed);
  // Body bones ~60–140 px, hand bones ~8–30 px (ids 0–3 are nose-neck, shoulder, upper arm, forearm).
  const lengths = Array.from({ length: model.lengthIds }, (_, k) =>
    k < 4 ? rng.uniform(60, 140) : rng.uniform(8, 30),
  );
  // Bones lie mostly in the image plane (z spread 0.3 of x/y's), so that their longest 2D projection
  // over the clip is close to their length: orthographic lengths are identifiable only then.
  const rest = Array.from({ length: model.bones }, () => [rng.normal(), rng.normal(), 0.3 * rng.normal()]);
  const phase = Array.from({ length: model.bones * 3 }, () => rng.uniform(0, 2 * Math.PI));
  const speed = Array.from({ length: model.bones }, () => rng.uniform(0.05, 0.15));
  const data3d = new Float32Array(frames * 50 * 3);
  const p = new Float64Array(50 * 3);
  for (let t = 0; t < frames; t++) {
    p[0] = 640 + 30 * Math.sin(0.03 * t);
    p[1] = 300 + 10 * Math.cos(0.05 * t);
    p[2] = 0;
    for (let b = 0; b < model.bones; b++) {
      const v = rest[b]!.map(
        (r, d) => r + (d === 2 ? 0.3 : 0.8) * Math.sin(speed[b]! * t + phase[b * 3 + d]!),
      );
      const n = Math.hypot(v[0]!, v[1]!, v[2]!);
      const L = lengths[model.lengthId[b]!]!;
      for (let d = 0; d < 3; d++) p[model.child[b]! * 3 + d] = p[model.parent[b]! * 3 + d]! + (L * v[d]!) / n;
    }
    data3d.set(p, t * 150);
  }
  return { data3d, lengths };
}

/** Orthographic projection (drop z), the lifter's camera model. */
function project(data3d: Float32Array, frames: number): PoseSequence<2> {
  const data = new Float32Array(frames * 100);
  for (let i = 0; i < frames * 50; i++) {
    data[i * 2] = data3d[i * 3]!;
    data[i * 2 + 1] = data3d[i * 3 + 1]!;
  }
  return createPoseSequence({ skeleton: getSkeleton('prompt2sign-50'), fps: 24, dims: 2, data });
}

describe('liftSequence on a projected ground-truth skeleton', () => {
  const frames = 120;
  const { data3d, lengths } = groundTruth(frames, 2024);
  const input = project(data3d, frames);

  it('reprojects with low 2D error under the original weights, which shorten the bones', () => {
    const { report, sequence } = liftSequence(input);
    // Noise-free input: the error left is what the length and smoothness priors trade for.
    expect(report.reprojectionError.normalised).toBeLessThan(0.02);
    expect(report.finalLoss).toBeLessThan(report.initialLoss);
    expect(sequence.data.every(Number.isFinite)).toBe(true);
    // λ_len = 0.001 · Σ L outweighs the reprojection term (which is divided by T·50): bones come out
    // shorter than the truth, never longer.
    report.boneLengths.forEach((l, k) => {
      expect(l / lengths[k]!).toBeLessThan(1.02);
    });
  });

  it('recovers the bone lengths within 10 % and fits within 0.005 σ without the length prior', () => {
    const { report } = liftSequence(input, { weights: { length: 0 }, iterations: 600 });
    expect(report.reprojectionError.normalised).toBeLessThan(0.005);
    report.boneLengths.forEach((l, k) => {
      expect(Math.abs(l / lengths[k]! - 1)).toBeLessThan(0.1);
    });
  });

  it('fits within 0.003 σ without any prior', () => {
    const { report } = liftSequence(input, { weights: { length: 0, smooth: 0 }, iterations: 600 });
    expect(report.reprojectionError.normalised).toBeLessThan(0.003);
    expect(report.finalLossParts.reprojection).toBeLessThan(report.initialLoss / 10);
  });
});
