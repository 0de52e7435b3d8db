/**
 * Training-step throughput on the wasm backend (one thread). Measured in the same run:
 * - the reference: a warm 2-D 512×512×512 `tf.matMul` (XNNPACK), mean over many runs → GFLOP/s;
 * - full `trainPoseStep`s (forward, backward, clipping, Adam) of the Base config (d 512, 2+2 layers,
 *   4 heads, FFN 2048, vocab 4000, dropout 0.1) at batch 8 × 100 frames × 20 tokens, and a shorter
 *   (8 × 50 × 12) and a longer (8 × 200 × 30) shape → effective GFLOP/s = `trainingStepFlops` / step
 *   time, as a share of the matMul reference (goal ≥ 40 % at the main shape);
 * - a `tf.profile` breakdown of one main-shape step (kernel time by kernel and by input shapes);
 * - the prototype of `train-bench-bmm.ts`: attention-shaped batched products with the depthwise
 *   formulation vs `BatchMatMul`, a gradient comparison of a whole step, and the same steps with the
 *   wasm `BatchMatMul` kernel swapped for it;
 * - the tiny config of packages/train/configs/tiny-mlsf.json (d 64, batch 16 × 150 frames × 12 tokens):
 *   step time and sequences per second.
 * Shipped and depthwise steps alternate on one model per shape (and reference matMuls run between
 * the pairs), so that both see the same load on a shared machine.
 * SIGNLLM_BENCH_STEPS sets the timed steps per shape and variant (default 3, after 1 warm-up step each).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  Adam,
  type PoseBatch,
  PoseTransformer,
  trainingStepFlops,
  trainPoseStep,
} from '../../../packages/train/src/index.ts';
import { setDepthwiseBatchMatMul } from '../../../packages/train/src/model/fast-ops.ts';
import type { BenchResult, Measurement } from './harness.ts';
import { depthwiseBatchMatMul, overrideBatchMatMulKernel } from './train-bench-bmm.ts';
import { type Breakdown, formatBreakdown, profileCall } from './train-bench-profile.ts';
import {
  type BatchShape,
  randomPoseBatch,
  type TF,
  type Timing,
  tf,
  timeRuns,
  useWasm,
} from './train-bench-tf.ts';

type Architecture = ConstructorParameters<typeof PoseTransformer>[0]['architecture'];

const STEPS = Number(process.env.SIGNLLM_BENCH_STEPS ?? 3);
const GOAL_SHARE = 0.4;
const BASE: Architecture = {
  encoderLayers: 2,
  decoderLayers: 2,
  dModel: 512,
  heads: 4,
  ffnSize: 2048,
  dropout: 0.1,
  maxSourceLength: 128,
  maxTargetLength: 400,
};
const BASE_VOCAB = 4000;
const SHAPES: Array<{ label: string; shape: BatchShape }> = [
  { label: 'main', shape: { batch: 8, frames: 100, sourceTokens: 20 } },
  { label: 'short', shape: { batch: 8, frames: 50, sourceTokens: 12 } },
  { label: 'long', shape: { batch: 8, frames: 200, sourceTokens: 30 } },
];
const TINY_SHAPE: BatchShape = { batch: 16, frames: 150, sourceTokens: 12 };

const log = (line: string) => process.stderr.write(`${line}\n`);
const shapeText = (s: BatchShape) => `${s.batch}×${s.frames}×${s.sourceTokens}`;

function model(architecture: Architecture, vocab: number): { net: PoseTransformer; adam: Adam } {
  const net = new PoseTransformer({
    prefix: 'ase',
    architecture,
    sourceVocabSize: vocab,
    outputWidth: 151,
    justCounter: false,
    seed: 27,
  });
  const adam = new Adam(net.params.names(), net.params.variables, {
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    weightDecay: 0,
  });
  return { net, adam };
}

function stepper(net: PoseTransformer, adam: Adam, batch: PoseBatch): () => void {
  let seed = 0;
  return () => {
    trainPoseStep(net, adam, batch, {
      loss: { kind: 'mse', skipQuantile: 0 },
      gradClip: 5,
      lr: 1e-4,
      seed: seed++,
    });
  };
}

function matMulReference(
  options: { warmup: number; minRuns: number; minMs: number } = { warmup: 5, minRuns: 30, minMs: 3000 },
): Timing {
  const a = tf.randomNormal([512, 512]);
  const b = tf.randomNormal([512, 512]);
  const timing = timeRuns(() => {
    tf.matMul(a, b).dispose();
  }, options);
  tf.dispose([a, b]);
  return timing;
}

/** Gradients (one array per variable) of `f` w.r.t. `xs`, with and without the depthwise kernel. */
function gradientsBothWays(
  f: () => TF.Scalar,
  xs: TF.Variable[],
): [Float32Array[], Float32Array[], [number, number]] {
  const once = (): [Float32Array[], number] => {
    const { value, grads } = tf.variableGrads(f, xs);
    const arrays = xs.map((v) => grads[v.name]!.dataSync() as Float32Array);
    const loss = value.dataSync()[0]!;
    tf.dispose([value, grads]);
    return [arrays, loss];
  };
  const [before, l0] = once();
  const restore = overrideBatchMatMulKernel();
  try {
    const [after, l1] = once();
    return [before, after, [l0, l1]];
  } finally {
    restore();
  }
}

/** ‖Δ‖₂ / ‖g‖₂ over all arrays together, and the worst single array (skipping `skip`) by the same measure. */
function relativeL2(
  before: Float32Array[],
  after: Float32Array[],
  skip: (i: number) => boolean = () => false,
): { global: number; worst: number; index: number } {
  let diff = 0;
  let norm = 0;
  let worst = { rel: 0, index: -1 };
  before.forEach((g, i) => {
    const h = after[i]!;
    let d = 0;
    let n = 0;
    for (let j = 0; j < g.length; j++) {
      d += (g[j]! - h[j]!) ** 2;
      n += g[j]! ** 2;
    }
    diff += d;
    norm += n;
    const rel = n > 0 ? Math.sqrt(d / n) : Math.sqrt(d);
    if (!skip(i) && rel > worst.rel) worst = { rel, index: i };
  });
  return { global: Math.sqrt(diff / norm), worst: worst.rel, index: worst.index };
}

interface GradientCheck {
  /** Attention block alone (smooth: softmax, no ReLU): ‖Δg‖/‖g‖ over q, k, v. */
  attentionRel: number;
  /** A whole Base step: ‖Δg‖/‖g‖ over all variables, and the worst variable (attention key biases skipped: their true gradient is 0). */
  stepRel: number;
  stepWorstRel: number;
  stepWorstVariable: string;
  loss: [number, number];
}

/** Compares gradients with and without the depthwise products. */
function compareGradients(architecture: Architecture, vocab: number, shape: BatchShape): GradientCheck {
  const { batch: b, frames: t } = shape;
  const h = architecture.heads;
  const dk = architecture.dModel / h;
  const q = tf.variable(tf.randomNormal([b, h, t, dk]), true, 'check/q');
  const k = tf.variable(tf.randomNormal([b, h, dk, t]), true, 'check/k');
  const v = tf.variable(tf.randomNormal([b, h, t, dk]), true, 'check/v');
  const w = tf.randomNormal([b, h, t, dk]);
  const attention = () =>
    tf.sum(tf.mul(tf.matMul(tf.softmax(tf.mul(tf.matMul(q, k), 1 / Math.sqrt(dk))), v), w)) as TF.Scalar;
  const [a0, a1] = gradientsBothWays(attention, [q, k, v]);
  const attentionRel = relativeL2(a0, a1).global;
  tf.dispose([q, k, v, w]);

  const { net, adam } = model(architecture, vocab);
  adam.dispose();
  const batch = randomPoseBatch(shape, vocab, 5);
  const loss = () =>
    tf.mean(net.sampleLosses(batch, net.forward(batch, { training: true, seed: 11 }))) as TF.Scalar;
  const [s0, s1, losses] = gradientsBothWays(loss, net.params.variables);
  const names = net.params.names();
  const step = relativeL2(s0, s1, (i) => /attention\/k\/b$/.test(names[i] ?? ''));
  net.dispose();
  return {
    attentionRel,
    stepRel: step.global,
    stepWorstRel: step.worst,
    stepWorstVariable: names[step.index] ?? '-',
    loss: losses,
  };
}

/** Forward batched products of the main step's attention, `BatchMatMul` vs depthwise. */
function attentionProducts(
  shape: BatchShape,
): Array<{ name: string; batched: Timing; depthwise: Timing; maxRel: number; flops: number }> {
  const { batch: b, frames: t, sourceTokens: u } = shape;
  const h = BASE.heads;
  const dk = BASE.dModel / h;
  const cases: Array<[string, number[], number[]]> = [
    ['decoder self scores', [b, h, t, dk], [b, h, dk, t]],
    ['decoder self context', [b, h, t, t], [b, h, t, dk]],
    ['cross scores', [b, h, t, dk], [b, h, dk, u]],
    ['cross context', [b, h, t, u], [b, h, u, dk]],
    ['encoder self scores', [b, h, u, dk], [b, h, dk, u]],
  ];
  return cases.map(([name, as, bs]) => {
    const x = tf.randomNormal(as);
    const y = tf.randomNormal(bs);
    const ref = tf.matMul(x, y);
    const got = depthwiseBatchMatMul(x, y);
    const maxRel = tf.tidy(
      () => tf.max(tf.abs(tf.sub(ref, got))).dataSync()[0]! / tf.max(tf.abs(ref)).dataSync()[0]!,
    );
    const opts = { warmup: 2, minRuns: 10, minMs: 500 };
    const batched = timeRuns(() => tf.matMul(x, y).dispose(), opts);
    const depthwise = timeRuns(() => depthwiseBatchMatMul(x, y).dispose(), opts);
    tf.dispose([x, y, ref, got]);
    const flops = 2 * b * h * as[2]! * as[3]! * bs[3]!;
    return { name: `${name} [${as}]·[${bs}]`, batched, depthwise, maxRel, flops };
  });
}

interface StepRun {
  label: string;
  shape: BatchShape;
  timing: Timing;
  flops: number;
  gflops: number;
}

const stepFlops = (architecture: Architecture, shape: BatchShape): number =>
  trainingStepFlops(architecture, {
    batch: shape.batch,
    sourceLength: shape.sourceTokens,
    targetLength: shape.frames,
    inputWidth: 151,
    outputWidth: 151,
  });

function timingOf(times: number[]): Timing {
  const sorted = [...times].sort((x, y) => x - y);
  return {
    meanMs: times.reduce((x, y) => x + y, 0) / times.length,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    runs: times.length,
    times,
  };
}

/**
 * Steps of one model, alternating the shipped `BatchMatMul` and the depthwise override (order swapped
 * every pair) so that both see the same machine load; before each pair, a few reference matMuls go
 * into `referenceTimes`.
 */
function timePaired(
  label: string,
  architecture: Architecture,
  vocab: number,
  shape: BatchShape,
  referenceTimes: number[],
): [StepRun, StepRun] {
  const { net, adam } = model(architecture, vocab);
  const step = stepper(net, adam, randomPoseBatch(shape, vocab, 1));
  const withOverride = (fn: () => void) => {
    const restore = overrideBatchMatMulKernel();
    try {
      fn();
    } finally {
      restore();
    }
  };
  const timed = (fn: () => void) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  step();
  withOverride(step);
  const shipped: number[] = [];
  const depthwise: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    referenceTimes.push(...matMulReference({ warmup: 2, minRuns: 20, minMs: 0 }).times);
    if (i % 2 === 0) {
      shipped.push(timed(step));
      depthwise.push(timed(() => withOverride(step)));
    } else {
      depthwise.push(timed(() => withOverride(step)));
      shipped.push(timed(step));
    }
  }
  net.dispose();
  adam.dispose();
  const flops = stepFlops(architecture, shape);
  return [
    [`${label}`, shipped],
    [`${label}+depthwise`, depthwise],
  ].map(([name, times]) => {
    const timing = timingOf(times as number[]);
    const gflops = flops / timing.meanMs / 1e6;
    log(
      `  ${name} ${shapeText(shape)}: step ${timing.meanMs.toFixed(0)} ms mean (median ${timing.medianMs.toFixed(0)}; ${timing.times.map((x) => x.toFixed(0)).join(', ')}), ${(flops / 1e9).toFixed(1)} GFLOP → ${gflops.toFixed(2)} GFLOP/s`,
    );
    return { label: name as string, shape, timing, flops, gflops };
  }) as [StepRun, StepRun];
}

async function profileStep(architecture: Architecture, vocab: number, shape: BatchShape): Promise<Breakdown> {
  const { net, adam } = model(architecture, vocab);
  const step = stepper(net, adam, randomPoseBatch(shape, vocab, 1));
  step();
  const breakdown = await profileCall(step);
  net.dispose();
  adam.dispose();
  return breakdown;
}

const top = (b: Breakdown, n: number) => ({
  wallMs: b.wallMs,
  kernelMs: b.kernelMs,
  matMul: b.matMul,
  byName: b.byName.slice(0, n),
  byShape: b.byShape.slice(0, n),
});

export async function run(): Promise<BenchResult> {
  // The model ships the depthwise path (fast-ops.ts). Turn it off so that the plain arm below is the
  // BatchMatMul path and the kernel-swap arm is the depthwise path that the model uses by default.
  const previousDepthwise = setDepthwiseBatchMatMul(false);
  try {
    return await runBench();
  } finally {
    setDepthwiseBatchMatMul(previousDepthwise);
  }
}

async function runBench(): Promise<BenchResult> {
  const backend = await useWasm();
  log(
    `train-throughput: ${backend}; ${STEPS} timed steps per shape; other processes on these cores make timings noisy`,
  );
  const references: Timing[] = [];
  const reference = (when: string) => {
    const r = matMulReference();
    references.push(r);
    log(
      `  reference matMul 512³ (${when}): ${r.meanMs.toFixed(2)} ms mean, ${r.medianMs.toFixed(2)} median (${r.runs} runs) → ${((2 * 512 ** 3) / r.meanMs / 1e6).toFixed(2)} GFLOP/s; load average ${loadavg()[0]!.toFixed(2)}`,
    );
  };
  reference('start');

  const interleaved: number[] = [];
  log(
    'Base config, steps alternating plain BatchMatMul (label without suffix) and the depthwise path the model ships (label +depthwise):',
  );
  const pairs = SHAPES.map(({ label, shape }) =>
    timePaired(`base ${label}`, BASE, BASE_VOCAB, shape, interleaved),
  );
  const base = pairs.map((p) => p[0]);
  const patched = pairs.map((p) => p[1]);
  const profile = await profileStep(BASE, BASE_VOCAB, SHAPES[0]!.shape);
  log(formatBreakdown(`profile base main ${shapeText(SHAPES[0]!.shape)}, shipped`, profile));
  const restore = overrideBatchMatMulKernel();
  let patchedProfile: Breakdown;
  try {
    patchedProfile = await profileStep(BASE, BASE_VOCAB, SHAPES[0]!.shape);
  } finally {
    restore();
  }
  log(formatBreakdown(`profile base main ${shapeText(SHAPES[0]!.shape)}, depthwise`, patchedProfile));

  log('Prototype: batched attention products as a depthwise convolution:');
  const products = attentionProducts(SHAPES[0]!.shape);
  for (const p of products) {
    log(
      `  ${p.name.padEnd(58)} BatchMatMul ${p.batched.meanMs.toFixed(2)} ms (${(p.flops / p.batched.meanMs / 1e6).toFixed(2)} GFLOP/s), depthwise ${p.depthwise.meanMs.toFixed(2)} ms (${(p.flops / p.depthwise.meanMs / 1e6).toFixed(2)} GFLOP/s), max rel diff ${p.maxRel.toExponential(1)}`,
    );
  }
  const check = compareGradients(BASE, BASE_VOCAB, { batch: 4, frames: 40, sourceTokens: 12 });
  log(
    `  gradients with vs without (‖Δg‖₂/‖g‖₂): attention block softmax(q·k)·v at 4×4×40×128: ${check.attentionRel.toExponential(1)}; ` +
      `whole Base step (4×40×12, dropout on, same masks): loss ${check.loss[0]} vs ${check.loss[1]}, all variables ${check.stepRel.toExponential(1)}, ` +
      `worst variable ${check.stepWorstVariable} ${check.stepWorstRel.toExponential(1)} (attention key biases skipped: their exact gradient is 0, what is left is rounding noise)`,
  );
  reference('end');
  references.push(timingOf(interleaved));
  const allTimes = references.flatMap((r) => r.times);
  const mm = timingOf(allTimes);
  const mmGflops = (2 * 512 ** 3) / mm.meanMs / 1e6;
  const mmGflopsMedian = (2 * 512 ** 3) / mm.medianMs / 1e6;
  const inStep2d = profile.matMul.flat.flops / profile.matMul.flat.ms / 1e6;
  log(
    `  reference over all ${mm.runs} runs (start, ${interleaved.length} interleaved with the steps, end): ${mmGflops.toFixed(2)} GFLOP/s (mean time), ${mmGflopsMedian.toFixed(2)} (median time); ` +
      `interleaved alone ${((2 * 512 ** 3) / timingOf(interleaved).meanMs / 1e6).toFixed(2)}; 2-D BatchMatMul kernels inside the profiled shipped step: ${inStep2d.toFixed(2)} GFLOP/s`,
  );

  const tinyConfig = JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'packages', 'train', 'configs', 'tiny-mlsf.json'),
      'utf8',
    ),
  ) as { model: { architecture: Architecture; tokenizers: { source: { vocabSize: number } } } };
  const tinyArch = tinyConfig.model.architecture;
  const tinyVocab = tinyConfig.model.tokenizers.source.vocabSize;
  log('Tiny config (configs/tiny-mlsf.json as it is now):');
  const [tiny, tinyPatched] = timePaired('tiny', tinyArch, tinyVocab, TINY_SHAPE, []);

  const measurements: Measurement[] = [
    { name: 'reference: 2-D matMul 512×512×512 (mean)', medianMs: mm.meanMs, runs: mm.runs },
    ...[...base, ...patched, tiny, tinyPatched].map((s) => ({
      name: `${s.label} step ${shapeText(s.shape)} (mean)`,
      medianMs: s.timing.meanMs,
      runs: s.timing.runs,
    })),
    ...products.flatMap((p) => [
      { name: `${p.name} BatchMatMul (mean)`, medianMs: p.batched.meanMs, runs: p.batched.runs },
      { name: `${p.name} depthwise (mean)`, medianMs: p.depthwise.meanMs, runs: p.depthwise.runs },
    ]),
  ];
  const ratios: Record<string, number> = {
    matMulGflops: mmGflops,
    matMulGflopsMedian: mmGflopsMedian,
    matMulGflopsStart: (2 * 512 ** 3) / references[0]!.meanMs / 1e6,
    matMulGflopsEnd: (2 * 512 ** 3) / references[1]!.meanMs / 1e6,
    matMulGflopsInterleaved: (2 * 512 ** 3) / references[2]!.meanMs / 1e6,
    inStep2dMatMulGflops: inStep2d,
    inStepBatchedMatMulGflops: profile.matMul.batched.flops / profile.matMul.batched.ms / 1e6,
    inStepBatchedMatMulGflopsDepthwise:
      patchedProfile.matMul.batched.flops / patchedProfile.matMul.batched.ms / 1e6,
    mainShareOfIn2dStepMatMul: base[0]!.gflops / inStep2d,
    gradientRelDiffAttentionDepthwise: check.attentionRel,
    gradientRelDiffStepDepthwise: check.stepRel,
    gradientRelDiffWorstVariableDepthwise: check.stepWorstRel,
    tinyStepsPerSecond: 1000 / tiny.timing.meanMs,
    tinySequencesPerSecond: (1000 * TINY_SHAPE.batch) / tiny.timing.meanMs,
    tinySequencesPerSecondDepthwise: (1000 * TINY_SHAPE.batch) / tinyPatched.timing.meanMs,
  };
  for (const s of [...base, ...patched]) {
    const key = s.label.endsWith('+depthwise')
      ? `depthwise_${s.label.replace('base ', '').replace('+depthwise', '')}`
      : s.label.replace('base ', '');
    ratios[`${key}Gflops`] = s.gflops;
    ratios[`${key}ShareOfMatMul`] = s.gflops / mmGflops;
  }
  base.forEach((s, i) => {
    ratios[`speedupDepthwise_${SHAPES[i]!.label}`] = s.timing.meanMs / patched[i]!.timing.meanMs;
  });
  const mainShare = base[0]!.gflops / mmGflops;
  const result: BenchResult & { details: unknown } = {
    id: 'train-throughput',
    description:
      `Base (d 512, 2+2 layers, 4 heads, FFN 2048, vocab ${BASE_VOCAB}) training step on ${backend}: ` +
      `${patched[0]!.gflops.toFixed(2)} effective GFLOP/s at ${shapeText(SHAPES[0]!.shape)} = ${((100 * patched[0]!.gflops) / mmGflops).toFixed(0)} % of a 512³ matMul ` +
      `(${mmGflops.toFixed(1)} GFLOP/s) with the shipped depthwise attention products; ${(100 * mainShare).toFixed(0)} % with plain BatchMatMul; tiny config ${ratios.tinySequencesPerSecondDepthwise!.toFixed(1)} seq/s`,
    measurements,
    ratios,
    goals: {
      mainShareOfMatMul: {
        target: GOAL_SHARE,
        actual: patched[0]!.gflops / mmGflops,
        met: patched[0]!.gflops / mmGflops >= GOAL_SHARE,
      },
      mainShareOfMatMulWithoutDepthwise: {
        target: GOAL_SHARE,
        actual: mainShare,
        met: mainShare >= GOAL_SHARE,
      },
    },
    details: {
      profile: top(profile, 20),
      profileDepthwise: top(patchedProfile, 20),
      stepTimes: Object.fromEntries(
        [...base, ...patched, tiny, tinyPatched].map((s) => [
          `${s.label} ${shapeText(s.shape)}`,
          s.timing.times,
        ]),
      ),
      attentionProducts: products.map((p) => ({
        name: p.name,
        batchedMs: p.batched.meanMs,
        depthwiseMs: p.depthwise.meanMs,
        maxRel: p.maxRel,
      })),
    },
  };
  return result;
}
