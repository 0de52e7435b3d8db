import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLITS } from '../build/assign-split.ts';
import { finishRow } from '../build/finish-row.ts';
import { createSynthCorpus } from '../synth/index.ts';
import { encodeRow } from './dataset-row.ts';
import { encodeShard, ROW_GROUP_ROWS } from './encode-shard.ts';
import { readInt32ListColumn } from './read-int32-list-column.ts';

function shard(n: number) {
  const corpus = createSynthCorpus({ languages: ['gsg', 'aed'], sequences: n, seed: 9, noisy: 0.3 });
  const rows = Array.from({ length: n }, (_, i) =>
    encodeRow(finishRow(corpus.sample(i).sample, { seed: 9, splits: DEFAULT_SPLITS }), {
      skeleton: 'prompt2sign-50',
      dims: 3,
      fps: 25,
    }),
  );
  const bytes = encodeShard(rows, 'prompt2sign-50');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  return { rows, bytes, metadata: parquetMetadata(buffer) };
}

const concat = (arrays: Int32Array[]) => {
  const out = new Int32Array(arrays.reduce((n, a) => n + a.length, 0));
  let k = 0;
  for (const a of arrays) {
    out.set(a, k);
    k += a.length;
  }
  return out;
};

describe('readInt32ListColumn', () => {
  it('decodes every row group of pose and confidence to the values that were written', () => {
    const { rows, bytes, metadata } = shard(150);
    expect(metadata.row_groups.length).toBe(Math.ceil(150 / ROW_GROUP_ROWS));
    for (let g = 0; g < metadata.row_groups.length; g++) {
      const group = rows.slice(g * ROW_GROUP_ROWS, (g + 1) * ROW_GROUP_ROWS);
      expect(readInt32ListColumn(bytes, metadata, g, 'pose')).toEqual(concat(group.map((r) => r.pose.pose)));
      expect(readInt32ListColumn(bytes, metadata, g, 'confidence')).toEqual(
        concat(group.map((r) => r.pose.confidence)),
      );
    }
  });

  it('declines columns outside its layout (lists with empty rows, strings, unknown names)', () => {
    const { bytes, metadata } = shard(20);
    expect(readInt32ListColumn(bytes, metadata, 0, 'pose_neg_zero')).toBeUndefined();
    expect(readInt32ListColumn(bytes, metadata, 0, 'id')).toBeUndefined();
    expect(readInt32ListColumn(bytes, metadata, 0, 'nope')).toBeUndefined();
    expect(readInt32ListColumn(bytes, metadata, 5, 'pose')).toBeUndefined();
  });

  it('throws on a truncated file or corrupt page instead of returning wrong values', () => {
    const { bytes, metadata } = shard(20);
    const meta = metadata.row_groups[0]?.columns.find(
      (c) => c.meta_data?.path_in_schema[0] === 'pose',
    )?.meta_data;
    if (!meta) throw new Error('no pose column');
    const cut = bytes.subarray(0, Number(meta.data_page_offset) + 10);
    expect(() => readInt32ListColumn(cut, metadata, 0, 'pose')).toThrow();
    const broken = bytes.slice();
    // garble the page header's sizes
    for (let i = 0; i < 6; i++) broken[Number(meta.data_page_offset) + i] = 0xff;
    expect(() => readInt32ListColumn(broken, metadata, 0, 'pose')).toThrow();
  });
});
