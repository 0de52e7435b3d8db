import { getSkeleton } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.ts';
import { BODY, STATE_PARAMS, synthBoneLengths } from './body-model.ts';
import { createSynthCorpus } from './create-synth-corpus.ts';
import { lerpState, randomPrimitive, restState } from './motion-primitive.ts';
import { renderPoseState } from './pose-kinematics.ts';
import { renderPrimitive } from './render-primitive.ts';

const SKELETON = getSkeleton('prompt2sign-50');
const DEG = 180 / Math.PI;
type V3 = [number, number, number];
const joint = (data: ArrayLike<number>, f: number, j: number): V3 => {
  const at = (f * 50 + j) * 3;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
};
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const len = (v: V3): number => Math.hypot(v[0], v[1], v[2]);
const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const angle = (a: V3, b: V3): number =>
  Math.acos(Math.max(-1, Math.min(1, dot(a, b) / (len(a) * len(b))))) * DEG;

/** Worst bone-length error against the body model over all frames (absolute, shoulder widths). */
function worstBoneError(data: ArrayLike<number>, frames: number): number {
  const expected = synthBoneLengths();
  let worst = 0;
  for (let f = 0; f < frames; f++) {
    SKELETON.bones.forEach(([a, b], i) => {
      const want = expected[SKELETON.boneLengthIds![i]!]!;
      worst = Math.max(worst, Math.abs(len(sub(joint(data, f, b), joint(data, f, a))) - want));
    });
  }
  return worst;
}

/**
 * Joint-limit violations in a frame: elbow angles outside 30°..165° (0.5° slack), reach beyond the
 * arm, finger joints bent over 110° or backwards (against the palm side).
 */
function limitViolations(data: ArrayLike<number>, f: number): string[] {
  const problems: string[] = [];
  const arms = [
    { side: 'right', shoulder: 2, elbow: 3, wrist: 4, hand: 29, handedness: 1 },
    { side: 'left', shoulder: 5, elbow: 6, wrist: 7, hand: 8, handedness: -1 },
  ];
  for (const arm of arms) {
    const s = joint(data, f, arm.shoulder);
    const e = joint(data, f, arm.elbow);
    const w = joint(data, f, arm.wrist);
    const elbow = angle(sub(s, e), sub(w, e));
    if (elbow < 29.5 || elbow > 165.5) problems.push(`${arm.side} elbow ${elbow.toFixed(1)}°`);
    if (len(sub(w, s)) > BODY.upperArm + BODY.forearm) problems.push(`${arm.side} reach`);
    const at = (k: number): V3 => joint(data, f, arm.hand + k);
    // Flexion must turn toward the palm: about the axis pointing from the pinky to the index knuckle.
    const across = sub(at(5), at(17));
    for (let finger = 0; finger < 5; finger++) {
      const chain = [0, 1 + 4 * finger, 2 + 4 * finger, 3 + 4 * finger, 4 + 4 * finger].map(at);
      for (let k = 1; k < 4; k++) {
        const prev = sub(chain[k]!, chain[k - 1]!);
        const next = sub(chain[k + 1]!, chain[k]!);
        const bend = angle(prev, next);
        if (bend > 110) problems.push(`${arm.side} finger ${finger} joint ${k} bent ${bend.toFixed(0)}°`);
        const sign = dot(cross(prev, next), across) * arm.handedness;
        if (finger > 0 && k > 1 && bend > 2 && sign < 0)
          problems.push(`${arm.side} finger ${finger} hyperextended`);
      }
    }
  }
  return problems;
}

describe('body model', () => {
  it('has realistic proportions: shoulder width 1, arm ≈ 1.5, hand ≈ 0.5', () => {
    const lengths = synthBoneLengths();
    expect(lengths).toHaveLength(25);
    expect(lengths[1]! * 2).toBe(1);
    expect(lengths[2]! + lengths[3]!).toBeGreaterThan(1.3);
    expect(lengths[2]! + lengths[3]!).toBeLessThan(1.7);
    const hand = lengths[13]! + lengths[14]! + lengths[15]! + lengths[16]!;
    expect(hand).toBeGreaterThan(0.4);
    expect(hand).toBeLessThan(0.6);
    expect(lengths[4]).toBe(0);
  });

  it('puts the rest pose in canonical axes: y down, z toward the camera, right shoulder on the image left', () => {
    const frame = new Float32Array(150);
    renderPoseState(restState(), frame, 0);
    expect(joint(frame, 0, 0)[1]).toBeLessThan(0);
    expect(joint(frame, 0, 2)[0]).toBeLessThan(0);
    expect(joint(frame, 0, 5)[0]).toBeGreaterThan(0);
    for (const w of [4, 7]) {
      expect(joint(frame, 0, w)[1]).toBeGreaterThan(1);
      expect(joint(frame, 0, w)[2]).toBeGreaterThan(0.2);
    }
    expect(joint(frame, 0, 4)[0]).toBeCloseTo(-joint(frame, 0, 7)[0], 6);
  });
});

describe('renderPoseState', () => {
  it('keeps bone lengths and joint limits for random primitives and transitions between them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, u) => {
          const rng = createRng(seed);
          const a = randomPrimitive(rng);
          const b = randomPrimitive(rng);
          const data = renderPrimitive(a, 12);
          expect(worstBoneError(data, 12)).toBeLessThan(1e-5);
          for (let f = 0; f < 12; f++) expect(limitViolations(data, f)).toEqual([]);
          const mid = new Float64Array(STATE_PARAMS);
          lerpState(a.keys.at(-1)!, b.keys[0]!, u, mid);
          const frame = new Float32Array(150);
          renderPoseState(mid, frame, 0);
          expect(worstBoneError(frame, 1)).toBeLessThan(1e-5);
          expect(limitViolations(frame, 0)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('clamps unreachable wrist targets to the arm’s reach and elbow limits', () => {
    const state = restState();
    const frame = new Float32Array(150);
    for (const target of [
      [5, 5, 5],
      [-0.5, 0, 0],
      [-0.5, 0.01, 0.02],
      [3, -4, 0],
    ]) {
      state.set(target, 0);
      renderPoseState(state, frame, 0);
      expect(worstBoneError(frame, 1)).toBeLessThan(1e-5);
      expect(limitViolations(frame, 0)).toEqual([]);
    }
  });
});

describe('generated sequences', () => {
  const corpus = createSynthCorpus({ languages: ['ase', 'gsg', 'kvk', 'tsm'], sequences: 120, seed: 8 });
  const samples = Array.from({ length: 120 }, (_, i) => corpus.sample(i).sample);

  it('keep every prompt2sign-50 bone at its body-model length (clean samples)', () => {
    for (const s of samples)
      expect(worstBoneError(s.sequence.data, s.sequence.frames), s.id).toBeLessThan(1e-4);
  });

  it('respect the joint limits in every frame', () => {
    for (const s of samples) {
      for (let f = 0; f < s.sequence.frames; f++)
        expect(limitViolations(s.sequence.data, f), s.id).toEqual([]);
    }
  });

  it('are normalised: mean neck at the origin, mean shoulder width 1, whatever the body size', () => {
    for (const s of samples) {
      const { data, frames } = s.sequence;
      const neck: V3 = [0, 0, 0];
      let width = 0;
      for (let f = 0; f < frames; f++) {
        const n = joint(data, f, 1);
        for (let d = 0; d < 3; d++) neck[d] = neck[d]! + n[d]! / frames;
        width += len(sub(joint(data, f, 2), joint(data, f, 5))) / frames;
      }
      expect(len(neck)).toBeLessThan(1e-5);
      expect(width).toBeCloseTo(1, 4);
    }
  });

  it('move the hands in front of the body and above the belly while signing', () => {
    for (const s of samples) {
      const { data, frames } = s.sequence;
      let z = 0;
      let minY = Number.POSITIVE_INFINITY;
      for (let f = 0; f < frames; f++) {
        z += joint(data, f, 4)[2] / frames;
        minY = Math.min(minY, joint(data, f, 4)[1], joint(data, f, 7)[1]);
      }
      expect(z).toBeGreaterThan(0.2);
      expect(minY).toBeLessThan(0.95);
    }
  });
});
