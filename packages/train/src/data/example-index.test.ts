import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPoseSequence, ERROR_CODES, getSkeleton } from '@signllm/core';
import { type DatasetReader, type DatasetRow, DatasetWriter, openDataset, synthDataset } from '@signllm/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/rejection.ts';
import { buildExampleIndex } from './example-index.ts';

let tmp: string;
let reader: DatasetReader;
/** Train rows read independently, in manifest order. */
let trainRows: {
  id: string;
  language: string;
  frames: number;
  gloss: string;
  langGloss: string;
  flags: string[];
}[];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'signllm-index-'));
  await synthDataset({
    out: join(tmp, 'synth'),
    languages: ['ase', 'gsg'],
    sequences: 40,
    seed: 3,
    shardRows: 8,
    noisy: 0.3,
  });
  reader = await openDataset(join(tmp, 'synth'));
  trainRows = [];
  for await (const r of reader.rows({ split: 'train' })) {
    trainRows.push({
      id: r.id,
      language: r.language,
      frames: r.sequence.frames,
      gloss: r.gloss,
      langGloss: r.langGloss,
      flags: r.flags ?? [],
    });
  }
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('buildExampleIndex on a synthetic dataset', () => {
  it('indexes every train row in manifest order with its shard, row, length, strings and noisy flag', async () => {
    const index = await buildExampleIndex(reader, { split: 'train', source: 'gloss', target: 'pose' });
    const shards = reader.manifest.splits.train!.shards;
    expect(shards.length).toBeGreaterThan(2);
    expect(index.shards.map((s) => s.path)).toEqual(shards.map((s) => s.path));
    expect(index.rowsRead).toBe(reader.manifest.splits.train!.sequences);
    expect(index.examples.length).toBe(trainRows.length);
    expect(index.skipped).toEqual({ emptySource: 0, emptyTarget: 0, tooLong: 0, otherLanguage: 0 });
    expect(index.languages).toEqual(['ase', 'gsg']);
    let k = 0;
    for (const [s, shard] of shards.entries()) {
      for (let row = 0; row < shard.rows; row++, k++) {
        const e = index.examples[k]!;
        const r = trainRows[k]!;
        expect([e.shard, e.row, e.id, e.language, e.frames, e.length]).toEqual([
          s,
          row,
          r.id,
          r.language,
          r.frames,
          r.frames,
        ]);
        expect(e.source).toBe(r.gloss);
        expect(e.target).toBe('');
        expect(e.noisy).toBe(r.flags.includes('noisy'));
      }
    }
    expect(index.examples.some((e) => e.noisy)).toBe(true);
    expect(index.examples.some((e) => !e.noisy)).toBe(true);
    expect(index.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('filters languages (codes or tags) and maxFrames, counting what it skips', async () => {
    const sorted = trainRows.map((r) => r.frames).sort((a, b) => a - b);
    const maxFrames = sorted[Math.floor(sorted.length / 2)]!;
    const index = await buildExampleIndex(reader, {
      split: 'train',
      source: 'text',
      target: 'pose',
      languages: ['ASL'],
      maxFrames,
    });
    const otherLanguage = trainRows.filter((r) => r.language !== 'ase').length;
    const tooLong = trainRows.filter((r) => r.language === 'ase' && r.frames > maxFrames).length;
    expect(index.skipped).toEqual({ emptySource: 0, emptyTarget: 0, tooLong, otherLanguage });
    expect(index.examples.length).toBe(trainRows.length - otherLanguage - tooLong);
    expect(index.examples.every((e) => e.language === 'ase' && e.frames <= maxFrames)).toBe(true);
    expect(index.languages).toEqual(['ase']);
    const all = await buildExampleIndex(reader, { split: 'train', source: 'text', target: 'pose' });
    expect(index.fingerprint).not.toBe(all.fingerprint);
  });

  it('indexes LangGloss targets with their word count as the bucketing length', async () => {
    const index = await buildExampleIndex(reader, { split: 'dev', source: 'prompt', target: 'langGloss' });
    expect(index.examples.length).toBe(reader.manifest.splits.dev!.sequences);
    for (const e of index.examples) {
      expect(e.target.startsWith(`<${e.language}> `)).toBe(true);
      expect(e.length).toBe(e.target.split(' ').length);
      expect(e.source.length).toBeGreaterThan(0);
    }
  });

  it('names the options for an unknown split, language, source or target', async () => {
    const split = await rejection(
      buildExampleIndex(reader, { split: 'val', source: 'gloss', target: 'pose' }),
    );
    expect(split.code).toBe(ERROR_CODES.invalidArgument);
    expect(split.message).toContain('"train"');
    const language = await rejection(
      buildExampleIndex(reader, { split: 'train', source: 'gloss', target: 'pose', languages: ['fsl'] }),
    );
    expect(language.code).toBe(ERROR_CODES.unknownLanguage);
    expect(language.message).toContain('"ase" or "gsg"');
    const source = await rejection(
      buildExampleIndex(reader, { split: 'train', source: 'words' as 'text', target: 'pose' }),
    );
    expect(source.message).toContain('"langGloss"');
    const maxFrames = await rejection(
      buildExampleIndex(reader, { split: 'train', source: 'gloss', target: 'pose', maxFrames: 0 }),
    );
    expect(maxFrames.code).toBe(ERROR_CODES.invalidArgument);
  });
});

describe('buildExampleIndex on hand-made rows', () => {
  it('skips rows with an empty source or target and counts them', async () => {
    const dir = join(tmp, 'hand');
    const writer = await DatasetWriter.open(dir, {
      name: 'hand',
      skeleton: 'prompt2sign-50',
      dims: 3,
      fps: 25,
      normalisation: { method: 'none', parameters: {} },
      sources: [{ name: 'test', licence: 'CC0-1.0', provenance: 'unit test' }],
      generator: { tool: 'test', version: '0.0.0', seed: 0, command: 'test' },
      shardRows: 2,
    });
    const skeleton = getSkeleton('prompt2sign-50');
    const make = (i: number, gloss: string, langGloss: string): DatasetRow => ({
      id: `hand-${i}`,
      split: 'train',
      language: 'ase',
      text: `sentence ${i}`,
      gloss,
      prompt: `prompt ${i}`,
      langGloss,
      source: 'unit test',
      flags: i === 1 ? ['lifted'] : [],
      sequence: createPoseSequence({
        skeleton,
        dims: 3,
        fps: 25,
        data: new Float32Array((i + 2) * 150).fill(i / 10),
      }),
    });
    await writer.add(make(0, 'A B', '<ase> A <ase> B'));
    await writer.add(make(1, '', ''));
    await writer.add(make(2, 'C', ''));
    await writer.add(make(3, '  ', '<ase> D'));
    await writer.close();
    const hand = await openDataset(dir);
    const gloss = await buildExampleIndex(hand, { split: 'train', source: 'gloss', target: 'pose' });
    expect(gloss.examples.map((e) => [e.id, e.shard, e.row, e.frames])).toEqual([
      ['hand-0', 0, 0, 2],
      ['hand-2', 1, 0, 4],
    ]);
    expect(gloss.skipped.emptySource).toBe(2);
    const tokens = await buildExampleIndex(hand, { split: 'train', source: 'text', target: 'langGloss' });
    expect(tokens.examples.map((e) => e.id)).toEqual(['hand-0', 'hand-3']);
    expect(tokens.skipped).toEqual({ emptySource: 0, emptyTarget: 2, tooLong: 0, otherLanguage: 0 });
    expect(tokens.examples[0]!.flags).toEqual([]);
  });
});
