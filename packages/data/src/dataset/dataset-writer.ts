/**
 * `DatasetWriter`: writes a dataset folder (Parquet shards per split + `manifest.json`) row by row,
 * holding at most `shardRows` rows per split in memory, crash-safe (atomic writes + a build journal)
 * and resumable (`resume: true` keeps finished shards and says which inputs are done).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DATASET_FORMAT_VERSION,
  type DatasetManifest,
  ERROR_CODES,
  getSkeleton,
  parseDatasetManifest,
  SignLLMError,
} from '@signllm/core';
import { parquetReadObjects } from 'hyparquet';
import {
  BUILD_DIR,
  type BuildJournal,
  type JournalShard,
  readJournal,
  writeJournal,
} from './build-journal.ts';
import {
  checkJournalShards,
  listFolder,
  MANIFEST_FILE,
  removePreviousBuild,
  removeStrayFiles,
  shardPath,
} from './dataset-folder.ts';
import { type DatasetRow, type EncodedRow, encodeRow, type RowExpectations } from './dataset-row.ts';
import { encodeShard } from './encode-shard.ts';
import { type ManifestBasics, manifestFromJournal } from './manifest-from-journal.ts';
import { sha256Hex } from './sha256.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** Default rows per shard. */
export const DEFAULT_SHARD_ROWS = 128;

/** Options of `DatasetWriter.open`. */
export interface DatasetWriterOptions extends ManifestBasics {
  /** Rows per shard (default 128); also the most rows held in memory per split. */
  shardRows?: number;
  /** Continue an unfinished build in `dir` (keeps its finished shards). */
  resume?: boolean;
  /** Remove a previous build (manifest, journal, shards) in `dir` first. */
  overwrite?: boolean;
  /** `created` of the manifest (default: the time `close()` runs). */
  created?: string;
}

interface Pending {
  rows: EncodedRow[];
  keys: (string | null)[];
}

function fail(message: string, source?: string): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, message, source ? { position: { source } } : {});
}

/** Checks the manifest basics now, with placeholder counts, so a bad field fails before any work. */
function checkBasics(options: DatasetWriterOptions): void {
  getSkeleton(options.skeleton);
  parseDatasetManifest({
    formatVersion: DATASET_FORMAT_VERSION,
    name: options.name,
    created: options.created ?? new Date().toISOString(),
    skeleton: options.skeleton,
    dims: options.dims,
    fps: options.fps,
    normalisation: options.normalisation,
    languages: [{ code: 'ase', sequences: 0, frames: 0 }],
    splits: { train: { sequences: 0, frames: 0, shards: [] } },
    sources: options.sources,
    promptTemplates: options.promptTemplates ?? [],
    generator: options.generator,
  });
}

/**
 * Writes a dataset. Rows go to per-split buffers; a full buffer becomes `<split>/shard-NNNNN.parquet`
 * (written to a temp name and renamed), then the journal `.build/journal.json` is rewritten
 * atomically. `close()` flushes the rest and writes `manifest.json`.
 *
 * @example
 * ```ts
 * const writer = await DatasetWriter.open('out/phoenix', { name: 'phoenix', skeleton: 'prompt2sign-50',
 *   dims: 3, fps: 25, normalisation: { method: 'scale', parameters: { scale: 3 } }, sources, generator });
 * for (const row of rows) await writer.add(row, 'dev.skels');
 * const manifest = await writer.close();
 * ```
 */
export class DatasetWriter {
  /** The dataset folder. */
  readonly dir: string;
  /** Input keys whose rows are all in finished shards (from the journal on resume): skip these inputs. */
  readonly completedInputKeys: ReadonlySet<string>;
  readonly #options: DatasetWriterOptions;
  readonly #expect: RowExpectations;
  readonly #shardRows: number;
  readonly #journal: BuildJournal;
  readonly #completed: Set<string>;
  readonly #flushedKeys = new Set<string>();
  readonly #skipIds: Set<string>;
  readonly #pending = new Map<string, Pending>();
  #currentKey: string | null = null;
  #closed = false;

  private constructor(
    dir: string,
    options: DatasetWriterOptions,
    journal: BuildJournal,
    skipIds: Set<string>,
  ) {
    this.dir = dir;
    this.#options = options;
    this.#expect = { skeleton: options.skeleton, dims: options.dims, fps: options.fps };
    this.#shardRows = journal.settings.shardRows;
    this.#journal = journal;
    this.#completed = new Set(journal.completedInputKeys);
    for (const shard of journal.shards)
      for (const k of shard.inputKeys) if (k !== null) this.#flushedKeys.add(k);
    this.#skipIds = skipIds;
    this.completedInputKeys = this.#completed;
  }

  /**
   * Opens `dir` for writing (creating it). A finished dataset (with `manifest.json`) or an unfinished
   * build needs `overwrite: true` (or `resume: true` for the unfinished one); a non-empty folder that
   * is neither throws. Throws `invalidArgument`, `schemaInvalid`, `unknownSkeleton` or `badFormat`.
   */
  static async open(dir: string, options: DatasetWriterOptions): Promise<DatasetWriter> {
    const shardRows = options.shardRows ?? DEFAULT_SHARD_ROWS;
    if (!Number.isSafeInteger(shardRows) || shardRows < 1 || shardRows > 1_000_000) {
      throw fail(`shardRows must be an integer from 1 to 1000000, got ${String(options.shardRows)}`);
    }
    checkBasics(options);
    await mkdir(dir, { recursive: true });
    if (options.overwrite) await removePreviousBuild(dir);
    const entries = await listFolder(dir);
    if (entries.includes(MANIFEST_FILE)) {
      throw fail(
        `${dir} already holds a finished dataset (${MANIFEST_FILE}); open it with overwrite: true to rebuild`,
        dir,
      );
    }
    const previous = await readJournal(dir);
    if (previous && !options.resume) {
      throw fail(
        `${dir} holds an unfinished build; open it with resume: true to continue or overwrite: true`,
        dir,
      );
    }
    if (!previous && entries.length > 0) {
      throw fail(
        `${dir} is not empty and holds no dataset build (${entries.slice(0, 5).join(', ')}); choose an empty folder`,
        dir,
      );
    }
    const settings = { skeleton: options.skeleton, dims: options.dims, fps: options.fps, shardRows };
    let journal: BuildJournal = { journalVersion: 1, settings, shards: [], completedInputKeys: [] };
    let skipIds = new Set<string>();
    if (previous) {
      const s = previous.settings;
      if (
        s.skeleton !== settings.skeleton ||
        s.dims !== settings.dims ||
        s.fps !== settings.fps ||
        s.shardRows !== shardRows
      ) {
        throw fail(
          `Cannot resume ${dir}: it was started with ${JSON.stringify(s)}, now ${JSON.stringify(settings)}`,
          dir,
        );
      }
      await checkJournalShards(dir, previous);
      await removeStrayFiles(dir, new Set(previous.shards.map((sh) => sh.path)));
      journal = previous;
      skipIds = await idsOfPartialInputs(dir, previous);
    } else {
      await mkdir(join(dir, BUILD_DIR), { recursive: true });
      await writeJournal(dir, journal);
    }
    return new DatasetWriter(dir, options, journal, skipIds);
  }

  /** Rows written to finished shards so far. */
  get rowsWritten(): number {
    return this.#journal.shards.reduce((n, s) => n + s.rows, 0);
  }

  /**
   * Adds a row (checked against the dataset's skeleton, dims and fps; see `encodeRow`). `inputKey`
   * names the input it came from; add the rows of one input one after another. Returns `false`, and
   * stores nothing, for a row a resumed build already holds (its input is complete, or its id is in a
   * finished shard of a partly finished input).
   */
  async add(row: DatasetRow, inputKey?: string): Promise<boolean> {
    if (this.#closed) throw fail(`DatasetWriter for ${this.dir} is closed`);
    if (inputKey !== undefined && typeof inputKey !== 'string') throw fail('inputKey must be a string');
    if (inputKey !== undefined && this.#completed.has(inputKey)) return false;
    if (this.#skipIds.size > 0 && typeof row?.id === 'string' && this.#skipIds.has(row.id)) return false;
    const encoded = encodeRow(row, this.#expect);
    const pending = this.#pending.get(encoded.split) ?? { rows: [], keys: [] };
    pending.rows.push(encoded);
    pending.keys.push(inputKey ?? null);
    this.#pending.set(encoded.split, pending);
    this.#currentKey = inputKey ?? null;
    if (pending.rows.length >= this.#shardRows) await this.#flush(encoded.split);
    return true;
  }

  async #flush(split: string): Promise<void> {
    const pending = this.#pending.get(split);
    if (!pending || pending.rows.length === 0) return;
    const n = this.#journal.shards.filter((s) => s.split === split).length;
    const path = shardPath(split, n);
    const bytes = encodeShard(pending.rows, this.#options.skeleton);
    await mkdir(join(this.dir, split), { recursive: true });
    await writeFileAtomic(join(this.dir, path), bytes);
    const languages: JournalShard['languages'] = {};
    let frames = 0;
    for (const row of pending.rows) {
      frames += row.pose.frames;
      const count = languages[row.language] ?? { sequences: 0, frames: 0 };
      count.sequences++;
      count.frames += row.pose.frames;
      languages[row.language] = count;
    }
    const shard: JournalShard = {
      split,
      path,
      sha256: sha256Hex(bytes),
      rows: pending.rows.length,
      bytes: bytes.length,
      frames,
      languages,
      inputKeys: pending.keys,
    };
    this.#pending.delete(split);
    this.#journal.shards.push(shard);
    for (const k of pending.keys) if (k !== null) this.#flushedKeys.add(k);
    this.#updateCompleted(false);
    await writeJournal(this.dir, this.#journal);
  }

  #updateCompleted(all: boolean): void {
    const open = new Set<string>();
    if (!all) {
      if (this.#currentKey !== null) open.add(this.#currentKey);
      for (const p of this.#pending.values()) for (const k of p.keys) if (k !== null) open.add(k);
    }
    for (const k of this.#flushedKeys) if (!open.has(k)) this.#completed.add(k);
    this.#journal.completedInputKeys = [...this.#completed];
  }

  /**
   * Flushes every split, writes `manifest.json` (validated; `sources` / `promptTemplates` given here
   * replace the ones from `open`, e.g. with final counts) and removes the journal.
   * Throws `invalidArgument` when no row was written.
   */
  async close(
    final: Pick<Partial<ManifestBasics>, 'sources' | 'promptTemplates'> = {},
  ): Promise<DatasetManifest> {
    if (this.#closed) throw fail(`DatasetWriter for ${this.dir} is already closed`);
    for (const split of [...this.#pending.keys()].sort()) await this.#flush(split);
    this.#currentKey = null;
    this.#updateCompleted(true);
    if (this.#journal.shards.length === 0) {
      throw fail(`No rows were added to ${this.dir}; a dataset needs at least one sequence`, this.dir);
    }
    await writeJournal(this.dir, this.#journal);
    const basics: ManifestBasics = {
      ...this.#options,
      sources: final.sources ?? this.#options.sources,
      promptTemplates: final.promptTemplates ?? this.#options.promptTemplates ?? [],
    };
    const manifest = manifestFromJournal(
      basics,
      this.#journal,
      this.#options.created ?? new Date().toISOString(),
    );
    await writeFileAtomic(join(this.dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(join(this.dir, BUILD_DIR), { recursive: true, force: true });
    this.#closed = true;
    return manifest;
  }
}

/** Ids of rows in finished shards whose input is not complete: a resumed build skips them. */
async function idsOfPartialInputs(dir: string, journal: BuildJournal): Promise<Set<string>> {
  const completed = new Set(journal.completedInputKeys);
  const ids = new Set<string>();
  for (const shard of journal.shards) {
    if (!shard.inputKeys.some((k) => k !== null && !completed.has(k))) continue;
    const bytes = await readFile(join(dir, shard.path));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = (await parquetReadObjects({ file, columns: ['id'] })) as { id: string }[];
    rows.forEach((r, i) => {
      const key = shard.inputKeys[i];
      if (key !== null && key !== undefined && !completed.has(key)) ids.add(r.id);
    });
  }
  return ids;
}
