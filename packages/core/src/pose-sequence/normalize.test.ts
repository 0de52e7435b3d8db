import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { BUILTIN_SKELETONS } from '../skeletons/registry.ts';
import { thrown } from '../test-support/errors.ts';
import { readPhoenixSequence } from '../test-support/read-phoenix-sequence.ts';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { denormalize, normalize, normalizeWithTransform } from './normalize.ts';
import { createPoseSequence, type Dims } from './pose-sequence.ts';

const SK = testSkeleton('norm-4', ['Neck', 'RShoulder', 'LShoulder', 'Hand']);

/** Frame 0: Neck (5,1) R (3,1) L (7,1) Hand (9,5). Frame 1: Neck (6,2) R (4,3) L (8,3), Hand (2,2) missing. */
const TWO_FRAMES = createPoseSequence({
  skeleton: SK,
  fps: 25,
  dims: 2,
  data: Float32Array.from([5, 1, 3, 1, 7, 1, 9, 5, 6, 2, 4, 3, 8, 3, 2, 2]),
  confidence: Float32Array.from([1, 1, 1, 1, 1, 1, 1, 0]),
});

const values = (a: Float32Array): number[] => Array.from(a);

describe('normalizeWithTransform', () => {
  it('per sequence: subtracts the mean shoulder mid-point, divides by the mean width; missing joints untouched', () => {
    // Mid-points (5,1) and (6,3) → centre (5.5, 2); widths 4 and 4 → scale 4.
    const { sequence, transform } = normalizeWithTransform(TWO_FRAMES);
    expect(transform).toEqual({ per: 'sequence', center: [5.5, 2], scale: 4 });
    expect(values(sequence.data)).toEqual([
      -0.125, -0.25, -0.625, -0.25, 0.375, -0.25, 0.875, 0.75, 0.125, 0, -0.375, 0.25, 0.625, 0.25, 2, 2,
    ]);
    expect(values(sequence.confidence)).toEqual(values(TWO_FRAMES.confidence));
    expect(values(TWO_FRAMES.data)).toEqual([5, 1, 3, 1, 7, 1, 9, 5, 6, 2, 4, 3, 8, 3, 2, 2]); // input intact
  });

  it('per frame: each frame centred on its own shoulders', () => {
    const { sequence, transform } = normalizeWithTransform(TWO_FRAMES, { per: 'frame' });
    expect(transform).toEqual({ per: 'frame', center: [5, 1, 6, 3], scale: 4 });
    expect(values(sequence.data)).toEqual([0, 0, -0.5, 0, 0.5, 0, 1, 1, 0, -0.25, -0.5, 0, 0.5, 0, 2, 2]);
  });

  it('centres on a named joint; scale false keeps units', () => {
    expect(normalizeWithTransform(TWO_FRAMES, { center: 'Neck' }).transform.center).toEqual([5.5, 1.5]);
    const { sequence, transform } = normalizeWithTransform(TWO_FRAMES, {
      center: 3,
      per: 'frame',
      scale: false,
    });
    // Hand is present only in frame 0 (9, 5): frame 1 falls back to that sequence mean.
    expect(transform).toEqual({ per: 'frame', center: [9, 5, 9, 5], scale: 1 });
    expect(values(sequence.data.subarray(0, 2))).toEqual([-4, -4]);
  });

  it('ignores frames without both shoulders for the statistics (3D, width from all three axes)', () => {
    // Frame 0: R (0,0,0) L (3,0,4): width 5, mid (1.5, 0, 2). Frame 1: L missing, placed far away.
    const seq = createPoseSequence({
      skeleton: SK,
      fps: 25,
      dims: 3,
      data: Float32Array.from([1, 1, 1, 0, 0, 0, 3, 0, 4, 2, 2, 2, 9, 9, 9, 100, 0, 0, 900, 0, 0, 7, 7, 7]),
      confidence: Float32Array.from([1, 1, 1, 1, 1, 1, 0, 1]),
    });
    const { sequence, transform } = normalizeWithTransform(seq, { per: 'frame' });
    expect(transform.scale).toBe(5);
    expect(transform.center).toEqual([1.5, 0, 2, 1.5, 0, 2]);
    expect(values(sequence.data.subarray(12, 24))).toEqual(
      [1.5, 1.8, 1.4, 19.7, 0, -0.4, 900, 0, 0, 1.1, 1.4, 1].map(Math.fround),
    );
  });

  it('finds MediaPipe shoulder names, .pose point names, or explicit shoulders', () => {
    const data = Float32Array.from([0, 0, 1, 0, -1, 0]); // NOSE, LEFT (1, 0), RIGHT (−1, 0): width 2
    const mp = testSkeleton('norm-mp', ['NOSE', 'LEFT_SHOULDER', 'RIGHT_SHOULDER']);
    expect(
      normalizeWithTransform(createPoseSequence({ skeleton: mp, fps: 25, dims: 2, data })).transform.scale,
    ).toBe(2);
    const pts = testSkeleton('norm-pts', ['p0', 'p1', 'p2'], {
      points: ['NOSE', 'LEFT_SHOULDER', 'RIGHT_SHOULDER'],
    });
    expect(
      normalizeWithTransform(createPoseSequence({ skeleton: pts, fps: 25, dims: 2, data })).transform.scale,
    ).toBe(2);
    const plain = testSkeleton('norm-plain', ['a', 'b', 'c']);
    const seq = createPoseSequence({ skeleton: plain, fps: 25, dims: 2, data });
    expect(normalizeWithTransform(seq, { shoulders: ['a', 2] }).transform).toEqual({
      per: 'sequence',
      center: [-0.5, 0],
      scale: 1,
    });
    const e = thrown(() => normalize(seq));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toBe(
      'Cannot find the shoulders in skeleton "norm-plain": no joints named "LShoulder"/"RShoulder" or "LEFT_SHOULDER"/"RIGHT_SHOULDER"; pass options.shoulders: [left, right]',
    );
    expect(() => normalize(seq, { shoulders: ['a', 'a'] })).toThrow(/twice/);
    expect(() => normalize(seq, { shoulders: ['a', 'zz'] })).toThrow(/Unknown joint "zz"/);
  });

  it.each(BUILTIN_SKELETONS.map((sk) => [sk.name, sk] as const))(
    'finds the body shoulders of built-in skeleton %s',
    (_, sk) => {
      const named = (...names: string[]): number => sk.joints.findIndex((j) => names.includes(j));
      const left = named('LShoulder', 'POSE_LEFT_SHOULDER');
      const right = named('RShoulder', 'POSE_RIGHT_SHOULDER');
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeGreaterThanOrEqual(0);
      const data = new Float32Array(sk.joints.length * 3).fill(50); // every other joint far away
      data.set([1, 2, 3], left * 3);
      data.set([3, 2, 3], right * 3);
      const seq = createPoseSequence({ skeleton: sk, fps: 25, dims: 3, data });
      expect(normalizeWithTransform(seq).transform).toEqual({ per: 'sequence', center: [2, 2, 3], scale: 2 });
    },
  );

  it('rejects sequences without usable shoulders or centre, and bad options', () => {
    const noShoulders = createPoseSequence({
      ...TWO_FRAMES,
      confidence: Float32Array.from([1, 0, 1, 1, 1, 1, 0, 1]),
    });
    expect(() => normalize(noShoulders)).toThrow(
      /no frame of 2 has both shoulders \("LShoulder", "RShoulder"\) present/,
    );
    expect(() => normalize(noShoulders, { center: 'Neck' })).toThrow(
      /no frame of 2 has both shoulders present/,
    );
    const noNeck = createPoseSequence({
      ...TWO_FRAMES,
      confidence: Float32Array.from([0, 1, 1, 1, 0, 1, 1, 1]),
    });
    expect(() => normalize(noNeck, { center: 'Neck' })).toThrow(/no frame of 2 has joint "Neck" present/);
    const samePoint = createPoseSequence({
      skeleton: SK,
      fps: 25,
      dims: 2,
      data: Float32Array.from([0, 0, 1, 1, 1, 1, 0, 0]),
    });
    expect(() => normalize(samePoint)).toThrow(/mean shoulder width is 0/);
    expect(() =>
      normalize(createPoseSequence({ skeleton: SK, fps: 25, dims: 2, data: new Float32Array(0) })),
    ).toThrow(/no frame of 0/);
    const nanNeck = createPoseSequence({
      ...TWO_FRAMES,
      data: Float32Array.from([Number.NaN, 1, 3, 1, 7, 1, 9, 5]),
      frames: 1,
      confidence: undefined,
    });
    expect(() => normalize(nanNeck, { center: 'Neck', scale: false })).toThrow(
      /centre \(joint "Neck"\) has non-finite coordinates; run maskMissing first/,
    );
    const infShoulder = createPoseSequence({
      ...nanNeck,
      data: Float32Array.from([0, 1, Number.POSITIVE_INFINITY, 1, 7, 1, 9, 5]),
      confidence: undefined,
    });
    expect(() => normalize(infShoulder, { center: 'Neck' })).toThrow(/mean shoulder width is Infinity/);
    expect(() => normalize(TWO_FRAMES, { per: 'clip' as 'frame' })).toThrow(
      /per must be "frame" or "sequence", got "clip"/,
    );
    expect(() => normalize(TWO_FRAMES, { center: 'Chin' })).toThrow(/Unknown joint "Chin"/);
  });
});

describe('denormalize', () => {
  it('inverts normalize exactly on the hand-computed case, per sequence and per frame', () => {
    for (const per of ['sequence', 'frame'] as const) {
      const { sequence, transform } = normalizeWithTransform(TWO_FRAMES, { per });
      expect(values(denormalize(sequence, transform).data)).toEqual(values(TWO_FRAMES.data));
    }
  });

  it('rejects transforms that do not fit the sequence', () => {
    expect(() => denormalize(TWO_FRAMES, { per: 'sequence', center: [0, 0], scale: 0 })).toThrow(
      /scale must be a finite number > 0, got 0/,
    );
    expect(() => denormalize(TWO_FRAMES, { per: 'sequence', center: [0, 0, 0], scale: 1 })).toThrow(
      /must hold 2 finite values \(2 dims\), got 3/,
    );
    expect(() => denormalize(TWO_FRAMES, { per: 'frame', center: [0, 0], scale: 1 })).toThrow(
      /4 finite values \(2 frames × 2 dims\)/,
    );
    expect(() => denormalize(TWO_FRAMES, { per: 'sequence', center: [0, Number.NaN], scale: 1 })).toThrow(
      /finite/,
    );
  });
});

/** Mean distance between joints a and b and mean mid-point, over frames where both are present. */
function shoulderStats(
  data: ArrayLike<number>,
  conf: ArrayLike<number>,
  joints: number,
  dims: Dims,
  a: number,
  b: number,
) {
  const frames = conf.length / joints;
  let width = 0;
  let n = 0;
  const mid = new Array<number>(dims).fill(0);
  for (let f = 0; f < frames; f++) {
    if (!(conf[f * joints + a]! > 0 && conf[f * joints + b]! > 0)) continue;
    const pa = Array.from({ length: dims }, (_, d) => data[(f * joints + a) * dims + d]!);
    const pb = Array.from({ length: dims }, (_, d) => data[(f * joints + b) * dims + d]!);
    width += Math.hypot(...pa.map((v, d) => v - pb[d]!));
    pa.forEach((v, d) => {
      mid[d] = mid[d]! + (v + pb[d]!) / 2;
    });
    n++;
  }
  return { width: width / n, mid: mid.map((m) => m / n), frames: n };
}

describeWithData('normalize on real data', () => {
  it('PHOENIX-2014T .skels (3D, neck-centred): Neck centre is 0, scale is the mean shoulder width', () => {
    const { sequence: seq } = readPhoenixSequence('dev', 1);
    const expected = shoulderStats(seq.data, seq.confidence, 50, 3, 2, 5);
    const byNeck = normalizeWithTransform(seq, { center: 'Neck', per: 'frame' });
    expect(byNeck.transform.center.every((c) => c === 0)).toBe(true); // the PT data is neck-centred
    expect(byNeck.transform.scale).toBeCloseTo(expected.width, 6);
    const { sequence, transform } = normalizeWithTransform(seq);
    expect(transform.center.map((c, d) => c - expected.mid[d]!).every((x) => Math.abs(x) < 1e-6)).toBe(true);
    const after = shoulderStats(sequence.data, sequence.confidence, 50, 3, 2, 5);
    expect(after.width).toBeCloseTo(1, 5);
    for (const m of after.mid) expect(m).toBeCloseTo(0, 5);
  });

  it('How2Sign OpenPose JSON (2D pixels): per-frame shoulder mid-points go to 0, mean width to 1', () => {
    const dir = ['how2sign-openpose', '_2FBDaOPYig_2-5-rgb_front'];
    const files = readdirSync(dataPath(...dir))
      .filter((f) => f.endsWith('_keypoints.json'))
      .sort();
    const data = new Float32Array(files.length * 8 * 2);
    const confidence = new Float32Array(files.length * 8);
    files.forEach((file, f) => {
      const kp = (
        JSON.parse(readDataText(...dir, file)) as { people: Array<{ pose_keypoints_2d: number[] }> }
      ).people[0]!.pose_keypoints_2d;
      for (let j = 0; j < 8; j++) {
        data.set([kp[j * 3]!, kp[j * 3 + 1]!], (f * 8 + j) * 2);
        confidence[f * 8 + j] = kp[j * 3 + 2]!;
      }
    });
    const body = testSkeleton('openpose-upper-8', PROMPT2SIGN_50.joints.slice(0, 8));
    const seq = createPoseSequence({ skeleton: body, fps: 24, dims: 2, data, confidence });
    const before = shoulderStats(data, confidence, 8, 2, 2, 5);
    expect(before.frames).toBeGreaterThan(0);
    expect(before.width).toBeGreaterThan(50); // pixels
    const { sequence, transform } = normalizeWithTransform(seq, { per: 'frame' });
    expect(transform.scale).toBeCloseTo(before.width, 3);
    expect(shoulderStats(sequence.data, sequence.confidence, 8, 2, 2, 5).width).toBeCloseTo(1, 5);
    for (let f = 0; f < files.length; f++) {
      if (!(confidence[f * 8 + 2]! > 0 && confidence[f * 8 + 5]! > 0)) continue;
      for (let d = 0; d < 2; d++) {
        expect(sequence.data[(f * 8 + 2) * 2 + d]! + sequence.data[(f * 8 + 5) * 2 + d]!).toBeCloseTo(0, 5);
      }
    }
  });
});
