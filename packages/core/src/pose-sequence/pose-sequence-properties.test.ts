/**
 * fast-check properties of the pose-sequence operations, on random 2D and 3D sequences with random
 * missing joints, over a 6-joint skeleton with two components.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSkeleton } from '../skeletons/skeleton.ts';
import { concatenate } from './concatenate.ts';
import { countMissing, maskMissing } from './mask-missing.ts';
import { denormalize, normalizeWithTransform } from './normalize.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';
import { resampledFrameCount, resampleFps } from './resample-fps.ts';
import { selectJoints } from './select-joints.ts';
import { slice } from './slice.ts';

const SKELETON = defineSkeleton({
  name: 'props-6',
  description: 'six joints, two components',
  joints: ['Neck', 'RShoulder', 'LShoulder', 'RHand', 'LHand', 'Tip'],
  bones: [
    [0, 1],
    [0, 2],
    [1, 3],
    [2, 4],
    [4, 5],
  ],
  colors: [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
    [10, 11, 12],
    [13, 14, 15],
    [16, 17, 18],
  ],
  root: 0,
  components: [
    { name: 'body', start: 0, count: 3, format: 'XYC' },
    { name: 'hands', start: 3, count: 3, format: 'XYC', points: ['R', 'L', 'T'] },
  ],
});
const J = SKELETON.joints.length;

/** A random sequence: 0..12 frames, dims 2 or 3, coordinates in [-10, 10], ~25% missing joints. */
const sequenceArb = (minFrames = 0): fc.Arbitrary<PoseSequence> =>
  fc
    .record({
      dims: fc.constantFrom<Dims>(2, 3),
      frames: fc.integer({ min: minFrames, max: 12 }),
      fps: fc.constantFrom(10, 24, 25, 29.97, 30),
    })
    .chain(({ dims, frames, fps }) =>
      fc
        .record({
          data: fc.float32Array({
            minLength: frames * J * dims,
            maxLength: frames * J * dims,
            min: -10,
            max: 10,
            noNaN: true,
            noDefaultInfinity: true,
          }),
          confidence: fc.array(fc.constantFrom(0, 0.25, 0.5, 1), {
            minLength: frames * J,
            maxLength: frames * J,
          }),
        })
        .map(({ data, confidence }) =>
          createPoseSequence({
            skeleton: SKELETON,
            fps,
            dims,
            frames,
            data,
            confidence: Float32Array.from(confidence),
          }),
        ),
    );

function snapshot(seq: PoseSequence): { data: number[]; confidence: number[] } {
  return { data: Array.from(seq.data), confidence: Array.from(seq.confidence) };
}

function expectSameSequence(actual: PoseSequence, expected: PoseSequence): void {
  expect(actual.frames).toBe(expected.frames);
  expect(actual.dims).toBe(expected.dims);
  expect(actual.fps).toBe(expected.fps);
  expect(actual.skeleton).toEqual(expected.skeleton);
  expect(Array.from(actual.data)).toEqual(Array.from(expected.data));
  expect(Array.from(actual.confidence)).toEqual(Array.from(expected.confidence));
}

describe('pose-sequence properties', () => {
  it('slice at any cut then concatenate restores the sequence, without touching the input', () => {
    fc.assert(
      fc.property(sequenceArb(), fc.integer({ min: -15, max: 15 }), (seq, cut) => {
        const before = snapshot(seq);
        const whole = concatenate([slice(seq, 0, cut), slice(seq, cut)]);
        expectSameSequence(whole, seq);
        expect(whole.data).not.toBe(seq.data);
        expect(snapshot(seq)).toEqual(before);
      }),
    );
  });

  it('resampling to the same fps is the identity', () => {
    fc.assert(
      fc.property(sequenceArb(), (seq) => {
        expectSameSequence(resampleFps(seq, seq.fps), seq);
      }),
    );
  });

  it('resampling yields the documented frame count and never invents present joints without fillGaps', () => {
    fc.assert(
      fc.property(sequenceArb(1), fc.constantFrom(5, 12.5, 24, 50, 60), (seq, fps) => {
        const before = snapshot(seq);
        const out = resampleFps(seq, fps);
        expect(out.frames).toBe(resampledFrameCount(seq.frames, seq.fps, fps));
        // Every present output joint lies between two input frames where that joint is present.
        for (let k = 0; k < out.frames; k++) {
          const u = (k * seq.fps) / fps;
          for (let j = 0; j < J; j++) {
            if (!(out.confidence[k * J + j]! > 0)) continue;
            const lo = Math.floor(u + 1e-9);
            const hi = Math.min(seq.frames - 1, Math.ceil(u - 1e-9));
            expect(seq.confidence[lo * J + j]).toBeGreaterThan(0);
            expect(seq.confidence[hi * J + j]).toBeGreaterThan(0);
          }
        }
        expect(snapshot(seq)).toEqual(before);
      }),
    );
  });

  it('normalise then denormalise restores present joints within 1e-5', () => {
    const options = fc.record({
      per: fc.constantFrom<'frame' | 'sequence'>('frame', 'sequence'),
      center: fc.constantFrom<'shoulders' | string | number>('shoulders', 'Neck', 4),
    });
    fc.assert(
      fc.property(sequenceArb(1), options, (raw, opts) => {
        // Frame 0 gets both shoulders and the neck present, 1 apart, so the statistics exist.
        const data = raw.data.slice();
        const confidence = raw.confidence.slice();
        for (const j of [0, 1, 2, 4]) confidence[j] = 1;
        data.fill(0, 1 * raw.dims, 3 * raw.dims);
        data[2 * raw.dims] = 1;
        const seq = createPoseSequence({ ...raw, data, confidence });
        const before = snapshot(seq);
        const { sequence, transform } = normalizeWithTransform(seq, opts);
        const back = denormalize(sequence, transform);
        expect(Array.from(back.confidence)).toEqual(Array.from(seq.confidence));
        for (let i = 0; i < seq.data.length; i++)
          expect(Math.abs(back.data[i]! - seq.data[i]!)).toBeLessThan(1e-5);
        expect(snapshot(seq)).toEqual(before);
      }),
    );
  });

  it('selectJoints of all joints in order (same name) is the identity; a permutation is undone by its inverse', () => {
    fc.assert(
      fc.property(sequenceArb(), fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6 }), (seq, perm) => {
        expectSameSequence(selectJoints(seq, [0, 1, 2, 3, 4, 5], { name: SKELETON.name }), seq);
        const shuffled = selectJoints(seq, perm);
        const inverse = [0, 1, 2, 3, 4, 5].map((j) => perm.indexOf(j));
        const restored = selectJoints(shuffled, inverse);
        expect(Array.from(restored.data)).toEqual(Array.from(seq.data));
        expect(Array.from(restored.confidence)).toEqual(Array.from(seq.confidence));
        expect(restored.skeleton.joints).toEqual(SKELETON.joints);
        expect(restored.skeleton.bones).toEqual(SKELETON.bones);
      }),
    );
  });

  it('masks never increase confidence, are idempotent, and never reduce the missing count', () => {
    const opts = fc.record({ threshold: fc.constantFrom(0, 0.3, 0.6, 1), zeroAsMissing: fc.boolean() });
    fc.assert(
      fc.property(sequenceArb(), opts, (seq, o) => {
        const masked = maskMissing(seq, o);
        for (let i = 0; i < seq.confidence.length; i++) {
          expect(masked.confidence[i]!).toBeLessThanOrEqual(seq.confidence[i]!);
        }
        expect(countMissing(masked)).toBeGreaterThanOrEqual(countMissing(seq));
        expectSameSequence(maskMissing(masked, o), masked);
      }),
    );
  });
});
