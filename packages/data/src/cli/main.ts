/**
 * The `signllm-data` command line. Today it has one command, `inspect`; the data pipeline's commands
 * (ingest, clean, lift, build, synth) join it with their milestone.
 */

import { SignLLMError, SKELS_DIALECTS, type SkelsDialect } from '@signllm/core';
import { Command, CommanderError, Option } from 'commander';
import { formatSummary } from '../inspect/format-summary.ts';
import { inspectPath } from '../inspect/inspect-path.ts';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit code:
 * 0 success, 1 an input could not be read, 2 a usage error.
 */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const program = new Command('signllm-data')
    .description(
      'SignLLM data tools: inspect sign-language pose files (more commands come with the data pipeline)',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  program
    .command('inspect')
    .description(
      'summarise .pose, .skels, OpenPose / DWPose JSON folders and pose lexicons: format, version, skeleton, sequences, frames, joints, dims, fps',
    )
    .argument('<paths...>', 'files or folders to inspect')
    .option('--json', 'print one JSON object per input instead of text')
    .addOption(
      new Option('--dialect <dialect>', '.skels dialect (default: detected)').choices([...SKELS_DIALECTS]),
    )
    .option('--fps <fps>', 'frame rate to assume for JSON frame folders', (v) => {
      const n = Number(v);
      if (!(n > 0 && Number.isFinite(n)))
        throw new CommanderError(2, 'signllm-data.fps', `--fps must be a positive number, got "${v}"`);
      return n;
    })
    .action(async (paths: string[], opts: { json?: boolean; dialect?: SkelsDialect; fps?: number }) => {
      for (const [i, path] of paths.entries()) {
        try {
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

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return code;
}
