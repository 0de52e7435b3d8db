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
  validateDataset,
} from '../dataset/index.ts';
import type { CliContext } from './cli-context.ts';
import { messageOf } from './cli-options.ts';

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
    .action(
      async (
        dataset: string,
        flags: { out: string; to: 'skels' | 'pose'; dialect: 'pt' | 'p2s'; split?: string; json?: boolean },
      ) => {
        try {
          if (flags.to === 'skels') {
            const written = await exportSkels(dataset, flags.out, {
              dialect: flags.dialect,
              split: flags.split,
            });
            if (flags.json) ctx.io.out(`${JSON.stringify(written)}\n`);
            else
              for (const s of written)
                ctx.io.out(`${s.split}: ${s.sequences} sequences → ${s.files.join(', ')}\n`);
          } else {
            const written = await exportPose(dataset, flags.out, { split: flags.split });
            if (flags.json) ctx.io.out(`${JSON.stringify(written)}\n`);
            else ctx.io.out(`${written.length} .pose files written to ${flags.out}\n`);
          }
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
    .action(async (dirs: string[], flags: { json?: boolean }) => {
      for (const dir of dirs) {
        try {
          const stats = await datasetStats(dir);
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
    .action(async (dirs: string[], flags: { json?: boolean }) => {
      for (const dir of dirs) {
        try {
          const problems = await validateDataset(dir);
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
