/**
 * `datasetStats`: sequences per split and language, frame and duration statistics, the missing-point
 * rate and flag counts of a dataset, computed by streaming its rows; `formatDatasetStats` prints them.
 */
import { durationSeconds } from '@signllm/core';
import { type DatasetReader, openDataset } from './open-dataset.ts';

/** Minimum, mean, maximum and total of a quantity over sequences. */
export interface Summary {
  min: number;
  mean: number;
  max: number;
  total: number;
}

/** Counts of one split or language. */
export interface GroupCount {
  sequences: number;
  frames: number;
}

/** What `datasetStats` reports. */
export interface DatasetStats {
  name: string;
  skeleton: string;
  dims: number;
  fps: number;
  sequences: number;
  splits: Record<string, GroupCount>;
  languages: Record<string, GroupCount>;
  /** Frames per sequence. */
  frames: Summary;
  /** Seconds per sequence. */
  durationSeconds: Summary;
  /** Fraction of (frame, joint) points with confidence 0. */
  missingRate: number;
  /** How many sequences carry each flag. */
  flags: Record<string, number>;
}

function summary(min: number, max: number, total: number, n: number): Summary {
  return n === 0 ? { min: 0, mean: 0, max: 0, total: 0 } : { min, mean: total / n, max, total };
}

function bump(map: Record<string, GroupCount>, key: string, frames: number): void {
  const c = map[key] ?? { sequences: 0, frames: 0 };
  c.sequences++;
  c.frames += frames;
  map[key] = c;
}

/**
 * Reads every row of a dataset (shard by shard, checksums verified) and summarises it.
 *
 * @example
 * ```ts
 * const stats = await datasetStats('out/phoenix');
 * stats.languages.gsg?.sequences; // 10
 * ```
 */
export async function datasetStats(
  dataset: DatasetReader | string,
  options: { onRow?: () => void } = {},
): Promise<DatasetStats> {
  const reader = typeof dataset === 'string' ? await openDataset(dataset) : dataset;
  const { manifest } = reader;
  const splits: Record<string, GroupCount> = {};
  const languages: Record<string, GroupCount> = {};
  const flags: Record<string, number> = {};
  let n = 0;
  let fMin = Infinity;
  let fMax = -Infinity;
  let fTotal = 0;
  let dMin = Infinity;
  let dMax = -Infinity;
  let dTotal = 0;
  let points = 0;
  let missing = 0;
  for await (const row of reader.rows()) {
    options.onRow?.();
    const seq = row.sequence;
    n++;
    fMin = Math.min(fMin, seq.frames);
    fMax = Math.max(fMax, seq.frames);
    fTotal += seq.frames;
    const d = durationSeconds(seq);
    dMin = Math.min(dMin, d);
    dMax = Math.max(dMax, d);
    dTotal += d;
    bump(splits, row.split, seq.frames);
    bump(languages, row.language, seq.frames);
    for (const flag of new Set(row.flags ?? [])) flags[flag] = (flags[flag] ?? 0) + 1;
    points += seq.confidence.length;
    for (let i = 0; i < seq.confidence.length; i++) if (seq.confidence[i] === 0) missing++;
  }
  return {
    name: manifest.name,
    skeleton: manifest.skeleton,
    dims: manifest.dims,
    fps: manifest.fps,
    sequences: n,
    splits,
    languages,
    frames: summary(fMin, fMax, fTotal, n),
    durationSeconds: summary(dMin, dMax, dTotal, n),
    missingRate: points === 0 ? 0 : missing / points,
    flags,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Formats stats as plain-text tables (splits, languages, frames, flags).
 *
 * @example
 * ```ts
 * console.log(formatDatasetStats(await datasetStats('out/phoenix')));
 * ```
 */
export function formatDatasetStats(stats: DatasetStats): string {
  const f1 = (v: number): string => v.toFixed(1);
  const groups = (m: Record<string, GroupCount>): string[][] =>
    Object.entries(m).map(([k, c]) => [k, String(c.sequences), String(c.frames), f1(c.frames / stats.fps)]);
  const parts = [
    `Dataset ${stats.name}: ${stats.sequences} sequences, ${stats.dims}D ${stats.skeleton} at ${stats.fps} fps`,
    '',
    table(['split', 'sequences', 'frames', 'seconds'], groups(stats.splits)),
    '',
    table(['language', 'sequences', 'frames', 'seconds'], groups(stats.languages)),
    '',
    table(
      ['per sequence', 'min', 'mean', 'max', 'total'],
      [
        ['frames', ...[stats.frames.min, stats.frames.mean, stats.frames.max, stats.frames.total].map(f1)],
        [
          'seconds',
          ...[
            stats.durationSeconds.min,
            stats.durationSeconds.mean,
            stats.durationSeconds.max,
            stats.durationSeconds.total,
          ].map((v) => v.toFixed(2)),
        ],
      ],
    ),
    '',
    `missing points: ${(stats.missingRate * 100).toFixed(2)} %`,
  ];
  const flagRows = Object.entries(stats.flags).sort((a, b) => b[1] - a[1]);
  parts.push(
    '',
    flagRows.length === 0
      ? 'flags: none'
      : table(
          ['flag', 'sequences'],
          flagRows.map(([k, v]) => [k, String(v)]),
        ),
  );
  return `${parts.join('\n')}\n`;
}
