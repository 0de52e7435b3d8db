/**
 * Shared pieces of the training-run benchmarks (plc-effect, train-ablation): a synthetic corpus in a
 * temp folder, a copy of it whose dev split keeps only clean rows, a small training run through the
 * real `train()` loop, its validation curve read back from `metrics.jsonl`, and small statistics.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDataset, synthDataset } from '../../../packages/data/src/index.ts';
import {
  type EffectiveTrainConfig,
  readMetrics,
  resolveTrainConfig,
  type TrainResult,
  train,
} from '../../../packages/train/src/index.ts';

/** Creates a temp folder; `cleanup` removes it unless SIGNLLM_BENCH_KEEP is set. */
export async function benchTempDir(label: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `signllm-bench-${label}-`));
  return {
    dir,
    cleanup: async () => {
      if (!process.env.SIGNLLM_BENCH_KEEP) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Options of the benchmark corpus. */
export interface CorpusOptions {
  languages: string[];
  sequences: number;
  seed: number;
  noisy: number;
  fps: number;
  glossesPerSentence: [number, number];
  lexiconSize: number;
}

/** Per-split counts of a corpus, with how many rows are flagged `noisy`. */
export type SplitCounts = Record<string, { rows: number; noisy: number; frames: number }>;

const isNoisy = (flags: readonly string[] | undefined): boolean => (flags ?? []).includes('noisy');

/** Counts rows, noisy rows and frames per split. */
export async function countSplits(dir: string): Promise<SplitCounts> {
  const reader = await openDataset(dir);
  const counts: SplitCounts = {};
  for await (const row of reader.rows()) {
    const c = counts[row.split] ?? { rows: 0, noisy: 0, frames: 0 };
    c.rows++;
    c.frames += row.sequence.frames;
    if (isNoisy(row.flags)) c.noisy++;
    counts[row.split] = c;
  }
  return counts;
}

/** Writes the synthetic corpus to `dir`. */
export async function buildCorpus(dir: string, options: CorpusOptions): Promise<void> {
  await synthDataset({ out: dir, ...options, shardRows: 64 });
}

/** The small model and run settings every training benchmark shares (one language, d 64, 2+2 layers). */
export interface BenchRunSettings {
  data: string;
  outDir: string;
  seed: number;
  steps: number;
  validateEvery: number;
  loss: 'mse' | 'rl';
  plc?: boolean;
  /** PLC constants (defaults: the package's, eta 1 and skipQuantile 0.5). */
  eta?: number;
  skipQuantile?: number;
  augmentations?: Record<string, unknown>;
}

/** A training config for `runTraining` (validation on the clean rows of dev: the trainer skips noisy ones). */
export function benchTrainConfig(o: BenchRunSettings): Record<string, unknown> {
  return {
    data: o.data,
    outDir: o.outDir,
    model: {
      mode: 'mlsf',
      languages: ['ase'],
      architecture: {
        encoderLayers: 2,
        decoderLayers: 2,
        dModel: 64,
        heads: 4,
        ffnSize: 128,
        dropout: 0,
        maxSourceLength: 32,
        maxTargetLength: 256,
      },
      tokenizers: { source: { kind: 'subword', vocabSize: 300 } },
      augmentations: { gaussianNoiseRate: 0, futurePrediction: 0, justCounter: false, ...o.augmentations },
    },
    steps: o.steps,
    batchSize: 16,
    learningRate: 0.001,
    lrSchedule: { minLr: 0.0001 },
    seed: o.seed,
    backend: 'wasm',
    loss: o.loss,
    ...(o.loss === 'rl'
      ? {
          rl: {
            plc: o.plc ?? false,
            rewardTransform: 'exp',
            eta: o.eta ?? 1,
            skipQuantile: o.skipQuantile ?? 0.5,
            refreshEvery: o.validateEvery,
          },
        }
      : {}),
    validateEvery: o.validateEvery,
    logEvery: o.validateEvery,
    checkpointEvery: o.steps,
    keepCheckpoints: 1,
    validation: { split: 'dev', maxSequences: 1000, timing: 'ground-truth' },
  };
}

/** One validation point of a run. */
export interface CurvePoint {
  step: number;
  dtw: number;
  /** Training seconds at this point (validation and PLC refreshes included). */
  seconds: number;
}

/** What `runTraining` returns. */
export interface RunOutcome {
  result: TrainResult;
  curve: CurvePoint[];
  /** Wall seconds of the whole `train()` call (setup, tokenizer training and the final checkpoint included). */
  wallSeconds: number;
  config: EffectiveTrainConfig;
}

/** Runs `train()` on a raw (unvalidated) config object and reads its validation curve back. */
export async function runTraining(raw: Record<string, unknown>): Promise<RunOutcome> {
  const config = await resolveTrainConfig(raw, {}, process.cwd());
  const t0 = performance.now();
  const result = await train({ config, progress: 'none', log: () => {} });
  const wallSeconds = (performance.now() - t0) / 1000;
  const rows = await readMetrics(join(result.runDir, 'metrics.jsonl'));
  const curve = rows
    .filter((r) => typeof r.dtw === 'number')
    .map((r) => ({
      step: r.step,
      dtw: r.dtw as number,
      seconds: typeof r.seconds === 'number' ? r.seconds : Number.NaN,
    }));
  return { result, curve, wallSeconds, config };
}

/** First validation point with dtw ≤ target, or undefined. */
export function firstReach(curve: readonly CurvePoint[], target: number): CurvePoint | undefined {
  return curve.find((p) => p.dtw <= target);
}

/** The validation point at or just after `step`. */
export function pointAt(curve: readonly CurvePoint[], step: number): CurvePoint | undefined {
  return curve.find((p) => p.step >= step) ?? curve[curve.length - 1];
}

/** Mean of finite numbers (NaN when none). */
export function mean(xs: readonly number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : Number.NaN;
}

/** Sample standard deviation of finite numbers (NaN with fewer than two). */
export function std(xs: readonly number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x));
  if (ok.length < 2) return Number.NaN;
  const m = mean(ok);
  return Math.sqrt(ok.reduce((s, x) => s + (x - m) ** 2, 0) / (ok.length - 1));
}

/** Env override of a positive number (or ≥ 0 with `allowZero`). */
export function envNumber(name: string, fallback: number, allowZero = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) {
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${raw}`);
  }
  return n;
}
