/**
 * Tests of `cleanSequence` on the real inputs (How2Sign OpenPose JSON, DWPose JSON, MediaPipe and
 * OpenPose `.pose` files) and on synthetic and bad inputs. Real-data checks assert properties computed
 * independently from the raw input: kept/dropped frames against the raw BODY_25 confidences, filled
 * values within the range of the frames an independently grown window covers, counts that add up.
 */
import { readdirSync } from 'node:fs';
import {
  createPoseSequence,
  dwposeFramesToSequence,
  getSkeleton,
  mapSkeleton,
  openPoseFramesToSequence,
  type PoseSequence,
  poseFileToSequence,
  readPose,
  SignLLMError,
} from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataBytes, readDataText } from '../test-support/shared-data.ts';
import { type CleanResult, cleanSequence } from './clean-sequence.ts';
import { formatCleanReport } from './format-clean-report.ts';

const HOW2SIGN = ['_2FBDaOPYig_2-3-rgb_front', '_2FBDaOPYig_2-5-rgb_front', '_2FBDaOPYig_3-3-rgb_front'];

function how2sign(clip: string): PoseSequence {
  const names = readdirSync(dataPath('how2sign-openpose', clip)).filter((n) => n.endsWith('_keypoints.json'));
  return openPoseFramesToSequence(
    names.map((name) => ({ name, content: readDataText('how2sign-openpose', clip, name) })),
  );
}

function dwpose(): PoseSequence {
  const dir = ['dwpose', 'human_signer', 'json'];
  const names = readdirSync(dataPath(...dir)).filter((n) => n.endsWith('.json'));
  return dwposeFramesToSequence(names.map((name) => ({ name, content: readDataText(...dir, name) })));
}

const poseFile = (...parts: string[]): PoseSequence =>
  poseFileToSequence(readPose(readDataBytes(...parts), { source: parts.join('/') }));

/** Mean confidence of joints 0–7 computed on the raw input (its first 8 joints are BODY_25 0–7). */
function rawUpperBody(raw: PoseSequence, f: number): number {
  let s = 0;
  for (let j = 0; j < 8; j++) s += Math.max(0, raw.confidence[f * raw.joints + j]!);
  return s / 8;
}

/**
 * Checks every property a clean result must have against `mapped` (the input on prompt2sign-50),
 * with `fillBelow` 0.1 and target weight 0.99.
 */
function checkResult(mapped: PoseSequence, r: CleanResult): void {
  const { sequence: out, report, frameIndex, filled } = r;
  const J = 50;
  const { dims } = out;
  expect(out.skeleton.name).toBe('prompt2sign-50');
  expect(out.dims).toBe(mapped.dims);
  expect(out.fps).toBe(mapped.fps);
  expect(report.framesIn).toBe(mapped.frames);
  expect(report.framesOut).toBe(out.frames);
  expect(report.framesOut + report.dropped.length).toBe(report.framesIn);
  expect(frameIndex.length).toBe(out.frames);
  expect(report.pointsFilled + report.pointsStillMissing).toBe(report.pointsToFill);
  expect(filled.reduce((a, b) => a + b, 0)).toBe(report.pointsFilled);
  let missingAfter = 0;
  let toFill = 0;
  let filledPoints = 0;
  // Per-point checks collect their failures (one expect per point would dominate the run time).
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok && problems.length < 20) problems.push(what);
  };
  const masked = new Set(report.masked.map((m) => m.frame));
  for (let j = 0; j < J; j++) {
    const w = Array.from(frameIndex, (src) => {
      const c = mapped.confidence[src * J + j]!;
      return !(c > 0) || masked.has(src) ? 0 : c;
    });
    const anyPresent = w.some((c) => c > 0);
    for (let t = 0; t < out.frames; t++) {
      const p = t * J + j;
      const src = frameIndex[t]! * J + j;
      const c = out.confidence[p]!;
      if (!(c > 0)) missingAfter++;
      if (w[t]! >= 0.1) {
        // Points above the fill threshold pass through untouched.
        check(filled[p] === 0 && c === mapped.confidence[src], `kept point ${t}/${j} changed confidence`);
        for (let d = 0; d < dims; d++) {
          check(out.data[p * dims + d] === mapped.data[src * dims + d], `kept point ${t}/${j} moved`);
        }
        continue;
      }
      toFill++;
      if (!anyPresent) {
        check(c === 0, `point ${t}/${j} has no neighbour but confidence ${c}`);
        continue;
      }
      filledPoints++;
      check(
        filled[p] === 1 && c > 0 && c <= 0.5,
        `filled point ${t}/${j}: flag ${filled[p]}, confidence ${c}`,
      );
      // Grow the window independently; the filled value must lie within the values it covers.
      let sum = 0;
      let delta = 0;
      for (; ; delta++) {
        sum = 0;
        for (let s = Math.max(0, t - delta); s <= Math.min(out.frames - 1, t + delta); s++) sum += w[s]!;
        if (sum >= 0.99 || (t - delta <= 0 && t + delta >= out.frames - 1)) break;
      }
      for (let d = 0; d < dims; d++) {
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (let s = Math.max(0, t - delta); s <= Math.min(out.frames - 1, t + delta); s++) {
          if (!(w[s]! > 0)) continue;
          const v = mapped.data[(frameIndex[s]! * J + j) * dims + d]!;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        const v = out.data[p * dims + d]!;
        const tol = 1e-5 * Math.max(1, Math.abs(lo), Math.abs(hi));
        check(
          v >= lo - tol && v <= hi + tol,
          `filled point ${t}/${j} axis ${d}: ${v} outside [${lo}, ${hi}]`,
        );
      }
    }
  }
  expect(problems).toEqual([]);
  expect(report.pointsToFill).toBe(toFill);
  expect(report.pointsFilled).toBe(filledPoints);
  expect(report.missingAfter).toBe(missingAfter);
  expect(report.pointsStillMissing).toBe(missingAfter);
  expect(report.missingRateAfter).toBeCloseTo(missingAfter / (out.frames * J), 12);
}

describeWithData('cleanSequence on How2Sign OpenPose JSON', () => {
  const raws = HOW2SIGN.map(how2sign);

  it.each(HOW2SIGN.map((c, i) => [c, i] as const))(
    '%s: keeps every frame at 0.3 and fills the weak points',
    (_, i) => {
      const raw = raws[i]!;
      const r = cleanSequence(raw);
      expect(r.report.dropped).toEqual([]);
      expect(r.report.framesOut).toBe(raw.frames);
      expect(r.report.skeleton).toBe('openpose-137');
      // How2Sign has no zero-confidence points but many weak hand points.
      expect(r.report.missingBefore).toBe(0);
      expect(r.report.pointsFilled).toBeGreaterThan(100);
      checkResult(mapSkeleton(raw, 'prompt2sign-50'), r);
    },
  );

  it('drops exactly the frames whose raw upper-body confidence is below the threshold', () => {
    for (const raw of [raws[0]!, raws[2]!]) {
      const r = cleanSequence(raw, { minUpperBodyConfidence: 0.75 });
      const expected = Array.from({ length: raw.frames }, (_, f) => f).filter(
        (f) => rawUpperBody(raw, f) < 0.75,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(raw.frames);
      expect(r.report.dropped.map((d) => d.frame)).toEqual(expected);
      expect(r.report.dropped.every((d) => d.reason === 'low-confidence')).toBe(true);
      for (const d of r.report.dropped)
        expect(d.upperBodyConfidence).toBeCloseTo(rawUpperBody(raw, d.frame), 6);
      // Frames that pass are never dropped, and come out in order.
      expect(Array.from(r.frameIndex)).toEqual(
        Array.from({ length: raw.frames }, (_, f) => f).filter((f) => !expected.includes(f)),
      );
      checkResult(mapSkeleton(raw, 'prompt2sign-50'), r);
    }
  });

  it('mask mode keeps the timing and re-estimates every point of the masked frames', () => {
    const raw = raws[2]!;
    const r = cleanSequence(raw, { minUpperBodyConfidence: 0.75, lowConfidence: 'mask' });
    expect(r.report.framesOut).toBe(raw.frames);
    expect(r.report.dropped).toEqual([]);
    expect(r.report.masked.length).toBeGreaterThan(0);
    for (const { frame } of r.report.masked) {
      for (let j = 0; j < 50; j++) {
        expect(r.filled[frame * 50 + j]).toBe(1);
        expect(r.sequence.confidence[frame * 50 + j]).toBeLessThanOrEqual(0.5);
      }
    }
    checkResult(mapSkeleton(raw, 'prompt2sign-50'), r);
    const zero = cleanSequence(raw, {
      minUpperBodyConfidence: 0.75,
      lowConfidence: 'mask',
      interpolate: false,
    });
    for (const { frame } of zero.report.masked) {
      expect(Array.from(zero.sequence.confidence.subarray(frame * 50, frame * 50 + 50))).toEqual(
        new Array(50).fill(0),
      );
    }
    expect(zero.report.pointsFilled).toBe(0);
    expect(zero.report.pointsStillMissing).toBe(zero.report.missingAfter);
  });

  it('throws instead of dropping every frame, and says why', () => {
    const raw = raws[1]!; // its upper-body confidence never reaches 0.75
    expect(() => cleanSequence(raw, { minUpperBodyConfidence: 0.75 })).toThrow(SignLLMError);
    expect(() => cleanSequence(raw, { minUpperBodyConfidence: 0.75 })).toThrow(
      /Every one of the 210 frames fails the upper-body check \(210 low-confidence/,
    );
    expect(() => cleanSequence(raw, { minUpperBodyConfidence: 0.75, lowConfidence: 'mask' })).toThrow(
      /no usable frame/,
    );
  });

  it('leaves its input unchanged and reports on one line', () => {
    const raw = raws[0]!;
    const before = raw.confidence.slice();
    const r = cleanSequence(raw);
    expect(raw.confidence).toEqual(before);
    expect(formatCleanReport(r.report)).toMatch(
      /^openpose-137 → prompt2sign-50: 157 → 157 frames; \d+ points filled, 0 still missing; missing points 0\.0% → 0\.0%$/,
    );
  });
});

describeWithData('cleanSequence on DWPose JSON and .pose files', () => {
  it('DWPose (dwpose-128, coordinates in [0, 1]): nothing weak, so the output equals the mapped input', () => {
    const raw = dwpose();
    const r = cleanSequence(raw);
    const mapped = mapSkeleton(raw, 'prompt2sign-50');
    expect(r.report.pointsToFill).toBe(0);
    expect(r.sequence.data).toEqual(mapped.data);
    checkResult(mapped, r);
  });

  it.each([
    ['pose-format', 'mediapipe.pose'],
    ['pose-format', 'openpose.pose'],
    ['pose-format', 'example.pose'],
  ])('%s/%s', (...parts) => {
    const raw = poseFile(...parts);
    const r = cleanSequence(raw);
    expect(r.report.missingBefore).toBeGreaterThan(0);
    expect(r.report.missingAfter).toBeLessThan(r.report.missingBefore);
    checkResult(mapSkeleton(raw, 'prompt2sign-50'), r);
  });

  it('openpose.pose: every missing point has a neighbour, so none remains', () => {
    const r = cleanSequence(poseFile('pose-format', 'openpose.pose'));
    expect(r.report.missingRateBefore).toBeGreaterThan(0.1);
    expect(r.report.missingAfter).toBe(0);
  });

  it('fingerspelling clips (holistic-586, 3D): an absent hand stays missing, the rest is filled', () => {
    for (const lang of ['ase', 'gsg']) {
      const names = readdirSync(dataPath('fingerspelling', lang))
        .filter((n) => n.endsWith('.pose'))
        .slice(0, 6);
      for (const name of names) {
        const raw = poseFile('fingerspelling', lang, name);
        const r = cleanSequence(raw);
        expect(r.sequence.dims).toBe(3);
        checkResult(mapSkeleton(raw, 'prompt2sign-50'), r);
      }
    }
  });

  it('names the supported skeletons for a sequence it cannot map', () => {
    const raw = poseFile('pose-format', 'mediapipe_hand_normalized.pose');
    expect(() => cleanSequence(raw)).toThrow(SignLLMError);
    expect(() => cleanSequence(raw)).toThrow(
      /Cannot clean a sequence on skeleton "pose:RIGHT_HAND_LANDMARKS": supported skeletons are .*"openpose-137".*"dwpose-128"/,
    );
  });
});

describe('cleanSequence on synthetic and bad inputs', () => {
  const P50 = getSkeleton('prompt2sign-50');
  /** T frames; joint 0..49 at x = t, y = j; confidence from `conf(t, j)`. */
  function synthetic(T: number, conf: (t: number, j: number) => number): PoseSequence<2> {
    const data = new Float32Array(T * 100);
    const confidence = new Float32Array(T * 50);
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < 50; j++) {
        data[(t * 50 + j) * 2] = t;
        data[(t * 50 + j) * 2 + 1] = j;
        confidence[t * 50 + j] = conf(t, j);
      }
    }
    return createPoseSequence({ skeleton: P50, fps: 25, dims: 2, data, confidence });
  }

  it('drops a no-person frame and interpolates the gap it leaves in the remaining frames', () => {
    // Frame 2 has no person; frame 4's right hand is missing.
    const seq = synthetic(7, (t, j) => (t === 2 ? 0 : t === 4 && j >= 29 ? 0 : 1));
    const r = cleanSequence(seq);
    expect(r.report.dropped).toEqual([{ frame: 2, reason: 'no-person', upperBodyConfidence: 0 }]);
    expect(Array.from(r.frameIndex)).toEqual([0, 1, 3, 4, 5, 6]);
    // Output frame 3 is input frame 4: its right hand averages input frames 3 and 5 → x = 4.
    expect(r.sequence.data[(3 * 50 + 29) * 2]).toBe(4);
    expect(r.sequence.confidence[3 * 50 + 29]).toBe(0.5);
    expect(r.report.pointsFilled).toBe(21);
    expect(r.report.missingRateBefore).toBeCloseTo((50 + 21) / 350, 12);
    expect(r.report.missingRateAfter).toBe(0);
  });

  it('passes a prompt2sign-50 sequence through (a copy) and treats NaN, ±Infinity and confidence > 1 safely', () => {
    const seq = synthetic(3, () => 1);
    seq.data[(1 * 50 + 10) * 2] = Number.NaN;
    seq.confidence[1 * 50 + 11] = Number.NaN;
    seq.data[(1 * 50 + 12) * 2 + 1] = Number.NEGATIVE_INFINITY;
    seq.confidence[1 * 50 + 13] = 7;
    const r = cleanSequence(seq);
    expect(r.report.missingBefore).toBe(3);
    expect(r.report.pointsFilled).toBe(3);
    expect(r.sequence.data[(1 * 50 + 10) * 2]).toBe(1);
    expect(r.sequence.confidence[1 * 50 + 13]).toBe(1);
    expect(Array.from(r.sequence.data).every(Number.isFinite)).toBe(true);
    expect(r.sequence.data).not.toBe(seq.data);
  });

  it('rejects an empty sequence, bad options and a wrong joint count', () => {
    expect(() => cleanSequence(synthetic(0, () => 1))).toThrow(/no frames/);
    expect(() =>
      cleanSequence(
        synthetic(2, () => 1),
        { lowConfidence: 'zap' as 'drop' },
      ),
    ).toThrow(/lowConfidence must be "drop" or "mask", got "zap"/);
    expect(() =>
      cleanSequence(
        synthetic(2, () => 1),
        { fillBelow: 2 },
      ),
    ).toThrow(SignLLMError);
    expect(() =>
      cleanSequence(
        synthetic(2, () => 1),
        { minUpperBodyConfidence: -1 },
      ),
    ).toThrow(SignLLMError);
    const fake = { ...synthetic(1, () => 1), joints: 49 };
    expect(() => cleanSequence(fake)).toThrow(/must have 50 joints, got 49/);
  });

  it('throws when every frame lacks a person', () => {
    expect(() => cleanSequence(synthetic(4, () => 0))).toThrow(/4 no-person/);
  });
});
