/** `signllm-data convert <input> <output>`: any input → `.pose`, `.skels` or a dataset. */
import { listSkeletons, SKELS_DIALECTS, type SkelsDialect } from '@signllm/core';
import { type Command, Option } from 'commander';
import { type ConvertTarget, convertInput } from '../build/convert-input.ts';
import { NORMALISATION_METHODS, type NormalisationMethod } from '../normalize/index.ts';
import { createProgress } from '../progress/index.ts';
import type { CliContext } from './cli-context.ts';
import { frameSize, messageOf, positiveNumber, repeatable } from './cli-options.ts';

interface ConvertFlags {
  to?: ConvertTarget;
  skeleton?: string;
  lift?: boolean;
  normalize?: NormalisationMethod;
  dialect?: 'pt' | 'p2s';
  inputDialect?: SkelsDialect;
  inputFps?: number;
  language?: string;
  metadata?: string[];
  frameSize?: [number, number];
  overwrite?: boolean;
  json?: boolean;
  progress?: 'auto' | 'bar' | 'json' | 'none';
}

/** Adds `convert` to the program. */
export function addConvertCommand(program: Command, ctx: CliContext): void {
  program
    .command('convert')
    .description(
      'convert any supported input (file, folder or dataset) to .pose, .skels (+ .text/.gloss/.files) or a dataset, chosen by the output extension or --to',
    )
    .argument('<input>', 'file or folder to read')
    .argument(
      '<output>',
      'file.pose, file.skels, a folder (one .pose per sequence with --to pose) or a dataset folder',
    )
    .addOption(
      new Option('--to <format>', 'output format (default: from the extension)').choices([
        'pose',
        'skels',
        'dataset',
      ]),
    )
    .addOption(
      new Option('--skeleton <name>', 'map to this skeleton (.pose output)').choices(listSkeletons()),
    )
    .option('--lift', 'lift 2D poses to 3D (always done for .skels and datasets)')
    .addOption(
      new Option('--normalize <method>', 'normalise the poses').choices(
        NORMALISATION_METHODS.map((m) => m.method),
      ),
    )
    .addOption(new Option('--dialect <dialect>', '.skels dialect to write').choices(['pt', 'p2s']))
    .addOption(
      new Option('--input-dialect <dialect>', '.skels dialect of the input (default: detected)').choices([
        ...SKELS_DIALECTS,
      ]),
    )
    .option('--input-fps <fps>', 'frame rate of inputs that store none', positiveNumber('--input-fps'))
    .option('-l, --language <code>', 'sign language of inputs that name none')
    .option('-m, --metadata <file>', 'CSV / JSONL / .files mapping with text, gloss, language', repeatable)
    .option(
      '--frame-size <WxH>',
      'video size DWPose JSON coordinates were normalised by, e.g. 1280x720',
      frameSize('--frame-size'),
    )
    .option('--overwrite', 'replace an existing dataset')
    .option('--json', 'print the result as JSON')
    .addOption(
      new Option('--progress <mode>', 'progress display on stderr')
        .choices(['auto', 'bar', 'json', 'none'])
        .default('auto'),
    )
    .action(async (input: string, output: string, flags: ConvertFlags) => {
      try {
        const result = await convertInput(input, output, {
          to: flags.to,
          skeleton: flags.skeleton,
          lift: flags.lift,
          normalize: flags.normalize,
          dialect: flags.dialect,
          inputDialect: flags.inputDialect,
          inputFps: flags.inputFps,
          language: flags.language,
          metadata: flags.metadata,
          frameSize: flags.frameSize,
          overwrite: flags.overwrite,
          progress: createProgress({ label: 'convert', mode: flags.progress, stream: ctx.progressStream }),
        });
        if (flags.json) ctx.io.out(`${JSON.stringify(result)}\n`);
        else {
          ctx.io.out(
            `${result.sequences} sequence(s) → ${result.files.length === 1 ? result.files[0] : `${result.files.length} files in ${output}`}\n`,
          );
          for (const p of result.problems) ctx.io.err(`problem: ${p.input}: ${p.message}\n`);
        }
        if (result.problems.length > 0) ctx.setCode(1);
      } catch (error) {
        ctx.io.err(`signllm-data convert: ${messageOf(error)}\n`);
        ctx.setCode(1);
      }
    });
}
