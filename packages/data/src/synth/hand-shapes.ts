/**
 * Named hand shapes (after common sign-language handshape names: B, 5, A, S, 1, V, …) as hand-shape
 * vectors (see `HAND_PARAMS`), and seeded small perturbations of them within the joint limits.
 */
import type { Rng } from '../util/rng.ts';
import { FLEX_LIMITS, HAND_PARAMS } from './body-model.ts';

type Finger = readonly [mcp: number, pip: number, dip: number];

const STRAIGHT: Finger = [0, 0, 0];
const FIST: Finger = [85, 100, 70];
const BENT: Finger = [85, 5, 5];
const HOOK: Finger = [15, 95, 65];

interface ShapeSpec {
  spread: number;
  opposition: number;
  /** Thumb MCP, IP flexion in degrees. */
  thumb: readonly [number, number];
  /** Index, middle, ring, pinky (MCP, PIP, DIP) in degrees. */
  fingers: readonly [Finger, Finger, Finger, Finger];
}

// biome-ignore format: one shape a row
const SHAPES: Readonly<Record<string, ShapeSpec>> = {
  B: { spread: 0, opposition: 0.7, thumb: [20, 10], fingers: [STRAIGHT, STRAIGHT, STRAIGHT, STRAIGHT] },
  '5': { spread: 1, opposition: 0, thumb: [0, 0], fingers: [STRAIGHT, STRAIGHT, STRAIGHT, STRAIGHT] },
  A: { spread: 0, opposition: 0.15, thumb: [0, 0], fingers: [FIST, FIST, FIST, FIST] },
  S: { spread: 0, opposition: 0.95, thumb: [35, 30], fingers: [FIST, FIST, FIST, FIST] },
  '1': { spread: 0, opposition: 0.9, thumb: [40, 35], fingers: [STRAIGHT, FIST, FIST, FIST] },
  V: { spread: 1, opposition: 0.9, thumb: [40, 35], fingers: [STRAIGHT, STRAIGHT, FIST, FIST] },
  W: { spread: 0.8, opposition: 1, thumb: [50, 50], fingers: [STRAIGHT, STRAIGHT, STRAIGHT, FIST] },
  Y: { spread: 1, opposition: 0, thumb: [0, 0], fingers: [FIST, FIST, FIST, STRAIGHT] },
  L: { spread: 0.3, opposition: 0, thumb: [0, 0], fingers: [STRAIGHT, FIST, FIST, FIST] },
  C: { spread: 0.1, opposition: 0.5, thumb: [15, 15], fingers: [[35, 45, 30], [35, 45, 30], [35, 45, 30], [35, 45, 30]] },
  O: { spread: 0, opposition: 1, thumb: [30, 35], fingers: [[55, 70, 45], [55, 70, 45], [55, 70, 45], [55, 70, 45]] },
  'bent-B': { spread: 0, opposition: 0.6, thumb: [10, 10], fingers: [BENT, BENT, BENT, BENT] },
  claw: { spread: 0.9, opposition: 0.3, thumb: [30, 40], fingers: [HOOK, HOOK, HOOK, HOOK] },
  I: { spread: 0.2, opposition: 0.95, thumb: [40, 35], fingers: [FIST, FIST, FIST, STRAIGHT] },
  '3': { spread: 1, opposition: 0, thumb: [0, 0], fingers: [STRAIGHT, STRAIGHT, FIST, FIST] },
  X: { spread: 0, opposition: 0.9, thumb: [30, 30], fingers: [[20, 90, 60], FIST, FIST, FIST] },
  'flat-O': { spread: 0, opposition: 0.9, thumb: [15, 10], fingers: [[75, 10, 10], [75, 10, 10], [75, 10, 10], [75, 10, 10]] },
  relaxed: { spread: 0.2, opposition: 0.3, thumb: [15, 15], fingers: [[20, 25, 15], [25, 30, 20], [30, 35, 20], [35, 40, 25]] },
};

/**
 * Names of the hand shapes a sign may use (all but the resting `relaxed`).
 *
 * @example
 * ```ts
 * HAND_SHAPE_NAMES.includes('V'); // true
 * ```
 */
export const HAND_SHAPE_NAMES: readonly string[] = Object.keys(SHAPES).filter((n) => n !== 'relaxed');

const RAD = Math.PI / 180;

/** Upper limit of each hand-shape parameter (index 0..15). */
function limitOf(i: number): number {
  if (i < 2) return 1;
  if (i === 2) return FLEX_LIMITS.thumbMcp;
  if (i === 3) return FLEX_LIMITS.thumbIp;
  const joint = (i - 4) % 3;
  return joint === 0 ? FLEX_LIMITS.mcp : joint === 1 ? FLEX_LIMITS.pip : FLEX_LIMITS.dip;
}

/**
 * The hand-shape vector of a named shape (`HAND_SHAPE_NAMES` or `relaxed`).
 *
 * @example
 * ```ts
 * handShape('B')[4]; // 0: the index MCP of a flat hand is straight
 * ```
 */
export function handShape(name: string): Float64Array {
  const spec = SHAPES[name];
  if (!spec) throw new RangeError(`Unknown hand shape ${JSON.stringify(name)}`);
  const out = new Float64Array(HAND_PARAMS);
  out[0] = spec.spread;
  out[1] = spec.opposition;
  out[2] = spec.thumb[0] * RAD;
  out[3] = spec.thumb[1] * RAD;
  spec.fingers.forEach((finger, f) => {
    for (let j = 0; j < 3; j++) out[4 + 3 * f + j] = Math.min(finger[j]! * RAD, limitOf(4 + 3 * f + j));
  });
  return out;
}

/** Adds seeded Gaussian noise (σ = `spread`, radians for angles) to a hand shape, clamped to the limits. */
export function perturbHandShape(shape: Float64Array, rng: Rng, spread: number): Float64Array {
  const out = new Float64Array(HAND_PARAMS);
  for (let i = 0; i < HAND_PARAMS; i++) {
    out[i] = Math.min(limitOf(i), Math.max(0, shape[i]! + rng.normal() * spread));
  }
  return out;
}
