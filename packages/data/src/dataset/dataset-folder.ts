/**
 * Folder housekeeping for `DatasetWriter`: what a dataset folder holds, removing a previous build
 * (`overwrite`), removing files an interrupted build left behind (`resume`), and checking that the
 * shards a journal lists are intact.
 */
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { BUILD_DIR, type BuildJournal } from './build-journal.ts';
import { SPLIT_PATTERN } from './dataset-row.ts';
import { sha256File } from './sha256.ts';
import { isTempFileName } from './write-file-atomic.ts';

/** The manifest file name. */
export const MANIFEST_FILE = 'manifest.json';

/** Shard file names: `shard-00000.parquet`. */
export const SHARD_NAME_PATTERN: RegExp = /^shard-\d{5,}\.parquet$/;

/**
 * The shard path of split `split` number `n`.
 *
 * @example
 * ```ts
 * shardPath('train', 3); // 'train/shard-00003.parquet'
 * ```
 */
export function shardPath(split: string, n: number): string {
  return `${split}/shard-${String(n).padStart(5, '0')}.parquet`;
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Entries of a dataset folder (empty when it does not exist). */
export async function listFolder(dir: string): Promise<string[]> {
  return list(dir);
}

/**
 * Removes files that are not part of `keep` (relative shard paths) from the split folders, temporary
 * files everywhere, and split folders left empty. Other files are left alone.
 */
export async function removeStrayFiles(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await list(dir)) {
    const path = join(dir, name);
    if (isTempFileName(name)) {
      await rm(path, { force: true });
      removed.push(name);
    } else if (SPLIT_PATTERN.test(name) && (await isDir(path))) {
      for (const file of await list(path)) {
        const rel = `${name}/${file}`;
        if (isTempFileName(file) || (SHARD_NAME_PATTERN.test(file) && !keep.has(rel))) {
          await rm(join(path, file), { force: true });
          removed.push(rel);
        }
      }
      if ((await list(path)).length === 0) await rmdir(path);
    }
  }
  for (const name of await list(join(dir, BUILD_DIR))) {
    if (isTempFileName(name)) {
      await rm(join(dir, BUILD_DIR, name), { force: true });
      removed.push(`${BUILD_DIR}/${name}`);
    }
  }
  return removed;
}

/** Removes a previous build: manifest, journal, shards and temporary files (nothing else). */
export async function removePreviousBuild(dir: string): Promise<void> {
  await rm(join(dir, MANIFEST_FILE), { force: true });
  await rm(join(dir, BUILD_DIR), { recursive: true, force: true });
  await removeStrayFiles(dir, new Set());
}

/**
 * Checks that every shard of the journal exists with its size and SHA-256; throws `badFormat` naming
 * the first one that does not (a finished shard was changed after the crash).
 */
export async function checkJournalShards(dir: string, journal: BuildJournal): Promise<void> {
  for (const shard of journal.shards) {
    const path = join(dir, shard.path);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      size = -1;
    }
    const digest = size === shard.bytes ? await sha256File(path) : '';
    if (digest !== shard.sha256) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `Cannot resume ${dir}: finished shard ${shard.path} is ${size < 0 ? 'missing' : 'changed'} ` +
          '(size or SHA-256 differs from the build journal); rebuild with overwrite: true',
        { position: { source: path } },
      );
    }
  }
}
