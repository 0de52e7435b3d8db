/**
 * 2D→3D lifting speed (`liftSequence`, packages/data/src/lift) on the three real How2Sign OpenPose
 * clips of the shared data folder, one core. Measured in the same run:
 * - ours with the defaults (Adam, 300 steps) per clip → frames per second;
 * - a 100-frame clip (the first 100 frames of `_2FBDaOPYig_2-3`), goal ≤ 0.5 s;
 * - ours running the original algorithm (plain GD, lr 0.1, 1000 steps) on typed arrays;
 * - the reference: the same loss and gradient written the straightforward way (per-frame arrays of
 *   `{x, y, z}` objects allocated every iteration), plain GD lr 0.1 × 1000 steps as the original.
 * Before timing, the reference's loss and gradient are checked against ours at the same parameters.
 * The original's GPU figure (RTX 3060, 1,000 clips in ~10 h = ~36 s a clip; paper.md §9) is a
 * constant, not measured here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPoseSequence, mapSkeleton, openPoseFramesToSequence, type PoseSequence } from '@signllm/core';
import {
  createLiftObjective,
  DEFAULT_LIFT_WEIGHTS,
  initialiseLift,
  type LiftTarget,
  liftSequence,
  normaliseForLift,
  paramLayout,
  prompt2SignModel,
  type SkeletalModel,
} from '../../../packages/data/src/lift/index.ts';
import { type BenchResult, type Measurement, measure } from './harness.ts';

const GPU_SECONDS_PER_CLIP = 36;
const GOAL_MS_100_FRAMES = 500;
const CLIPS = ['_2FBDaOPYig_2-3-rgb_front', '_2FBDaOPYig_2-5-rgb_front', '_2FBDaOPYig_3-3-rgb_front'];

function sharedData(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('lift.bench: no pnpm-workspace.yaml above this file');
    dir = parent;
  }
  const data = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(dir, '..', 'shared', 'data'));
  if (!existsSync(join(data, 'how2sign-openpose')))
    throw new Error(`lift.bench needs ${data}/how2sign-openpose`);
  return data;
}

function readClip(data: string, clip: string): PoseSequence<2> {
  const dir = join(data, 'how2sign-openpose', clip);
  const names = readdirSync(dir).filter((n) => n.endsWith('_keypoints.json'));
  const frames = names.map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
  return mapSkeleton(
    openPoseFramesToSequence(frames, { source: clip, dims: 2 }),
    'prompt2sign-50',
  ) as PoseSequence<2>;
}

function firstFrames(seq: PoseSequence<2>, n: number): PoseSequence<2> {
  return createPoseSequence({
    skeleton: seq.skeleton,
    fps: seq.fps,
    dims: 2,
    frames: n,
    data: seq.data.slice(0, n * 100),
    confidence: seq.confidence.slice(0, n * 50),
  });
}

interface Vec {
  x: number;
  y: number;
  z: number;
}

/** The reference: loss and gradient with fresh objects per frame and joint, every call. */
function naiveLossAndGradient(
  m: SkeletalModel,
  target: LiftTarget,
  params: Float64Array,
): { loss: number; grad: Float64Array } {
  const T = target.frames;
  const J = m.joints;
  const { length: lambdaLen, smooth: lambdaSmooth } = DEFAULT_LIFT_WEIGHTS;
  const layout = paramLayout(m, T);
  const lengths = Array.from(params.subarray(0, m.lengthIds), Math.exp);
  const units: Vec[][] = [];
  const poses: Vec[][] = [];
  for (let t = 0; t < T; t++) {
    const pose: Vec[] = new Array(J);
    const unit: Vec[] = [];
    const r = layout.root + t * 3;
    pose[m.root] = { x: params[r]!, y: params[r + 1]!, z: params[r + 2]! };
    for (let b = 0; b < m.bones; b++) {
      const a = layout.directions + (t * m.bones + b) * 3;
      const v = { x: params[a]!, y: params[a + 1]!, z: params[a + 2]! };
      const n = Math.sqrt(v.x * v.x + v.y * v.y + v.z * v.z);
      const u = { x: v.x / n, y: v.y / n, z: v.z / n };
      unit.push(u);
      const L = lengths[m.lengthId[b]!]!;
      const p = pose[m.parent[b]!]!;
      pose[m.child[b]!] = { x: p.x + L * u.x, y: p.y + L * u.y, z: p.z + L * u.z };
    }
    poses.push(pose);
    units.push(unit);
  }
  let loss = 0;
  const gradP: Vec[][] = poses.map((pose) => pose.map(() => ({ x: 0, y: 0, z: 0 })));
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < J; j++) {
      const i = t * J + j;
      const p = poses[t]![j]!;
      const w = target.w[i]!;
      const dx = p.x - target.x[i]!;
      const dy = p.y - target.y[i]!;
      loss += (w * (dx * dx + dy * dy)) / (T * J);
      gradP[t]![j]!.x += (2 * w * dx) / (T * J);
      gradP[t]![j]!.y += (2 * w * dy) / (T * J);
      if (t > 0) {
        const q = poses[t - 1]![j]!;
        const c = lambdaSmooth / ((T - 1) * J);
        const d = { x: p.x - q.x, y: p.y - q.y, z: p.z - q.z };
        loss += c * (d.x * d.x + d.y * d.y + d.z * d.z);
        const g = gradP[t]![j]!;
        const h = gradP[t - 1]![j]!;
        g.x += 2 * c * d.x;
        g.y += 2 * c * d.y;
        g.z += 2 * c * d.z;
        h.x -= 2 * c * d.x;
        h.y -= 2 * c * d.y;
        h.z -= 2 * c * d.z;
      }
    }
  }
  loss += lambdaLen * lengths.reduce((s, l) => s + l, 0);
  const grad = new Float64Array(layout.size);
  const gradLen = lengths.map(() => 0);
  for (let t = 0; t < T; t++) {
    for (let b = m.bones - 1; b >= 0; b--) {
      const g = gradP[t]![m.child[b]!]!;
      const u = units[t]![b]!;
      const dot = g.x * u.x + g.y * u.y + g.z * u.z;
      gradLen[m.lengthId[b]!]! += dot;
      const a = layout.directions + (t * m.bones + b) * 3;
      const v = { x: params[a]!, y: params[a + 1]!, z: params[a + 2]! };
      const s = lengths[m.lengthId[b]!]! / Math.sqrt(v.x * v.x + v.y * v.y + v.z * v.z);
      grad[a] = s * (g.x - dot * u.x);
      grad[a + 1] = s * (g.y - dot * u.y);
      grad[a + 2] = s * (g.z - dot * u.z);
      const p = gradP[t]![m.parent[b]!]!;
      gradP[t]![m.parent[b]!] = { x: p.x + g.x, y: p.y + g.y, z: p.z + g.z };
    }
    const g = gradP[t]![m.root]!;
    grad.set([g.x, g.y, g.z], layout.root + t * 3);
  }
  lengths.forEach((L, k) => {
    grad[k] = L * (gradLen[k]! + lambdaLen);
  });
  return { loss, grad };
}

/** The original algorithm the straightforward way: init, then plain GD lr 0.1 × 1000. */
function naiveLift(seq: PoseSequence<2>): number {
  const m = prompt2SignModel();
  const { target } = normaliseForLift(seq);
  let params = initialiseLift(m, target, 1234);
  let loss = 0;
  for (let it = 0; it < 1000; it++) {
    const r = naiveLossAndGradient(m, target, params);
    loss = r.loss;
    params = params.map((p, i) => p - 0.1 * r.grad[i]!);
  }
  return loss;
}

function checkAgreement(seq: PoseSequence<2>): void {
  const m = prompt2SignModel();
  const { target } = normaliseForLift(seq);
  const params = initialiseLift(m, target, 1234);
  for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.01 * Math.sin(i); // off the init
  const objective = createLiftObjective(m, target, DEFAULT_LIFT_WEIGHTS);
  const grad = new Float64Array(params.length);
  const loss = objective.evaluate(params, grad);
  const ref = naiveLossAndGradient(m, target, params);
  if (Math.abs(loss - ref.loss) > 1e-12 * Math.abs(loss))
    throw new Error(`lift.bench: loss ${loss} vs ${ref.loss}`);
  let worst = 0;
  let scale = 0;
  grad.forEach((g, i) => {
    worst = Math.max(worst, Math.abs(g - ref.grad[i]!));
    scale = Math.max(scale, Math.abs(g));
  });
  if (worst > 1e-10 * scale) throw new Error(`lift.bench: gradients differ by ${worst} (scale ${scale})`);
}

/**
 * Mean CPU time (user + system, all threads of this process) per call: on a shared, loaded machine the
 * wall-clock median overstates the cost of a single-threaded computation, CPU time much less so.
 */
function cpuMeasure(name: string, fn: () => unknown, runs: number): Measurement {
  fn();
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn();
  const used = process.cpuUsage(start);
  return { name, medianMs: (used.user + used.system) / 1000 / runs, runs };
}

/** Runs the benchmark. */
export async function run(): Promise<BenchResult> {
  const data = sharedData();
  const clips = CLIPS.map((c) => ({ name: c, seq: readClip(data, c) }));
  const clip100 = firstFrames(clips[0]!.seq, 100);
  checkAgreement(clip100);

  const perClip = [];
  for (const { name, seq } of clips) {
    perClip.push({
      frames: seq.frames,
      m: await measure(`ours, defaults (Adam 300): ${name} (${seq.frames} frames)`, () => liftSequence(seq), {
        minMs: 2000,
      }),
    });
  }
  const ours100 = await measure('ours, defaults (Adam 300): 100-frame clip', () => liftSequence(clip100), {
    minMs: 2000,
  });
  const oursCpu100 = cpuMeasure(
    'ours, defaults (Adam 300): 100-frame clip, mean CPU time',
    () => liftSequence(clip100),
    10,
  );
  const oursGd100 = await measure('ours, original algorithm (GD lr 0.1 × 1000): 100-frame clip', () =>
    liftSequence(clip100, { optimizer: 'gd' }),
  );
  const naive100 = await measure(
    'reference: naive objects, GD lr 0.1 × 1000: 100-frame clip',
    () => naiveLift(clip100),
    {
      minMs: 0,
      warmup: 1,
      maxRuns: 3,
    },
  );

  const totalFrames = perClip.reduce((s, c) => s + c.frames, 0);
  const totalMs = perClip.reduce((s, c) => s + c.m.medianMs, 0);
  const framesPerSecond = (totalFrames / totalMs) * 1000;
  return {
    id: 'lift',
    description:
      `liftSequence on the 3 How2Sign OpenPose clips (${clips.map((c) => c.seq.frames).join(', ')} frames; ` +
      `${framesPerSecond.toFixed(0)} frames/s with the defaults) and on a 100-frame clip, vs a naive ` +
      `object-per-joint implementation of the original GD × 1000, and vs the original's ~${GPU_SECONDS_PER_CLIP} s/clip on an RTX 3060`,
    measurements: [...perClip.map((c) => c.m), ours100, oursCpu100, oursGd100, naive100],
    ratios: {
      framesPerSecondDefaults: framesPerSecond,
      speedupDefaultsVsNaiveGd1000: naive100.medianMs / ours100.medianMs,
      speedupGd1000VsNaiveGd1000: naive100.medianMs / oursGd100.medianMs,
      speedupDefaultsVsOurGd1000: oursGd100.medianMs / ours100.medianMs,
      speedupDefaultsVsOriginalGpu36s: (GPU_SECONDS_PER_CLIP * 1000) / ours100.medianMs,
    },
    goals: {
      ms100Frames: {
        target: GOAL_MS_100_FRAMES,
        actual: ours100.medianMs,
        met: ours100.medianMs <= GOAL_MS_100_FRAMES,
      },
      cpuMs100Frames: {
        target: GOAL_MS_100_FRAMES,
        actual: oursCpu100.medianMs,
        met: oursCpu100.medianMs <= GOAL_MS_100_FRAMES,
      },
    },
  };
}
