/**
 * Encoded rows → the bytes of one Parquet shard (hyparquet-writer, SNAPPY, DELTA_BINARY_PACKED for the
 * integer lists), written in row groups so only one group's JS arrays exist at a time.
 */
import type { ColumnSource } from 'hyparquet-writer';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { EncodedRow } from './dataset-row.ts';
import { shardKvMetadata, shardSchema } from './shard-format.ts';
import { type RowGroupColumn, writeRowGroup } from './write-row-group.ts';

/** Rows per Parquet row group inside a shard (readers decode one group at a time). */
export const ROW_GROUP_ROWS = 64;

function columnsOf(rows: readonly EncodedRow[], generic: boolean): RowGroupColumn[] {
  const strings = (name: string, pick: (r: EncodedRow) => string): ColumnSource => ({
    name,
    data: rows.map(pick),
  });
  const ints = (name: string, pick: (r: EncodedRow) => number): ColumnSource => ({
    name,
    data: Int32Array.from(rows, pick),
  });
  const intList = (name: string, pick: (r: EncodedRow) => Int32Array): RowGroupColumn =>
    generic
      ? {
          name,
          data: rows.map((r) => Array.from(pick(r))),
          encoding: 'DELTA_BINARY_PACKED',
          statistics: false,
        }
      : { name, int32Lists: rows.map(pick), encoding: 'DELTA_BINARY_PACKED' };
  return [
    strings('id', (r) => r.id),
    strings('split', (r) => r.split),
    strings('language', (r) => r.language),
    strings('text', (r) => r.text),
    strings('gloss', (r) => r.gloss),
    strings('prompt', (r) => r.prompt),
    strings('lang_gloss', (r) => r.langGloss),
    strings('source', (r) => r.source),
    { name: 'flags', data: rows.map((r) => r.flags) },
    ints('frames', (r) => r.pose.frames),
    { name: 'fps', data: Float64Array.from(rows, (r) => r.fps) },
    ints('joints', (r) => r.pose.joints),
    ints('dims', (r) => r.pose.dims),
    intList('pose', (r) => r.pose.pose),
    intList('pose_neg_zero', (r) => r.pose.negZero),
    intList('confidence', (r) => r.pose.confidence),
  ];
}

/**
 * Writes rows as one Parquet file in memory. The output depends only on the rows and the skeleton
 * name (no timestamps), so the same rows always give the same bytes. `generic: true` writes through
 * hyparquet-writer's generic `ParquetWriter.write` (the reference: the same bytes, slower).
 *
 * @example
 * ```ts
 * const bytes = encodeShard(rows.map((r) => encodeRow(r, expect)), 'prompt2sign-50');
 * ```
 */
export function encodeShard(
  rows: readonly EncodedRow[],
  skeleton: string,
  options: { generic?: boolean } = {},
): Uint8Array {
  const generic = options.generic ?? false;
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({
    writer,
    schema: shardSchema(),
    codec: 'SNAPPY',
    kvMetadata: shardKvMetadata(skeleton),
    createdBy: 'signllm-data',
  });
  for (let start = 0; start < rows.length; start += ROW_GROUP_ROWS) {
    const group = rows.slice(start, start + ROW_GROUP_ROWS);
    const columns = columnsOf(group, generic);
    if (generic) parquet.write({ columnData: columns as ColumnSource[], rowGroupSize: group.length });
    else writeRowGroup(parquet, columns, group.length);
  }
  parquet.finish();
  return writer.getBytes();
}
