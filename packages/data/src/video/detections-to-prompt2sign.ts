/**
 * Pure mapping of one frame's raw detections (COCO-17 body, unlabelled 21-point hands) to the 50
 * joints of `prompt2sign-50`: body by joint name, hands assigned to the signer's left or right by
 * geometry (distance of the hand's wrist to the body's wrists). No Node APIs.
 *
 * Why geometry: human's handtrack pipeline returns no handedness (it ignores handlandmark's
 * handedness output), and handedness conventions differ between detectors (MediaPipe assumes a
 * mirrored selfie image). The body model's `left_wrist` is the person's own left wrist (COCO
 * convention, checked against OpenPose and DWPose on real clips), so a hand whose wrist lies at it is
 * the left hand, whatever the video's mirroring.
 */
import type { FrameDetections, HandDetection } from './estimate-frame.ts';

/** Thresholds of the mapping. */
export interface MappingThresholds {
  /** A body keypoint below this score is missing (default 0.2). */
  minJointScore?: number;
  /** A frame has a person when the mean score of nose and shoulders reaches this (default 0.3). */
  minPersonScore?: number;
  /** A hand below this detector score is ignored (default 0.3). */
  minHandScore?: number;
  /** A hand whose wrist is further than this many shoulder widths from the body wrist it would take is dropped (default 1). */
  maxWristDistance?: number;
}

/** Result of mapping one frame. */
export interface MappedFrame {
  person: boolean;
  leftHand: boolean;
  rightHand: boolean;
}

// COCO indices.
const NOSE = 0;
const L_SHOULDER = 5;
const R_SHOULDER = 6;
const L_WRIST = 9;
const R_WRIST = 10;
/** prompt2sign-50 joint → COCO index (joint 1, the neck, is the shoulders' midpoint). */
const BODY_FROM_COCO: ReadonlyArray<readonly [number, number]> = [
  [0, NOSE],
  [2, R_SHOULDER],
  [3, 8], // right_elbow
  [4, R_WRIST],
  [5, L_SHOULDER],
  [6, 7], // left_elbow
  [7, L_WRIST],
];
const LEFT_HAND_START = 8;
const RIGHT_HAND_START = 29;

type Point = readonly [number, number];

function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

function wristOf(h: HandDetection): Point {
  return [h.points[0]!, h.points[1]!];
}

function meanDistance(a: HandDetection, b: HandDetection): number {
  let sum = 0;
  for (let i = 0; i < 21; i++) {
    sum += Math.hypot(a.points[i * 2]! - b.points[i * 2]!, a.points[i * 2 + 1]! - b.points[i * 2 + 1]!);
  }
  return sum / 21;
}

/** Where the body says the wrists are, and the scale to compare distances with. */
export interface HandAnchors {
  left?: Point;
  right?: Point;
  /** x of the neck (or the frame centre): fallback split when no wrist is known. */
  midX: number;
  /** Shoulder width in pixels (or a fallback fraction of the frame). */
  scale: number;
}

/**
 * Decides which detected hand is the signer's left and which the right. Hands are deduplicated
 * (two boxes on one hand), then: with both body wrists known, the pairing with the smaller total
 * wrist distance wins; with one, the nearest hand takes that side and another hand the other; with
 * none, a hand right of `midX` in the image is the left hand (a non-mirrored, front-facing signer).
 * A hand further than `maxWristDistance × scale` from its body wrist is dropped.
 *
 * @example
 * ```ts
 * const { left, right } = assignHands(hands, { left: [420, 250], right: [280, 250], midX: 350, scale: 130 });
 * ```
 */
export function assignHands(
  hands: readonly HandDetection[],
  anchors: HandAnchors,
  maxWristDistance = 1,
): { left?: HandDetection; right?: HandDetection } {
  const unique: HandDetection[] = [];
  for (const h of [...hands].sort((a, b) => b.boxScore - a.boxScore)) {
    if (unique.every((u) => meanDistance(u, h) > 0.25 * anchors.scale)) unique.push(h);
  }
  const candidates = unique.slice(0, 2);
  const gate = maxWristDistance * anchors.scale;
  const near = (h: HandDetection | undefined, p: Point | undefined) =>
    h !== undefined && (p === undefined || dist(wristOf(h), p) <= gate) ? h : undefined;
  const [a, b] = candidates;
  const { left: lw, right: rw } = anchors;
  if (a === undefined) return {};
  if (lw && rw) {
    if (b === undefined) {
      return dist(wristOf(a), lw) <= dist(wristOf(a), rw) ? { left: near(a, lw) } : { right: near(a, rw) };
    }
    const straight = dist(wristOf(a), lw) + dist(wristOf(b), rw);
    const crossed = dist(wristOf(a), rw) + dist(wristOf(b), lw);
    return straight <= crossed
      ? { left: near(a, lw), right: near(b, rw) }
      : { left: near(b, lw), right: near(a, rw) };
  }
  const known = lw ?? rw;
  if (known) {
    const knownIsLeft = lw !== undefined;
    const [first, second] =
      b !== undefined && dist(wristOf(b), known) < dist(wristOf(a), known) ? [b, a] : [a, b];
    const taken = near(first, known);
    const other = taken ? second : first;
    return knownIsLeft ? { left: taken, right: other } : { left: other, right: taken };
  }
  const side = (h: HandDetection) => (wristOf(h)[0] > anchors.midX ? 'left' : 'right');
  if (b === undefined || side(a) === side(b)) return { [side(a)]: a };
  return { [side(a)]: a, [side(b)]: b };
}

/**
 * Writes one frame of `prompt2sign-50` (`data`: 50 × 2, `confidence`: 50, both already zeroed)
 * from raw detections, multiplying coordinates by `scaleX` / `scaleY` (decoded → original pixels).
 * Without a person the frame stays all-missing (single-signer videos: hands alone are ignored).
 *
 * @example
 * ```ts
 * const data = new Float32Array(100), conf = new Float32Array(50);
 * detectionsToPrompt2Sign(det, 2, 2, data, conf); // { person: true, leftHand: true, rightHand: false }
 * ```
 */
export function detectionsToPrompt2Sign(
  det: FrameDetections,
  scaleX: number,
  scaleY: number,
  data: Float32Array,
  confidence: Float32Array,
  thresholds: MappingThresholds = {},
): MappedFrame {
  const minJoint = thresholds.minJointScore ?? 0.2;
  const body = det.body;
  const score = (k: number) => body[k * 3 + 2]!;
  const point = (k: number): Point => [body[k * 3]!, body[k * 3 + 1]!];
  const ok = (k: number) => score(k) >= minJoint;
  const personScore = (score(NOSE) + score(L_SHOULDER) + score(R_SHOULDER)) / 3;
  if (personScore < (thresholds.minPersonScore ?? 0.3))
    return { person: false, leftHand: false, rightHand: false };
  const put = (joint: number, p: Point, c: number) => {
    data[joint * 2] = p[0] * scaleX;
    data[joint * 2 + 1] = p[1] * scaleY;
    confidence[joint] = Math.min(1, Math.max(0, c));
  };
  for (const [joint, k] of BODY_FROM_COCO) if (ok(k)) put(joint, point(k), score(k));
  if (ok(L_SHOULDER) && ok(R_SHOULDER)) {
    const [l, r] = [point(L_SHOULDER), point(R_SHOULDER)];
    put(1, [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2], Math.min(score(L_SHOULDER), score(R_SHOULDER)));
  }
  // Hands are compared in decoded pixels; the scale is the shoulder width, or 1/5 of the frame's long side.
  const frameSide = Math.max(det.width, det.height);
  const shoulderWidth = ok(L_SHOULDER) && ok(R_SHOULDER) ? dist(point(L_SHOULDER), point(R_SHOULDER)) : 0;
  const midX =
    ok(L_SHOULDER) && ok(R_SHOULDER) ? (point(L_SHOULDER)[0] + point(R_SHOULDER)[0]) / 2 : point(NOSE)[0];
  const hands = det.hands.filter((h) => h.boxScore >= (thresholds.minHandScore ?? 0.3));
  const { left, right } = assignHands(
    hands,
    {
      left: ok(L_WRIST) ? point(L_WRIST) : undefined,
      right: ok(R_WRIST) ? point(R_WRIST) : undefined,
      midX,
      scale: shoulderWidth > 1 ? shoulderWidth : Math.max(1, frameSide / 5),
    },
    thresholds.maxWristDistance ?? 1,
  );
  const putHand = (h: HandDetection | undefined, start: number) => {
    if (!h) return;
    for (let i = 0; i < 21; i++) put(start + i, [h.points[i * 2]!, h.points[i * 2 + 1]!], h.boxScore);
  };
  putHand(left, LEFT_HAND_START);
  putHand(right, RIGHT_HAND_START);
  return { person: true, leftHand: left !== undefined, rightHand: right !== undefined };
}
