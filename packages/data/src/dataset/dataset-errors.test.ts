import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPoseSequence, getSkeleton } from '@signllm/core';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thrownAsync } from '../test-support/errors.ts';
import type { DatasetRow } from './dataset-row.ts';
import { DatasetWriter } from './dataset-writer.ts';
import { encodeShard } from './encode-shard.ts';
import { openDataset } from './open-dataset.ts';
import { decodeShard, readShard } from './read-shard.ts';
import { validateDataset } from './validate-dataset.ts';

const SHARD = 'train/shard-00000.parquet';
let tmp: string;
let base: string;
let n = 0;

function row(i: number): DatasetRow {
  const data = Float32Array.from({ length: 6 * 150 }, (_, k) => Math.cos(k / 40 + i));
  return {
    id: `train/r${i}`,
    split: 'train',
    language: 'ase',
    text: `text ${i}`,
    gloss: '',
    prompt: '',
    langGloss: '',
    source: 'unit',
    sequence: createPoseSequence({ skeleton: getSkeleton('prompt2sign-50'), fps: 25, dims: 3, data }),
  };
}

/** A fresh copy of the sound dataset to damage. */
function copy(): string {
  const dir = join(tmp, `copy-${n++}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

async function readAll(dir: string): Promise<number> {
  let rows = 0;
  for await (const _ of (await openDataset(dir)).rows()) rows++;
  return rows;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'signllm-errors-'));
  base = join(tmp, 'base');
  const w = await DatasetWriter.open(base, {
    name: 'errors',
    skeleton: 'prompt2sign-50',
    dims: 3,
    fps: 25,
    normalisation: { method: 'none' },
    sources: [{ name: 'unit', licence: 'MIT', provenance: 'test' }],
    generator: { tool: 'signllm-data', version: '0.0.0', seed: 0 },
    shardRows: 3,
  });
  for (let i = 0; i < 5; i++) await w.add(row(i));
  await w.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('damaged datasets give clear errors', () => {
  it('a truncated shard', async () => {
    const dir = copy();
    const path = join(dir, SHARD);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    const e = await thrownAsync(() => readAll(dir));
    expect(e.code).toBe('format_truncated');
    expect(e.message).toMatch(
      /train\/shard-00000\.parquet: the file has \d+ bytes but the manifest says \d+ \(truncated\)/,
    );
    // without the manifest's size: the Parquet footer is gone
    const alone = await thrownAsync(async () => {
      for await (const _ of readShard(path)) void _;
    });
    expect(alone.code).toBe('format_invalid');
    expect(alone.message).toMatch(/not a readable Parquet file/);
  });

  it('a flipped byte', async () => {
    const dir = copy();
    const path = join(dir, SHARD);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(path, bytes);
    const e = await thrownAsync(() => readAll(dir));
    expect([e.code, e.message]).toEqual(['format_invalid', expect.stringMatching(/SHA-256 mismatch/)]);
    const problems = await validateDataset(dir);
    expect(problems.map((p) => p.path)).toContain(SHARD);
    expect(problems.some((p) => /SHA-256/.test(p.message))).toBe(true);
  });

  it('a missing manifest, bad JSON, a bad schema and a future version', async () => {
    const dir = copy();
    const manifest = readFileSync(join(dir, 'manifest.json'), 'utf8');
    unlinkSync(join(dir, 'manifest.json'));
    let e = await thrownAsync(() => openDataset(dir));
    expect([e.code, e.message]).toEqual([
      'invalid_argument',
      expect.stringMatching(/manifest\.json is missing/),
    ]);
    writeFileSync(join(dir, 'manifest.json'), manifest.slice(0, 50));
    e = await thrownAsync(() => openDataset(dir));
    expect([e.code, e.message]).toEqual([
      'format_invalid',
      expect.stringMatching(/manifest\.json is not valid JSON/),
    ]);
    writeFileSync(join(dir, 'manifest.json'), manifest.replace('"dims": 3', '"dims": 4'));
    e = await thrownAsync(() => openDataset(dir));
    expect([e.code, e.message]).toEqual(['schema_invalid', expect.stringMatching(/manifest\.json.*dims/)]);
    writeFileSync(
      join(dir, 'manifest.json'),
      manifest.replace(/"formatVersion": "[^"]+"/, '"formatVersion": "2.0.0"'),
    );
    expect((await thrownAsync(() => openDataset(dir))).code).toBe('format_unsupported_version');
    const problems = await validateDataset(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('manifest.json');
  });

  it('a Parquet file with another row schema or other metadata', async () => {
    const other = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: ['a'], type: 'STRING' },
        { name: 'pose', data: [1.5], type: 'DOUBLE' },
      ],
    });
    let e = await thrownAsync(async () => {
      for await (const _ of decodeShard(new Uint8Array(other), { source: 'other.parquet' })) void _;
    });
    expect(e.message).toMatch(/other\.parquet: not a SignLLM dataset shard: column "split" is missing/);
    const good = encodeShard([], 'prompt2sign-50');
    const text = Buffer.from(good).toString('latin1').replace('channel-major', 'channel-MAJOR');
    e = await thrownAsync(async () => {
      for await (const _ of decodeShard(new Uint8Array(Buffer.from(text, 'latin1')))) void _;
    });
    expect(e.message).toMatch(/metadata "signllm.pose.layout" is "channel-MAJOR/);
  });

  it('bytes that are not Parquet at all', async () => {
    for (const bytes of [
      new Uint8Array(0),
      new Uint8Array(5),
      new TextEncoder().encode('PAR1 hello world PAR1'),
    ]) {
      const e = await thrownAsync(async () => {
        for await (const _ of decodeShard(bytes, { source: 'junk' })) void _;
      });
      expect(['format_truncated', 'format_invalid']).toContain(e.code);
      expect(e.message).toMatch(/^junk: not a readable Parquet file/);
    }
  });

  it('validateDataset lists several problems at once', async () => {
    const dir = copy();
    const second = join(dir, 'train/shard-00001.parquet');
    writeFileSync(second, readFileSync(second).subarray(0, 40));
    cpSync(join(dir, SHARD), join(dir, 'train/shard-00007.parquet'));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.splits.train.shards[0].rows = 4;
    manifest.splits.train.sequences = 6;
    manifest.languages[0].sequences = 6;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const problems = await validateDataset(dir);
    const codes = problems.map((p) => p.code).sort();
    expect(codes).toEqual(
      [
        'count_mismatch',
        'count_mismatch',
        'count_mismatch',
        'format_truncated',
        'format_invalid',
        'format_invalid',
        'unlisted_shard',
      ].sort(),
    );
    expect(problems.find((p) => p.code === 'unlisted_shard')?.path).toBe('train/shard-00007.parquet');
    expect(problems.some((p) => /holds 3 rows, the manifest says 4/.test(p.message))).toBe(true);
  });
});
