/**
 * `validateDataset`: checks a dataset folder end to end and lists every problem found, without
 * stopping at the first: manifest schema, shard size / SHA-256 / readability / row schema, row counts,
 * split and language counts, finite values, unique ids, and shard files the manifest does not list.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetManifest, SignLLMError } from '@signllm/core';
import { SHARD_NAME_PATTERN } from './dataset-folder.ts';
import { readDatasetManifest } from './open-dataset.ts';
import { decodeShard } from './read-shard.ts';
import { sha256Hex } from './sha256.ts';

/** One problem found by `validateDataset`. */
export interface DatasetProblem {
  /** A `SignLLMError` code, or `count_mismatch`, `duplicate_id`, `unlisted_shard`. */
  code: string;
  /** What is wrong, naming the file and row. */
  message: string;
  /** The file concerned, relative to the dataset folder. */
  path?: string;
}

/** At most this many problems are listed. */
export const MAX_PROBLEMS = 1000;

interface Tally {
  sequences: number;
  frames: number;
}

async function unlistedShards(dir: string, manifest: DatasetManifest): Promise<string[]> {
  const listed = new Set(Object.values(manifest.splits).flatMap((s) => s.shards.map((sh) => sh.path)));
  const out: string[] = [];
  for (const split of Object.keys(manifest.splits)) {
    let files: string[] = [];
    try {
      files = await readdir(join(dir, split));
    } catch {
      continue;
    }
    for (const f of files)
      if (SHARD_NAME_PATTERN.test(f) && !listed.has(`${split}/${f}`)) out.push(`${split}/${f}`);
  }
  return out;
}

/**
 * Validates a dataset folder. Returns the problems (empty when the dataset is sound); never throws
 * for a problem of the dataset itself.
 *
 * @example
 * ```ts
 * const problems = await validateDataset('out/phoenix');
 * for (const p of problems) console.error(`${p.path ?? ''}: ${p.message}`);
 * ```
 */
export async function validateDataset(
  dir: string,
  options: { onRow?: () => void } = {},
): Promise<DatasetProblem[]> {
  const problems: DatasetProblem[] = [];
  const report = (code: string, message: string, path?: string): void => {
    if (problems.length < MAX_PROBLEMS)
      problems.push(path === undefined ? { code, message } : { code, message, path });
  };
  const errorCode = (e: unknown): string => (SignLLMError.isInstance(e) ? e.code : 'error');
  let manifest: DatasetManifest;
  try {
    manifest = await readDatasetManifest(dir);
  } catch (error) {
    report(errorCode(error), (error as Error).message, 'manifest.json');
    return problems;
  }
  const ids = new Set<string>();
  const languages = new Map<string, Tally>();
  for (const [split, info] of Object.entries(manifest.splits)) {
    const tally: Tally = { sequences: 0, frames: 0 };
    for (const shard of info.shards) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(join(dir, shard.path)));
      } catch (error) {
        report('invalid_argument', `${shard.path} cannot be read: ${(error as Error).message}`, shard.path);
        continue;
      }
      if (shard.bytes !== undefined && bytes.length !== shard.bytes) {
        report(
          bytes.length < shard.bytes ? 'format_truncated' : 'format_invalid',
          `${shard.path} has ${bytes.length} bytes, the manifest says ${shard.bytes}`,
          shard.path,
        );
      }
      const digest = sha256Hex(bytes);
      if (digest !== shard.sha256) {
        report(
          'format_invalid',
          `${shard.path}: SHA-256 is ${digest}, the manifest says ${shard.sha256}`,
          shard.path,
        );
      }
      let rows = 0;
      try {
        for await (const row of decodeShard(bytes, { source: shard.path, skeleton: manifest.skeleton })) {
          rows++;
          options.onRow?.();
          const seq = row.sequence;
          tally.sequences++;
          tally.frames += seq.frames;
          const lang = languages.get(row.language) ?? { sequences: 0, frames: 0 };
          lang.sequences++;
          lang.frames += seq.frames;
          languages.set(row.language, lang);
          if (ids.has(row.id)) report('duplicate_id', `id "${row.id}" appears more than once`, shard.path);
          ids.add(row.id);
          if (row.split !== split) {
            report(
              'count_mismatch',
              `row "${row.id}" says split "${row.split}" but is in split "${split}"`,
              shard.path,
            );
          }
          if (seq.dims !== manifest.dims || seq.fps !== manifest.fps) {
            report(
              'shape_mismatch',
              `row "${row.id}" is ${seq.dims}D at ${seq.fps} fps; the manifest says ${manifest.dims}D at ${manifest.fps} fps`,
              shard.path,
            );
          }
          if (!seq.data.every(Number.isFinite)) {
            report('format_invalid_number', `row "${row.id}" has non-finite coordinates`, shard.path);
          }
        }
      } catch (error) {
        report(errorCode(error), (error as Error).message, shard.path);
        continue;
      }
      if (rows !== shard.rows) {
        report(
          'count_mismatch',
          `${shard.path} holds ${rows} rows, the manifest says ${shard.rows}`,
          shard.path,
        );
      }
    }
    if (tally.sequences !== info.sequences || tally.frames !== info.frames) {
      report(
        'count_mismatch',
        `split "${split}" holds ${tally.sequences} sequences / ${tally.frames} frames, the manifest says ` +
          `${info.sequences} / ${info.frames}`,
      );
    }
  }
  for (const entry of manifest.languages) {
    const got = languages.get(entry.code) ?? { sequences: 0, frames: 0 };
    languages.delete(entry.code);
    if (got.sequences !== entry.sequences || got.frames !== entry.frames) {
      report(
        'count_mismatch',
        `language "${entry.code}" has ${got.sequences} sequences / ${got.frames} frames, the manifest says ` +
          `${entry.sequences} / ${entry.frames}`,
      );
    }
  }
  for (const code of languages.keys()) report('count_mismatch', `language "${code}" is not in the manifest`);
  for (const path of await unlistedShards(dir, manifest)) {
    report('unlisted_shard', `${path} is not listed in the manifest`, path);
  }
  return problems;
}
