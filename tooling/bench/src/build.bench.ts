/**
 * Build throughput: `synthDataset` writing a synthetic corpus of N sequences (default 20,000; set
 * SIGNLLM_BENCH_SYNTH_N) as Parquet shards + manifest, sequences per second and peak resident memory.
 * References in the same run: generating and finishing the same rows without writing them, and
 * writing the same rows as `.skels` text (core `formatSkels`, the legacy format).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatSkels, poseSequenceToSkels } from '../../../packages/core/src/index.ts';
import { DEFAULT_SPLITS } from '../../../packages/data/src/build/assign-split.ts';
import { finishRow } from '../../../packages/data/src/build/finish-row.ts';
import { synthDataset } from '../../../packages/data/src/build/synth-dataset.ts';
import { createSynthCorpus } from '../../../packages/data/src/synth/index.ts';
import type { BenchResult, Measurement } from './harness.ts';

const N = Number(process.env.SIGNLLM_BENCH_SYNTH_N ?? 20_000);
const LANGUAGES = ['ase', 'gsg', 'sgg', 'ssr', 'slf', 'aed', 'kvk', 'tsm'];
const SEED = 7;

function timed(name: string, fn: () => void | Promise<void>): Promise<Measurement> {
  const t0 = performance.now();
  return Promise.resolve(fn()).then(() => ({ name, medianMs: performance.now() - t0, runs: 1 }));
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'signllm-bench-build-'));
  let peakRss = process.memoryUsage().rss;
  const baseRss = peakRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    const options = { languages: LANGUAGES, sequences: N, seed: SEED, noisy: 0.1 };
    let frames = 0;
    const generate = await timed('generate + finish rows (no writing)', () => {
      const corpus = createSynthCorpus(options);
      for (let i = 0; i < N; i++) {
        const row = finishRow(corpus.sample(i).sample, { seed: SEED, splits: DEFAULT_SPLITS });
        frames += row.sequence.frames;
      }
    });
    const skelsPath = join(dir, 'all.skels');
    const skels = await timed('generate + write .skels text (reference format)', () => {
      const corpus = createSynthCorpus(options);
      const chunk: string[] = [];
      writeFileSync(skelsPath, '');
      for (let i = 0; i < N; i++) {
        chunk.push(formatSkels([poseSequenceToSkels(corpus.sample(i).sample.sequence, 'pt')], 'pt'));
        if (chunk.length === 256 || i === N - 1) {
          writeFileSync(skelsPath, chunk.join(''), { flag: 'a' });
          chunk.length = 0;
        }
      }
    });
    rmSync(skelsPath);
    peakRss = process.memoryUsage().rss;
    const rssBeforeBuild = peakRss;
    const build = await timed(`synthDataset: ${N} sequences → Parquet dataset`, async () => {
      await synthDataset({ ...options, out: join(dir, 'ds') });
    });
    const seqPerSecond = N / (build.medianMs / 1000);
    return {
      id: 'build',
      description: `synthetic corpus of ${N} sequences (${LANGUAGES.length} languages, ${frames} frames, 10 % noisy) written as a dataset`,
      measurements: [generate, skels, build],
      ratios: {
        sequencesPerSecond: seqPerSecond,
        framesPerSecond: frames / (build.medianMs / 1000),
        buildTimeVsGenerateOnly: build.medianMs / generate.medianMs,
        buildTimeVsSkelsText: build.medianMs / skels.medianMs,
        peakRssMB: peakRss / 1e6,
        rssGrowthDuringBuildMB: (peakRss - rssBeforeBuild) / 1e6,
        baseRssMB: baseRss / 1e6,
      },
    };
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}
