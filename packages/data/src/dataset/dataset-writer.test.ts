import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPoseSequence, getSkeleton } from '@signllm/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thrownAsync } from '../test-support/errors.ts';
import { createRng } from '../util/rng.ts';
import type { DatasetRow } from './dataset-row.ts';
import { DatasetWriter, type DatasetWriterOptions } from './dataset-writer.ts';
import { openDataset } from './open-dataset.ts';
import { validateDataset } from './validate-dataset.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

const SKELETON = getSkeleton('prompt2sign-50');
const BASICS = {
  name: 'synthetic',
  skeleton: 'prompt2sign-50',
  dims: 3,
  fps: 25,
  normalisation: { method: 'none' },
  sources: [
    { name: 'test generator', kind: 'synthetic', licence: 'MIT', provenance: 'dataset-writer.test.ts' },
  ],
  generator: { tool: 'signllm-data', version: '0.0.0', seed: 7 },
  created: '2025-01-01T00:00:00Z',
} satisfies DatasetWriterOptions;

/** Smooth synthetic motion: each coordinate is a sine of its own phase. */
function makeRow(i: number, split: string): DatasetRow {
  const rng = createRng(i);
  const frames = 4 + (i % 6);
  const data = new Float32Array(frames * 50 * 3);
  const phase = Array.from({ length: 150 }, () => rng.uniform(0, 6.28));
  for (let f = 0; f < frames; f++)
    for (let c = 0; c < 150; c++) data[f * 150 + c] = Math.sin(phase[c]! + f / 5);
  const confidence = new Float32Array(frames * 50).fill(1);
  if (i % 4 === 0) confidence.fill(0, 0, 7);
  return {
    id: `${split}/seq-${i}`,
    split,
    language: i % 3 === 0 ? 'ase' : 'gsg',
    text: `sentence ${i}`,
    gloss: i % 2 ? `GLOSS-${i}` : '',
    prompt: `prompt ${i}`,
    langGloss: '',
    source: `input-${i}`,
    flags: i % 5 === 0 ? ['noisy:jitter'] : [],
    sequence: createPoseSequence({ skeleton: SKELETON, fps: 25, dims: 3, data, confidence }),
  };
}

/** 12 inputs of 1–3 rows each, spread over three splits. */
const INPUTS: { key: string; rows: DatasetRow[] }[] = Array.from({ length: 12 }, (_, k) => ({
  key: `input-${k}`,
  rows: Array.from({ length: 1 + (k % 3) }, (_, r) =>
    makeRow(k * 10 + r, ['train', 'dev', 'test'][(k + r) % 3]!),
  ),
}));

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'signllm-writer-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

async function buildAll(dir: string): Promise<void> {
  const writer = await DatasetWriter.open(dir, { ...BASICS, shardRows: 2 });
  for (const input of INPUTS) for (const row of input.rows) await writer.add(row, input.key);
  await writer.close();
}

async function snapshot(dir: string) {
  const dataset = await openDataset(dir);
  const ids: string[] = [];
  for await (const row of dataset.rows()) ids.push(row.id);
  return { manifest: dataset.manifest, ids };
}

describe('DatasetWriter resume', () => {
  it('continues after a crash and gives the same dataset as an uninterrupted build', async () => {
    const whole = join(tmp, 'whole');
    await buildAll(whole);

    const dir = join(tmp, 'crashed');
    const crashed = await DatasetWriter.open(dir, { ...BASICS, shardRows: 2 });
    for (const input of INPUTS.slice(0, 7)) for (const row of input.rows) await crashed.add(row, input.key);
    await crashed.add(INPUTS[7]!.rows[0]!, INPUTS[7]!.key); // input 7 (2 rows) only half added
    expect(crashed.rowsWritten).toBeGreaterThan(0);
    // the writer is dropped without close(); leave what a crash could leave behind
    writeFileSync(join(dir, 'train', 'shard-00001.parquet.tmp-0123456789ab'), 'partial');
    writeFileSync(join(dir, 'manifest.json.tmp-aaaaaaaaaaaa'), '{');
    const trainShards = readdirSync(join(dir, 'train')).filter((f) => f.endsWith('.parquet'));
    copyFileSync(join(dir, 'train', trainShards[0]!), join(dir, 'train', 'shard-00042.parquet'));
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false);

    await expect(DatasetWriter.open(dir, { ...BASICS, shardRows: 2 })).rejects.toThrow(
      /unfinished build.*resume: true/,
    );
    await expect(DatasetWriter.open(dir, { ...BASICS, shardRows: 3, resume: true })).rejects.toThrow(
      /Cannot resume/,
    );

    const resumed = await DatasetWriter.open(dir, { ...BASICS, shardRows: 2, resume: true });
    const done = resumed.completedInputKeys;
    expect(done.size).toBeGreaterThan(0);
    expect(done.has('input-7')).toBe(false);
    expect([...done].every((k) => Number(k.split('-')[1]) < 7)).toBe(true);
    expect(
      readdirSync(join(dir, 'train')).some((f) => f.includes('.tmp-') || f === 'shard-00042.parquet'),
    ).toBe(false);
    expect(existsSync(join(dir, 'manifest.json.tmp-aaaaaaaaaaaa'))).toBe(false);
    for (const input of INPUTS) {
      if (done.has(input.key)) continue;
      for (const row of input.rows) await resumed.add(row, input.key);
    }
    await resumed.close();

    const a = await snapshot(whole);
    const b = await snapshot(dir);
    expect(b.ids).toEqual(a.ids);
    expect(b.manifest).toEqual(a.manifest);
    expect(existsSync(join(dir, '.build'))).toBe(false);
    expect(await validateDataset(dir)).toEqual([]);
  });

  it('skips rows of a partly finished input that are already in a finished shard', async () => {
    const dir = join(tmp, 'partial');
    const rows = Array.from({ length: 3 }, (_, i) => makeRow(500 + i, 'train'));
    const w = await DatasetWriter.open(dir, { ...BASICS, shardRows: 2 });
    for (const row of rows) await w.add(row, 'big-input'); // 2 rows flushed, 1 pending, then crash
    const resumed = await DatasetWriter.open(dir, { ...BASICS, shardRows: 2, resume: true });
    expect(resumed.completedInputKeys.has('big-input')).toBe(false);
    expect(await Promise.all(rows.map((r) => resumed.add(r, 'big-input')))).toEqual([false, false, true]);
    const manifest = await resumed.close();
    expect(manifest.splits.train?.sequences).toBe(3);
    expect((await snapshot(dir)).ids).toEqual(rows.map((r) => r.id));
  });

  it('starts fresh with resume: true on an empty folder', async () => {
    const dir = join(tmp, 'fresh');
    const w = await DatasetWriter.open(dir, { ...BASICS, resume: true });
    expect(w.completedInputKeys.size).toBe(0);
    await w.add(makeRow(1, 'train'));
    expect((await w.close()).splits.train?.sequences).toBe(1);
  });
});

describe('DatasetWriter folders and rows', () => {
  it('refuses a finished dataset or a foreign folder unless overwrite is given', async () => {
    const dir = join(tmp, 'ds');
    await buildAll(dir);
    await expect(DatasetWriter.open(dir, BASICS)).rejects.toThrow(/finished dataset.*overwrite: true/);
    await expect(DatasetWriter.open(dir, { ...BASICS, resume: true })).rejects.toThrow(/finished dataset/);
    const w = await DatasetWriter.open(dir, { ...BASICS, overwrite: true });
    await w.add(makeRow(3, 'test'));
    const manifest = await w.close();
    expect(Object.keys(manifest.splits)).toEqual(['test']);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'test']);

    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    await expect(DatasetWriter.open(foreign, BASICS)).rejects.toThrow(/not empty.*notes\.txt/);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('rejects rows that do not fit the dataset, naming the row and the expectation', async () => {
    const w = await DatasetWriter.open(join(tmp, 'rows'), BASICS);
    const row = makeRow(1, 'train');
    const wrongFps = { ...row, sequence: createPoseSequence({ ...row.sequence, fps: 30 }) };
    let e = await thrownAsync(() => w.add(wrongFps));
    expect([e.code, e.message]).toEqual([
      'shape_mismatch',
      expect.stringMatching(/"train\/seq-1".*at 30 fps.*3D sequences on "prompt2sign-50" at 25 fps/),
    ]);
    const skel2d = createPoseSequence({ skeleton: SKELETON, fps: 25, dims: 2, data: new Float32Array(200) });
    expect((await thrownAsync(() => w.add({ ...row, sequence: skel2d }))).code).toBe('shape_mismatch');
    e = await thrownAsync(() => w.add({ ...row, split: 'Train' }));
    expect(e.message).toMatch(/split "Train" is not a split name/);
    e = await thrownAsync(() => w.add({ ...row, language: 'DGS' }));
    expect(e.message).toMatch(/write "gsg" instead of "DGS"/);
    expect((await thrownAsync(() => w.add({ ...row, language: 'xx-unknown' }))).code).toBe(
      'unknown_language',
    );
    e = await thrownAsync(() => w.add({ ...row, text: undefined as unknown as string }));
    expect(e.message).toMatch(/text must be a string/);
    e = await thrownAsync(() => w.add({ ...row, flags: [1 as unknown as string] }));
    expect(e.message).toMatch(/flags must be an array of strings/);
    const nan = new Float32Array(row.sequence.data);
    nan[5] = Number.NaN;
    e = await thrownAsync(() =>
      w.add({ ...row, sequence: createPoseSequence({ ...row.sequence, data: nan }) }),
    );
    expect(e.code).toBe('format_invalid_number');
    e = await thrownAsync(() => w.close());
    expect(e.message).toMatch(/No rows were added/);
  });

  it('checks its options before touching the folder', async () => {
    const dir = join(tmp, 'opts');
    expect((await thrownAsync(() => DatasetWriter.open(dir, { ...BASICS, shardRows: 0 }))).message).toMatch(
      /shardRows/,
    );
    expect((await thrownAsync(() => DatasetWriter.open(dir, { ...BASICS, skeleton: 'nope' }))).code).toBe(
      'unknown_skeleton',
    );
    expect((await thrownAsync(() => DatasetWriter.open(dir, { ...BASICS, sources: [] }))).code).toBe(
      'schema_invalid',
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('cannot be used after close', async () => {
    const w = await DatasetWriter.open(join(tmp, 'closed'), BASICS);
    await w.add(makeRow(2, 'dev'));
    await w.close();
    expect((await thrownAsync(() => w.add(makeRow(3, 'dev')))).message).toMatch(/is closed/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temp file, also when the rename fails', async () => {
    const path = join(tmp, 'a.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, new TextEncoder().encode('two'));
    expect(readFileSync(path, 'utf8')).toBe('two');
    mkdirSync(join(tmp, 'dir-target'));
    writeFileSync(join(tmp, 'dir-target', 'x'), 'x');
    await expect(writeFileAtomic(join(tmp, 'dir-target'), 'three')).rejects.toThrow();
    expect(readdirSync(tmp).sort()).toEqual(['a.json', 'dir-target']);
  });
});
