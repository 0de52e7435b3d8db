import { readdirSync } from 'node:fs';
import { createPoseSequence, mapSkeleton, openPoseFramesToSequence, type PoseSequence } from '@signllm/core';
import { beforeAll, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { type LiftResult, liftSequence, prompt2SignModel } from './lift-sequence.ts';

const model = prompt2SignModel();
const CLIPS = ['_2FBDaOPYig_2-3-rgb_front', '_2FBDaOPYig_2-5-rgb_front', '_2FBDaOPYig_3-3-rgb_front'];

/** A How2Sign OpenPose folder as a 2D prompt2sign-50 sequence (files ordered by frame number by the codec). */
function readClip(clip: string): PoseSequence<2> {
  const names = readdirSync(dataPath('how2sign-openpose', clip)).filter((n) => n.endsWith('_keypoints.json'));
  const frames = names.map((name) => ({ name, content: readDataText('how2sign-openpose', clip, name) }));
  const seq = openPoseFramesToSequence(frames, { source: clip, dims: 2 });
  return mapSkeleton(seq, 'prompt2sign-50') as PoseSequence<2>;
}

/** Length of bone b in frame t of a 3D sequence (float64 arithmetic on the float32 output). */
function boneLength(seq: PoseSequence<3>, t: number, b: number): number {
  const p = (t * 50 + model.parent[b]!) * 3;
  const c = (t * 50 + model.child[b]!) * 3;
  const d = seq.data;
  return Math.hypot(d[c]! - d[p]!, d[c + 1]! - d[p + 1]!, d[c + 2]! - d[p + 2]!);
}

/** Largest |coordinate| of a sequence: float32 rounding of the output is relative to it. */
function maxAbs(seq: PoseSequence): number {
  return seq.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function expectConstantBones(result: LiftResult): void {
  const seq = result.sequence;
  // Each endpoint is rounded to float32 once: |error| ≤ 2 × √3 × ulp/2 of the largest coordinate.
  const tolerance = 2 * Math.sqrt(3) * maxAbs(seq) * 2 ** -24 * 1.01;
  for (let b = 0; b < model.bones; b++) {
    const expected = result.report.boneLengths[model.lengthId[b]!]!;
    for (let t = 0; t < seq.frames; t++) {
      expect(Math.abs(boneLength(seq, t, b) - expected)).toBeLessThanOrEqual(tolerance);
    }
  }
}

describeWithData('liftSequence on the How2Sign OpenPose clips', () => {
  const results = new Map<string, { input: PoseSequence<2>; result: LiftResult; progress: number[] }>();
  beforeAll(() => {
    for (const clip of CLIPS) {
      const input = readClip(clip);
      const progress: number[] = [];
      const result = liftSequence(input, { onProgress: (p) => progress.push(p.loss), progressEvery: 25 });
      results.set(clip, { input, result, progress });
      const r = result.report;
      console.info(
        `[lift] ${clip}: ${input.frames} frames, loss ${r.initialLoss.toFixed(5)} → ${r.finalLoss.toFixed(5)}, ` +
          `2D error ${r.initialReprojectionError.normalised.toFixed(4)} → ${r.reprojectionError.normalised.toFixed(4)} σ ` +
          `(${r.initialReprojectionError.input.toFixed(2)} → ${r.reprojectionError.input.toFixed(2)} px, σ = ${r.normalisation.sigma.toFixed(1)} px)`,
      );
    }
  });

  it.each(CLIPS)('%s: keeps shape, fps, confidence and units', (clip) => {
    const { input, result } = results.get(clip)!;
    const out = result.sequence;
    expect(out.dims).toBe(3);
    expect(out.frames).toBe(input.frames);
    expect(out.fps).toBe(input.fps);
    expect(out.skeleton.name).toBe('prompt2sign-50');
    expect(out.confidence).toEqual(input.confidence);
    expect(out.data.every(Number.isFinite)).toBe(true);
    // Input units: the nose of frame 0 lands within a few pixels of where OpenPose saw it.
    expect(Math.abs(out.data[0]! - input.data[0]!)).toBeLessThan(10);
    expect(Math.abs(out.data[1]! - input.data[1]!)).toBeLessThan(10);
  });

  it.each(CLIPS)('%s: reprojects closely, better than the initialisation', (clip) => {
    const { report } = results.get(clip)!.result;
    expect(report.iterations).toBe(300);
    expect(report.reprojectionError.normalised).toBeLessThan(report.initialReprojectionError.normalised);
    // 0.05 σ is ~7 px at σ ≈ 150 px (1280×720 frames): under a finger segment's length.
    expect(report.reprojectionError.normalised).toBeLessThan(0.05);
    expect(report.reprojectionError.input).toBeCloseTo(
      report.reprojectionError.normalised * report.normalisation.sigma,
      9,
    );
  });

  it.each(CLIPS)('%s: the loss decreases', (clip) => {
    const { result, progress } = results.get(clip)!;
    expect(result.report.finalLoss).toBeLessThan(result.report.initialLoss * 0.9);
    expect(progress).toHaveLength(12);
    expect(progress[progress.length - 1]!).toBeLessThan(progress[0]!);
    expect(result.report.finalLoss).toBeLessThanOrEqual(progress[progress.length - 1]! * 1.001);
  });

  it.each(CLIPS)('%s: bone lengths are constant across frames, shared left/right', (clip) => {
    const { result } = results.get(clip)!;
    expect(result.report.boneLengths).toHaveLength(25);
    expectConstantBones(result);
    // Left and right upper arm (1→2 and 1→5), forearm, hand and each finger bone: 24 shared ids.
    const seq = result.sequence;
    const byId = new Map<number, number[]>();
    model.lengthId.forEach((id, b) => {
      byId.set(id, [...(byId.get(id) ?? []), b]);
    });
    const pairs = [...byId.values()].filter((bones) => bones.length === 2);
    expect(pairs).toHaveLength(24);
    const tolerance = 2 * Math.sqrt(3) * maxAbs(seq) * 2 ** -24 * 1.01;
    for (const [right, left] of pairs) {
      for (let t = 0; t < seq.frames; t++) {
        expect(Math.abs(boneLength(seq, t, right!) - boneLength(seq, t, left!))).toBeLessThanOrEqual(
          2 * tolerance,
        );
      }
    }
  });

  it.each(CLIPS)('%s: recovers depth (z is not all zero)', (clip) => {
    const seq = results.get(clip)!.result.sequence;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 2; i < seq.data.length; i += 3) {
      min = Math.min(min, seq.data[i]!);
      max = Math.max(max, seq.data[i]!);
    }
    expect(max - min).toBeGreaterThan(0.2 * results.get(clip)!.result.report.normalisation.sigma);
  });
});

describeWithData('liftSequence options and robustness on a real clip', () => {
  let input: PoseSequence<2>;
  let base: LiftResult;
  beforeAll(() => {
    input = readClip('_2FBDaOPYig_3-3-rgb_front');
    base = liftSequence(input);
  });

  it('is deterministic for a seed and depends on it', () => {
    const again = liftSequence(input);
    expect(again.sequence.data).toEqual(base.sequence.data);
    expect(again.report).toEqual(base.report);
    const other = liftSequence(input, { seed: 99 });
    expect(other.sequence.data).not.toEqual(base.sequence.data);
    expect(other.report.finalLoss).toBeCloseTo(base.report.finalLoss, 3);
  });

  it('works in any units: scaling the input (and shifting both axes alike) scales the output', () => {
    // A shift by the same amount on x and y leaves the pooled σ alone; unequal shifts change it (as
    // in the original, σ pools x and y around one common mean): see normalise-for-lift.test.ts.
    const scaled = createPoseSequence({ ...input, data: input.data.map((v) => v * 0.001 - 3) });
    const result = liftSequence(scaled);
    expect(result.report.reprojectionError.normalised).toBeCloseTo(
      base.report.reprojectionError.normalised,
      4,
    );
    expect(result.report.finalLoss).toBeCloseTo(base.report.finalLoss, 6);
    result.report.boneLengths.forEach((l, k) => {
      expect(l).toBeCloseTo(base.report.boneLengths[k]! * 0.001, 4);
    });
    for (let i = 0; i < 150; i += 3) {
      expect(result.sequence.data[i]!).toBeCloseTo(base.sequence.data[i]! * 0.001 - 3, 3);
      expect(result.sequence.data[i + 1]!).toBeCloseTo(base.sequence.data[i + 1]! * 0.001 - 3, 3);
      expect(result.sequence.data[i + 2]!).toBeCloseTo(base.sequence.data[i + 2]! * 0.001, 3);
    }
  });

  it('Adam (default, 300 steps) ends lower than the original plain GD (lr 0.1, 1000 steps)', () => {
    const gd = liftSequence(input, { optimizer: 'gd' });
    expect(gd.report.iterations).toBe(1000);
    expect(gd.report.learningRate).toBe(0.1);
    expect(gd.report.finalLoss).toBeLessThan(gd.report.initialLoss);
    expect(base.report.finalLoss).toBeLessThan(gd.report.finalLoss);
    expectConstantBones(gd);
  });

  it('returns the initialisation for 0 iterations', () => {
    const init = liftSequence(input, { iterations: 0 });
    expect(init.report.finalLoss).toBe(init.report.initialLoss);
    expect(init.report.initialLoss).toBe(base.report.initialLoss);
    // The closed-form initialisation puts every bone at or behind its parent (z ≥ 0 hypotheses).
    const d = init.sequence.data;
    for (let t = 0; t < init.sequence.frames; t++) {
      for (let b = 0; b < model.bones; b++) {
        const dz = d[(t * 50 + model.child[b]!) * 3 + 2]! - d[(t * 50 + model.parent[b]!) * 3 + 2]!;
        expect(dz).toBeGreaterThan(0);
      }
    }
  });

  it('gives frames with no observed joint a pose between their neighbours', () => {
    const confidence = input.confidence.slice();
    confidence.fill(0, 40 * 50, 50 * 50); // frames 40..49 missing entirely
    const gappy = createPoseSequence({ ...input, confidence });
    const result = liftSequence(gappy);
    const out = result.sequence.data;
    expect(out.every(Number.isFinite)).toBe(true);
    expect(result.sequence.confidence.subarray(40 * 50, 50 * 50).every((c) => c === 0)).toBe(true);
    expectConstantBones(result);
    // The neck (joint 1) of each missing frame lies within the box spanned by frames 39 and 50, padded
    // by 0.05 σ (~8 px): smoothness with fixed bone lengths moves it almost linearly across the gap.
    const pad = 0.05 * result.report.normalisation.sigma;
    const neck = (t: number, d: number): number => out[(t * 50 + 1) * 3 + d]!;
    for (let t = 40; t < 50; t++) {
      for (const d of [0, 1]) {
        const lo = Math.min(neck(39, d), neck(50, d)) - pad;
        const hi = Math.max(neck(39, d), neck(50, d)) + pad;
        expect(neck(t, d)).toBeGreaterThanOrEqual(lo);
        expect(neck(t, d)).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('lifts a single frame', () => {
    const one = createPoseSequence({
      ...input,
      frames: 1,
      data: input.data.slice(0, 100),
      confidence: input.confidence.slice(0, 50),
    });
    const result = liftSequence(one);
    expect(result.sequence.frames).toBe(1);
    expect(result.report.finalLoss).toBeLessThan(result.report.initialLoss);
    expect(result.report.reprojectionError.normalised).toBeLessThan(0.05);
  });
});
