/**
 * Dataset → `.skels` corpus: `{split}.skels`, `.text`, `.gloss` and `.files`, line-aligned, in the
 * Progressive Transformers (`pt`) or Prompt2Sign (`p2s`) dialect, written with core's exact `.skels`
 * writer. Coordinates are written as stored (the dataset's normalisation is not undone).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ERROR_CODES,
  formatOptions,
  formatSkelsLine,
  poseSequenceToSkels,
  SignLLMError,
} from '@signllm/core';
import { LineFile } from './line-file.ts';
import { type DatasetReader, openDataset } from './open-dataset.ts';

/** Options of `exportSkels`. */
export interface ExportSkelsOptions {
  /** `pt` (PHOENIX14T / Progressive Transformers: 150 values + counter i/T) or `p2s`. */
  dialect: 'pt' | 'p2s';
  /** Export only this split (default: every split). */
  split?: string;
  /** Called after each sequence (progress display). */
  onRow?: () => void;
}

/** What `exportSkels` wrote for one split. */
export interface ExportedSplit {
  split: string;
  sequences: number;
  /** Paths of the four files written. */
  files: string[];
}

const EXTENSIONS = ['skels', 'text', 'gloss', 'files'] as const;

function singleLine(value: string, what: string, id: string): string {
  if (/[\r\n]/.test(value)) {
    throw new SignLLMError(
      ERROR_CODES.misaligned,
      `Row "${id}": ${what} contains a line break, which would break the line alignment of the .${what} file`,
      { position: { source: id } },
    );
  }
  return value;
}

/**
 * The `.files` line of a row: `split/name`, where name is the id without a leading `split/`.
 *
 * @example
 * ```ts
 * filesLine('dev', 'dev/11August_2010_Wednesday_tagesschau-2'); // 'dev/11August_2010_Wednesday_tagesschau-2'
 * ```
 */
export function filesLine(split: string, id: string): string {
  return id.startsWith(`${split}/`) ? id : `${split}/${id}`;
}

/**
 * Writes each split as a `.skels` corpus in `outDir` (created if needed). The dataset must hold 3D
 * `prompt2sign-50` sequences. Each file is written to a temporary name and renamed when complete.
 *
 * @example
 * ```ts
 * await exportSkels(await openDataset('out/phoenix'), 'out/skels', { dialect: 'pt' });
 * // out/skels/train.skels, train.text, train.gloss, train.files, dev.*
 * ```
 */
export async function exportSkels(
  dataset: DatasetReader | string,
  outDir: string,
  options: ExportSkelsOptions,
): Promise<ExportedSplit[]> {
  if (options?.dialect !== 'pt' && options?.dialect !== 'p2s') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `exportSkels dialect must be ${formatOptions(['pt', 'p2s'])}, got ${JSON.stringify(options?.dialect)}`,
    );
  }
  const reader = typeof dataset === 'string' ? await openDataset(dataset) : dataset;
  const { manifest } = reader;
  if (manifest.skeleton !== 'prompt2sign-50' || manifest.dims !== 3) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `.skels export needs 3D "prompt2sign-50" sequences; ${reader.dir} holds ${manifest.dims}D "${manifest.skeleton}"`,
    );
  }
  const splits = Object.keys(manifest.splits);
  if (options.split !== undefined && !splits.includes(options.split)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Split "${options.split}" is not in ${reader.dir}; its splits are ${formatOptions(splits)}`,
    );
  }
  await mkdir(outDir, { recursive: true });
  const out: ExportedSplit[] = [];
  for (const split of options.split === undefined ? splits : [options.split]) {
    const files = await Promise.all(
      EXTENSIONS.map((ext) => LineFile.create(join(outDir, `${split}.${ext}`))),
    );
    const [skels, text, gloss, names] = files as [LineFile, LineFile, LineFile, LineFile];
    let sequences = 0;
    try {
      for await (const row of reader.rows({ split })) {
        const line = formatSkelsLine(poseSequenceToSkels(row.sequence, options.dialect), options.dialect);
        options.onRow?.();
        await skels.write(`${line}\n`);
        await text.write(`${singleLine(row.text, 'text', row.id)}\n`);
        await gloss.write(`${singleLine(row.gloss, 'gloss', row.id)}\n`);
        await names.write(`${singleLine(filesLine(split, row.id), 'files', row.id)}\n`);
        sequences++;
      }
      for (const file of files) await file.commit();
    } catch (error) {
      await Promise.all(files.map((f) => f.abort()));
      throw error;
    }
    out.push({ split, sequences, files: files.map((f) => f.path) });
  }
  return out;
}
