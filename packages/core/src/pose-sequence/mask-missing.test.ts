import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { countMissing, maskMissing } from './mask-missing.ts';
import { createPoseSequence } from './pose-sequence.ts';

const THREE = testSkeleton('mask-3', ['a', 'b', 'c'], { format: 'XYZC' });

describe('maskMissing', () => {
  it('zeroes joints with non-finite coordinates, zero or negative or NaN confidence (3D)', () => {
    const data = Float32Array.from([
      1,
      2,
      3,
      4,
      Number.NaN,
      6,
      7,
      8,
      9,
      0,
      0,
      0,
      5,
      5,
      Number.POSITIVE_INFINITY,
      1,
      1,
      1,
    ]);
    const confidence = Float32Array.from([0.9, 0.9, 0, 1, 0.8, -0.5]);
    const seq = createPoseSequence({ skeleton: THREE, fps: 25, dims: 3, data, confidence });
    const out = maskMissing(seq);
    expect(Array.from(out.confidence)).toEqual([0.9, 0, 0, 1, 0, 0].map(Math.fround));
    expect(Array.from(out.data)).toEqual([1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Number.isNaN(seq.data[4])).toBe(true); // input untouched
    expect(seq.confidence[2]).toBe(0);
    expect(seq.data[6]).toBe(7);
  });

  it('treats all-zero coordinates as missing only with zeroAsMissing (2D)', () => {
    const data = Float32Array.from([0, 0, 0, 3, 4, 0]);
    const seq = createPoseSequence({ skeleton: THREE, fps: 25, dims: 2, data });
    expect(countMissing(maskMissing(seq))).toBe(0);
    const out = maskMissing(seq, { zeroAsMissing: true });
    expect(Array.from(out.confidence)).toEqual([0, 1, 1]); // (0, 3) and (4, 0) are not all-zero
  });

  it('applies threshold strictly: confidence below it is missing, equal to it is kept', () => {
    const confidence = Float32Array.from([0.2, 0.5, 0.7]);
    const seq = createPoseSequence({
      skeleton: THREE,
      fps: 25,
      dims: 2,
      data: Float32Array.from([1, 1, 2, 2, 3, 3]),
      confidence,
    });
    const out = maskMissing(seq, { threshold: Math.fround(0.5) });
    expect(Array.from(out.confidence)).toEqual([0, 0.5, 0.7].map(Math.fround));
    expect(Array.from(out.data)).toEqual([0, 0, 2, 2, 3, 3]);
  });

  it('rejects a negative or non-finite threshold', () => {
    const seq = createPoseSequence({ skeleton: THREE, fps: 25, dims: 2, data: new Float32Array(6) });
    expect(() => maskMissing(seq, { threshold: -0.1 })).toThrow(
      /threshold must be a finite number >= 0, got -0\.1/,
    );
    expect(() => maskMissing(seq, { threshold: Number.NaN })).toThrow(/threshold/);
  });
});

describe('countMissing', () => {
  it('counts entries whose confidence is not > 0', () => {
    const confidence = Float32Array.from([0, 1, -1, Number.NaN, 0.1, 0]);
    const seq = createPoseSequence({
      skeleton: THREE,
      fps: 25,
      dims: 2,
      data: new Float32Array(12),
      confidence,
    });
    expect(countMissing(seq)).toBe(4);
  });
});

/** OpenPose BODY_25 joint order. */
const BODY_25 =
  'Nose Neck RShoulder RElbow RWrist LShoulder LElbow LWrist MidHip RHip RKnee RAnkle LHip LKnee LAnkle REye LEye REar LEar LBigToe LSmallToe LHeel RBigToe RSmallToe RHeel'.split(
    ' ',
  );

describeWithData('maskMissing on How2Sign OpenPose JSON (BODY_25, pixels)', () => {
  it('with zeroAsMissing, masks exactly the keypoints OpenPose wrote as 0 0 0', () => {
    const dir = ['how2sign-openpose', '_2FBDaOPYig_3-3-rgb_front'];
    const files = readdirSync(dataPath(...dir))
      .filter((f) => f.endsWith('_keypoints.json'))
      .sort();
    expect(files.length).toBe(109);
    const skeleton = testSkeleton('openpose-body-25', BODY_25);
    const data = new Float32Array(files.length * 25 * 2);
    const confidence = new Float32Array(files.length * 25);
    let zeroTriples = 0;
    let zeroConfidenceOnly = 0;
    files.forEach((file, f) => {
      const json = JSON.parse(readDataText(...dir, file)) as {
        people: Array<{ pose_keypoints_2d: number[] }>;
      };
      const kp = json.people[0]!.pose_keypoints_2d;
      for (let j = 0; j < 25; j++) {
        const [x, y, c] = [kp[j * 3]!, kp[j * 3 + 1]!, kp[j * 3 + 2]!];
        data[(f * 25 + j) * 2] = x;
        data[(f * 25 + j) * 2 + 1] = y;
        // Raw file confidence, except that a 0 0 0 triple is given confidence 1 to check zeroAsMissing alone.
        confidence[f * 25 + j] = x === 0 && y === 0 ? 1 : c;
        if (x === 0 && y === 0) zeroTriples++;
        else if (!(c > 0)) zeroConfidenceOnly++;
      }
    });
    const seq = createPoseSequence({ skeleton, fps: 24, dims: 2, data, confidence });
    expect(countMissing(seq)).toBe(zeroConfidenceOnly);
    expect(zeroTriples).toBeGreaterThan(0); // the legs are off-screen in How2Sign
    const masked = maskMissing(seq, { zeroAsMissing: true });
    expect(countMissing(masked)).toBe(zeroTriples + zeroConfidenceOnly);
    // Upper body (0..7) is tracked in every frame of this clip, so it survives masking.
    for (let f = 0; f < files.length; f++)
      for (let j = 0; j < 8; j++) expect(masked.confidence[f * 25 + j]).toBeGreaterThan(0);
    expect(countMissing(maskMissing(seq))).toBe(zeroConfidenceOnly);
  });
});
