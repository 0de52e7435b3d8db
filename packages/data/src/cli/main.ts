/**
 * The `signllm-data` command line: `inspect`, `build`, `synth`, `convert`, `export`, `stats`,
 * `validate`. Exit codes: 0 success, 1 some input or dataset had problems, 2 usage error.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SignLLMError, SKELS_DIALECTS, type SkelsDialect } from '@signllm/core';
import { Command, CommanderError, Option } from 'commander';
import { datasetStats, formatDatasetStats } from '../dataset/index.ts';
import { formatSummary } from '../inspect/format-summary.ts';
import { inspectPath } from '../inspect/inspect-path.ts';
import { addBuildCommand } from './build-command.ts';
import type { CliContext, CliIo } from './cli-context.ts';
import { positiveNumber } from './cli-options.ts';
import { addConvertCommand } from './convert-command.ts';
import { addDatasetCommands } from './dataset-commands.ts';
import { addSynthCommand } from './synth-command.ts';

export type { CliIo } from './cli-context.ts';

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit code:
 * 0 success, 1 an input could not be read, 2 a usage error.
 */
export async function main(
  argv: string[],
  io: CliIo = defaultIo,
  options: { progressStream?: NodeJS.WriteStream } = {},
): Promise<number> {
  let code = 0;
  const ctx: CliContext = {
    io,
    argv,
    setCode: (c) => {
      code = Math.max(code, c);
    },
    progressStream: options.progressStream,
  };
  const program = new Command('signllm-data')
    .description(
      'SignLLM data tools: build Prompt2Sign-style datasets from sign-language keypoints or video, convert and inspect pose files',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  program
    .command('inspect')
    .description(
      'summarise .pose, .skels, OpenPose / DWPose JSON folders, pose lexicons and datasets: format, version, skeleton, sequences, frames, joints, dims, fps',
    )
    .argument('<paths...>', 'files or folders to inspect')
    .option('--json', 'print one JSON object per input instead of text')
    .addOption(
      new Option('--dialect <dialect>', '.skels dialect (default: detected)').choices([...SKELS_DIALECTS]),
    )
    .option('--fps <fps>', 'frame rate to assume for JSON frame folders', positiveNumber('--fps'))
    .action(async (paths: string[], opts: { json?: boolean; dialect?: SkelsDialect; fps?: number }) => {
      for (const [i, path] of paths.entries()) {
        try {
          if (existsSync(join(path, 'manifest.json'))) {
            // a dataset folder: its statistics
            const stats = await datasetStats(path);
            if (opts.json) io.out(`${JSON.stringify({ path, format: 'dataset', ...stats })}\n`);
            else io.out(`${i > 0 ? '\n' : ''}${path}\n${formatDatasetStats(stats)}\n`);
            continue;
          }
          const summary = await inspectPath(path, { dialect: opts.dialect, fps: opts.fps });
          if (opts.json) io.out(`${JSON.stringify(summary)}\n`);
          else io.out(`${i > 0 ? '\n' : ''}${formatSummary(summary)}\n`);
        } catch (error) {
          code = 1;
          const message = SignLLMError.isInstance(error)
            ? error.message
            : error instanceof Error
              ? error.message
              : String(error);
          io.err(`signllm-data inspect: ${path}: ${message}\n`);
        }
      }
    });

  addBuildCommand(program, ctx);
  addSynthCommand(program, ctx);
  addConvertCommand(program, ctx);
  addDatasetCommands(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander printed its own errors; ours (from actions) still need saying
      if (error.code === 'signllm-data.usage') io.err(`signllm-data: ${error.message}\n`);
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  return code;
}
