/**
 * Renders a sentence of signs as one continuous motion in body units: a rest pose, an eased
 * transition into the first sign, each sign's (signer-varied) primitive, eased transitions between
 * signs, and back to rest. Returns the frames and each gloss's frame range.
 */
import type { Rng } from '../util/rng.ts';
import { STATE_PARAMS } from './body-model.ts';
import {
  ease,
  type MotionPrimitive,
  PRIMITIVE_FPS,
  primitiveStateAt,
  restState,
  varyPrimitive,
} from './motion-primitive.ts';
import { renderPoseState } from './pose-kinematics.ts';

/** Frames `[start, end)` of one gloss in a synthetic sequence. */
export interface SynthSegment {
  /** The gloss token. */
  readonly gloss: string;
  /** Its language-independent concept id. */
  readonly concept: string;
  /** First frame of the sign. */
  readonly start: number;
  /** One past its last frame. */
  readonly end: number;
}

/** One sign to render. */
export interface SentenceSign {
  readonly gloss: string;
  readonly concept: string;
  readonly primitive: MotionPrimitive;
}

/** Options of `renderSentence`. */
export interface RenderSentenceOptions {
  readonly fps: number;
  /** Stretch (> 1) or compress (< 1) the duration of sign `index` by `factor` (wrong-timing noise). */
  readonly timing?: { readonly index: number; readonly factor: number };
}

/** Frames rendered and where each gloss is. `data` is `frames × 50 × 3` in body units. */
export interface RenderedSentence {
  readonly data: Float32Array;
  readonly frames: number;
  readonly segments: SynthSegment[];
}

const seconds = (rng: Rng, fps: number, lo: number, hi: number, min: number): number =>
  Math.max(min, Math.round(fps * rng.uniform(lo, hi)));

/**
 * Renders `signs` as one sequence with the signer variation drawn from `rng` (speed ±10 %, movement
 * amplitude ±10 %, small per-sign jitter).
 *
 * @example
 * ```ts
 * const { data, segments } = renderSentence(signs, createRng(1), { fps: 25 });
 * ```
 */
export function renderSentence(
  signs: readonly SentenceSign[],
  rng: Rng,
  options: RenderSentenceOptions,
): RenderedSentence {
  const { fps, timing } = options;
  const speed = rng.uniform(0.9, 1.1);
  const amplitude = rng.uniform(0.9, 1.1);
  const varied = signs.map((s) => varyPrimitive(s.primitive, rng, amplitude * rng.uniform(0.97, 1.03)));
  const lengths = signs.map((s, i) => {
    const factor = timing?.index === i ? timing.factor : 1;
    const n = (s.primitive.frames * fps * factor) / (PRIMITIVE_FPS * speed * rng.uniform(0.97, 1.03));
    return Math.max(2, Math.round(n));
  });
  const holdIn = seconds(rng, fps, 0.12, 0.24, 1);
  const moveIn = seconds(rng, fps, 0.24, 0.36, 2);
  const between = signs.map(() => seconds(rng, fps, 0.16, 0.28, 2));
  const moveOut = seconds(rng, fps, 0.24, 0.36, 2);
  const holdOut = seconds(rng, fps, 0.12, 0.24, 1);
  let frames = holdIn + (signs.length > 0 ? moveIn : 0) + moveOut + holdOut;
  signs.forEach((_, i) => {
    frames += lengths[i]! + (i > 0 ? between[i]! : 0);
  });

  const data = new Float32Array(frames * 150);
  const rest = restState();
  const from = new Float64Array(STATE_PARAMS);
  const to = new Float64Array(STATE_PARAMS);
  const state = new Float64Array(STATE_PARAMS);
  let f = 0;
  const emit = (s: Float64Array): void => {
    renderPoseState(s, data, f * 150);
    f++;
  };
  const transition = (a: Float64Array, b: Float64Array, count: number): void => {
    for (let k = 1; k <= count; k++) {
      for (let i = 0; i < STATE_PARAMS; i++) state[i] = a[i]! + (b[i]! - a[i]!) * ease(k / (count + 1));
      emit(state);
    }
  };
  for (let k = 0; k < holdIn; k++) emit(rest);
  from.set(rest);
  const segments: SynthSegment[] = [];
  varied.forEach((primitive, i) => {
    primitiveStateAt(primitive, 0, to);
    transition(from, to, i === 0 ? moveIn : between[i]!);
    const start = f;
    const n = lengths[i]!;
    for (let k = 0; k < n; k++) {
      primitiveStateAt(primitive, k / (n - 1), state);
      emit(state);
    }
    segments.push({ gloss: signs[i]!.gloss, concept: signs[i]!.concept, start, end: f });
    primitiveStateAt(primitive, 1, from);
  });
  transition(from, rest, moveOut);
  for (let k = 0; k < holdOut; k++) emit(rest);
  return { data, frames, segments };
}
