/**
 * Shared pieces of the training benchmarks: the TensorFlow.js instance that @signllm/train uses (the
 * bench package has no tfjs dependency of its own, so it is loaded from packages/train, which gives the
 * very same module instance the model code holds), the wasm backend, mean/median timing of slow
 * functions, and a random `PoseBatch` of a given shape.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type * as TF from '../../../packages/train/node_modules/@tensorflow/tfjs-core/dist/index.js';
import { type PoseBatch, selectBackend } from '../../../packages/train/src/index.ts';

const trainRequire = createRequire(new URL('../../../packages/train/package.json', import.meta.url));

/** `@tensorflow/tfjs-core` exactly as packages/train resolves it (one engine, one backend registry). */
export const tf = trainRequire('@tensorflow/tfjs-core') as typeof TF;
export type { TF };

/** Activates the wasm backend (what this machine trains on) and returns its description. */
export async function useWasm(): Promise<string> {
  return (await selectBackend('wasm')).description;
}

/** Mean and median of a series of timings. */
export interface Timing {
  meanMs: number;
  medianMs: number;
  runs: number;
  /** Every run, in order (ms). */
  times: number[];
}

/**
 * Times `fn` after `warmup` calls: at least `minRuns` runs and at least `minMs` in total, at most
 * `maxRuns`.
 */
export function timeRuns(
  fn: () => void,
  options: { warmup?: number; minRuns?: number; minMs?: number; maxRuns?: number } = {},
): Timing {
  const { warmup = 2, minRuns = 3, minMs = 0, maxRuns = 1000 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while ((times.length < minRuns || performance.now() - start < minMs) && times.length < maxRuns) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    runs: times.length,
    times,
  };
}

/** A tiny seeded generator (mulberry32) for benchmark inputs. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Batch shape of a training step. */
export interface BatchShape {
  batch: number;
  frames: number;
  sourceTokens: number;
}

/**
 * A random pose batch: every row full length (T frames, U source tokens ending in `</s>`), values in
 * [−0.5, 0.5), counters (t+1)/T, one language.
 */
export function randomPoseBatch(
  shape: BatchShape,
  vocab: number,
  seed: number,
  outputWidth = 151,
): PoseBatch {
  const { batch: b, frames: t, sourceTokens: u } = shape;
  const rand = seededRandom(seed);
  const sourceIds = new Int32Array(b * u);
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < u - 1; j++) sourceIds[i * u + j] = 4 + Math.floor(rand() * (vocab - 4));
    sourceIds[i * u + u - 1] = 3;
  }
  const frames = new Float32Array(b * t * 151);
  for (let i = 0; i < frames.length; i++) frames[i] = rand() - 0.5;
  for (let i = 0; i < b; i++) for (let f = 0; f < t; f++) frames[(i * t + f) * 151 + 150] = (f + 1) / t;
  const decoderInput = new Float32Array(b * t * 151);
  const target = new Float32Array(b * t * outputWidth);
  for (let i = 0; i < b; i++) {
    for (let f = 0; f < t; f++) {
      const row = (i * t + f) * 151;
      if (f > 0) decoderInput.set(frames.subarray(row - 151, row), row);
      const out = (i * t + f) * outputWidth;
      target.set(frames.subarray(row, row + 150), out);
      target[out + outputWidth - 1] = frames[row + 150]!;
    }
  }
  return {
    size: b,
    sourceLength: u,
    frames: t,
    sourceIds,
    sourceMask: new Float32Array(b * u).fill(1),
    decoderInput,
    target,
    outputWidth,
    frameMask: new Float32Array(b * t).fill(1),
    lengths: new Int32Array(b).fill(t),
    rows: Int32Array.from({ length: b }, (_, i) => i),
    language: 'ase',
  };
}
