/**
 * Tests of the pure detection → prompt2sign-50 mapping and the hand assignment, on synthetic
 * detections built here (known coordinates, so every expected value is computed independently).
 */
import { getSkeleton } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignHands, detectionsToPrompt2Sign } from './detections-to-prompt2sign.ts';
import { COCO_BODY_NAMES, type FrameDetections, type HandDetection } from './estimate-frame.ts';

/** A front-facing signer in a 640×360 frame: the person's left is on the image right. */
const BODY: Record<string, [number, number, number]> = {
  nose: [320, 80, 0.9],
  left_eye: [330, 70, 0.9],
  right_eye: [310, 70, 0.9],
  left_ear: [340, 75, 0.8],
  right_ear: [300, 75, 0.8],
  left_shoulder: [380, 140, 0.8],
  right_shoulder: [260, 150, 0.7],
  left_elbow: [420, 230, 0.6],
  right_elbow: [220, 230, 0.5],
  left_wrist: [360, 250, 0.7],
  right_wrist: [280, 240, 0.6],
  left_hip: [370, 340, 0.1],
  right_hip: [270, 340, 0.1],
  left_knee: [0, 0, 0],
  right_knee: [0, 0, 0],
  left_ankle: [0, 0, 0],
  right_ankle: [0, 0, 0],
};

function body(overrides: Record<string, [number, number, number]> = {}): Float32Array {
  const out = new Float32Array(51);
  COCO_BODY_NAMES.forEach((name, k) => {
    const [x, y, s] = overrides[name] ?? BODY[name]!;
    out.set([x, y, s], k * 3);
  });
  return out;
}

/** A 21-point hand whose wrist is at (x, y), fingers spread upwards. */
function hand(x: number, y: number, boxScore = 0.8): HandDetection {
  const points = new Float32Array(42);
  for (let i = 0; i < 21; i++) {
    points[i * 2] = x + (i === 0 ? 0 : ((i - 1) >> 2) * 4 - 8);
    points[i * 2 + 1] = y - (i === 0 ? 0 : (((i - 1) % 4) + 1) * 5);
  }
  return { points, boxScore, fingerScore: 0.6 };
}

function det(hands: HandDetection[], b = body()): FrameDetections {
  return { width: 640, height: 360, body: b, hands };
}

function run(d: FrameDetections, scale = 2) {
  const data = new Float32Array(100);
  const confidence = new Float32Array(50);
  const mapped = detectionsToPrompt2Sign(d, scale, scale, data, confidence);
  const at = (j: number) => [data[j * 2], data[j * 2 + 1], confidence[j]];
  return { mapped, data, confidence, at };
}

describe('detectionsToPrompt2Sign body', () => {
  it('maps COCO joints to prompt2sign-50 by name and scales to original pixels', () => {
    const { at, mapped } = run(det([]));
    const names = getSkeleton('prompt2sign-50').joints;
    const expected: Record<string, string> = {
      Nose: 'nose',
      RShoulder: 'right_shoulder',
      RElbow: 'right_elbow',
      RWrist: 'right_wrist',
      LShoulder: 'left_shoulder',
      LElbow: 'left_elbow',
      LWrist: 'left_wrist',
    };
    for (const [joint, coco] of Object.entries(expected)) {
      const [x, y, s] = BODY[coco]!;
      const j = names.indexOf(joint);
      expect(at(j)[0]).toBeCloseTo(x * 2);
      expect(at(j)[1]).toBeCloseTo(y * 2);
      expect(at(j)[2]).toBeCloseTo(s);
    }
    // Neck: midpoint of the shoulders, confidence the smaller of theirs.
    expect(at(1)[0]).toBeCloseTo(((380 + 260) / 2) * 2);
    expect(at(1)[1]).toBeCloseTo(((140 + 150) / 2) * 2);
    expect(at(1)[2]).toBeCloseTo(0.7);
    expect(mapped).toEqual({ person: true, leftHand: false, rightHand: false });
  });

  it('marks low-score joints missing and the neck missing without both shoulders', () => {
    const { at } = run(det([], body({ right_elbow: [220, 230, 0.1], left_shoulder: [380, 140, 0.15] })));
    expect(at(3)).toEqual([0, 0, 0]);
    expect(at(5)).toEqual([0, 0, 0]);
    expect(at(1)).toEqual([0, 0, 0]);
  });

  it('leaves a frame without a person all-missing, hands included', () => {
    const empty = body(Object.fromEntries(COCO_BODY_NAMES.map((n) => [n, [10, 10, 0.05]])));
    const { mapped, confidence, data } = run(det([hand(360, 250)], empty));
    expect(mapped.person).toBe(false);
    expect(confidence.every((c) => c === 0)).toBe(true);
    expect(data.every((v) => v === 0)).toBe(true);
  });
});

describe('hand assignment', () => {
  it('puts the hand at the left body wrist into joints 8–28 and the other into 29–49', () => {
    const left = hand(362, 252);
    const right = hand(278, 241, 0.6);
    for (const order of [
      [left, right],
      [right, left],
    ]) {
      const { at, mapped } = run(det(order));
      expect(mapped).toEqual({ person: true, leftHand: true, rightHand: true });
      expect(at(8)).toEqual([362 * 2, 252 * 2, expect.closeTo(0.8)]);
      expect(at(29)).toEqual([278 * 2, 241 * 2, expect.closeTo(0.6)]);
      // The 21 points keep their order: point 20 of the left hand is the last one given.
      expect(at(28)[0]).toBeCloseTo(left.points[40]! * 2);
      expect(at(49)[1]).toBeCloseTo(right.points[41]! * 2);
    }
  });

  it('follows the wrists when the arms cross (left hand on the image left)', () => {
    const crossed = body({ left_wrist: [270, 245, 0.7], right_wrist: [370, 250, 0.7] });
    const { at } = run(det([hand(372, 251), hand(268, 244)], crossed));
    expect(at(8)[0]).toBe(268 * 2);
    expect(at(29)[0]).toBe(372 * 2);
  });

  it('drops a hand far from every body wrist and ignores low detector scores', () => {
    expect(run(det([hand(600, 20)])).mapped.leftHand).toBe(false);
    expect(run(det([hand(600, 20)])).mapped.rightHand).toBe(false);
    expect(run(det([hand(362, 252, 0.2)])).mapped.leftHand).toBe(false);
  });

  it('keeps one of two boxes on the same hand', () => {
    const { mapped, at } = run(det([hand(362, 252, 0.7), hand(364, 253, 0.9)]));
    expect(mapped).toEqual({ person: true, leftHand: true, rightHand: false });
    expect(at(8)[0]).toBe(364 * 2);
  });

  it('uses the one known body wrist, then the image side', () => {
    const noLeftWrist = body({ left_wrist: [0, 0, 0.05] });
    const one = assignHands([hand(282, 240), hand(400, 260)], {
      right: [280, 240],
      midX: 320,
      scale: 120,
    });
    expect(one.right?.points[0]).toBe(282);
    expect(one.left?.points[0]).toBe(400);
    expect(run(det([hand(282, 240), hand(400, 260)], noLeftWrist)).mapped).toEqual({
      person: true,
      leftHand: true,
      rightHand: true,
    });
    const none = assignHands([hand(200, 240), hand(450, 260)], { midX: 320, scale: 120 });
    expect(none.left?.points[0]).toBe(450);
    expect(none.right?.points[0]).toBe(200);
    const sameSide = assignHands([hand(400, 240, 0.5), hand(450, 100, 0.9)], { midX: 320, scale: 120 });
    expect(sameSide).toEqual({ left: expect.objectContaining({ boxScore: 0.9 }) });
  });

  it('property: with both wrists known, the chosen pairing never has the larger total wrist distance', () => {
    const coord = fc.integer({ min: 0, max: 640 });
    fc.assert(
      fc.property(
        coord,
        coord,
        coord,
        coord,
        coord,
        coord,
        coord,
        coord,
        (ax, ay, bx, by, lx, ly, rx, ry) => {
          const a = hand(ax, ay, 0.9);
          const b = hand(bx, by, 0.8);
          const lw: [number, number] = [lx, ly];
          const rw: [number, number] = [rx, ry];
          const got = assignHands([a, b], { left: lw, right: rw, midX: 320, scale: 1e6 });
          const d = (h: HandDetection, p: [number, number]) =>
            Math.hypot(h.points[0]! - p[0], h.points[1]! - p[1]);
          if (Math.hypot(ax - bx, ay - by) <= 0.25e6) return; // deduplicated as one hand at this scale
          const chosen = d(got.left!, lw) + d(got.right!, rw);
          const other = d(got.left!, rw) + d(got.right!, lw);
          expect(chosen).toBeLessThanOrEqual(other + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: output is finite with confidences in 0..1 for any detections', () => {
    const num = fc.double({ min: -1e4, max: 1e4, noNaN: true });
    const score = fc.double({ min: 0, max: 1.5, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(num, num, score), { minLength: 17, maxLength: 17 }),
        fc.array(fc.tuple(num, num, score), { maxLength: 4 }),
        (kps, hs) => {
          const b = new Float32Array(kps.flat());
          const { data, confidence } = run(
            det(
              hs.map(([x, y, s]) => hand(x, y, s)),
              b,
            ),
            1.5,
          );
          expect(data.every(Number.isFinite)).toBe(true);
          expect(confidence.every((c) => c >= 0 && c <= 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
