/**
 * Dataset size: bytes of the Parquet shards `DatasetWriter` writes vs bytes of the `.skels` text (pt
 * dialect, core `formatSkels`) of the same sequences, measured in the same run, on the real PHOENIX14T
 * sample (10 sequences) and on 2,000 sequences made from it (random crops, per-channel offsets and
 * scales, kept on the 5-decimal grid). Also the pose column alone under other layouts / encodings,
 * to show why the format stores channel-major INT32 with DELTA_BINARY_PACKED; and write / read speed
 * against formatting / parsing the `.skels` text.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createPoseSequence,
  formatSkels,
  type PoseSequence,
  parseSkels,
  poseSequenceToSkels,
  skelsToPoseSequence,
} from '../../../packages/core/src/index.ts';
import type { DatasetRow } from '../../../packages/data/src/dataset/dataset-row.ts';
import { DatasetWriter } from '../../../packages/data/src/dataset/dataset-writer.ts';
import { openDataset } from '../../../packages/data/src/dataset/open-dataset.ts';
import { quantiseCoordinate } from '../../../packages/data/src/dataset/pose-codec.ts';
import { createRng } from '../../../packages/data/src/util/rng.ts';
import { type BenchResult, measure } from './harness.ts';

/** The one hyparquet-writer call this bench makes itself (the package is a dependency of packages/data). */
type ParquetWriteBuffer = (options: { columnData: unknown[]; schema: unknown[] }) => ArrayBuffer;

async function loadWriter(): Promise<ParquetWriteBuffer> {
  const fromData = createRequire(join(repoRoot(), 'packages', 'data', 'package.json'));
  const mod = (await import(pathToFileURL(fromData.resolve('hyparquet-writer')).href)) as {
    parquetWriteBuffer: ParquetWriteBuffer;
  };
  return mod.parquetWriteBuffer;
}

const GOAL_RATIO = 0.25;
const LARGE = 2000;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('dataset-size.bench: no pnpm-workspace.yaml above this file');
    dir = parent;
  }
  return dir;
}

function phoenix(): PoseSequence[] {
  const data = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(repoRoot(), '..', 'shared', 'data'));
  const sample = join(data, 'phoenix14t-sample');
  if (!existsSync(sample)) throw new Error(`dataset-size.bench needs the shared data folder (${sample})`);
  return ['train', 'dev'].flatMap((split) =>
    parseSkels(readFileSync(join(sample, `${split}.skels`)), { dialect: 'pt' }).map((s) =>
      skelsToPoseSequence(s, { dialect: 'pt' }),
    ),
  );
}

/** 2,000 variations of the real sequences: crop, per-channel offset and scale, on the 5-decimal grid. */
function perturbed(real: PoseSequence[]): PoseSequence[] {
  const rng = createRng(2405);
  const out: PoseSequence[] = [];
  for (let k = 0; k < LARGE; k++) {
    const base = real[k % real.length]!;
    const frames = Math.max(16, Math.floor(base.frames * rng.uniform(0.5, 1)));
    const start = rng.int(base.frames - frames + 1);
    const data = new Float32Array(frames * 150);
    const offset = Array.from({ length: 150 }, () => rng.normal() * 0.01);
    const scale = rng.uniform(0.95, 1.05);
    for (let f = 0; f < frames; f++) {
      for (let c = 0; c < 150; c++) {
        const v = base.data[(start + f) * 150 + c]! * scale + offset[c]!;
        data[f * 150 + c] = Math.round(v * 1e5) / 1e5;
      }
    }
    out.push(createPoseSequence({ skeleton: base.skeleton, fps: 25, dims: 3, data }));
  }
  return out;
}

function rowsOf(seqs: PoseSequence[]): DatasetRow[] {
  return seqs.map((sequence, i) => ({
    id: `train/seq-${i}`,
    split: i % 10 === 0 ? 'dev' : 'train',
    language: 'gsg',
    text: `satz nummer ${i} über das wetter`,
    gloss: 'WETTER MORGEN REGEN',
    prompt: `Wie gebärdet man „satz nummer ${i}“?`,
    langGloss: '<gsg> WETTER <gsg> MORGEN <gsg> REGEN',
    source: 'bench',
    sequence,
  }));
}

function skelsBytes(seqs: PoseSequence[]): number {
  let bytes = 0;
  for (const s of seqs) bytes += formatSkels([poseSequenceToSkels(s, 'pt')], 'pt').length;
  return bytes;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (name.endsWith('.parquet')) total += statSync(path).size;
  }
  return total;
}

async function writeDataset(dir: string, seqs: PoseSequence[]): Promise<void> {
  const writer = await DatasetWriter.open(dir, {
    name: 'bench',
    skeleton: 'prompt2sign-50',
    dims: 3,
    fps: 25,
    normalisation: { method: 'scale', parameters: { scale: 3 } },
    sources: [{ name: 'PHOENIX14T sample (perturbed)', licence: 'CC-BY-NC-SA-4.0', provenance: 'bench' }],
    generator: { tool: 'signllm-data', version: '0.0.0', seed: 1 },
    overwrite: true,
  });
  for (const row of rowsOf(seqs)) await writer.add(row);
  await writer.close();
}

/** The pose column alone, in another layout / encoding, for comparison. */
function poseColumnBytes(
  parquetWriteBuffer: ParquetWriteBuffer,
  seqs: PoseSequence[],
  layout: 'frame' | 'channel',
  encoding: string,
): number {
  const lists = seqs.map((s) => {
    const out = new Array<number>(s.data.length);
    for (let f = 0; f < s.frames; f++) {
      for (let c = 0; c < 150; c++) {
        out[layout === 'frame' ? f * 150 + c : c * s.frames + f] = quantiseCoordinate(s.data[f * 150 + c]!);
      }
    }
    return out;
  });
  const buf = parquetWriteBuffer({
    columnData: [{ name: 'pose', data: lists, encoding }],
    schema: [
      { name: 'root', num_children: 1 },
      { name: 'pose', converted_type: 'LIST', repetition_type: 'REQUIRED', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'INT32', repetition_type: 'REQUIRED' },
    ],
  });
  return buf.byteLength;
}

function float32ColumnBytes(parquetWriteBuffer: ParquetWriteBuffer, seqs: PoseSequence[]): number {
  const buf = parquetWriteBuffer({
    columnData: [{ name: 'pose', data: seqs.map((s) => Array.from(s.data)), encoding: 'BYTE_STREAM_SPLIT' }],
    schema: [
      { name: 'root', num_children: 1 },
      { name: 'pose', converted_type: 'LIST', repetition_type: 'REQUIRED', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
    ],
  });
  return buf.byteLength;
}

async function readAll(dir: string): Promise<number> {
  let frames = 0;
  for await (const row of (await openDataset(dir)).rows()) frames += row.sequence.frames;
  return frames;
}

/** Runs the benchmark. */
export async function run(): Promise<BenchResult> {
  const real = phoenix();
  const large = perturbed(real);
  const tmp = mkdtempSync(join(tmpdir(), 'signllm-bench-dataset-'));
  try {
    const realDir = join(tmp, 'real');
    const largeDir = join(tmp, 'large');
    await writeDataset(realDir, real);
    await writeDataset(largeDir, large);
    const realSkels = skelsBytes(real);
    const largeSkels = skelsBytes(large);
    const realRatio = folderBytes(realDir) / realSkels;
    const largeRatio = folderBytes(largeDir) / largeSkels;
    const largeFrames = large.reduce((n, s) => n + s.frames, 0);
    if ((await readAll(largeDir)) !== largeFrames)
      throw new Error('dataset-size.bench: read back wrong frames');

    const subset = large.slice(0, 300);
    const subsetSkels = skelsBytes(subset);
    const w = await loadWriter();
    const layouts = {
      poseOnlyChannelMajorDelta: poseColumnBytes(w, subset, 'channel', 'DELTA_BINARY_PACKED') / subsetSkels,
      poseOnlyFrameMajorDelta: poseColumnBytes(w, subset, 'frame', 'DELTA_BINARY_PACKED') / subsetSkels,
      poseOnlyChannelMajorPlainSnappy: poseColumnBytes(w, subset, 'channel', 'PLAIN') / subsetSkels,
      poseOnlyFloat32ByteStreamSplit: float32ColumnBytes(w, subset) / subsetSkels,
    };

    const few = large.slice(0, 100);
    const fewDir = join(tmp, 'few');
    const formatRef = await measure('reference: formatSkels (pt) of 100 sequences', () => skelsBytes(few), {
      minMs: 500,
      warmup: 1,
    });
    const write = await measure('ours: DatasetWriter, 100 sequences', () => writeDataset(fewDir, few), {
      minMs: 500,
      warmup: 1,
    });
    const fewText = formatSkels(
      few.map((s) => poseSequenceToSkels(s, 'pt')),
      'pt',
    );
    const fewBytes = new TextEncoder().encode(fewText);
    const parseRef = await measure(
      'reference: parseSkels + skelsToPoseSequence of 100 sequences',
      () => parseSkels(fewBytes, { dialect: 'pt' }).map((s) => skelsToPoseSequence(s, { dialect: 'pt' })),
      { minMs: 500, warmup: 1 },
    );
    const read = await measure('ours: openDataset rows(), 100 sequences', () => readAll(fewDir), {
      minMs: 500,
      warmup: 1,
    });

    return {
      id: 'dataset-size',
      description:
        `Parquet dataset bytes / pt .skels bytes: real PHOENIX14T sample (10 sequences, ${realSkels} B of .skels) ` +
        `and ${LARGE} perturbed crops of it (${largeFrames} frames, ${(largeSkels / 1e6).toFixed(1)} MB of .skels)`,
      measurements: [formatRef, write, parseRef, read],
      ratios: {
        sizeRatioPhoenix: realRatio,
        sizeRatioLarge: largeRatio,
        ...layouts,
        writeTimeVsFormatSkels: write.medianMs / formatRef.medianMs,
        readTimeVsParseSkels: read.medianMs / parseRef.medianMs,
      },
      goals: {
        sizeRatioPhoenix: { target: GOAL_RATIO, actual: realRatio, met: realRatio <= GOAL_RATIO },
        sizeRatioLarge: { target: GOAL_RATIO, actual: largeRatio, met: largeRatio <= GOAL_RATIO },
      },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
