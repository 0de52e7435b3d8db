/**
 * Dataset → one `.pose` file (pose-format) per sequence, `<outDir>/<split>/<safe id>.pose`, written
 * with core's `sequenceToPoseFile` + `writePose`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sequenceToPoseFile, writePose } from '@signllm/core';
import { hashString } from '../util/rng.ts';
import { type DatasetReader, openDataset } from './open-dataset.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** Options of `exportPose`. */
export interface ExportPoseOptions {
  /** Export only this split (default: every split). */
  split?: string;
  /** Called after each sequence (progress display). */
  onRow?: () => void;
}

/** One exported file. */
export interface ExportedPose {
  id: string;
  split: string;
  /** Path of the `.pose` file. */
  path: string;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file-system-safe name for an id: letters, digits, `.`, `_`, `-` kept, everything else `_`, no
 * leading dot, at most 120 characters; when anything was changed, an 8-hex-digit hash of the id is
 * appended so different ids stay different.
 *
 * @example
 * ```ts
 * safeFileName('dev/11August_2010_Wednesday_tagesschau-2'); // 'dev_11August_2010_Wednesday_tagesschau-2-1a2b3c4d'
 * ```
 */
export function safeFileName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  if (name === '' || RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  if (name === id && name.length <= 120) return name;
  const hash = hashString(id).toString(16).padStart(8, '0');
  return `${name.slice(0, 120)}-${hash}`;
}

/**
 * Writes every sequence as a `.pose` file. Returns the files written, in dataset order. Two rows that
 * map to the same file name get numbered suffixes.
 *
 * @example
 * ```ts
 * const files = await exportPose(await openDataset('out/phoenix'), 'out/pose');
 * ```
 */
export async function exportPose(
  dataset: DatasetReader | string,
  outDir: string,
  options: ExportPoseOptions = {},
): Promise<ExportedPose[]> {
  const reader = typeof dataset === 'string' ? await openDataset(dataset) : dataset;
  const out: ExportedPose[] = [];
  const used = new Set<string>();
  const rows = options.split === undefined ? reader.rows() : reader.rows({ split: options.split });
  for await (const row of rows) {
    const folder = join(outDir, row.split);
    const base = safeFileName(row.id);
    let name = `${base}.pose`;
    for (let n = 2; used.has(`${row.split}/${name}`); n++) name = `${base}-${n}.pose`;
    used.add(`${row.split}/${name}`);
    await mkdir(folder, { recursive: true });
    const path = join(folder, name);
    await writeFileAtomic(path, writePose(sequenceToPoseFile(row.sequence)));
    out.push({ id: row.id, split: row.split, path });
    options.onRow?.();
  }
  return out;
}
