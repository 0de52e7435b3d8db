/**
 * Commands on a finished dataset folder: `export` (to `.skels` quadruples or `.pose` files), `stats`
 * (counts per language and split, frame statistics, missing-point rate) and `validate` (checksums,
 * counts, schema, values; exit 1 when anything is wrong).
 */
import { type Command, Option } from 'commander';
import {
  datasetStats,
  exportPose,
  exportSkels,
  formatDatasetStats,
  readDatasetManifest,
  validateDataset,
} from '../dataset/index.ts';
import { createProgress, type Progress } from '../progress/index.ts';
import type { CliContext } from './cli-context.ts';
import { messageOf } from './cli-options.ts';

type ProgressMode = 'auto' | 'bar' | 'json' | 'none';

const progressOption = (): Option =>
  new Option('--progress <mode>', 'progress display on stderr')
    .choices(['auto', 'bar', 'json', 'none'])
    .default('auto');

/** A progress sink over a dataset's sequences (the total read from its manifest, when it parses). */
async function rowProgress(
  ctx: CliContext,
  label: string,
  dir: string,
  mode: ProgressMode,
  split?: string,
): Promise<Progress> {
  let total = 0;
  try {
    const manifest = await readDatasetManifest(dir);
    total = Object.entries(manifest.splits)
      .filter(([name]) => split === undefined || name === split)
      .reduce((n, [, s]) => n + s.sequences, 0);
  } catch {
    // the command itself reports an unreadable manifest
  }
  return createProgress({ label, total, mode, stream: ctx.progressStream });
}

/** Adds `export`, `stats` and `validate` to the program. */
export function addDatasetCommands(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(
      'write a dataset back as .skels/.text/.gloss/.files (Progressive Transformers layout) or as one .pose per sequence',
    )
    .argument('<dataset>', 'dataset folder (with manifest.json)')
    .requiredOption('-o, --out <dir>', 'folder to write')
    .addOption(new Option('--to <format>', 'output format').choices(['skels', 'pose']).default('skels'))
    .addOption(new Option('--dialect <dialect>', '.skels dialect').choices(['pt', 'p2s']).default('pt'))
    .option('--split <name>', 'only this split')
    .option('--json', 'print what was written as JSON')
    .addOption(progressOption())
    .action(
      async (
        dataset: string,
        flags: {
          out: string;
          to: 'skels' | 'pose';
          dialect: 'pt' | 'p2s';
          split?: string;
          json?: boolean;
          progress: ProgressMode;
        },
      ) => {
        const progress = await rowProgress(ctx, 'export', dataset, flags.progress, flags.split);
        const onRow = () => progress.tick();
        try {
          if (flags.to === 'skels') {
            const written = await exportSkels(dataset, flags.out, {
              dialect: flags.dialect,
              split: flags.split,
              onRow,
            });
            if (flags.json) ctx.io.out(`${JSON.stringify(written)}\n`);
            else
              for (const s of written)
                ctx.io.out(`${s.split}: ${s.sequences} sequences → ${s.files.join(', ')}\n`);
          } else {
            const written = await exportPose(dataset, flags.out, { split: flags.split, onRow });
            if (flags.json) ctx.io.out(`${JSON.stringify(written)}\n`);
            else ctx.io.out(`${written.length} .pose files written to ${flags.out}\n`);
          }
          progress.done();
        } catch (error) {
          ctx.io.err(`signllm-data export: ${messageOf(error)}\n`);
          ctx.setCode(1);
        }
      },
    );

  program
    .command('stats')
    .description(
      'summarise a dataset: sequences per language and split, frames, duration, missing points, flags',
    )
    .argument('<datasets...>', 'dataset folders')
    .option('--json', 'one JSON object per dataset')
    .addOption(progressOption())
    .action(async (dirs: string[], flags: { json?: boolean; progress: ProgressMode }) => {
      for (const dir of dirs) {
        try {
          const progress = await rowProgress(ctx, 'stats', dir, flags.progress);
          const stats = await datasetStats(dir, { onRow: () => progress.tick() });
          progress.done();
          ctx.io.out(flags.json ? `${JSON.stringify(stats)}\n` : `${formatDatasetStats(stats)}\n`);
        } catch (error) {
          ctx.io.err(`signllm-data stats: ${dir}: ${messageOf(error)}\n`);
          ctx.setCode(1);
        }
      }
    });

  program
    .command('validate')
    .description(
      'check a dataset: manifest schema, shard checksums and row counts, readable shards, finite values, unique ids',
    )
    .argument('<datasets...>', 'dataset folders')
    .option('--json', 'one JSON object per dataset: { dataset, ok, problems }')
    .addOption(progressOption())
    .action(async (dirs: string[], flags: { json?: boolean; progress: ProgressMode }) => {
      for (const dir of dirs) {
        try {
          const progress = await rowProgress(ctx, 'validate', dir, flags.progress);
          const problems = await validateDataset(dir, { onRow: () => progress.tick() });
          progress.done();
          if (problems.length > 0) ctx.setCode(1);
          if (flags.json)
            ctx.io.out(`${JSON.stringify({ dataset: dir, ok: problems.length === 0, problems })}\n`);
          else if (problems.length === 0) ctx.io.out(`${dir}: ok\n`);
          else {
            ctx.io.out(`${dir}: ${problems.length} problem(s)\n`);
            for (const p of problems) ctx.io.out(`  ${p.code}${p.path ? ` ${p.path}` : ''}: ${p.message}\n`);
          }
        } catch (error) {
          ctx.io.err(`signllm-data validate: ${dir}: ${messageOf(error)}\n`);
          ctx.setCode(1);
        }
      }
    });
}
