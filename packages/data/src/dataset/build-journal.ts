/**
 * The build journal `<dataset>/.build/journal.json`: the settings of an unfinished build and every
 * shard it finished (path, checksum, counts, the input keys of its rows), rewritten atomically after
 * each shard, so `DatasetWriter.open(dir, { resume: true })` can continue after a crash.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { writeFileAtomic } from './write-file-atomic.ts';

/** Folder of the journal inside the dataset folder. */
export const BUILD_DIR = '.build';
/** The journal file name. */
export const JOURNAL_FILE = 'journal.json';

/** Counts of one language in one shard. */
export interface LanguageCount {
  sequences: number;
  frames: number;
}

/** One finished shard. */
export interface JournalShard {
  split: string;
  /** Relative to the dataset folder, e.g. `train/shard-00000.parquet`. */
  path: string;
  sha256: string;
  rows: number;
  bytes: number;
  frames: number;
  languages: Record<string, LanguageCount>;
  /** The input key of each row, in row order (`null` for rows added without one). */
  inputKeys: (string | null)[];
}

/** Settings that a resumed build must repeat. */
export interface JournalSettings {
  skeleton: string;
  dims: number;
  fps: number;
  shardRows: number;
}

/** The whole journal. */
export interface BuildJournal {
  journalVersion: 1;
  settings: JournalSettings;
  shards: JournalShard[];
  /** Input keys all of whose rows are in finished shards. */
  completedInputKeys: string[];
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkShard(v: unknown): v is JournalShard {
  if (!isRecord(v)) return false;
  const { split, path, sha256, rows, bytes, frames, languages, inputKeys } = v;
  return (
    typeof split === 'string' &&
    typeof path === 'string' &&
    typeof sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(sha256) &&
    isCount(rows) &&
    isCount(bytes) &&
    isCount(frames) &&
    isRecord(languages) &&
    Object.values(languages).every((c) => isRecord(c) && isCount(c.sequences) && isCount(c.frames)) &&
    Array.isArray(inputKeys) &&
    inputKeys.length === rows &&
    inputKeys.every((k) => k === null || typeof k === 'string')
  );
}

/**
 * Checks a parsed journal, throwing `badFormat` naming the file when it is not one.
 *
 * @example
 * ```ts
 * const journal = parseJournal(JSON.parse(text), '.build/journal.json');
 * ```
 */
export function parseJournal(value: unknown, source: string): BuildJournal {
  const ok =
    isRecord(value) &&
    value.journalVersion === 1 &&
    isRecord(value.settings) &&
    typeof value.settings.skeleton === 'string' &&
    (value.settings.dims === 2 || value.settings.dims === 3) &&
    typeof value.settings.fps === 'number' &&
    isCount(value.settings.shardRows) &&
    Array.isArray(value.shards) &&
    value.shards.every(checkShard) &&
    Array.isArray(value.completedInputKeys) &&
    value.completedInputKeys.every((k) => typeof k === 'string');
  if (!ok) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${source} is not a valid build journal; remove the dataset folder or open it with overwrite: true`,
      { position: { source } },
    );
  }
  return value as unknown as BuildJournal;
}

/**
 * Reads `<dir>/.build/journal.json`, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * const journal = await readJournal('out/dataset');
 * ```
 */
export async function readJournal(dir: string): Promise<BuildJournal | undefined> {
  const path = join(dir, BUILD_DIR, JOURNAL_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  return parseJournal(value, path);
}

/**
 * Writes the journal atomically (`<dir>/.build` must exist).
 *
 * @example
 * ```ts
 * await writeJournal('out/dataset', journal);
 * ```
 */
export async function writeJournal(dir: string, journal: BuildJournal): Promise<void> {
  await writeFileAtomic(join(dir, BUILD_DIR, JOURNAL_FILE), `${JSON.stringify(journal)}\n`);
}
