/**
 * Ablation table in the manner of the paper's: on a clean synthetic corpus (`synthDataset`, one
 * language, 10 fps), the same small model, step budget and seed(s) for
 * - Base: MLSF + MSE,
 * - + FP: future prediction, k = 3,
 * - + GN: Gaussian noise on the decoder inputs, rate 5,
 * - RL loss (no PLC),
 * - RL loss + PLC,
 * each trained with the real `train()` loop, then its final model evaluated on the dev split with
 * `evaluatePoseModel`: PT DTW with ground-truth timing (as PT evaluates) and free-running. Prints a
 * Markdown table. Scale with SIGNLLM_BENCH_ABLATION_STEPS (default 400) and
 * SIGNLLM_BENCH_ABLATION_SEEDS (default 1; the table then shows the mean over seeds).
 */
import { join } from 'node:path';
import { openDataset } from '../../../packages/data/src/index.ts';
import { evaluatePoseModel, loadModelFromRun } from '../../../packages/train/src/index.ts';
import type { BenchResult, Measurement } from './harness.ts';
import {
  benchTempDir,
  benchTrainConfig,
  buildCorpus,
  countSplits,
  envNumber,
  mean,
  runTraining,
} from './train-bench-runs.ts';

const STEPS = Math.round(envNumber('SIGNLLM_BENCH_ABLATION_STEPS', 400));
const SEEDS = Math.round(envNumber('SIGNLLM_BENCH_ABLATION_SEEDS', 1));
const VALIDATE_EVERY = Math.max(10, Math.round(STEPS / 5 / 10) * 10);

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Variant {
  name: string;
  augmentations?: { futurePrediction?: number; gaussianNoiseRate?: number };
  loss: 'mse' | 'rl';
  plc?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'Base (MLSF + MSE)', loss: 'mse' },
  { name: '+ FP (k = 3)', augmentations: { futurePrediction: 3 }, loss: 'mse' },
  { name: '+ GN (rate 5)', augmentations: { gaussianNoiseRate: 5 }, loss: 'mse' },
  { name: 'RL loss', loss: 'rl', plc: false },
  { name: 'RL loss + PLC', loss: 'rl', plc: true },
];

interface Row {
  name: string;
  dtw: number[];
  dtwFree: number[];
  lengthAccuracy: number[];
  bestValidation: number[];
  seconds: number[];
}

export async function run(): Promise<BenchResult> {
  const tmp = await benchTempDir('ablation');
  try {
    const data = join(tmp.dir, 'synth-clean');
    await buildCorpus(data, {
      languages: ['ase'],
      sequences: 400,
      seed: 12,
      noisy: 0,
      fps: 10,
      glossesPerSentence: [2, 4],
      lexiconSize: 16,
    });
    const splits = await countSplits(data);
    log(
      `train-ablation: clean synthetic corpus (ase, 10 fps): train ${splits.train?.rows} rows, dev ${splits.dev?.rows} rows; ` +
        `${STEPS} steps × batch 16 per variant, ${SEEDS} seed(s), d 64, 2+2 layers`,
    );
    const reader = await openDataset(data);
    const rows: Row[] = [];
    for (const v of VARIANTS) {
      const row: Row = {
        name: v.name,
        dtw: [],
        dtwFree: [],
        lengthAccuracy: [],
        bestValidation: [],
        seconds: [],
      };
      for (let seed = 1; seed <= SEEDS; seed++) {
        const out = await runTraining(
          benchTrainConfig({
            data,
            outDir: join(tmp.dir, `run-${rows.length}-${seed}`),
            seed,
            steps: STEPS,
            validateEvery: VALIDATE_EVERY,
            loss: v.loss,
            ...(v.plc === undefined ? {} : { plc: v.plc }),
            ...(v.augmentations ? { augmentations: v.augmentations } : {}),
          }),
        );
        const model = await loadModelFromRun(out.result.runDir);
        try {
          const ev = await evaluatePoseModel(model, reader, { split: 'dev' });
          row.dtw.push(ev.dtw);
          row.dtwFree.push(ev.dtwFreeRunning);
          row.lengthAccuracy.push(ev.lengthAccuracy);
        } finally {
          model.dispose();
        }
        row.bestValidation.push(out.result.bestDtw);
        row.seconds.push(out.wallSeconds);
        log(
          `  ${v.name} seed ${seed}: ${out.wallSeconds.toFixed(1)} s; final dev DTW ${row.dtw.at(-1)!.toFixed(3)} (ground-truth timing), ${row.dtwFree.at(-1)!.toFixed(3)} (free-running); best validation ${out.result.bestDtw.toFixed(3)}`,
        );
      }
      rows.push(row);
    }
    const base = rows[0]!;
    const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
    const rel = (x: number, b: number) => `${x <= b ? '' : '+'}${(100 * (x / b - 1)).toFixed(1)} %`;
    const table = [
      `| Variant (${STEPS} steps, ${SEEDS} seed${SEEDS > 1 ? 's' : ''}) | dev DTW ↓ (ground-truth timing) | vs Base | dev DTW ↓ (free-running) | vs Base | length within 10 % | best validation DTW | train s |`,
      '|---|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${f(mean(r.dtw))} | ${r === base ? '—' : rel(mean(r.dtw), mean(base.dtw))} | ${f(mean(r.dtwFree))} | ${r === base ? '—' : rel(mean(r.dtwFree), mean(base.dtwFree))} | ${f(100 * mean(r.lengthAccuracy), 0)} % | ${f(mean(r.bestValidation))} | ${f(mean(r.seconds), 0)} |`,
      ),
    ].join('\n');
    log(table);
    const measurements: Measurement[] = rows.map((r) => ({
      name: `${r.name}: train() wall time, ${STEPS} steps`,
      medianMs: 1000 * mean(r.seconds),
      runs: r.seconds.length,
    }));
    const ratios: Record<string, number> = {};
    rows.forEach((r, i) => {
      ratios[`variant${i}DevDtw`] = mean(r.dtw);
      ratios[`variant${i}DevDtwFreeRunning`] = mean(r.dtwFree);
      ratios[`variant${i}DtwVsBase`] = mean(r.dtw) / mean(base.dtw);
    });
    const result: BenchResult & { details: unknown } = {
      id: 'train-ablation',
      description: `Ablation on a clean synthetic corpus, ${STEPS} steps, ${SEEDS} seed(s) (variant0..4 = ${rows.map((r) => r.name).join(' / ')}): dev DTW ${rows.map((r) => f(mean(r.dtw))).join(' / ')}`,
      measurements,
      ratios,
      details: { table, rows },
    };
    return result;
  } finally {
    await tmp.cleanup();
  }
}
