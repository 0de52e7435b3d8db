/**
 * Opens a dataset folder for reading: the validated `manifest.json` and a streaming row reader that
 * goes shard by shard (each verified against the manifest's size and SHA-256 before it is decoded).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DatasetManifest,
  ERROR_CODES,
  formatOptions,
  parseDatasetManifest,
  SignLLMError,
} from '@signllm/core';
import { MANIFEST_FILE } from './dataset-folder.ts';
import type { DatasetRow } from './dataset-row.ts';
import { readShard } from './read-shard.ts';

/** Which rows `rows()` yields. */
export interface DatasetRowFilter {
  /** Only this split (must exist in the manifest). */
  split?: string;
  /** Only this language (ISO code). */
  language?: string;
}

/** An open dataset. */
export interface DatasetReader {
  /** The dataset folder. */
  readonly dir: string;
  /** The validated manifest. */
  readonly manifest: DatasetManifest;
  /** Rows in manifest order (split by split, shard by shard), one shard in memory at a time. */
  rows(filter?: DatasetRowFilter): AsyncGenerator<DatasetRow, void, undefined>;
}

/** Largest `manifest.json` read (64 MiB). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * Reads and validates `<dir>/manifest.json`. Throws `invalidArgument` (no manifest), `tooLarge`,
 * `badFormat` (not JSON), `unsupportedVersion` or `schemaInvalid`, naming the file.
 *
 * @example
 * ```ts
 * const manifest = await readDatasetManifest('out/phoenix');
 * ```
 */
export async function readDatasetManifest(dir: string): Promise<DatasetManifest> {
  const path = join(dir, MANIFEST_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      missing
        ? `${dir} is not a dataset: ${MANIFEST_FILE} is missing (an unfinished build is resumed with the writer's resume option)`
        : `${path} cannot be read: ${(error as Error).message}`,
      { position: { source: path }, cause: error },
    );
  }
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `${path} is ${bytes.length} bytes; at most ${MAX_MANIFEST_BYTES}`,
      {
        position: { source: path },
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new SignLLMError(ERROR_CODES.badFormat, `${path} is not valid JSON: ${(error as Error).message}`, {
      position: { source: path },
      cause: error,
    });
  }
  try {
    return parseDatasetManifest(value);
  } catch (error) {
    if (!SignLLMError.isInstance(error)) throw error;
    throw new SignLLMError(error.code, `${path}: ${error.message}`, {
      position: { source: path },
      cause: error,
      ...(error.details ? { details: error.details } : {}),
    });
  }
}

/**
 * Opens a dataset written by `DatasetWriter`.
 *
 * @example
 * ```ts
 * const dataset = await openDataset('out/phoenix');
 * for await (const row of dataset.rows({ split: 'dev' })) console.log(row.id, row.sequence.frames);
 * ```
 */
export async function openDataset(dir: string): Promise<DatasetReader> {
  const manifest = await readDatasetManifest(dir);
  async function* rows(filter: DatasetRowFilter = {}): AsyncGenerator<DatasetRow, void, undefined> {
    const names = Object.keys(manifest.splits);
    if (filter.split !== undefined && !names.includes(filter.split)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Split "${filter.split}" is not in ${dir}; its splits are ${formatOptions(names)}`,
        { details: { value: filter.split, options: names } },
      );
    }
    for (const name of filter.split === undefined ? names : [filter.split]) {
      for (const shard of manifest.splits[name]!.shards) {
        const options = {
          sha256: shard.sha256,
          skeleton: manifest.skeleton,
          source: shard.path,
          ...(shard.bytes === undefined ? {} : { bytes: shard.bytes }),
        };
        for await (const row of readShard(join(dir, shard.path), options)) {
          if (filter.language === undefined || row.language === filter.language) yield row;
        }
      }
    }
  }
  return { dir, manifest, rows };
}
