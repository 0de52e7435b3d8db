import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatFixed,
  openPoseFramesToSequence,
  poseFileToSequence,
  readPose,
  readSkelsCorpus,
  skelsToPoseSequence,
} from '@signllm/core';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataBytes, readDataText } from '../test-support/shared-data.ts';
import type { DatasetRow } from './dataset-row.ts';
import { datasetStats, formatDatasetStats } from './dataset-stats.ts';
import { DatasetWriter, type DatasetWriterOptions } from './dataset-writer.ts';
import { exportPose } from './export-pose.ts';
import { exportSkels } from './export-skels.ts';
import { openDataset } from './open-dataset.ts';
import { SHARD_COLUMNS } from './shard-format.ts';
import { validateDataset } from './validate-dataset.ts';

const SPLITS = ['train', 'dev'] as const;
const BASICS = {
  name: 'phoenix14t-sample',
  skeleton: 'prompt2sign-50',
  dims: 3,
  fps: 25,
  normalisation: { method: 'scale', parameters: { scale: 3 } },
  sources: [{ name: 'PHOENIX14T sample', licence: 'CC-BY-NC-SA-4.0', provenance: 'shared data folder' }],
  promptTemplates: [{ language: 'gsg', templates: ['Wie gebärdet man „{}“?'] }],
  generator: { tool: 'signllm-data', version: '0.0.0', seed: 1, command: 'test' },
} satisfies DatasetWriterOptions;

async function phoenixRows(): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  for (const split of SPLITS) {
    const file = (ext: string) => [readDataBytes('phoenix14t-sample', `${split}.${ext}`)];
    const corpus = readSkelsCorpus(
      { skels: file('skels'), text: file('text'), gloss: file('gloss'), files: file('files') },
      { dialect: 'pt', source: `${split}.skels` },
    );
    for await (const e of corpus) {
      rows.push({
        id: e.id!,
        split,
        language: 'gsg',
        text: e.text!,
        gloss: e.gloss!,
        prompt: `Wie gebärdet man „${e.text}“?`,
        langGloss: e
          .gloss!.split(' ')
          .map((g) => `<gsg> ${g}`)
          .join(' '),
        source: `phoenix14t-sample/${split}.skels`,
        flags: e.index % 2 === 0 ? ['even'] : [],
        sequence: skelsToPoseSequence(e.sequence, { dialect: 'pt' }),
      });
    }
  }
  return rows;
}

describeWithData('dataset round trip on the real PHOENIX14T sample', () => {
  let tmp: string;
  let dir: string;
  let rows: DatasetRow[];
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'signllm-dataset-'));
    dir = join(tmp, 'phoenix');
    rows = await phoenixRows();
    const writer = await DatasetWriter.open(dir, { ...BASICS, shardRows: 3 });
    for (const row of rows) expect(await writer.add(row, row.source)).toBe(true);
    await writer.close();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes shards of at most shardRows rows and a manifest with the right counts and checksums', async () => {
    const { manifest } = await openDataset(dir);
    const frames = (split: string) =>
      rows.filter((r) => r.split === split).reduce((n, r) => n + r.sequence.frames, 0);
    expect(Object.keys(manifest.splits)).toEqual(['train', 'dev']);
    for (const split of SPLITS) {
      const info = manifest.splits[split]!;
      expect(info.sequences).toBe(5);
      expect(info.frames).toBe(frames(split));
      expect(info.shards.map((s) => [s.path, s.rows])).toEqual([
        [`${split}/shard-00000.parquet`, 3],
        [`${split}/shard-00001.parquet`, 2],
      ]);
      for (const shard of info.shards) {
        const bytes = readFileSync(join(dir, shard.path));
        expect(shard.bytes).toBe(bytes.length);
        expect(shard.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
    }
    expect(manifest.languages).toEqual([
      { code: 'gsg', sequences: 10, frames: frames('train') + frames('dev') },
    ]);
    expect(manifest.promptTemplates[0]?.language).toBe('gsg');
    expect(readdirSync(dir).sort()).toEqual(['dev', 'manifest.json', 'train']);
  });

  it('reads every row back with bit-identical coordinates and the same text fields', async () => {
    const dataset = await openDataset(dir);
    const back: DatasetRow[] = [];
    for await (const row of dataset.rows()) back.push(row);
    expect(back.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    back.forEach((row, i) => {
      const orig = rows[i]!;
      const { sequence, ...fields } = row;
      const { sequence: origSeq, ...origFields } = orig;
      expect(fields).toEqual(origFields);
      expect(sequence.frames).toBe(origSeq.frames);
      expect(sequence.skeleton.name).toBe('prompt2sign-50');
      expect(Buffer.from(sequence.data.buffer).equals(Buffer.from(origSeq.data.buffer))).toBe(true);
      expect(sequence.confidence.every((c) => c === 1)).toBe(true);
    });
    const dev: string[] = [];
    for await (const row of dataset.rows({ split: 'dev' })) dev.push(row.id);
    expect(dev).toEqual(rows.filter((r) => r.split === 'dev').map((r) => r.id));
    let ase = 0;
    for await (const _ of dataset.rows({ language: 'ase' })) ase++;
    expect(ase).toBe(0);
    await expect(dataset.rows({ split: 'test' }).next()).rejects.toThrow(/Split "test".*"train" or "dev"/);
  });

  it('is readable by plain hyparquet with the documented columns and layout', async () => {
    const bytes = readFileSync(join(dir, 'dev/shard-00000.parquet'));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const objects = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(Object.keys(objects[0]!)).toEqual([...SHARD_COLUMNS]);
    const lines = readDataText('phoenix14t-sample', 'dev.skels').split('\n');
    objects.forEach((obj, s) => {
      const tokens = lines[s]!.split(' ');
      const frames = obj.frames as number;
      const pose = obj.pose as number[];
      const negZero = new Set(obj.pose_neg_zero as number[]);
      expect([obj.joints, obj.dims, obj.fps]).toEqual([50, 3, 25]);
      expect(tokens.length).toBe(frames * 151);
      for (let f = 0; f < frames; f++) {
        for (let c = 0; c < 150; c++) {
          const token = tokens[f * 151 + c]!;
          const index = c * frames + f; // channel-major: (joint*dims + dim)*frames + frame
          expect(pose[index]).toBe(Math.round(Number(token) * 1e5) + 0); // + 0: -0 → 0
          expect(negZero.has(index)).toBe(token === '-0.00000');
        }
      }
    });
  });

  it('exports a pt corpus byte-identical to the original .skels, .text, .gloss and .files', async () => {
    const out = join(tmp, 'skels-pt');
    const written = await exportSkels(dir, out, { dialect: 'pt' });
    expect(written.map((w) => [w.split, w.sequences])).toEqual([
      ['train', 5],
      ['dev', 5],
    ]);
    for (const split of SPLITS) {
      for (const ext of ['skels', 'text', 'gloss', 'files']) {
        const exported = readFileSync(join(out, `${split}.${ext}`));
        const original = Buffer.from(readDataBytes('phoenix14t-sample', `${split}.${ext}`));
        expect(exported.equals(original), `${split}.${ext}`).toBe(true);
      }
    }
    expect(readdirSync(out).some((f) => f.includes('.tmp-'))).toBe(false);
    const p2s = join(tmp, 'skels-p2s');
    await exportSkels(dir, p2s, { dialect: 'p2s', split: 'dev' });
    const first = readFileSync(join(p2s, 'dev.skels'), 'utf8').split('\n')[0]!.split(' ');
    expect(first.slice(0, 3)).toEqual(['-0.02429', '-0.17005', '0.00118']);
    expect(first[3]).toBe('0.01600'); // p2s writes a 0 as its sentinel
  });

  it('exports one readable .pose file per sequence under safe names', async () => {
    const out = join(tmp, 'pose');
    const files = await exportPose(dir, out);
    expect(files.length).toBe(10);
    for (const f of files) expect(f.path.slice(out.length + 1).split('/')).toHaveLength(2);
    const first = files[0]!;
    const seq = poseFileToSequence(readPose(new Uint8Array(readFileSync(first.path))));
    expect(seq.frames).toBe(rows[0]!.sequence.frames);
    expect(seq.data[0]).toBe(rows[0]!.sequence.data[0]);
  });

  it('reports stats and no validation problems', async () => {
    const stats = await datasetStats(dir);
    const frames = rows.map((r) => r.sequence.frames);
    expect(stats.sequences).toBe(10);
    expect(stats.splits).toEqual({
      train: { sequences: 5, frames: frames.slice(0, 5).reduce((a, b) => a + b) },
      dev: { sequences: 5, frames: frames.slice(5).reduce((a, b) => a + b) },
    });
    expect(stats.frames.min).toBe(Math.min(...frames));
    expect(stats.frames.max).toBe(Math.max(...frames));
    expect(stats.durationSeconds.total).toBeCloseTo(frames.reduce((a, b) => a + b) / 25, 9);
    expect(stats.missingRate).toBe(0);
    expect(stats.flags).toEqual({ even: 6 });
    const text = formatDatasetStats(stats);
    expect(text).toMatch(/gsg\s+10\s+\d+/);
    expect(text).toMatch(/missing points: 0\.00 %/);
    expect(await validateDataset(dir)).toEqual([]);
  });
});

describeWithData('dataset round trip on a real How2Sign OpenPose clip', () => {
  it('keeps the 5-decimal text of every pixel coordinate and the missing points', async () => {
    const clip = '_2FBDaOPYig_2-3-rgb_front';
    const folder = dataPath('how2sign-openpose', clip);
    const names = readdirSync(folder).filter((n) => n.endsWith('.json'));
    const seq = openPoseFramesToSequence(
      names.map((name) => ({ name, content: readFileSync(join(folder, name), 'utf8') })),
    );
    const tmp = mkdtempSync(join(tmpdir(), 'signllm-dataset-'));
    try {
      const dir = join(tmp, 'how2sign');
      const writer = await DatasetWriter.open(dir, {
        ...BASICS,
        name: 'how2sign-clip',
        skeleton: 'openpose-137',
        dims: 2,
        fps: seq.fps,
        normalisation: { method: 'none' },
      });
      const row: DatasetRow = {
        id: `dev/${clip}`,
        split: 'dev',
        language: 'ase',
        text: 'a real clip',
        gloss: '',
        prompt: 'How do you sign this?',
        langGloss: '',
        source: `how2sign-openpose/${clip}`,
        sequence: seq,
      };
      await writer.add(row);
      await writer.close();
      const back: DatasetRow[] = [];
      for await (const r of (await openDataset(dir)).rows()) back.push(r);
      expect(back).toHaveLength(1);
      const got = back[0]!.sequence;
      expect([got.frames, got.joints, got.dims]).toEqual([seq.frames, 137, 2]);
      expect(back[0]!.flags).toEqual([]);
      let missing = 0;
      for (let i = 0; i < seq.data.length; i++) {
        expect(formatFixed(got.data[i]!, 5)).toBe(formatFixed(seq.data[i]!, 5));
      }
      for (let i = 0; i < seq.confidence.length; i++) {
        const c = seq.confidence[i]!;
        if (c === 0) missing++;
        expect(got.confidence[i] === 0).toBe(c === 0);
        expect(Math.abs(got.confidence[i]! - c)).toBeLessThanOrEqual(1 / 510 + 1e-7);
      }
      expect(missing).toBeGreaterThan(0);
      const stats = await datasetStats(dir);
      expect(stats.missingRate).toBeCloseTo(missing / seq.confidence.length, 12);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('dataset exports', () => {
  it('refuses an unknown dialect', async () => {
    await expect(exportSkels('nowhere', 'out', { dialect: 'dwpose' as 'pt' })).rejects.toThrow(
      /"pt" or "p2s"/,
    );
  });
});
