import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguage, readPose, SignLLMError } from '@signllm/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCsv } from '../inspect/read-lexicon-index.ts';
import type { InputProblem, Sample } from '../sample.ts';
import { dataPath, describeWithData, readDataBytes, readDataText } from '../test-support/shared-data.ts';
import { discoverInputs } from './discover-inputs.ts';
import type { InputUnit } from './input-unit.ts';
import { readInput } from './read-input.ts';
import { readInputs } from './read-inputs.ts';
import { readMetadataMapping } from './read-metadata-mapping.ts';

async function collect(unit: InputUnit, options: Parameters<typeof readInput>[1] = {}): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const s of readInput(unit, options)) out.push(s);
  return out;
}

const lines = (text: string): string[] => text.replace(/\r?\n$/, '').split(/\r?\n/);

describeWithData('readInput on the real data', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signllm-read-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the How2Sign OpenPose clips with their dev.text sentences, ASL and the dev split', async () => {
    const metadata = await readMetadataMapping(dataPath('how2sign-text', 'dev.files'));
    const units = await discoverInputs([dataPath('how2sign-openpose')]);
    const ids = lines(readDataText('how2sign-text', 'dev.files'));
    const texts = lines(readDataText('how2sign-text', 'dev.text'));
    const samples: Sample[] = [];
    for (const u of units.filter((u) => u.kind === 'openpose'))
      samples.push(...(await collect(u, { metadata, language: 'ASL' })));
    expect(samples.map((s) => s.id)).toEqual([
      '_2FBDaOPYig_2-3-rgb_front',
      '_2FBDaOPYig_2-5-rgb_front',
      '_2FBDaOPYig_3-3-rgb_front',
    ]);
    for (const s of samples) {
      const files = await readdir(dataPath('how2sign-openpose', s.id));
      expect(s.sequence.frames).toBe(files.length);
      expect([s.sequence.skeleton.name, s.sequence.dims, s.sequence.joints, s.sequence.fps]).toEqual([
        'openpose-137',
        2,
        137,
        24,
      ]);
      expect([s.language, s.split, s.source]).toEqual(['ase', 'dev', `how2sign-openpose/${s.id}`]);
      expect(s.text?.replaceAll('"', '')).toBe(texts[ids.indexOf(s.id)]!.replaceAll('"', ''));
      expect(s.flags).toBeUndefined();
    }
    // Frame 10 of the 3-3 clip, body point 1, straight from its JSON file.
    const clip = '_2FBDaOPYig_3-3-rgb_front';
    const frame = JSON.parse(readDataText('how2sign-openpose', clip, `${clip}_000000000010_keypoints.json`));
    const [x, y, c] = frame.people[0].pose_keypoints_2d.slice(3, 6) as number[];
    const seq = samples[2]!.sequence;
    expect([seq.data[(10 * 137 + 1) * 2], seq.data[(10 * 137 + 1) * 2 + 1]]).toEqual([
      Math.fround(x!),
      Math.fround(y!),
    ]);
    expect(seq.confidence[10 * 137 + 1]).toBeCloseTo(c!, 6);
  });

  it('reads the DWPose folder as one clip of 135 frames numbered from 1', async () => {
    const [unit] = await discoverInputs([dataPath('dwpose', 'human_signer')]);
    const [s] = await collect(unit!, { fps: 30 });
    expect([s!.id, s!.sequence.skeleton.name, s!.sequence.frames, s!.sequence.fps]).toEqual([
      'human_signer',
      'dwpose-128',
      (await readdir(dataPath('dwpose', 'human_signer', 'json'))).length,
      30,
    ]);
    const json = JSON.parse(readDataText('dwpose', 'human_signer', 'json', '00000010.json'));
    const [x, y] = json.person_0.body_keypoints[0] as number[];
    expect([s!.sequence.data[9 * 128 * 2], s!.sequence.data[9 * 128 * 2 + 1]]).toEqual([
      Math.fround(x!),
      Math.fround(y!),
    ]);
  });

  it('streams the PHOENIX14T quad: 10 samples with ids, splits, text and gloss from the side files', async () => {
    const units = await discoverInputs([dataPath('phoenix14t-sample')]);
    const samples: Sample[] = [];
    for (const u of units) samples.push(...(await collect(u, { language: 'DGS' })));
    expect(samples.length).toBe(10);
    const expected = ['dev', 'train'].flatMap((split) => {
      const files = lines(readDataText('phoenix14t-sample', `${split}.files`));
      const text = lines(readDataText('phoenix14t-sample', `${split}.text`));
      const gloss = lines(readDataText('phoenix14t-sample', `${split}.gloss`));
      const skels = lines(readDataText('phoenix14t-sample', `${split}.skels`));
      return files.map((id, i) => ({
        id,
        split,
        text: text[i]!.trim(),
        gloss: gloss[i]!.trim(),
        frames: skels[i]!.trim().split(/\s+/).length / 151,
      }));
    });
    expect(
      samples.map((s) => ({
        id: s.id,
        split: s.split,
        text: s.text,
        gloss: s.gloss,
        frames: s.sequence.frames,
      })),
    ).toEqual(expected);
    expect(samples[0]!.id).toBe('dev/11August_2010_Wednesday_tagesschau-2');
    expect(
      new Set(samples.map((s) => `${s.language} ${s.sequence.skeleton.name} ${s.sequence.fps}`)),
    ).toEqual(new Set(['gsg prompt2sign-50 25']));
  });

  it('reads the sgg-dummy lexicon: 4 whole clips in DSGS with their glosses', async () => {
    const [unit] = await discoverInputs([dataPath('lexicon', 'sgg-dummy')]);
    const samples = await collect(unit!);
    const rows = parseCsv(readDataText('lexicon', 'sgg-dummy', 'index.csv')).slice(1);
    expect(samples.length).toBe(4);
    samples.forEach((s, i) => {
      const [path, , , , , words, glosses] = rows[i]!;
      expect([s.id, s.text, s.gloss]).toEqual([path!.replace(/\.pose$/, ''), words, glosses]);
      expect(getLanguage(s.language!).tag).toBe('DSGS');
      // end 0 = whole clip
      expect(s.sequence.frames).toBe(readPose(readDataBytes('lexicon', 'sgg-dummy', path!)).body.frames);
    });
  });

  it('reads the fingerspelling lexicon: one sample a row, ASL and DGS, cut to [start, end)', async () => {
    const [unit] = await discoverInputs([dataPath('fingerspelling')]);
    const samples = await collect(unit!);
    const rows = parseCsv(readDataText('fingerspelling', 'index.csv')).slice(1);
    expect(samples.length).toBe(rows.length);
    samples.forEach((s, i) => {
      const [path, , lang, start, end, words] = rows[i]!;
      expect([s.language, s.text]).toEqual([lang, words]);
      const full = readPose(readDataBytes('fingerspelling', path!)).body;
      const expected =
        Math.min(full.frames, Math.ceil((Number(end) / 1000) * full.fps)) -
        Math.ceil((Number(start) / 1000) * full.fps);
      expect(s.sequence.frames).toBe(expected);
    });
    expect(new Set(samples.map((s) => getLanguage(s.language!).tag))).toEqual(new Set(['ASL', 'GSL']));
  });

  it('reads .pose files (person 0, stored fps) and a metadata CSV keyed by file name', async () => {
    const mapping = join(dir, 'pose-map.csv');
    await writeFile(mapping, 'file,text,language\nexample.pose,an example,LSA\n');
    const metadata = await readMetadataMapping(mapping);
    const units = await discoverInputs([dataPath('pose-format')]);
    const samples: Sample[] = [];
    for (const u of units) samples.push(...(await collect(u, { metadata, language: 'ase' })));
    for (const s of samples) {
      const file = readPose(readDataBytes('pose-format', `${s.id}.pose`));
      expect([s.sequence.frames, s.sequence.fps, s.sequence.joints]).toEqual([
        file.body.frames,
        file.body.fps,
        file.header.components.reduce((n, c) => n + c.points.length, 0),
      ]);
    }
    expect(samples.map((s) => [s.id, s.language, s.text])).toEqual([
      ['example', 'aed', 'an example'],
      ['mediapipe', 'ase', undefined],
      ['mediapipe_hand_normalized', 'ase', undefined],
      ['openpose', 'ase', undefined],
    ]);
  });

  it('lets the mapping override the side files, and rejects a dataset unit', async () => {
    const mapping = join(dir, 'override.jsonl');
    await writeFile(
      mapping,
      '{"id":"dev/11August_2010_Wednesday_tagesschau-2","text":"overridden","split":"test"}\n',
    );
    const metadata = await readMetadataMapping(mapping);
    const [first] = await collect(
      { kind: 'skels', path: dataPath('phoenix14t-sample', 'dev.skels'), key: 'k' },
      { metadata },
    );
    expect([first!.text, first!.split, first!.gloss]).toEqual(['overridden', 'test', 'DRUCK TIEF KOMMEN']);
    const e = await collect({ kind: 'dataset', path: dir, key: 'ds' }).catch((x: unknown) => x);
    expect(
      SignLLMError.isInstance(e) && e.code === 'invalid_argument' && /dataset reader/.test(e.message),
    ).toBe(true);
  });

  it('closes a corpus when the reader stops early, and reads it whole again', async () => {
    const units = await discoverInputs([dataPath('phoenix14t-sample', 'dev.skels')]);
    for await (const s of readInputs(units, {}, () => {})) {
      expect(s.id).toBe('dev/11August_2010_Wednesday_tagesschau-2');
      break;
    }
    let count = 0;
    for await (const _ of readInputs(units, {}, () => {})) count++;
    expect(count).toBe(5);
  });

  it('finds metadata for a DWPose json/ folder given directly by its clip folder name', async () => {
    const mapping = join(dir, 'dw.csv');
    await writeFile(mapping, 'name,text,lang\nhuman_signer,hello,ASL\n');
    const metadata = await readMetadataMapping(mapping);
    const [unit] = await discoverInputs([dataPath('dwpose', 'human_signer', 'json')]);
    const [s] = await collect(unit!, { metadata });
    expect([s!.id, s!.text, s!.language]).toEqual(['human_signer', 'hello', 'ase']);
  });

  it('readInputs reads every supported input of the data folder without a problem', async () => {
    const units = (await discoverInputs([dataPath()])).filter((u) => u.kind !== 'video');
    const problems: InputProblem[] = [];
    const bySource = new Map<string, number>();
    for await (const s of readInputs(units, {}, (p) => problems.push(p))) {
      const top = s.source.split('/')[1]!;
      bySource.set(top, (bySource.get(top) ?? 0) + 1);
      expect(s.sequence.frames).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    const fingerspellingRows = lines(readDataText('fingerspelling', 'index.csv')).length - 1;
    expect(Object.fromEntries(bySource)).toEqual({
      dwpose: 1,
      fingerspelling: fingerspellingRows,
      'how2sign-openpose': 3,
      lexicon: 4,
      'phoenix14t-sample': 10,
      'pose-format': 4,
    });
  });
});
