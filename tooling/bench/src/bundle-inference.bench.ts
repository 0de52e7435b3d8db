/**
 * Inference on an exported bundle of the Base config (d 512, 2+2 layers, 4 heads, FFN 2048; random
 * weights: speed does not depend on their values), written by the real export path (checkpoint →
 * `exportBundle` → `loadBundle`). Measured in one run:
 * - the reference: a 512×512×512 MatMul graph on onnxruntime-node (2 threads) and onnxruntime-web
 *   (wasm, 2 threads) → GFLOP/s of each runtime;
 * - generating 250 frames (10 s at 25 fps) for a 12-word sentence with the key/value cache on
 *   onnxruntime-node: real-time factor (seconds of signing per second of compute; goal ≥ 100×) and the
 *   time against the floor set by the model's FLOPs at the MatMul GFLOP/s (goal ≤ 4×);
 * - the same 250 frames with the full recompute (no cache; speed-up of the cache, expected ≥ 20×);
 * - the same on TensorFlow.js (wasm backend, the training model's own cached `generate`);
 * - the same with one intra-op thread on onnxruntime-node (float32 and int8);
 * - the same on onnxruntime-web (goal ≥ 20× real time);
 * - the same bundle exported with int8 weights: real-time factor, and the mean absolute difference of
 *   its frames from the float32 frames (ground-truth timing) relative to their mean magnitude;
 * - time to first frame for the 12-word sentence (tokenising, encoder, first step; goal ≤ 20 ms);
 * - a second floor: 250 × the time of one-row products with every weight matrix a step reads (one frame
 *   at a time, decoding is bound by reading the weights, not by FLOPs).
 * SIGNLLM_BENCH_INFERENCE_RUNS sets the timed generations per variant (default 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  decodePoseFrames,
  decodePoseFramesFullRecompute,
  float32Tensor,
  type GeneratedFrame,
  type GenerationSummary,
  type InferenceRuntime,
  loadBundle,
  type SignBundle,
} from '../../../packages/core/src/index.ts';
import { createNodeRuntime, directoryBundleSource } from '../../../packages/serve/src/index.ts';
import { GraphBuilder } from '../../../packages/train/src/export/onnx-builder.ts';
import { createWebRuntime } from '../../../packages/web/src/index.ts';
import { BASE_ARCHITECTURE } from './bundle-bench-arch.ts';
import type { BenchResult, Measurement } from './harness.ts';

const RUNS = Number(process.env.SIGNLLM_BENCH_INFERENCE_RUNS ?? 5);
const FRAMES = 250;
const FPS = 25;
const SENTENCE = 'the weather tomorrow will be cold and windy in the north of germany';
const ARCH = BASE_ARCHITECTURE;

/** FLOPs of encoding `u` tokens and generating `frames` frames with the cache (multiply-add = 2). */
export function generationFlops(u: number, frames: number): number {
  const { dModel: d, ffnSize: f, encoderLayers, decoderLayers } = ARCH;
  const encoderLayer = 8 * u * d * d + 4 * u * u * d + 4 * u * d * f;
  const crossKeysValues = 4 * u * d * d * decoderLayers;
  let steps = 0;
  for (let p = 0; p < frames; p++) {
    const layer = 8 * d * d + 4 * d * (p + 1) + 4 * d * d + 4 * d * u + 4 * d * f;
    steps += decoderLayers * layer + 2 * 151 * d * 2;
  }
  return encoderLayers * encoderLayer + crossKeysValues + steps;
}

async function matMulGflops(runtime: InferenceRuntime, runs = 40): Promise<number> {
  const n = 512;
  const g = new GraphBuilder('matmul-512');
  const a = g.input('a', 'float32', [n, n]);
  const w = Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  g.output('c', g.op('MatMul', [a, g.weight('w', w, [n, n])]), 'float32', [n, n]);
  const session = await runtime.createSession(g.toBytes(), 'matmul-512');
  const input = float32Tensor(
    Float32Array.from({ length: n * n }, (_, i) => ((i * 104729) % 997) / 997),
    [n, n],
  );
  for (let i = 0; i < 5; i++) await session.run({ a: input });
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await session.run({ a: input });
  const seconds = (performance.now() - t0) / 1000 / runs;
  await session.release();
  return (2 * n * n * n) / seconds / 1e9;
}

/**
 * The memory-bandwidth floor of one decoding step: a graph that only multiplies a one-row input by
 * every weight matrix a step reads (per decoder layer: fused q|k|v, o, cross q, cross o, FFN in and out;
 * plus the input and output layers). Decoding one frame at a time is a matrix–vector product per layer,
 * bound by reading the weights, not by FLOPs.
 */
async function weightReadMs(runtime: InferenceRuntime, runs = 200): Promise<number> {
  const { dModel: d, ffnSize: f, decoderLayers } = ARCH;
  const g = new GraphBuilder('weight-read');
  const x = g.input('x', 'float32', [1, d]);
  const hidden = g.input('h', 'float32', [1, f]);
  const frame = g.input('frame', 'float32', [1, 151]);
  const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 2654435761) % 1000) / 1e4);
  const shapes: Array<[string, number, number]> = [
    ['frame', 151, d],
    ['x', d, 151],
  ];
  for (let l = 0; l < decoderLayers; l++) {
    shapes.push(['x', d, 3 * d], ['x', d, d], ['x', d, d], ['x', d, d], ['x', d, f], ['h', f, d]);
  }
  shapes.forEach(([input, rows, cols], i) => {
    const source = input === 'frame' ? frame : input === 'h' ? hidden : x;
    g.output(
      `y${i}`,
      g.op('MatMul', [source, g.weight(`w${i}`, fill(rows * cols), [rows, cols])]),
      'float32',
      [1, cols],
    );
  });
  const session = await runtime.createSession(g.toBytes(), 'weight-read');
  const feeds = {
    x: float32Tensor(fill(d), [1, d]),
    h: float32Tensor(fill(f), [1, f]),
    frame: float32Tensor(fill(151), [1, 151]),
  };
  for (let i = 0; i < 20; i++) await session.run(feeds);
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await session.run(feeds);
  const ms = (performance.now() - t0) / runs;
  await session.release();
  return ms;
}

async function framesOf(gen: AsyncGenerator<GeneratedFrame, GenerationSummary>): Promise<Float32Array> {
  const values: number[] = [];
  for await (const frame of gen) values.push(...frame.values);
  return Float32Array.from(values);
}

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

function meanAbs(a: Float32Array): number {
  let sum = 0;
  for (const v of a) sum += Math.abs(v);
  return sum / a.length;
}

async function drain(gen: AsyncGenerator<GeneratedFrame, GenerationSummary>): Promise<number> {
  let n = 0;
  for await (const _ of gen) n++;
  return n;
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<Measurement & { seconds: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  const medianMs = times[Math.floor(times.length / 2)]!;
  return { name: '', medianMs, runs, seconds: medianMs / 1000 };
}

/** Builds the Base bundle and times TensorFlow.js in a child process (see bundle-bench-base.ts). */
function makeBundle(dir: string): {
  bundleDir: string;
  int8BundleDir: string;
  ids: number[];
  tfjsMs: number;
} {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'bundle-bench-base.ts');
  const child = spawnSync(process.execPath, [...process.execArgv, script, dir, String(FRAMES), SENTENCE], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{'))
    throw new Error(`bundle-bench-base.ts failed (${child.status})`);
  return JSON.parse(line) as { bundleDir: string; int8BundleDir: string; ids: number[]; tfjsMs: number };
}

function request(frames = FRAMES) {
  // Random weights never predict the end: an unreachable stop threshold makes every run 250 frames long.
  return {
    input: SENTENCE,
    inputType: 'text' as const,
    language: 'ase',
    maxFrames: frames,
    stopCounter: 1e9,
  };
}

async function timeToFirstFrame(bundle: SignBundle, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const gen = bundle.generate(request());
    await gen.next();
    times.push(performance.now() - t0);
    await gen.return({ frames: 1, stoppedBy: 'limit' });
  }
  const warm = times.slice(3).sort((a, b) => a - b);
  return warm[Math.floor(warm.length / 2)]!;
}

export async function run(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'signllm-bench-bundle-'));
  try {
    const { bundleDir, int8BundleDir, ids, tfjsMs } = makeBundle(dir);
    // onnxruntime-web's worker threads compete for the two cores while they exist: the web runtime is
    // created only after the onnxruntime-node measurements.
    const nodeRuntime = createNodeRuntime({ threads: 2 });
    const node = await loadBundle(directoryBundleSource(bundleDir), nodeRuntime);
    const flops = generationFlops(ids.length, FRAMES);

    const cached = await timed(RUNS, async () => {
      if ((await drain(node.generate(request()))) !== FRAMES) throw new Error('expected 250 frames');
    });
    const nodeGflops = await matMulGflops(nodeRuntime);
    const stepFloorMs = await weightReadMs(nodeRuntime);
    const ttff = await timeToFirstFrame(node, 20);
    const sessions = node.sessionsFor('ase');
    const decoding = node.manifest.decoding.pose;
    const cachedLoop = await timed(RUNS, () =>
      drain(decodePoseFrames(sessions, ids, { decoding, maxFrames: FRAMES, stopCounter: 1e9 })),
    );
    const full = await timed(1, () =>
      drain(decodePoseFramesFullRecompute(sessions, ids, { decoding, maxFrames: FRAMES, stopCounter: 1e9 })),
    );
    const nodeGflopsAfter = await matMulGflops(nodeRuntime);
    // int8 weights: speed, and distance from the float32 frames with ground-truth timing (the same
    // inputs at every step, so differences do not compound).
    const int8 = await loadBundle(directoryBundleSource(int8BundleDir), nodeRuntime);
    const int8Run = await timed(RUNS, () => drain(int8.generate(request())));
    // One intra-op thread: each step is many small operators, where waking a second thread may cost
    // more than it saves (on this VM the two settings trade places from run to run).
    const oneThread = createNodeRuntime({ threads: 1 });
    const node1 = await loadBundle(directoryBundleSource(bundleDir), oneThread);
    const oneThreadRun = await timed(RUNS, () => drain(node1.generate(request())));
    await node1.release();
    const int8One = await loadBundle(directoryBundleSource(int8BundleDir), oneThread);
    const int8OneRun = await timed(RUNS, () => drain(int8One.generate(request())));
    await int8One.release();
    const counters = Float32Array.from({ length: FRAMES }, (_, t) => t / FRAMES);
    const gtFloat = await framesOf(node.generate({ ...request(), groundTruthCounters: counters }));
    const gtInt8 = await framesOf(int8.generate({ ...request(), groundTruthCounters: counters }));
    const int8Error = meanAbsDiff(gtFloat, gtInt8) / meanAbs(gtFloat);
    await int8.release();
    await node.release();
    const tfjs = { medianMs: tfjsMs, seconds: tfjsMs / 1000 };
    const webRuntime = createWebRuntime({ threads: 2 });
    const web = await loadBundle(directoryBundleSource(bundleDir), webRuntime);
    const webGflops = await matMulGflops(webRuntime, 15);
    const webRun = await timed(Math.max(2, Math.ceil(RUNS / 2)), () => drain(web.generate(request())));
    await web.release();
    const webInt8 = await loadBundle(directoryBundleSource(int8BundleDir), webRuntime);
    const webInt8Run = await timed(Math.max(2, Math.ceil(RUNS / 2)), () =>
      drain(webInt8.generate(request())),
    );
    await webInt8.release();

    const signing = FRAMES / FPS;
    const matMulRate = (nodeGflops + nodeGflopsAfter) / 2;
    const floorSeconds = flops / (matMulRate * 1e9);
    const rtfNode = signing / cached.seconds;
    const rtfWeb = signing / webRun.seconds;
    const rtfInt8 = signing / int8Run.seconds;
    const measurements: Measurement[] = [
      {
        name: 'onnxruntime-node: 250 frames, KV cache (bundle.generate)',
        medianMs: cached.medianMs,
        runs: RUNS,
      },
      {
        name: 'onnxruntime-node: 250 frames, KV cache (decodePoseFrames)',
        medianMs: cachedLoop.medianMs,
        runs: RUNS,
      },
      { name: 'onnxruntime-node: 250 frames, full recompute', medianMs: full.medianMs, runs: 1 },
      {
        name: 'onnxruntime-node: 250 frames, KV cache, int8 weights',
        medianMs: int8Run.medianMs,
        runs: RUNS,
      },
      { name: 'onnxruntime-node: time to first frame (12 words)', medianMs: ttff, runs: 20 },
      { name: 'onnxruntime-web (wasm): 250 frames, KV cache', medianMs: webRun.medianMs, runs: webRun.runs },
      {
        name: 'onnxruntime-web (wasm): 250 frames, KV cache, int8 weights',
        medianMs: webInt8Run.medianMs,
        runs: webInt8Run.runs,
      },
      {
        name: 'TensorFlow.js (wasm): 250 frames, KV cache (best of 2, own process)',
        medianMs: tfjs.medianMs,
        runs: 2,
      },
      {
        name: 'floor: model FLOPs at the onnxruntime-node MatMul rate',
        medianMs: floorSeconds * 1000,
        runs: 1,
      },
    ];
    return {
      id: 'bundle-inference',
      description: `Base bundle (d 512, 2+2 layers), ${ids.length}-token sentence → ${FRAMES} frames (${signing} s at ${FPS} fps), ${(flops / 1e9).toFixed(2)} GFLOP; MatMul 512³: onnxruntime-node ${nodeGflops.toFixed(1)} → ${nodeGflopsAfter.toFixed(1)} GFLOP/s, onnxruntime-web ${webGflops.toFixed(1)} GFLOP/s`,
      measurements,
      ratios: {
        realTimeFactorNodeInt8: rtfInt8,
        realTimeFactorNodeOneThread: signing / oneThreadRun.seconds,
        realTimeFactorNodeInt8OneThread: signing / int8OneRun.seconds,
        int8SpeedupOverFloat32: cached.seconds / int8Run.seconds,
        int8RelativeFrameError: int8Error,
        realTimeFactorNode: rtfNode,
        timeOverFlopFloor: cached.seconds / floorSeconds,
        timeOverWeightReadFloor: cached.seconds / ((stepFloorMs * FRAMES) / 1000),
        cacheSpeedupOverFullRecompute: full.seconds / cachedLoop.seconds,
        onnxNodeSpeedupOverTfjsWasm: tfjs.seconds / cached.seconds,
        realTimeFactorWeb: rtfWeb,
        realTimeFactorWebInt8: signing / webInt8Run.seconds,
        onnxNodeSpeedupOverWeb: webRun.seconds / cached.seconds,
        timeToFirstFrameMs: ttff,
        matMulGflopsNode: matMulRate,
        matMulGflopsWeb: webGflops,
      },
      goals: {
        realTimeFactorNode: { target: 100, actual: rtfNode, met: rtfNode >= 100 },
        timeOverFlopFloor: {
          target: 4,
          actual: cached.seconds / floorSeconds,
          met: cached.seconds / floorSeconds <= 4,
        },
        cacheSpeedup: {
          target: 20,
          actual: full.seconds / cachedLoop.seconds,
          met: full.seconds / cachedLoop.seconds >= 20,
        },
        realTimeFactorWeb: { target: 20, actual: rtfWeb, met: rtfWeb >= 20 },
        realTimeFactorNodeInt8: { target: 100, actual: rtfInt8, met: rtfInt8 >= 100 },
        timeToFirstFrameMs: { target: 20, actual: ttff, met: ttff <= 20 },
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
