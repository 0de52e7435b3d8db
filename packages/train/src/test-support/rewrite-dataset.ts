/**
 * Test and benchmark helper: writes a dataset again with rows re-split, changed or dropped (held-out
 * combinations, clean evaluation splits, ...), keeping the source's manifest fields.
 */
import { type DatasetRow, DatasetWriter, openDataset } from '@signllm/data';

/** Options of `rewriteDataset`. */
export interface RewriteOptions {
  /** Name of the new dataset. */
  name: string;
  /** Rows per shard (default 64). */
  shardRows?: number;
  /** The row to write (e.g. with another split), or undefined to drop it. */
  map: (row: DatasetRow) => DatasetRow | undefined;
}

/**
 * Reads `source` row by row and writes the mapped rows to `out`; returns the rows written.
 *
 * @example
 * ```ts
 * await rewriteDataset(src, dst, { name: 'held-out', map: (r) => ({ ...r, split: held.has(r.gloss) ? 'test' : 'train' }) });
 * ```
 */
export async function rewriteDataset(
  source: string,
  out: string,
  options: RewriteOptions,
): Promise<DatasetRow[]> {
  const reader = await openDataset(source);
  const m = reader.manifest;
  const writer = await DatasetWriter.open(out, {
    name: options.name,
    skeleton: m.skeleton,
    dims: m.dims,
    fps: m.fps,
    normalisation: m.normalisation,
    sources: m.sources,
    promptTemplates: m.promptTemplates,
    generator: m.generator,
    shardRows: options.shardRows ?? 64,
  });
  const written: DatasetRow[] = [];
  for await (const row of reader.rows()) {
    const mapped = options.map(row);
    if (mapped === undefined) continue;
    await writer.add(mapped);
    written.push(mapped);
  }
  await writer.close();
  return written;
}
