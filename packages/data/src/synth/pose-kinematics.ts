/**
 * Forward kinematics of the synthetic body: a pose state (wrist targets, elbow swivel, forearm roll,
 * wrist flexion and hand shapes) → the 50 prompt2sign-50 joints. The arm is a two-link chain solved
 * analytically (the wrist target is clamped to the reachable shell, so the elbow angle stays in
 * 30°..165°); each finger is a planar chain that flexes toward the palm. Every bone therefore keeps
 * exactly its body-model length.
 */
import { ARM_PARAMS, BODY, JOINT, PALM_POINTS, PHALANGES } from './body-model.ts';

type Vec = [number, number, number];
type Out = Float32Array | Float64Array;

const L1 = BODY.upperArm;
const L2 = BODY.forearm;
const reachFor = (angle: number): number => Math.sqrt(L1 * L1 + L2 * L2 - 2 * L1 * L2 * Math.cos(angle));
const MIN_REACH = reachFor(BODY.minElbowAngle);
const MAX_REACH = reachFor(BODY.maxElbowAngle);
/** Shoulder of the canonical (right) arm. */
const SHOULDER: Vec = [-BODY.halfShoulder, 0, 0];
/** Which way the elbow hangs at swivel 0: down, out to the side and a little back. */
const ELBOW_HINT: Vec = normalise([-0.45, 1, -0.35]);
/** Finger fan in the palm plane at spread 0 and the extra fan at spread 1 (radians), index..pinky. */
const FAN_BASE = [0.05, 0, -0.04, -0.09];
const FAN_SPREAD = [0.22, 0.05, -0.1, -0.25];
/** Thumb directions (hand frame a, b, c) when open and when opposed across the palm. */
const THUMB_OPEN: Vec = normalise([0.55, 0.15, 0.82]);
const THUMB_OPPOSED: Vec = normalise([0.55, 0.75, 0.35]);

function normalise(v: Vec): Vec {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/**
 * Scratch vectors (3 numbers each, in one array to avoid allocation in the per-frame hot path):
 * u, e1, e2, elbow, wrist, f, n, m, a, b, c, thumb direction, thumb curl, finger direction, position.
 */
const V = new Float64Array(15 * 3);
const U = 0;
const E1 = 3;
const E2 = 6;
const ELBOW = 9;
const WRIST = 12;
const F = 15;
const N = 18;
const M = 21;
const A = 24;
const B = 27;
const C = 30;
const TD = 33;
const TQ = 36;
const FD = 39;
const P = 42;

function setV(i: number, x: number, y: number, z: number): void {
  V[i] = x;
  V[i + 1] = y;
  V[i + 2] = z;
}
function dotV(i: number, j: number): number {
  return V[i]! * V[j]! + V[i + 1]! * V[j + 1]! + V[i + 2]! * V[j + 2]!;
}
function normaliseV(i: number): void {
  const n = Math.sqrt(dotV(i, i));
  V[i] = V[i]! / n;
  V[i + 1] = V[i + 1]! / n;
  V[i + 2] = V[i + 2]! / n;
}
/** V[o] = V[i] × V[j] */
function crossV(o: number, i: number, j: number): void {
  const ax = V[i]!;
  const ay = V[i + 1]!;
  const az = V[i + 2]!;
  const bx = V[j]!;
  const by = V[j + 1]!;
  const bz = V[j + 2]!;
  setV(o, ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx);
}
/** V[o] = p·V[i] + q·V[j] (o may equal i or j). */
function mixV(o: number, p: number, i: number, q: number, j: number): void {
  setV(o, p * V[i]! + q * V[j]!, p * V[i + 1]! + q * V[j + 1]!, p * V[i + 2]! + q * V[j + 2]!);
}
/** V[o] = component of (hx, hy, hz) perpendicular to unit V[u], normalised (another axis if parallel). */
function perpendicularV(o: number, u: number, hx: number, hy: number, hz: number): void {
  const d = hx * V[u]! + hy * V[u + 1]! + hz * V[u + 2]!;
  setV(o, hx - d * V[u]!, hy - d * V[u + 1]!, hz - d * V[u + 2]!);
  if (dotV(o, o) < 1e-12) {
    const dz = -V[u + 2]!;
    setV(o, dz * V[u]!, dz * V[u + 1]!, -1 + dz * V[u + 2]!);
  }
  normaliseV(o);
}
/** Moves V[P] by `length` along V[dir], then writes it as joint `joint`. */
function stepAndPut(
  out: Out,
  base: number,
  joint: number,
  dir: number,
  length: number,
  mirror: boolean,
): void {
  mixV(P, 1, P, length, dir);
  putV(out, base, joint, P, mirror);
}
/** V[P] = wrist + pa·a + pb·b + pc·c */
function palmPoint(pa: number, pb: number, pc: number): void {
  for (let k = 0; k < 3; k++) V[P + k] = V[WRIST + k]! + pa * V[A + k]! + pb * V[B + k]! + pc * V[C + k]!;
}
function putV(out: Out, base: number, joint: number, i: number, mirror: boolean): void {
  const at = base + joint * 3;
  out[at] = mirror ? -V[i]! : V[i]!;
  out[at + 1] = V[i + 1]!;
  out[at + 2] = V[i + 2]!;
}
function put(out: Out, base: number, joint: number, p: Vec, mirror: boolean): void {
  const at = base + joint * 3;
  out[at] = mirror ? -p[0] : p[0];
  out[at + 1] = p[1];
  out[at + 2] = p[2];
}

/**
 * Solves one arm (stored as a right arm at `state[offset..]`) and writes elbow, wrist and 21 hand
 * joints. `hand` is the first hand joint (8 left, 29 right); `mirror` flips x for the left arm.
 */
function renderArm(
  state: ArrayLike<number>,
  offset: number,
  out: Out,
  base: number,
  joints: { elbow: number; wrist: number; hand: number },
  mirror: boolean,
): void {
  const swivel = state[offset + 3]!;
  const roll = state[offset + 4]!;
  const flex = state[offset + 5]!;
  const h = offset + 6;

  // Two-link arm: wrist on the reachable shell along the shoulder → target direction u.
  setV(U, state[offset]! - SHOULDER[0], state[offset + 1]! - SHOULDER[1], state[offset + 2]! - SHOULDER[2]);
  const raw = Math.sqrt(dotV(U, U));
  if (raw > 1e-9) normaliseV(U);
  else setV(U, 0, 1, 0);
  const dist = Math.min(MAX_REACH, Math.max(MIN_REACH, raw));
  const p = (L1 * L1 - L2 * L2 + dist * dist) / (2 * dist);
  const r = Math.sqrt(Math.max(0, L1 * L1 - p * p));
  perpendicularV(E1, U, ELBOW_HINT[0], ELBOW_HINT[1], ELBOW_HINT[2]);
  crossV(E2, U, E1);
  const cs = Math.cos(swivel);
  const ss = Math.sin(swivel);
  for (let k = 0; k < 3; k++) {
    V[ELBOW + k] = SHOULDER[k]! + p * V[U + k]! + r * (cs * V[E1 + k]! + ss * V[E2 + k]!);
    V[WRIST + k] = SHOULDER[k]! + dist * V[U + k]!;
  }

  // Hand frame: forearm axis f, arm-plane normal n, m = f × n; roll about f, then flex about n'.
  mixV(F, 1, WRIST, -1, ELBOW);
  normaliseV(F);
  setV(M, V[ELBOW]! - SHOULDER[0], V[ELBOW + 1]! - SHOULDER[1], V[ELBOW + 2]! - SHOULDER[2]);
  crossV(N, M, F);
  normaliseV(N);
  crossV(M, F, N);
  mixV(M, Math.cos(roll), M, -Math.sin(roll), N);
  const cf = Math.cos(flex);
  const sf = Math.sin(flex);
  mixV(A, cf, F, sf, M);
  mixV(B, cf, M, -sf, F);
  crossV(C, A, B);

  putV(out, base, joints.elbow, ELBOW, mirror);
  putV(out, base, joints.wrist, WRIST, mirror);
  putV(out, base, joints.hand, WRIST, mirror);

  const spread = state[h]!;
  const opposition = state[h + 1]!;
  // Thumb: CMC fixed in the palm, then three phalanges curling in the plane of (dir, toward palm).
  const cmc = PALM_POINTS[0]!;
  palmPoint(cmc[0], cmc[1], cmc[2]);
  putV(out, base, joints.hand + 1, P, mirror);
  const ta = (1 - opposition) * THUMB_OPEN[0] + opposition * THUMB_OPPOSED[0];
  const tb = (1 - opposition) * THUMB_OPEN[1] + opposition * THUMB_OPPOSED[1];
  const tc = (1 - opposition) * THUMB_OPEN[2] + opposition * THUMB_OPPOSED[2];
  for (let k = 0; k < 3; k++) V[TD + k] = ta * V[A + k]! + tb * V[B + k]! + tc * V[C + k]!;
  normaliseV(TD);
  perpendicularV(TQ, TD, V[B]! - 0.7 * V[C]!, V[B + 1]! - 0.7 * V[C + 1]!, V[B + 2]! - 0.7 * V[C + 2]!);
  const thumb = PHALANGES[0]!;
  stepAndPut(out, base, joints.hand + 2, TD, thumb[0], mirror);
  let angle = 0;
  for (let k = 1; k < 3; k++) {
    angle += state[h + 1 + k]!;
    mixV(FD, Math.cos(angle), TD, Math.sin(angle), TQ);
    stepAndPut(out, base, joints.hand + 2 + k, FD, thumb[k]!, mirror);
  }
  // Fingers: knuckle fixed in the palm, direction fanned in the palm plane, flexion toward b.
  for (let finger = 0; finger < 4; finger++) {
    const knuckle = PALM_POINTS[finger + 1]!;
    palmPoint(knuckle[0], knuckle[1], knuckle[2]);
    const first = joints.hand + 5 + 4 * finger;
    putV(out, base, first, P, mirror);
    const fan = FAN_BASE[finger]! + spread * FAN_SPREAD[finger]!;
    const ca = Math.cos(fan);
    const sa = Math.sin(fan);
    const lengths = PHALANGES[finger + 1]!;
    angle = 0;
    for (let k = 0; k < 3; k++) {
      angle += state[h + 4 + 3 * finger + k]!;
      const cp = Math.cos(angle);
      const sp = Math.sin(angle);
      for (let q = 0; q < 3; q++) V[FD + q] = cp * (ca * V[A + q]! + sa * V[C + q]!) + sp * V[B + q]!;
      stepAndPut(out, base, first + 1 + k, FD, lengths[k]!, mirror);
    }
  }
}

const NOSE: Vec = [BODY.nose[0], BODY.nose[1], BODY.nose[2]];
const ORIGIN: Vec = [0, 0, 0];
const RIGHT_ARM = { elbow: JOINT.rElbow, wrist: JOINT.rWrist, hand: JOINT.rightHand } as const;
const LEFT_ARM = { elbow: JOINT.lElbow, wrist: JOINT.lWrist, hand: JOINT.leftHand } as const;

/**
 * Writes the 50 joints (x, y, z each) of a pose state into `out` starting at `base` (a multiple of
 * 150 for frame-major data). Body units: neck at the origin, shoulder width 1.
 *
 * @example
 * ```ts
 * const frame = new Float32Array(150);
 * renderPoseState(restState(), frame, 0);
 * ```
 */
export function renderPoseState(
  state: ArrayLike<number>,
  out: Float32Array | Float64Array,
  base: number,
): void {
  put(out, base, JOINT.nose, NOSE, false);
  put(out, base, JOINT.neck, ORIGIN, false);
  put(out, base, JOINT.rShoulder, SHOULDER, false);
  put(out, base, JOINT.lShoulder, SHOULDER, true);
  renderArm(state, 0, out, base, RIGHT_ARM, false);
  renderArm(state, ARM_PARAMS, out, base, LEFT_ARM, true);
}

/** Reach limits of the wrist from the shoulder (body units), from the elbow-angle limits. */
export const ARM_REACH = { min: MIN_REACH, max: MAX_REACH } as const;
