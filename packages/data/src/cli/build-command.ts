/**
 * `signllm-data build <inputs…> --out <dir>`: the whole pipeline (ingest → clean → lift → normalise →
 * prompts → Parquet shards + manifest). Exit 0 when every input was used, 1 when some inputs were
 * reported as problems (the dataset is still written), 2 for usage errors.
 */
import { SKELS_DIALECTS, type SkelsDialect } from '@signllm/core';
import { type Command, Option } from 'commander';
import { parseSplitRatios } from '../build/assign-split.ts';
import { buildDataset } from '../build/build-dataset.ts';
import { NORMALISATION_METHODS, type NormalisationMethod } from '../normalize/index.ts';
import { createProgress } from '../progress/index.ts';
import type { CliContext } from './cli-context.ts';
import { frameSize, integer, messageOf, positiveNumber, repeatable, usage } from './cli-options.ts';

interface BuildFlags {
  out: string;
  metadata?: string[];
  language?: string;
  inputFps?: number;
  dialect?: SkelsDialect;
  fps: number;
  dims: string;
  lift: boolean;
  liftIterations?: number;
  videoMaxFrames?: number;
  frameSize?: [number, number];
  normalize: NormalisationMethod;
  splits?: string;
  resplit?: boolean;
  seed: number;
  shardRows?: number;
  workers?: number;
  resume: boolean;
  overwrite?: boolean;
  name?: string;
  licence?: string;
  json?: boolean;
  progress?: 'auto' | 'bar' | 'json' | 'none';
}

/** Adds `build` to the program. */
export function addBuildCommand(program: Command, ctx: CliContext): void {
  program
    .command('build')
    .description(
      'build a dataset (Parquet shards + manifest.json) from OpenPose / DWPose JSON folders, .pose, .skels corpora, pose lexicons, videos or other datasets',
    )
    .argument('<inputs...>', 'files or folders to read (folders are searched recursively)')
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .option(
      '-m, --metadata <file>',
      'CSV / JSONL / .files mapping: id → text, gloss, language, split (repeatable)',
      repeatable,
    )
    .option('-l, --language <code>', 'sign language of inputs that name none (ISO 639-3 or Prompt2Sign tag)')
    .option(
      '--input-fps <fps>',
      'frame rate of inputs that store none (JSON folders: 24, .skels: 25)',
      positiveNumber('--input-fps'),
    )
    .addOption(
      new Option('--dialect <dialect>', '.skels dialect of the inputs (default: detected)').choices([
        ...SKELS_DIALECTS,
      ]),
    )
    .option(
      '--fps <fps>',
      'frame rate of the dataset; other rates are resampled',
      positiveNumber('--fps'),
      25,
    )
    .addOption(new Option('--dims <dims>', 'coordinates per joint').choices(['2', '3']).default('3'))
    .option('--no-lift', 'do not lift 2D inputs to 3D (needs --dims 2 for 2D inputs)')
    .option(
      '--lift-iterations <n>',
      'optimiser steps of the 2D→3D lifting (default 300)',
      integer('--lift-iterations', 0, 100_000),
    )
    .option(
      '--frame-size <WxH>',
      'video size that DWPose JSON coordinates were normalised by, e.g. 1280x720 (restores pixel proportions)',
      frameSize('--frame-size'),
    )
    .option(
      '--video-max-frames <n>',
      'decode at most this many frames of each video (quick previews)',
      integer('--video-max-frames', 1, 10_000_000),
    )
    .addOption(
      new Option('--normalize <method>', 'normalisation of the rows')
        .choices(NORMALISATION_METHODS.map((m) => m.method))
        .default('signllm'),
    )
    .option('--splits <shares>', 'split shares, e.g. "train=0.8,dev=0.1,test=0.1" (the default)')
    .option(
      '--resplit',
      'ignore splits that sources give (e.g. PHOENIX dev/…) and split every sequence by id',
    )
    .option('--seed <n>', 'seed of splits and prompts', integer('--seed', 0, 2 ** 32 - 1), 0)
    .option(
      '--shard-rows <n>',
      'sequences per Parquet shard (default 128)',
      integer('--shard-rows', 1, 1_000_000),
    )
    .option(
      '--workers <n>',
      'worker threads for cleaning and lifting (default: the number of cores; 1 = main thread)',
      integer('--workers', 1, 256),
    )
    .option('--no-resume', 'do not continue an unfinished build in --out (fail instead)')
    .option('--overwrite', 'replace a finished dataset in --out')
    .option('--name <name>', 'dataset name (default: the folder name)')
    .option(
      '--licence <licence>',
      'licence of the inputs, recorded in the manifest (SPDX id, e.g. CC-BY-NC-4.0)',
    )
    .option('--json', 'print the result as JSON on stdout')
    .addOption(
      new Option('--progress <mode>', 'progress display on stderr')
        .choices(['auto', 'bar', 'json', 'none'])
        .default('auto'),
    )
    .action(async (inputs: string[], flags: BuildFlags) => {
      const splits =
        flags.splits === undefined ? undefined : parseOrUsage(() => parseSplitRatios(flags.splits as string));
      const dims = flags.dims === '2' ? 2 : 3;
      const progress = createProgress({
        label: 'build',
        total: 0,
        mode: flags.progress,
        stream: ctx.progressStream,
      });
      try {
        const result = await buildDataset({
          inputs,
          out: flags.out,
          metadata: flags.metadata,
          language: flags.language,
          inputFps: flags.inputFps,
          dialect: flags.dialect,
          fps: flags.fps,
          dims,
          lift: flags.lift
            ? flags.liftIterations === undefined
              ? true
              : { iterations: flags.liftIterations }
            : false,
          normalize: flags.normalize,
          videoMaxFrames: flags.videoMaxFrames,
          frameSize: flags.frameSize,
          splits,
          resplit: flags.resplit,
          seed: flags.seed,
          shardRows: flags.shardRows,
          workers: flags.workers,
          resume: flags.resume,
          overwrite: flags.overwrite,
          name: flags.name,
          licence: flags.licence,
          command: ['signllm-data', 'build', ...ctx.argv.slice(1)].join(' '),
          progress,
        });
        if (result.upToDate && !flags.json) {
          ctx.io.out(`${flags.out} is up to date (built by the same command; --overwrite rebuilds it)\n`);
          return;
        }
        if (flags.json)
          ctx.io.out(
            `${JSON.stringify({ manifest: result.manifest, stats: result.stats, problems: result.problems, upToDate: result.upToDate === true })}\n`,
          );
        else {
          const m = result.manifest;
          const splitsText = Object.entries(m.splits)
            .map(([name, s]) => `${name} ${s.sequences}`)
            .join(', ');
          ctx.io.out(
            `${flags.out}: ${result.stats.sequences} sequences written (${splitsText}; languages ${m.languages.map((l) => l.code).join(', ')})\n` +
              (result.stats.lifted > 0
                ? `lifted ${result.stats.lifted} sequences: mean 2D reprojection error ${result.stats.meanReprojectionError?.toFixed(4)} (normalised), ${result.stats.meanReprojectionErrorInput?.toFixed(2)} input units\n`
                : '') +
              (result.stats.inputsResumed > 0
                ? `resumed: ${result.stats.inputsResumed} inputs were already done\n`
                : '') +
              `${result.problems.length} problem(s)${result.problems.length > 0 ? `; see ${result.reportPath}` : ''}\n`,
          );
          for (const p of result.problems.slice(0, 20)) ctx.io.err(`problem: ${p.input}: ${p.message}\n`);
        }
        if (result.problems.length > 0) ctx.setCode(1);
      } catch (error) {
        ctx.io.err(`signllm-data build: ${messageOf(error)}\n`);
        ctx.setCode(1);
      }
    });
}

function parseOrUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    usage(messageOf(error));
  }
}
