/**
 * Fast path for reading our `list<int32>` columns (`pose`, `confidence`): the values of one row
 * group's column chunk, decoded straight from its DATA_PAGE_V2 pages into one Int32Array, without
 * decoding repetition / definition levels or assembling per-row JS arrays (what hyparquet's generic
 * reader spends most of its time on). Rows are cut from the flat values by their known lengths
 * (frames × joints × dims), which the caller checks against the total.
 *
 * Only the layout our writer produces is taken: DATA_PAGE_V2, DELTA_BINARY_PACKED, no nulls (no
 * empty list). Anything else returns `undefined`, and the caller uses hyparquet's generic reader.
 */
import type { ColumnChunk, FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { deltaBinaryUnpack } from 'hyparquet/src/delta.js';

/**
 * All values of `column` in row group `group`, or `undefined` when the chunk is not in the fast
 * layout. Throws on corrupt pages (the caller turns it into a `SignLLMError`).
 *
 * @example
 * ```ts
 * const pose = readInt32ListColumn(bytes, metadata, 0, 'pose'); // Int32Array of every row's values
 * ```
 */
export function readInt32ListColumn(
  bytes: Uint8Array,
  metadata: FileMetaData,
  group: number,
  column: string,
): Int32Array | undefined {
  const chunk = metadata.row_groups[group]?.columns.find(
    (c: ColumnChunk) => c.meta_data?.path_in_schema[0] === column,
  );
  const meta = chunk?.meta_data;
  if (meta?.type !== 'INT32' || meta.dictionary_page_offset !== undefined) return undefined;
  const start = Number(meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  if (!(start >= 0 && end <= bytes.length && start < end))
    throw new Error(`column ${column} lies outside the file`);
  const total = Number(meta.num_values);
  const out = new Int32Array(total);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: start };
  let filled = 0;
  while (reader.offset < end) {
    const header = parquetHeader(reader);
    const pageStart = reader.offset;
    const pageEnd = pageStart + header.compressed_page_size;
    const v2 = header.data_page_header_v2;
    if (
      header.type !== 'DATA_PAGE_V2' ||
      !v2 ||
      v2.encoding !== 'DELTA_BINARY_PACKED' ||
      v2.num_nulls !== 0
    ) {
      return undefined;
    }
    if (pageEnd > end || v2.num_values > total - filled)
      throw new Error(`column ${column}: page overruns its chunk`);
    const levels = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
    let values = bytes.subarray(pageStart + levels, pageEnd);
    const size = header.uncompressed_page_size - levels;
    if (v2.is_compressed !== false && size > 0) values = decompressPage(values, size, meta.codec, undefined);
    deltaBinaryUnpack(
      { view: new DataView(values.buffer, values.byteOffset, values.byteLength), offset: 0 },
      v2.num_values,
      out.subarray(filled, filled + v2.num_values),
    );
    filled += v2.num_values;
    reader.offset = pageEnd;
  }
  if (filled !== total)
    throw new Error(`column ${column}: pages hold ${filled} values, the chunk says ${total}`);
  return out;
}
