/**
 * The commands of the paper's evaluation: `backtranslate train` (a pose → text model on a dataset's
 * ground-truth poses), `backtranslate eval` (back-translate ground-truth or generated poses of a split,
 * score BLEU-1..4 / ROUGE-L / DTW, write `<run>/eval/<split>-backtranslation.json`) and `report`
 * (Markdown tables like the paper's from those reports). Usage errors (missing or non-existent paths,
 * unknown choices, neither or both of --poses / --ground-truth) exit 2; failures of the work exit 1.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TRAIN_BACKENDS } from '@signllm/core';
import { createProgress, openDataset } from '@signllm/data';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { selectBackend } from '../backend/select-backend.ts';
import {
  BACKTRANSLATION_TARGETS,
  loadBacktranslationConfig,
} from '../backtranslate/backtranslation-config.ts';
import {
  backtranslationReport,
  backtranslationReportPath,
  writeBacktranslationReport,
} from '../backtranslate/backtranslation-report.ts';
import { evaluateBacktranslation } from '../backtranslate/evaluate-backtranslation.ts';
import { formatBacktranslation } from '../backtranslate/format-backtranslation.ts';
import { loadBacktranslator } from '../backtranslate/load-backtranslator.ts';
import { trainBacktranslation } from '../backtranslate/train-backtranslation.ts';
import { REPORT_SPLITS, readRunResults } from '../report/read-run-results.ts';
import { renderResults } from '../report/render-results.ts';
import { writeFileAtomic } from '../run/index.ts';
import { loadModelFromRun } from '../train/load-model.ts';
import type { SignModel } from '../train/sign-model.ts';
import { existingPath, integer, runDirOf } from './cli-helpers.ts';
import type { CliIo } from './main.ts';

type ProgressMode = 'auto' | 'bar' | 'json' | 'none';

const backendOption = () =>
  new Option('--backend <name>', 'TensorFlow.js backend').choices([...TRAIN_BACKENDS]).default('auto');
const progressOption = () =>
  new Option('--progress <mode>', 'progress display')
    .choices(['auto', 'bar', 'json', 'none'])
    .default('auto');

function addBacktranslateTrain(
  parent: Command,
  io: CliIo,
  fail: (command: string, error: unknown) => void,
): void {
  parent
    .command('train')
    .description(
      "train a pose → text (or gloss) back-translation model on a dataset's ground-truth poses; flags override the --config file",
    )
    .requiredOption(
      '--data <dataset>',
      'dataset folder written by signllm-data build / synth',
      existingPath('folder'),
    )
    .requiredOption('--out <run-dir>', 'run folder for checkpoints, metrics.jsonl and metrics.svg')
    .addOption(
      new Option('--target <column>', 'column to write: the sentence (default) or the gloss').choices([
        ...BACKTRANSLATION_TARGETS,
      ]),
    )
    .option('--config <file>', 'back-translation config (JSON; see the README)', existingPath('file'))
    .option('--steps <n>', 'optimiser steps (overrides "steps")', integer('--steps', 1))
    .option('--seed <n>', 'seed (overrides "seed")', integer('--seed', 0))
    .option('--resume', 'continue the run in --out from its latest checkpoint')
    .addOption(
      new Option('--backend <name>', 'TensorFlow.js backend (overrides "backend")').choices([
        ...TRAIN_BACKENDS,
      ]),
    )
    .addOption(progressOption())
    .action(
      async (opts: {
        data: string;
        out: string;
        target?: 'text' | 'gloss';
        config?: string;
        steps?: number;
        seed?: number;
        resume?: boolean;
        backend?: string;
        progress: ProgressMode;
      }) => {
        try {
          const config = await loadBacktranslationConfig(opts.config, {
            data: opts.data,
            outDir: opts.out,
            target: opts.target,
            steps: opts.steps,
            seed: opts.seed,
            backend: opts.backend,
          });
          const result = await trainBacktranslation({
            config,
            resume: opts.resume ?? false,
            progress: opts.progress,
            log: (line) => io.err(`${line}\n`),
          });
          io.out(`${JSON.stringify(result)}\n`);
        } catch (error) {
          fail('backtranslate train', error);
        }
      },
    );
}

interface EvalOptions {
  model: string;
  data: string;
  split: string;
  poses?: string;
  groundTruth?: boolean;
  out?: string;
  max?: number;
  language?: string;
  beam: number;
  includeNoisy?: boolean;
  json?: boolean;
  backend: string;
  progress: ProgressMode;
}

function addBacktranslateEval(
  parent: Command,
  io: CliIo,
  fail: (command: string, error: unknown) => void,
): void {
  parent
    .command('eval')
    .description(
      'back-translate the poses of a split (ground truth, or generated free-running by a pose-model run) and score BLEU-1..4, ROUGE-L (and DTW of generated poses) per language; writes a JSON report',
    )
    .requiredOption(
      '--model <bt-run>',
      'back-translation run folder (or checkpoint folder)',
      existingPath('folder'),
    )
    .requiredOption('--data <dataset>', 'dataset folder', existingPath('folder'))
    .option('--split <name>', 'split to evaluate (dev, test, ...)', 'dev')
    .addOption(
      new Option(
        '--poses <run-dir>',
        'pose-model run (mlsf or p2lg-stage2) whose generated poses to back-translate',
      )
        .argParser(existingPath('folder'))
        .conflicts('groundTruth'),
    )
    .addOption(
      new Option('--ground-truth', "back-translate the dataset's own poses (the ceiling)").conflicts('poses'),
    )
    .option(
      '--out <file>',
      'report file (default: <pose run>/eval/<split>-backtranslation.json, or the back-translation run with --ground-truth)',
    )
    .option('--max <n>', 'evaluate at most this many sequences', integer('--max', 1))
    .option('--language <code>', 'only this language')
    .option('--beam <n>', 'beam size of the back-translation decoder (1 = greedy)', integer('--beam', 1), 1)
    .option('--include-noisy', 'also score rows flagged low-quality (noisy)')
    .option('--json', 'print the JSON report instead of the summary')
    .addOption(backendOption())
    .addOption(progressOption())
    .action(async (opts: EvalOptions, command: Command) => {
      if (opts.poses === undefined && !opts.groundTruth) {
        command.error(
          'error: give --poses <run-dir> (poses generated by a pose model) or --ground-truth (the dataset poses)',
          { exitCode: 2, code: 'signllm.usage' },
        );
      }
      let poseModel: SignModel | undefined;
      let bt: Awaited<ReturnType<typeof loadBacktranslator>>['model'] | undefined;
      const progress = createProgress({
        label: 'backtranslate',
        ...(opts.max ? { total: opts.max } : {}),
        mode: opts.progress,
      });
      try {
        await selectBackend(opts.backend);
        bt = (await loadBacktranslator(opts.model)).model;
        const reader = await openDataset(opts.data);
        if (opts.poses !== undefined) poseModel = await loadModelFromRun(opts.poses);
        const scores = await evaluateBacktranslation(bt, reader, {
          split: opts.split,
          poses: poseModel ? { kind: 'generated', model: poseModel } : { kind: 'ground-truth' },
          beamSize: opts.beam,
          includeNoisy: opts.includeNoisy ?? false,
          ...(opts.max ? { maxSequences: opts.max } : {}),
          ...(opts.language ? { language: opts.language } : {}),
          onSequence: () => progress.tick(),
        });
        progress.done();
        const report = backtranslationReport(scores, {
          data: opts.data,
          backtranslationModel: opts.model,
          poseModel: opts.poses,
        });
        const out = opts.out ?? backtranslationReportPath(runDirOf(opts.poses ?? opts.model), opts.split);
        await writeBacktranslationReport(out, report);
        io.err(`signllm-train backtranslate eval: wrote ${out}\n`);
        io.out(opts.json ? `${JSON.stringify(report)}\n` : `${formatBacktranslation(report)}\n`);
      } catch (error) {
        progress.done();
        fail('backtranslate eval', error);
      } finally {
        bt?.dispose();
        poseModel?.dispose();
      }
    });
}

/** `--splits dev,train` → ['dev', 'train']: unique split names of letters, digits, '-' and '_'. */
function splitList(value: string): string[] {
  const splits = value.split(',').map((s) => s.trim());
  if (splits.some((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s))) {
    throw new InvalidArgumentError(
      `expected comma-separated split names (letters, digits, - and _), e.g. dev,test; got "${value}"`,
    );
  }
  if (new Set(splits).size !== splits.length)
    throw new InvalidArgumentError(`"${value}" names a split twice`);
  return splits;
}

function addReport(program: Command, io: CliIo, fail: (command: string, error: unknown) => void): void {
  program
    .command('report')
    .description(
      "Markdown tables like the paper's (per language: DEV/TEST BLEU-4..1, ROUGE, DTW; and the ablation) from the evaluation reports in run folders",
    )
    .requiredOption('--runs <run-dir...>', 'run folders holding eval/<split>-backtranslation.json reports')
    .option('--out <file>', 'write the Markdown here (default: print it)')
    .option(
      '--splits <list>',
      'comma-separated splits to give columns, in order (default dev,test; e.g. dev,train for a dataset without a test split)',
      splitList,
    )
    .action(async (opts: { runs: string[]; out?: string; splits?: string[] }, command: Command) => {
      for (const dir of opts.runs) {
        try {
          existingPath('folder')(dir);
        } catch (error) {
          command.error(
            `error: option '--runs <run-dir...>' argument '${dir}' is invalid. ${(error as Error).message}`,
            {
              exitCode: 2,
              code: 'signllm.usage',
            },
          );
        }
      }
      try {
        const splits = opts.splits ?? REPORT_SPLITS;
        const runs = [];
        for (const dir of opts.runs) {
          const run = await readRunResults(dir, splits);
          if (Object.keys(run.splits).length === 0) {
            const files = splits.map((s) => `eval/${s}-backtranslation.json`).join(' or ');
            io.err(
              `signllm-train report: ${dir} has no ${files} (run signllm-train backtranslate eval); its row shows —\n`,
            );
          }
          runs.push(run);
        }
        const markdown = renderResults(runs, { splits });
        if (opts.out === undefined) {
          io.out(markdown);
        } else {
          await mkdir(dirname(opts.out), { recursive: true });
          await writeFileAtomic(opts.out, markdown);
          io.err(`signllm-train report: wrote ${opts.out}\n`);
        }
      } catch (error) {
        fail('report', error);
      }
    });
}

/**
 * Adds `backtranslate train`, `backtranslate eval` and `report` to the `signllm-train` program.
 * `fail` records a failure of the work (exit code 1) and prints it.
 *
 * @example
 * ```ts
 * addEvaluationCommands(program, io, (command, error) => { code = 1; io.err(`${command}: ${error}\n`); });
 * ```
 */
export function addEvaluationCommands(
  program: Command,
  io: CliIo,
  fail: (command: string, error: unknown) => void,
): void {
  const backtranslate = program
    .command('backtranslate')
    .description(
      "back-translation, the paper's evaluation: `train` a pose → text model, `eval` poses with it (BLEU-1..4, ROUGE-L, DTW)",
    );
  addBacktranslateTrain(backtranslate, io, fail);
  addBacktranslateEval(backtranslate, io, fail);
  addReport(program, io, fail);
}
