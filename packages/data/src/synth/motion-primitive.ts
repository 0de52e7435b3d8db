/**
 * Motion primitives: the movement of one sign as a few key pose states (wrist targets in front of the
 * body, elbow swivel, forearm roll, wrist flexion, hand shapes) played with cosine easing between
 * keys, possibly repeated. Seeded random primitives, per-instance signer variation, and the neutral
 * rest state that sentences start and end in.
 */
import type { Rng } from '../util/rng.ts';
import { ARM_PARAMS, HAND_PARAMS, STATE_PARAMS } from './body-model.ts';
import { HAND_SHAPE_NAMES, handShape, perturbHandShape } from './hand-shapes.ts';

/**
 * Frame rate at which `MotionPrimitive.frames` is counted; at another fps a sign lasts
 * `frames × fps / PRIMITIVE_FPS` frames (before speed variation).
 *
 * @example
 * ```ts
 * const seconds = primitive.frames / PRIMITIVE_FPS;
 * ```
 */
export const PRIMITIVE_FPS = 25;

/** How the hands take part: dominant only, both mirrored, or dominant acting on a still base hand. */
export type PrimitiveKind = 'one-handed' | 'symmetric' | 'two-handed';

/** The movement of one sign. */
export interface MotionPrimitive {
  readonly kind: PrimitiveKind;
  /** Hand-shape names: dominant at the first key, dominant at the later keys, non-dominant. */
  readonly handShapes: readonly [start: string, end: string, base: string];
  /** Key pose states (`STATE_PARAMS` numbers each) the movement passes through. */
  readonly keys: readonly Float64Array[];
  /** How often the key path is played (1 = no repetition). */
  readonly repetitions: number;
  /** Duration in frames at `PRIMITIVE_FPS`. */
  readonly frames: number;
}

/** Where wrists may go (canonical right-arm coordinates): in front of the body, head to belly. */
const BOX = { x: [-1.0, 0.35], y: [-0.75, 1.05], z: [0.2, 0.9] } as const;
/** Start locations: forehead, chin, chest, neutral space, side, high, belly, across the body. */
// biome-ignore format: one location a row
const LOCATIONS: ReadonlyArray<readonly [number, number, number]> = [
  [-0.15, -0.5, 0.4], [-0.1, -0.2, 0.45], [-0.2, 0.45, 0.4], [-0.35, 0.65, 0.65],
  [-0.8, 0.45, 0.45], [-0.5, -0.65, 0.45], [-0.15, 0.9, 0.45], [0.15, 0.4, 0.5],
];
const BASE_SHAPES = ['B', '5', 'S', 'C', '1', 'flat-O'];

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Cosine ease in/out on [0, 1]. */
export function ease(u: number): number {
  return 0.5 - 0.5 * Math.cos(Math.PI * u);
}

/** `out = a + (b − a)·u`, element-wise over pose states. */
export function lerpState(a: Float64Array, b: Float64Array, u: number, out: Float64Array): void {
  for (let i = 0; i < STATE_PARAMS; i++) out[i] = a[i]! + (b[i]! - a[i]!) * u;
}

function writeArm(
  out: Float64Array,
  offset: number,
  wrist: readonly number[],
  swivel: number,
  roll: number,
  flex: number,
  hand: Float64Array,
): void {
  out.set(wrist, offset);
  out[offset + 3] = swivel;
  out[offset + 4] = roll;
  out[offset + 5] = flex;
  out.set(hand, offset + 6);
}

/**
 * The neutral rest pose: both hands relaxed in front of the belly.
 *
 * @example
 * ```ts
 * const frame = new Float32Array(150);
 * renderPoseState(restState(), frame, 0); // 50 joints of the resting body
 * ```
 */
export function restState(): Float64Array {
  const out = new Float64Array(STATE_PARAMS);
  const hand = handShape('relaxed');
  writeArm(out, 0, [-0.28, 1.2, 0.42], 0, 0.3, 0.1, hand);
  writeArm(out, ARM_PARAMS, [-0.28, 1.2, 0.42], 0, 0.3, 0.1, hand);
  return out;
}

function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let u = rng.next() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * A seeded random primitive: 2–4 keys, one of the named hand shapes (30 % change shape after the
 * first key), 1–3 repetitions for short paths, 10–49 frames at 25 fps.
 *
 * @example
 * ```ts
 * const p = randomPrimitive(createRng(1));
 * p.keys.length; // 2..4
 * ```
 */
export function randomPrimitive(rng: Rng): MotionPrimitive {
  const kind = (['one-handed', 'symmetric', 'two-handed'] as const)[pickWeighted(rng, [0.55, 0.25, 0.2])]!;
  const keyCount = 2 + rng.int(3);
  const repetitions =
    keyCount === 2
      ? 1 + pickWeighted(rng, [0.5, 0.3, 0.2])
      : keyCount === 3
        ? 1 + pickWeighted(rng, [0.7, 0.3])
        : 1;
  const start = rng.pick(HAND_SHAPE_NAMES);
  const end = rng.next() < 0.3 ? rng.pick(HAND_SHAPE_NAMES.filter((n) => n !== start)) : start;
  const base = kind === 'two-handed' ? rng.pick(BASE_SHAPES) : kind === 'symmetric' ? start : 'relaxed';
  const startHand = perturbHandShape(handShape(start), rng, 0.05);
  const endHand = end === start ? startHand : perturbHandShape(handShape(end), rng, 0.05);
  const rest = restState();
  const baseArm = rest.slice(ARM_PARAMS);
  if (kind === 'two-handed') {
    const w = [-0.1 + 0.05 * rng.normal(), 0.7 + 0.05 * rng.normal(), 0.5 + 0.05 * rng.normal()];
    writeArm(baseArm, 0, w, 0, rng.uniform(-1.2, 1.2), rng.uniform(-0.3, 0.3), handShape(base));
  }
  const maxX = kind === 'symmetric' ? -0.12 : BOX.x[1];
  let wrist: number[] =
    kind === 'two-handed'
      ? [0.05, 0.55, 0.55]
      : [...rng.pick(LOCATIONS)].map((v, i) => (i === 0 ? Math.min(v, maxX) : v));
  wrist = wrist.map((v) => v + 0.05 * rng.normal());
  let swivel = rng.uniform(-0.4, 0.4);
  let roll = rng.uniform(-1.4, 1.4);
  let flex = rng.uniform(-0.5, 0.5);
  const keys: Float64Array[] = [];
  for (let k = 0; k < keyCount; k++) {
    if (k > 0) {
      const dir = [rng.normal(), rng.normal(), rng.normal()];
      const len = Math.hypot(dir[0]!, dir[1]!, dir[2]!) || 1;
      const step = rng.uniform(0.15, 0.45);
      wrist = wrist.map((v, i) => v + (step * dir[i]!) / len);
      swivel = clamp(swivel + rng.uniform(-0.2, 0.2), -0.6, 0.6);
      roll = clamp(roll + rng.uniform(-0.8, 0.8), -1.6, 1.6);
      flex = clamp(flex + rng.uniform(-0.3, 0.3), -0.9, 0.9);
    }
    wrist = [
      clamp(wrist[0]!, BOX.x[0], maxX),
      clamp(wrist[1]!, BOX.y[0], BOX.y[1]),
      clamp(wrist[2]!, BOX.z[0], BOX.z[1]),
    ];
    const key = new Float64Array(STATE_PARAMS);
    writeArm(key, 0, wrist, swivel, roll, flex, k === 0 ? startHand : endHand);
    if (kind === 'symmetric') key.copyWithin(ARM_PARAMS, 0, ARM_PARAMS);
    else key.set(baseArm, ARM_PARAMS);
    keys.push(key);
  }
  const segments = repetitions * keyCount - 1;
  const frames = Math.round(segments * rng.uniform(6, 9)) + 4;
  return { kind, handShapes: [start, end, base], keys, repetitions, frames };
}

/**
 * The pose state of a primitive at normalised time `t` ∈ [0, 1], written into `out`.
 *
 * @example
 * ```ts
 * const state = new Float64Array(STATE_PARAMS);
 * primitiveStateAt(primitive, 0.5, state);
 * ```
 */
export function primitiveStateAt(primitive: MotionPrimitive, t: number, out: Float64Array): void {
  const n = primitive.keys.length;
  const segments = primitive.repetitions * n - 1;
  if (segments <= 0) {
    out.set(primitive.keys[0]!);
    return;
  }
  const s = clamp(t, 0, 1) * segments;
  const i = Math.min(Math.floor(s), segments - 1);
  lerpState(primitive.keys[i % n]!, primitive.keys[(i + 1) % n]!, ease(s - i), out);
}

/**
 * One signer's rendition of a primitive: wrist paths scaled by `amplitude` about their centroid, and
 * small seeded jitter on wrist targets (σ 0.012), arm angles (σ 0.03 rad) and hand joints (σ 0.03 rad).
 */
export function varyPrimitive(primitive: MotionPrimitive, rng: Rng, amplitude: number): MotionPrimitive {
  const keys = primitive.keys.map((k) => k.slice());
  for (const offset of [0, ARM_PARAMS]) {
    for (let axis = 0; axis < 3; axis++) {
      const mean = keys.reduce((s, k) => s + k[offset + axis]!, 0) / keys.length;
      for (const k of keys) {
        k[offset + axis] = mean + (k[offset + axis]! - mean) * amplitude + 0.012 * rng.normal();
      }
    }
    for (const k of keys) {
      for (let i = 3; i < 6; i++) k[offset + i] = k[offset + i]! + 0.03 * rng.normal();
      k.set(perturbHandShape(k.subarray(offset + 6, offset + 6 + HAND_PARAMS), rng, 0.03), offset + 6);
    }
  }
  return { ...primitive, keys };
}
