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
 * - the same on onnxruntime-web (goal ≥ 20× real time);
 * - time to first frame for the 12-word sentence (tokenising, encoder, first step; goal ≤ 20 ms).
 * SIGNLLM_BENCH_INFERENCE_RUNS sets the timed generations per variant (default 5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  decodePoseFrames,
  decodePoseFramesFullRecompute,
  float32Tensor,
  type GeneratedFrame,
  type GenerationSummary,
  type InferenceRuntime,
  loadBundle,
  ModelConfigSchema,
  type SignBundle,
  trainTokenizer,
} from '../../../packages/core/src/index.ts';
import { synthDataset } from '../../../packages/data/src/index.ts';
import { createNodeRuntime, directoryBundleSource } from '../../../packages/serve/src/index.ts';
import {
  encodeSource,
  exportBundle,
  GraphBuilder,
  SignModel,
  selectBackend,
} from '../../../packages/train/src/index.ts';
import { writeCheckpoint } from '../../../packages/train/src/run/index.ts';
import { createWebRuntime } from '../../../packages/web/src/index.ts';
import type { BenchResult, Measurement } from './harness.ts';

const RUNS = Number(process.env.SIGNLLM_BENCH_INFERENCE_RUNS ?? 5);
const FRAMES = 250;
const FPS = 25;
const SENTENCE = 'the weather tomorrow will be cold and windy in the north of germany';
const ARCH = {
  encoderLayers: 2,
  decoderLayers: 2,
  dModel: 512,
  heads: 4,
  ffnSize: 2048,
  dropout: 0,
  maxSourceLength: 128,
  maxTargetLength: 400,
};

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

async function makeBundle(dir: string): Promise<{ bundleDir: string; model: SignModel }> {
  const data = join(dir, 'data');
  await synthDataset({ out: data, languages: ['ase'], sequences: 20, seed: 1, fps: FPS });
  const tokenizer = trainTokenizer(
    [SENTENCE, 'the sky is blue', 'where is the train station', 'it will rain in the south tomorrow'],
    { kind: 'word', vocabSize: 4000 },
  );
  const config = ModelConfigSchema.parse({
    mode: 'mlsf',
    languages: ['ase'],
    architecture: ARCH,
    tokenizers: { source: { kind: 'word', vocabSize: 4000 } },
    stopCounter: 2,
  });
  const model = SignModel.create(config, { ase: tokenizer }, 27);
  const run = join(dir, 'run');
  await writeCheckpoint(run, {
    step: 0,
    state: { model: model.state() },
    tensors: { weights: model.toWeights() },
  });
  const bundleDir = join(dir, 'bundle');
  await exportBundle({ checkpoint: run, out: bundleDir, data });
  return { bundleDir, model };
}

function request(frames = FRAMES) {
  return { input: SENTENCE, inputType: 'text' as const, language: 'ase', maxFrames: frames };
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
  await selectBackend('wasm');
  const dir = await mkdtemp(join(tmpdir(), 'signllm-bench-bundle-'));
  try {
    const { bundleDir, model } = await makeBundle(dir);
    const nodeRuntime = createNodeRuntime({ threads: 2 });
    const webRuntime = createWebRuntime({ threads: 2 });
    const node = await loadBundle(directoryBundleSource(bundleDir), nodeRuntime);
    const web = await loadBundle(directoryBundleSource(bundleDir), webRuntime);
    const group = model.groupFor('ase');
    const ids = [...encodeSource(group.tokenizer, SENTENCE, ARCH.maxSourceLength)];
    const flops = generationFlops(ids.length, FRAMES);

    const nodeGflops = await matMulGflops(nodeRuntime);
    const webGflops = await matMulGflops(webRuntime, 15);
    const cached = await timed(RUNS, async () => {
      if ((await drain(node.generate(request()))) !== FRAMES) throw new Error('expected 250 frames');
    });
    const ttff = await timeToFirstFrame(node, 20);
    const sessions = node.sessionsFor('ase');
    const decoding = node.manifest.decoding.pose;
    const cachedLoop = await timed(RUNS, () =>
      drain(decodePoseFrames(sessions, ids, { decoding, maxFrames: FRAMES })),
    );
    const full = await timed(1, () =>
      drain(decodePoseFramesFullRecompute(sessions, ids, { decoding, maxFrames: FRAMES })),
    );
    const webRun = await timed(Math.max(2, Math.ceil(RUNS / 2)), () => drain(web.generate(request())));
    const tfjs = await timed(2, async () =>
      group.net.generate(Int32Array.from(ids), { maxFrames: FRAMES, stopCounter: 2 }),
    );
    const nodeGflopsAfter = await matMulGflops(nodeRuntime);
    await node.release();
    await web.release();
    model.dispose();

    const signing = FRAMES / FPS;
    const matMulRate = (nodeGflops + nodeGflopsAfter) / 2;
    const floorSeconds = flops / (matMulRate * 1e9);
    const rtfNode = signing / cached.seconds;
    const rtfWeb = signing / webRun.seconds;
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
      { name: 'onnxruntime-node: time to first frame (12 words)', medianMs: ttff, runs: 20 },
      { name: 'onnxruntime-web (wasm): 250 frames, KV cache', medianMs: webRun.medianMs, runs: webRun.runs },
      { name: 'TensorFlow.js (wasm): 250 frames, KV cache', medianMs: tfjs.medianMs, runs: 2 },
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
        realTimeFactorNode: rtfNode,
        timeOverFlopFloor: cached.seconds / floorSeconds,
        cacheSpeedupOverFullRecompute: full.seconds / cachedLoop.seconds,
        onnxNodeSpeedupOverTfjsWasm: tfjs.seconds / cached.seconds,
        realTimeFactorWeb: rtfWeb,
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
        timeToFirstFrameMs: { target: 20, actual: ttff, met: ttff <= 20 },
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
