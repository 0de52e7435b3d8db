/** `signllm-data synth --out <dir> --languages <codes> --sequences <n> --seed <s> [--noisy <f>]`. */
import { type Command, Option } from 'commander';
import { parseSplitRatios } from '../build/assign-split.ts';
import { synthDataset } from '../build/synth-dataset.ts';
import { createProgress } from '../progress/index.ts';
import type { CliContext } from './cli-context.ts';
import { fraction, integer, list, messageOf, positiveNumber, usage } from './cli-options.ts';

interface SynthFlags {
  out: string;
  languages: string[];
  sequences: number;
  seed: number;
  noisy: number;
  fps: number;
  splits?: string;
  shardRows?: number;
  overwrite?: boolean;
  name?: string;
  json?: boolean;
  progress?: 'auto' | 'bar' | 'json' | 'none';
}

/** Adds `synth` to the program. */
export function addSynthCommand(program: Command, ctx: CliContext): void {
  program
    .command('synth')
    .description(
      'generate a seeded synthetic multilingual corpus (gloss → motion-primitive lexicons, smooth sentences, text and prompts) as a dataset',
    )
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .requiredOption(
      '--languages <codes>',
      'comma-separated sign languages, e.g. ase,gsg,kvk (ISO 639-3 or Prompt2Sign tags)',
      list('--languages'),
    )
    .requiredOption('--sequences <n>', 'number of sequences in total', integer('--sequences', 1, 100_000_000))
    .option('--seed <n>', 'seed of every random choice', integer('--seed', 0, 2 ** 32 - 1), 0)
    .option(
      '--noisy <fraction>',
      'fraction of low-quality samples (jitter, dropped frames, wrong timing), flagged',
      fraction('--noisy'),
      0,
    )
    .option('--fps <fps>', 'frames per second', positiveNumber('--fps'), 25)
    .option('--splits <shares>', 'split shares, e.g. "train=0.8,dev=0.1,test=0.1" (the default)')
    .option(
      '--shard-rows <n>',
      'sequences per Parquet shard (default 128)',
      integer('--shard-rows', 1, 1_000_000),
    )
    .option('--overwrite', 'replace a dataset in --out')
    .option('--name <name>', 'dataset name (default: the folder name)')
    .option('--json', 'print the manifest as JSON on stdout')
    .addOption(
      new Option('--progress <mode>', 'progress display on stderr')
        .choices(['auto', 'bar', 'json', 'none'])
        .default('auto'),
    )
    .action(async (flags: SynthFlags) => {
      let splits: ReturnType<typeof parseSplitRatios> | undefined;
      try {
        splits = flags.splits === undefined ? undefined : parseSplitRatios(flags.splits);
      } catch (error) {
        usage(messageOf(error));
      }
      try {
        const manifest = await synthDataset({
          out: flags.out,
          languages: flags.languages,
          sequences: flags.sequences,
          seed: flags.seed,
          noisy: flags.noisy,
          fps: flags.fps,
          splits,
          shardRows: flags.shardRows,
          overwrite: flags.overwrite,
          name: flags.name,
          command: ['signllm-data', ...ctx.argv].join(' '),
          progress: createProgress({ label: 'synth', mode: flags.progress, stream: ctx.progressStream }),
        });
        if (flags.json) ctx.io.out(`${JSON.stringify(manifest)}\n`);
        else {
          const splitsText = Object.entries(manifest.splits)
            .map(([name, s]) => `${name} ${s.sequences}`)
            .join(', ');
          ctx.io.out(`${flags.out}: ${flags.sequences} synthetic sequences (${splitsText})\n`);
        }
      } catch (error) {
        ctx.io.err(`signllm-data synth: ${messageOf(error)}\n`);
        ctx.setCode(1);
      }
    });
}
