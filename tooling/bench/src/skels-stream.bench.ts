/**
 * Streaming a large `.skels` corpus from disk: `readSkelsCorpus` over a file of `SIGNLLM_BENCH_SKELS_MB`
 * (default 1024) MB written to a temporary folder by repeating the real PHOENIX14T lines, with its
 * `.files` side file. Reports throughput and the growth of the process's resident memory while it
 * streams, against the size of the longest line (the bound the reader promises: memory grows with one
 * sequence, not with the file). The reference measured in the same run is reading the same file with
 * `fs.createReadStream` and doing nothing with the bytes (the I/O floor).
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSkelsCorpus } from '../../../packages/core/src/codecs/skels/index.ts';
import type { BenchResult, Measurement } from './harness.ts';

const TARGET_MB = Number(process.env.SIGNLLM_BENCH_SKELS_MB ?? 1024);

function sampleLines(): string[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) dir = dirname(dir);
  const data = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(dir, '..', 'shared', 'data'));
  return ['train', 'dev'].flatMap((s) =>
    readFileSync(join(data, 'phoenix14t-sample', `${s}.skels`), 'utf8')
      .split('\n')
      .filter((l) => l.trim()),
  );
}

async function writeCorpus(dir: string, lines: string[]): Promise<{ bytes: number; count: number }> {
  const skels = createWriteStream(join(dir, 'big.skels'));
  const files = createWriteStream(join(dir, 'big.files'));
  let bytes = 0;
  let count = 0;
  const target = TARGET_MB * 1024 * 1024;
  while (bytes < target) {
    const line = `${lines[count % lines.length]}\n`;
    if (!skels.write(line)) await new Promise<void>((r) => skels.once('drain', () => r()));
    files.write(`train/clip-${count}\n`);
    bytes += Buffer.byteLength(line);
    count++;
  }
  await Promise.all([
    new Promise<void>((r) => skels.end(() => r())),
    new Promise<void>((r) => files.end(() => r())),
  ]);
  return { bytes, count };
}

export async function run(): Promise<BenchResult> {
  const lines = sampleLines();
  const longest = Math.max(...lines.map((l) => Buffer.byteLength(l)));
  const dir = mkdtempSync(join(tmpdir(), 'signllm-skels-stream-'));
  try {
    const { bytes, count } = await writeCorpus(dir, lines);

    let t0 = performance.now();
    for await (const _ of createReadStream(join(dir, 'big.skels'))) {
      // the I/O floor: read and drop
    }
    const ioMs = performance.now() - t0;

    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let seen = 0;
    let frames = 0;
    t0 = performance.now();
    for await (const e of readSkelsCorpus(
      { skels: createReadStream(join(dir, 'big.skels')), files: createReadStream(join(dir, 'big.files')) },
      { dialect: 'pt', source: 'big.skels' },
    )) {
      seen++;
      frames += e.sequence.frames;
      if (seen % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const streamMs = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    if (seen !== count) throw new Error(`skels-stream bench: read ${seen} sequences, wrote ${count}`);

    const mb = bytes / 1e6;
    const m = (name: string, ms: number): Measurement => ({
      name,
      medianMs: ms,
      runs: 1,
      mbPerSecond: mb / (ms / 1000),
    });
    const growthMB = (peak - rssBefore) / 1e6;
    return {
      id: 'skels-stream',
      description:
        `readSkelsCorpus (.skels + .files) streaming ${mb.toFixed(0)} MB from disk: ${count} sequences, ` +
        `${frames} frames; longest line ${(longest / 1e6).toFixed(2)} MB; resident memory grew by ` +
        `${growthMB.toFixed(1)} MB while streaming`,
      measurements: [
        m('fs.createReadStream, bytes dropped (I/O floor)', ioMs),
        m('readSkelsCorpus, pt', streamMs),
      ],
      ratios: {
        streamVsIoFloor: streamMs / ioMs,
        rssGrowthMB: growthMB,
        rssGrowthOverFileSize: growthMB / mb,
      },
      goals: {
        // Bounded memory: the growth must not scale with the file (1 GB by default). 64 MB leaves room
        // for the garbage collector's slack on top of one line (a few hundred kB here).
        rssGrowthUnder64MB: { target: 64, actual: growthMB, met: growthMB < 64 },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
