import { parseSkels, skelsToPoseSequence } from '@signllm/core';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLITS } from '../build/assign-split.ts';
import { finishRow } from '../build/finish-row.ts';
import { createSynthCorpus } from '../synth/index.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { encodeRow } from './dataset-row.ts';
import { encodeShard } from './encode-shard.ts';
import { int32ListLevels } from './write-row-group.ts';

describe('int32ListLevels', () => {
  it('gives Dremel levels: rep 0 then 1, def 1; an empty list is one slot with def 0', () => {
    const l = int32ListLevels([Int32Array.of(5, -3), new Int32Array(0), Int32Array.of(7)]);
    expect(Array.from(l.values)).toEqual([5, -3, undefined, 7]);
    expect(Array.from(l.repetitionLevels)).toEqual([0, 1, 0, 0]);
    expect(Array.from(l.definitionLevels)).toEqual([1, 1, 0, 1]);
    // without empty lists: typed arrays, same levels
    const t = int32ListLevels([Int32Array.of(5, -3), Int32Array.of(7, 8, 9)]);
    expect(t.values).toBeInstanceOf(Int32Array);
    expect(Array.from(t.values)).toEqual([5, -3, 7, 8, 9]);
    expect(Array.from(t.repetitionLevels)).toEqual([0, 1, 0, 1, 1]);
    expect(Array.from(t.definitionLevels)).toEqual([1, 1, 1, 1, 1]);
    expect(l.maxDefinitionLevel).toBe(1);
  });
});

describe('the fast row-group writer', () => {
  it('writes the same bytes as hyparquet-writer’s generic path (synthetic rows, noisy, 130 rows = 3 row groups)', () => {
    const corpus = createSynthCorpus({ languages: ['ase', 'kvk'], sequences: 130, seed: 4, noisy: 0.3 });
    const rows = Array.from({ length: 130 }, (_, i) =>
      encodeRow(finishRow(corpus.sample(i).sample, { seed: 4, splits: DEFAULT_SPLITS }), {
        skeleton: 'prompt2sign-50',
        dims: 3,
        fps: 25,
      }),
    );
    const fast = encodeShard(rows, 'prompt2sign-50');
    const generic = encodeShard(rows, 'prompt2sign-50', { generic: true });
    expect(fast.length).toBe(generic.length);
    expect(Buffer.from(fast).equals(Buffer.from(generic))).toBe(true);
  });
});

describeWithData('the fast row-group writer on real data', () => {
  it('matches the generic path on PHOENIX rows with -0 values, and hyparquet reads it back', async () => {
    const text = readDataText('phoenix14t-sample', 'train.skels');
    const rows = parseSkels(text, { dialect: 'pt' }).map((s, i) =>
      encodeRow(
        {
          id: `train/${i}`,
          split: 'train',
          language: 'gsg',
          text: 't',
          gloss: '',
          prompt: 'p',
          langGloss: '',
          source: 'phoenix',
          flags: [],
          sequence: skelsToPoseSequence(s, { dialect: 'pt' }),
        },
        { skeleton: 'prompt2sign-50', dims: 3, fps: 25 },
      ),
    );
    const fast = encodeShard(rows, 'prompt2sign-50');
    expect(
      Buffer.from(fast).equals(Buffer.from(encodeShard(rows, 'prompt2sign-50', { generic: true }))),
    ).toBe(true);
    const read = await parquetReadObjects({
      file: fast.buffer.slice(fast.byteOffset, fast.byteOffset + fast.length) as ArrayBuffer,
    });
    expect(read).toHaveLength(rows.length);
    for (const [i, row] of read.entries()) {
      expect(Int32Array.from(row.pose as number[])).toEqual(rows[i]?.pose.pose);
      expect((row.pose_neg_zero as number[]).length).toBe(rows[i]?.pose.negZero.length);
    }
  });
});
