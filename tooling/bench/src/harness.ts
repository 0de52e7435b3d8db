/**
 * A minimal benchmark harness: run a function repeatedly for at least `minMs`, after warm-up, and
 * report the median time per run. Benchmarks report ratios against a reference measured in the same
 * run, because absolute times on shared machines vary by 20–30 %.
 */
import { performance } from 'node:perf_hooks';

/** One measured quantity of a benchmark. */
export interface Measurement {
  /** What was measured, e.g. `skels parse (ours)`. */
  name: string;
  /** Median milliseconds per run. */
  medianMs: number;
  /** Runs measured. */
  runs: number;
  /** Throughput in MB/s when the benchmark has a byte size. */
  mbPerSecond?: number;
  /**
   * For a measurement that is a size rather than a time (e.g. a gzip-compressed script): its bytes.
   * `medianMs` is then 0 and `runs` 1.
   */
  sizeBytes?: number;
}

/** The result of one benchmark file. */
export interface BenchResult {
  /** Benchmark id, e.g. `skels-parse`. */
  id: string;
  /** What it measures and on which input. */
  description: string;
  measurements: Measurement[];
  /** Ratios between measurements of this run, e.g. `{ speedupVsReference: 4.1 }`. */
  ratios: Record<string, number>;
  /** Goals from the issue, and whether this run met them. */
  goals?: Record<string, { target: number; actual: number; met: boolean }>;
}

/** A benchmark module exports `run`. */
export type Benchmark = () => Promise<BenchResult>;

/** Times `fn` (which processes `bytes` bytes, if given) and returns its median per-run time. */
export async function measure(
  name: string,
  fn: () => unknown,
  options: { minMs?: number; warmup?: number; bytes?: number; maxRuns?: number } = {},
): Promise<Measurement> {
  const { minMs = 1500, warmup = 2, bytes, maxRuns = 10_000 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while ((performance.now() - start < minMs || times.length < 3) && times.length < maxRuns) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)]!;
  const m: Measurement = { name, medianMs, runs: times.length };
  if (bytes !== undefined) m.mbPerSecond = bytes / 1e6 / (medianMs / 1000);
  return m;
}
