/**
 * Effect of the Priority Learning Channel on a corpus with low-quality samples: a synthetic corpus
 * (`synthDataset`, one language, 30 % of the samples corrupted: jitter, dropped frames or wrong timing,
 * flagged `noisy`), trained with the real `train()` loop by (a) the MSE loss with uniform sampling and
 * (b) the RL loss + PLC (exp rewards, η 1, skip the lower half of each batch, priorities refreshed every
 * validation), for several seeds each, validated on the CLEAN rows of the dev split (the trainer
 * validates on the dev split as it is, so it trains on a copy of the corpus whose dev split keeps only
 * clean rows; the train split is untouched).
 *
 * The target dev DTW is fixed from the MSE runs before any PLC run: the mean over seeds of their
 * best-so-far dev DTW at 75 % of the step budget. Reported per arm (mean over seeds): steps and
 * training seconds (validation and PLC refreshes included, from `metrics.jsonl`) until the dev DTW
 * first reaches the target, and the final and best dev DTW. The paper reports a 27.1 % training-time
 * reduction from PLC; this measures whatever happens here.
 *
 * Scale with SIGNLLM_BENCH_PLC_SEEDS (default 3), SIGNLLM_BENCH_PLC_STEPS (default 500),
 * SIGNLLM_BENCH_PLC_SEQUENCES (default 400); the PLC constants with SIGNLLM_BENCH_PLC_ETA (default 1) and
 * SIGNLLM_BENCH_PLC_SKIP (skip quantile, default 0.5). Timings share the cores with other work.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BenchResult, Measurement } from './harness.ts';
import {
  benchTempDir,
  benchTrainConfig,
  buildCorpus,
  type CurvePoint,
  countSplits,
  envNumber,
  firstReach,
  mean,
  pointAt,
  type RunOutcome,
  runTraining,
  std,
} from './train-bench-runs.ts';

const SEEDS = Math.round(envNumber('SIGNLLM_BENCH_PLC_SEEDS', 3));
const STEPS = Math.round(envNumber('SIGNLLM_BENCH_PLC_STEPS', 500));
const SEQUENCES = Math.round(envNumber('SIGNLLM_BENCH_PLC_SEQUENCES', 400));
const ETA = envNumber('SIGNLLM_BENCH_PLC_ETA', 1, true);
const SKIP = envNumber('SIGNLLM_BENCH_PLC_SKIP', 0.5, true);
const VALIDATE_EVERY = Math.max(10, Math.round(STEPS / 10 / 10) * 10);
const TARGET_FRACTION = 0.75;
const PAPER_REDUCTION = 0.271;

const log = (line: string) => process.stderr.write(`${line}\n`);

type Arm = 'mse' | 'rl+plc';

/** Best-so-far curve (what "has reached the target" means). */
function bestSoFar(curve: readonly CurvePoint[]): CurvePoint[] {
  let best = Number.POSITIVE_INFINITY;
  return curve.map((p) => {
    best = Math.min(best, p.dtw);
    return { ...p, dtw: best };
  });
}

interface ArmSummary {
  arm: Arm;
  runs: Array<{
    seed: number;
    stepsToTarget: number | undefined;
    secondsToTarget: number | undefined;
    finalDtw: number;
    bestDtw: number;
    seconds: number;
    secondsPerStep: number;
  }>;
}

function summarise(arm: Arm, outcomes: Array<{ seed: number; out: RunOutcome }>, target: number): ArmSummary {
  return {
    arm,
    runs: outcomes.map(({ seed, out }) => {
      const reach = firstReach(out.curve, target);
      const last = out.curve[out.curve.length - 1];
      return {
        seed,
        stepsToTarget: reach?.step,
        secondsToTarget: reach?.seconds,
        finalDtw: last?.dtw ?? Number.NaN,
        bestDtw: Math.min(...out.curve.map((p) => p.dtw)),
        seconds: last?.seconds ?? Number.NaN,
        secondsPerStep: (last?.seconds ?? Number.NaN) / (last?.step ?? 1),
      };
    }),
  };
}

const fmt = (x: number | undefined, digits = 1) =>
  x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);

export async function run(): Promise<BenchResult> {
  const tmp = await benchTempDir('plc');
  try {
    const dataDir = join(tmp.dir, 'synth-noisy');
    await buildCorpus(dataDir, {
      languages: ['ase'],
      sequences: SEQUENCES,
      seed: 11,
      noisy: 0.3,
      fps: 10,
      glossesPerSentence: [2, 4],
      lexiconSize: 16,
    });
    // the trainer validates on the clean rows of dev only (rows flagged noisy are left out)
    const after = await countSplits(dataDir);
    const dev = after.dev ?? { rows: 0, noisy: 0, frames: 0 };
    log(
      `plc-effect: ${SEQUENCES} sequences (ase, 10 fps, 30 % noisy): train ${after.train?.rows} rows (${after.train?.noisy} noisy, ${after.train?.frames} frames); ` +
        `dev ${dev.rows} rows of which ${dev.noisy} noisy → validating on the ${dev.rows - dev.noisy} clean ones; ${STEPS} steps × batch 16, validation every ${VALIDATE_EVERY}, ${SEEDS} seeds; load average ${loadavg()[0]!.toFixed(2)}`,
    );

    const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);
    const runArm = async (arm: Arm) => {
      const outcomes: Array<{ seed: number; out: RunOutcome }> = [];
      for (const seed of seeds) {
        const out = await runTraining(
          benchTrainConfig({
            data: dataDir,
            outDir: join(tmp.dir, `run-${arm}-${seed}`),
            seed,
            steps: STEPS,
            validateEvery: VALIDATE_EVERY,
            loss: arm === 'mse' ? 'mse' : 'rl',
            plc: arm !== 'mse',
            eta: ETA,
            skipQuantile: SKIP,
          }),
        );
        log(
          `  ${arm} seed ${seed}: ${out.wallSeconds.toFixed(1)} s; dev DTW ${out.curve.map((p) => `${p.step}:${p.dtw.toFixed(2)}`).join(' ')}`,
        );
        outcomes.push({ seed, out });
      }
      return outcomes;
    };

    const mse = await runArm('mse');
    const targetStep = Math.round(STEPS * TARGET_FRACTION);
    const target = mean(mse.map(({ out }) => pointAt(bestSoFar(out.curve), targetStep)?.dtw ?? Number.NaN));
    log(
      `  target dev DTW fixed now, before the PLC runs: ${target.toFixed(3)} = mean over the MSE seeds of their best dev DTW by step ${targetStep} (${TARGET_FRACTION * 100} % of ${STEPS})`,
    );
    const plc = await runArm('rl+plc');

    const summaries = [summarise('mse', mse, target), summarise('rl+plc', plc, target)];
    const lines = [
      `| arm | seed | steps to DTW ≤ ${target.toFixed(2)} | seconds to target | final dev DTW | best dev DTW | s/step |`,
      '|---|---|---|---|---|---|---|',
    ];
    for (const s of summaries) {
      for (const r of s.runs) {
        lines.push(
          `| ${s.arm} | ${r.seed} | ${r.stepsToTarget ?? `not reached (>${STEPS})`} | ${fmt(r.secondsToTarget)} | ${fmt(r.finalDtw, 2)} | ${fmt(r.bestDtw, 2)} | ${fmt(r.secondsPerStep, 3)} |`,
        );
      }
    }
    const agg = (s: ArmSummary) => {
      const reached = s.runs.filter((r) => r.stepsToTarget !== undefined);
      return {
        reached: reached.length,
        // Runs that never reach the target count with the whole budget (a lower bound of their time).
        steps: mean(s.runs.map((r) => r.stepsToTarget ?? STEPS)),
        seconds: mean(s.runs.map((r) => r.secondsToTarget ?? r.seconds)),
        finalDtw: mean(s.runs.map((r) => r.finalDtw)),
        finalDtwStd: std(s.runs.map((r) => r.finalDtw)),
        bestDtw: mean(s.runs.map((r) => r.bestDtw)),
        secondsPerStep: mean(s.runs.map((r) => r.secondsPerStep)),
      };
    };
    const a = agg(summaries[0]!);
    const b = agg(summaries[1]!);
    for (const [name, x] of [
      ['mse', a],
      ['rl+plc', b],
    ] as const) {
      lines.push(
        `| **${name} mean** | ${x.reached}/${SEEDS} reached | ${fmt(x.steps, 0)} | ${fmt(x.seconds)} | ${fmt(x.finalDtw, 2)} ± ${fmt(x.finalDtwStd, 2)} | ${fmt(x.bestDtw, 2)} | ${fmt(x.secondsPerStep, 3)} |`,
      );
    }
    const timeReduction = 1 - b.seconds / a.seconds;
    const stepReduction = 1 - b.steps / a.steps;
    log(lines.join('\n'));
    log(
      `  PLC vs MSE: time to target ${(100 * Math.abs(timeReduction)).toFixed(1)} % ${timeReduction >= 0 ? 'less' : 'MORE'}, steps ${(100 * Math.abs(stepReduction)).toFixed(1)} % ${stepReduction >= 0 ? 'fewer' : 'MORE'} (paper: ${PAPER_REDUCTION * 100} % less time); ` +
        'runs that never reached the target count with their whole budget',
    );

    const measurements: Measurement[] = summaries.flatMap((s) =>
      s.runs.map((r) => ({
        name: `${s.arm} seed ${r.seed}: training time to dev DTW ≤ ${target.toFixed(2)} (budget if not reached)`,
        medianMs: 1000 * (r.secondsToTarget ?? r.seconds),
        runs: 1,
      })),
    );
    const result: BenchResult & { details: unknown } = {
      id: 'plc-effect',
      description:
        `RL loss + PLC (eta ${ETA}, skip quantile ${SKIP}) vs MSE on a synthetic corpus with 30 % noisy samples (${SEEDS} seeds, ${STEPS} steps, clean dev rows): ` +
        `time to dev DTW ≤ ${target.toFixed(2)} ${(100 * Math.abs(timeReduction)).toFixed(1)} % ${timeReduction >= 0 ? 'shorter' : 'longer'} with PLC (${b.reached}/${SEEDS} PLC and ${a.reached}/${SEEDS} MSE runs reached it; unreached runs count with their whole budget; paper: 27.1 % shorter); ` +
        `final dev DTW ${a.finalDtw.toFixed(2)} (MSE) vs ${b.finalDtw.toFixed(2)} (PLC)`,
      measurements,
      ratios: {
        targetDtw: target,
        mseStepsToTarget: a.steps,
        plcStepsToTarget: b.steps,
        mseSecondsToTarget: a.seconds,
        plcSecondsToTarget: b.seconds,
        mseReached: a.reached,
        plcReached: b.reached,
        timeReductionPlc: timeReduction,
        stepReductionPlc: stepReduction,
        mseFinalDtw: a.finalDtw,
        plcFinalDtw: b.finalDtw,
        mseBestDtw: a.bestDtw,
        plcBestDtw: b.bestDtw,
        mseSecondsPerStep: a.secondsPerStep,
        plcSecondsPerStep: b.secondsPerStep,
        paperTimeReduction: PAPER_REDUCTION,
      },
      goals: {
        timeReductionVsPaper: {
          target: PAPER_REDUCTION,
          actual: timeReduction,
          met: timeReduction >= PAPER_REDUCTION,
        },
      },
      details: {
        table: lines.join('\n'),
        splits: after,
        curves: Object.fromEntries(
          [...mse.map((o) => ['mse', o] as const), ...plc.map((o) => ['rl+plc', o] as const)].map(
            ([arm, o]) => [`${arm} seed ${o.seed}`, o.out.curve],
          ),
        ),
      },
    };
    return result;
  } finally {
    await tmp.cleanup();
  }
}
