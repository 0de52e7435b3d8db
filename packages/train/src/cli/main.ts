/**
 * The `signllm-train` command line: `train` (a JSON config, flags override it), `eval` (a run or
 * checkpoint on a dataset split; `--json` prints one object, `--save` writes it into the run folder),
 * `export` (a run → a model bundle), and the paper's evaluation (`backtranslate train|eval`, `report`;
 * defined in evaluation-commands.ts). Exit codes: 0 success, 1 the work failed (bad data, bad
 * checkpoint, ...), 2 usage error.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TRAIN_BACKENDS } from '@signllm/core';
import { openDataset } from '@signllm/data';
import { Command, CommanderError, Option } from 'commander';
import { selectBackend } from '../backend/select-backend.ts';
import { poseReportPath } from '../backtranslate/backtranslation-report.ts';
import { evaluatePoseModel } from '../eval/evaluate-pose-model.ts';
import { evaluateTokenModel } from '../eval/evaluate-token-model.ts';
import { formatEvaluation } from '../eval/format-evaluation.ts';
import { exportBundle } from '../export/export-bundle.ts';
import { writeJsonAtomic } from '../run/index.ts';
import { loadModelFromRun } from '../train/load-model.ts';
import { loadTrainConfig } from '../train/load-train-config.ts';
import { train } from '../train/trainer.ts';
import { integer, message, runDirOf } from './cli-helpers.ts';
import { configReference } from './config-reference.ts';
import { addEvaluationCommands } from './evaluation-commands.ts';

/** Where the CLI writes. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/**
 * Runs the CLI with the given arguments (without `node` and the script); resolves to the exit code.
 *
 * @example
 * ```ts
 * await main(['train', '--config', 'configs/tiny-mlsf.json', '--data', 'out/synth', '--out', 'runs/tiny']);
 * ```
 */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const program = new Command('signllm-train')
    .description(
      'SignLLM model training (MLSF, Prompt2LangGloss, RL loss + Priority Learning Channel) and evaluation',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  program
    .command('train')
    .description(
      'train a model from a JSON config (see packages/train/README.md for every field); flags override the config',
    )
    .requiredOption('--config <file>', 'training config (JSON)')
    .option('--data <dataset>', 'dataset folder written by signllm-data build / synth (overrides "data")')
    .option(
      '--out <run-dir>',
      'run folder for checkpoints, metrics.jsonl and metrics.svg (overrides "outDir")',
    )
    .option('--steps <n>', 'optimiser steps (overrides "steps")', integer('--steps', 1))
    .option('--seed <n>', 'seed (overrides "seed")', integer('--seed', 0))
    .option('--resume', 'continue the run in --out from its latest checkpoint')
    .option('--init-from <run>', 'start from this run/checkpoint (MLSF: add languages to a trained model)')
    .addOption(
      new Option('--backend <name>', 'TensorFlow.js backend (overrides "backend")').choices([
        ...TRAIN_BACKENDS,
      ]),
    )
    .addOption(
      new Option('--progress <mode>', 'progress display')
        .choices(['auto', 'bar', 'json', 'none'])
        .default('auto'),
    )
    .action(
      async (opts: {
        config: string;
        data?: string;
        out?: string;
        steps?: number;
        seed?: number;
        resume?: boolean;
        initFrom?: string;
        backend?: string;
        progress: 'auto' | 'bar' | 'json' | 'none';
      }) => {
        try {
          const config = await loadTrainConfig(opts.config, {
            data: opts.data,
            outDir: opts.out,
            steps: opts.steps,
            seed: opts.seed,
            backend: opts.backend,
            initFrom: opts.initFrom,
          });
          const result = await train({
            config,
            resume: opts.resume ?? false,
            progress: opts.progress,
            log: (l) => io.err(`${l}\n`),
          });
          io.out(`${JSON.stringify(result)}\n`);
        } catch (error) {
          code = 1;
          io.err(`signllm-train train: ${message(error)}\n`);
        }
      },
    );

  program
    .command('eval')
    .description(
      'evaluate a run (latest checkpoint) or a checkpoint folder on a dataset split: DTW (ground-truth timing and free-running), mean joint error, counter accuracy, per language; stage 1: exact match',
    )
    .requiredOption('--checkpoint <run-dir>', 'run folder or checkpoint folder')
    .requiredOption('--data <dataset>', 'dataset folder')
    .option('--split <name>', 'split to evaluate', 'dev')
    .option('--max <n>', 'evaluate at most this many sequences', integer('--max', 1))
    .option('--language <code>', 'only this language')
    .option('--beam <n>', 'stage 1: beam size (1 = greedy)', integer('--beam', 1), 1)
    .option('--json', 'print one JSON object')
    .option('--include-noisy', 'also score rows flagged low-quality (noisy); their targets are corrupted')
    .option('--save', 'also write the JSON object to <run>/eval/<split>-pose.json (read by `report`)')
    .addOption(
      new Option('--backend <name>', 'TensorFlow.js backend').choices([...TRAIN_BACKENDS]).default('auto'),
    )
    .action(
      async (opts: {
        checkpoint: string;
        data: string;
        split: string;
        max?: number;
        language?: string;
        beam: number;
        json?: boolean;
        includeNoisy?: boolean;
        save?: boolean;
        backend: string;
      }) => {
        try {
          await selectBackend(opts.backend);
          const model = await loadModelFromRun(opts.checkpoint);
          const reader = await openDataset(opts.data);
          const result = model.tokenModel
            ? await evaluateTokenModel(model, reader, {
                split: opts.split,
                beamSize: opts.beam,
                ...(opts.max ? { maxSequences: opts.max } : {}),
              })
            : await evaluatePoseModel(model, reader, {
                split: opts.split,
                ...(opts.max ? { maxSequences: opts.max } : {}),
                ...(opts.language ? { language: opts.language } : {}),
                includeNoisy: opts.includeNoisy ?? false,
              });
          model.dispose();
          const report = { checkpoint: opts.checkpoint, data: opts.data, mode: model.config.mode, ...result };
          if (opts.save) {
            const path = poseReportPath(runDirOf(opts.checkpoint), opts.split);
            await mkdir(dirname(path), { recursive: true });
            await writeJsonAtomic(path, report);
            io.err(`signllm-train eval: wrote ${path}\n`);
          }
          io.out(opts.json ? `${JSON.stringify(report)}\n` : `${formatEvaluation(result)}\n`);
        } catch (error) {
          code = 1;
          io.err(`signllm-train eval: ${message(error)}\n`);
        }
      },
    );

  program
    .command('export')
    .description(
      'export a trained run as a model bundle (bundle.json, tokenizers, ONNX encoder and decoder-step graphs with a key/value cache) that any ONNX Runtime can run',
    )
    .requiredOption(
      '--checkpoint <run-dir>',
      'MLSF or Prompt2LangGloss stage 2 run folder (or checkpoint folder)',
    )
    .requiredOption('--out <bundle-dir>', 'bundle folder to write')
    .option('--text2gloss <run-dir>', 'Prompt2LangGloss: the stage 1 (prompt → LangGloss) run to include')
    .option('--data <dataset>', "dataset the run was trained on (default: the run's config)")
    .option('--name <name>', 'model name on the model card (default: the run folder name)')
    .option('--licence <spdx>', "licence of the weights (default: the training data's licences)")
    .option('--overwrite', 'replace an existing bundle folder')
    .addOption(
      new Option(
        '--weights <format>',
        'weights of the matrix products: float32 (as trained) or int8 (per-column int8, about 4× smaller and faster on CPU; frames differ slightly)',
      )
        .choices(['float32', 'int8'])
        .default('float32'),
    )
    .addOption(
      new Option('--backend <name>', 'TensorFlow.js backend').choices([...TRAIN_BACKENDS]).default('auto'),
    )
    .action(
      async (opts: {
        checkpoint: string;
        out: string;
        weights: 'float32' | 'int8';
        text2gloss?: string;
        data?: string;
        name?: string;
        licence?: string;
        overwrite?: boolean;
        backend: string;
      }) => {
        try {
          await selectBackend(opts.backend);
          const result = await exportBundle({
            checkpoint: opts.checkpoint,
            out: opts.out,
            ...(opts.text2gloss ? { text2gloss: opts.text2gloss } : {}),
            ...(opts.data ? { data: opts.data } : {}),
            ...(opts.name ? { name: opts.name } : {}),
            ...(opts.licence ? { licence: opts.licence } : {}),
            overwrite: opts.overwrite ?? false,
            weights: opts.weights,
            log: (l) => io.err(`${l}\n`),
          });
          const m = result.manifest;
          io.out(
            `${JSON.stringify({ out: opts.out, mode: m.mode, languages: m.languages, files: m.models.length + m.tokenizers.length + 1, bytes: result.bytes })}\n`,
          );
        } catch (error) {
          code = 1;
          io.err(`signllm-train export: ${message(error)}\n`);
        }
      },
    );

  addEvaluationCommands(program, io, (command, error) => {
    code = 1;
    io.err(`signllm-train ${command}: ${message(error)}\n`);
  });

  program
    .command('config-reference')
    .description('print every field of the training and model config (type, default, meaning) as Markdown')
    .action(() => {
      io.out(configReference());
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return code;
}
