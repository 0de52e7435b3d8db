/**
 * The training log `metrics.jsonl`: one JSON object per line, each with an integer `step` and any
 * metrics (`loss`, `lr`, `dtw`, `seconds`...). Lines are written with one synchronous `write` each, so a
 * killed run loses at most the line being written; readers skip such a torn last line, and a resumed run
 * drops rows past its checkpoint with `truncateMetricsAfter`.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { writeFileAtomic } from './write-json-atomic.ts';

/** Name of the log inside a run directory. */
export const METRICS_FILE = 'metrics.jsonl';
const MAX_LOG_BYTES = 1 << 30;

/** A metric value: numbers (non-finite ones are stored as null), short strings, booleans, null. */
export type MetricValue = number | string | boolean | null;

/** One row of the log. */
export interface MetricsRow {
  /** Training step (non-negative integer). */
  step: number;
  /** Any metrics; `undefined` values are left out. */
  [metric: string]: MetricValue | undefined;
}

/** Options of `MetricsLog.open`. */
export interface MetricsLogOptions {
  /** Also fsync after every line (survives power loss, costs a disk flush per row). Default false. */
  fsync?: boolean;
}

/**
 * Appends rows to `metrics.jsonl`. Opening repairs a torn last line left by a killed run (it is
 * dropped), so new rows never glue onto garbage.
 *
 * @example
 * ```ts
 * const log = MetricsLog.open('runs/base/metrics.jsonl');
 * log.append({ step: 10, loss: 0.42, lr: 1e-3 });
 * log.close();
 * ```
 */
export class MetricsLog {
  readonly path: string;
  private fd: number | undefined;
  private readonly fsync: boolean;

  private constructor(path: string, fd: number, fsync: boolean) {
    this.path = path;
    this.fd = fd;
    this.fsync = fsync;
  }

  /** Opens (creating if needed) the log at `path` for appending. */
  static open(path: string, options: MetricsLogOptions = {}): MetricsLog {
    const fd = openSync(path, 'a+');
    try {
      dropTornTail(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new MetricsLog(path, fd, options.fsync ?? false);
  }

  /**
   * Appends one row as a line and hands it to the OS before returning.
   *
   * @throws SignLLMError `invalid_argument` for a bad step, a metric of another type, or after `close`.
   */
  append(row: MetricsRow): void {
    if (this.fd === undefined) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `metrics log ${this.path} is closed`);
    }
    const line = Buffer.from(`${formatRow(row)}\n`, 'utf8');
    let done = 0;
    while (done < line.length) done += writeSync(this.fd, line, done, line.length - done);
    if (this.fsync) fsyncSync(this.fd);
  }

  /** Flushes and closes the file. Safe to call twice. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Serialises a row to one JSON line (without the newline), checking it. */
export function formatRow(row: MetricsRow): string {
  if (typeof row !== 'object' || row === null || !Number.isSafeInteger(row.step) || row.step < 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `metrics row: step must be a non-negative integer, got ${String((row as { step?: unknown } | null)?.step)}`,
    );
  }
  const out: Record<string, MetricValue> = { step: row.step };
  for (const [key, value] of Object.entries(row)) {
    if (key === 'step' || value === undefined) continue;
    if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : null;
    else if (value === null || typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `metrics row at step ${row.step}: "${key}" must be a number, string, boolean or null, got ${typeof value}`,
      );
    }
  }
  return JSON.stringify(out);
}

/**
 * Reads every row of a log. A missing file is an empty log; a torn last line (a killed run) is skipped.
 *
 * @throws SignLLMError `format_invalid` for a damaged line before the last (naming file and line),
 *   `format_too_large` for a log over 1 GiB.
 * @example
 * ```ts
 * const rows = await readMetrics('runs/base/metrics.jsonl');
 * ```
 */
export async function readMetrics(path: string): Promise<MetricsRow[]> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (size > MAX_LOG_BYTES) {
    throw new SignLLMError(ERROR_CODES.tooLarge, `metrics log is ${size} bytes, over ${MAX_LOG_BYTES}`, {
      position: { source: path },
    });
  }
  return parseMetrics(await readFile(path, 'utf8'), path);
}

/** Parses the text of a log (see `readMetrics`). */
export function parseMetrics(text: string, source = METRICS_FILE): MetricsRow[] {
  const lines = text.split('\n');
  const rows: MetricsRow[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const last = i === lines.length - 1; // no newline after it: possibly torn
    const row = parseLine(line);
    if (row !== undefined) rows.push(row);
    else if (!last) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        'not a metrics row (a JSON object with an integer step)',
        {
          position: { source, line: i + 1 },
        },
      );
    }
  }
  return rows;
}

/**
 * Drops every row with `step > step` (and a torn last line), atomically, so a run resumed from the
 * checkpoint of `step` logs no duplicates. Returns how many rows were dropped; a missing log is fine.
 * Call it before `MetricsLog.open`.
 *
 * @example
 * ```ts
 * await truncateMetricsAfter('runs/base/metrics.jsonl', checkpoint.step);
 * ```
 */
export async function truncateMetricsAfter(path: string, step: number): Promise<number> {
  if (!Number.isFinite(step)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `step must be a finite number, got ${step}`);
  }
  const rows = await readMetrics(path);
  const kept = rows.filter((row) => row.step <= step);
  if (kept.length === rows.length && (await endsCleanly(path))) return 0;
  await writeFileAtomic(path, kept.map((row) => `${formatRow(row)}\n`).join(''));
  return rows.length - kept.length;
}

function parseLine(line: string): MetricsRow | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const step = (value as { step?: unknown }).step;
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) return undefined;
  for (const v of Object.values(value)) {
    if (v !== null && typeof v === 'object') return undefined;
  }
  return value as MetricsRow;
}

async function endsCleanly(path: string): Promise<boolean> {
  try {
    const text = await readFile(path, 'utf8');
    return text.length === 0 || text.endsWith('\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Cuts a file that does not end in a newline back to its last newline (a torn line from a kill). */
function dropTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  // Scan backwards in bounded chunks for the last newline.
  const chunk = Buffer.alloc(Math.min(size, 1 << 16));
  let end = size;
  let keep = 0;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    readSync(fd, chunk, 0, length, start);
    const at = chunk.subarray(0, length).lastIndexOf(0x0a);
    if (at >= 0) {
      keep = start + at + 1;
      break;
    }
    end = start;
  }
  ftruncateSync(fd, keep);
}
