import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignLLMError } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputProblem, Sample } from '../sample.ts';
import { dataPath, describeWithData, readDataBytes } from '../test-support/shared-data.ts';
import type { InputKind, InputUnit } from './input-unit.ts';
import { type IngestOptions, readInput } from './read-input.ts';
import { readInputs } from './read-inputs.ts';

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signllm-hostile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A fresh folder holding `files` (name → content). */
async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const path = join(dir, `f${n++}`);
  await mkdir(path, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(path, name, '..'), { recursive: true });
    await writeFile(join(path, name), content);
  }
  return path;
}

/** One OpenPose frame whose every point is at (x, x + 1) with confidence 0.5; no people when x < 0. */
function openpose(x: number): string {
  const part = (points: number) => Array.from({ length: points }, () => [x, x + 1, 0.5]).flat();
  const person = {
    pose_keypoints_2d: part(25),
    face_keypoints_2d: part(70),
    hand_left_keypoints_2d: part(21),
    hand_right_keypoints_2d: part(21),
  };
  return JSON.stringify({ version: 1.3, people: x < 0 ? [] : [person] });
}

/** One DWPose (Prompt2Sign 2025 layout) frame with every point at (x, x). */
function dwpose(x: number): string {
  const pts = (k: number) => Array.from({ length: k }, () => [x, x]);
  const scores = (k: number) => Array.from({ length: k }, (_, i) => i * 0 + 0.9);
  return JSON.stringify({
    num_persons: 1,
    person_0: {
      body_keypoints: pts(18),
      body_scores: Array.from({ length: 18 }, (_, i) => i),
      left_hand_keypoints: pts(21),
      left_hand_scores: scores(21),
      right_hand_keypoints: pts(21),
      right_hand_scores: scores(21),
      face_keypoints: pts(68),
      face_scores: scores(68),
    },
  });
}

const unit = (kind: InputKind, path: string): InputUnit => ({ kind, path, key: `test/${kind}` });

async function read(u: InputUnit, options: IngestOptions = {}): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const s of readInput(u, options)) out.push(s);
  return out;
}

async function failure(u: InputUnit, options: IngestOptions = {}): Promise<SignLLMError> {
  try {
    await read(u, options);
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw new Error(`not a SignLLMError: ${String(e)}`);
    expect(e.message).toContain(u.path);
    return e;
  }
  throw new Error('did not throw');
}

const frameName = (i: number | string) => `clip_${i}_keypoints.json`;

describe('per-frame JSON folders', () => {
  it('fills a gap in the frame numbers with an all-missing frame and flags it', async () => {
    const path = await folder({
      [frameName(0)]: openpose(10),
      [frameName(1)]: openpose(11),
      [frameName(3)]: openpose(13),
    });
    const [s] = await read(unit('openpose', path));
    const seq = s!.sequence;
    expect(seq.frames).toBe(4);
    expect(s!.flags).toEqual(['ingest:gaps-filled']);
    expect(Array.from(seq.confidence.subarray(2 * 137, 3 * 137)).every((c) => c === 0)).toBe(true);
    expect([seq.data[0], seq.data[3 * 137 * 2]]).toEqual([10, 13]);
    const [plain] = await read(unit('openpose', path), { fillGaps: false });
    expect([plain!.sequence.frames, plain!.flags]).toEqual([3, undefined]);
  });

  it('sorts frames numerically whatever the listing order, and gives a frame without people confidence 0', async () => {
    const path = await folder({
      [frameName(10)]: openpose(110),
      [frameName(9)]: openpose(-1),
      [frameName(8)]: openpose(108),
    });
    const [s] = await read(unit('openpose', path));
    const seq = s!.sequence;
    expect(seq.frames).toBe(3);
    expect([seq.data[0], seq.data[2 * 137 * 2]]).toEqual([108, 110]);
    expect(Array.from(seq.confidence.subarray(137, 2 * 137)).every((c) => c === 0)).toBe(true);
    expect(seq.confidence[0]).toBe(0.5);
  });

  it('rejects duplicate frame numbers, naming both files', async () => {
    const path = await folder({ [frameName(1)]: openpose(1), [frameName('001')]: openpose(2) });
    const e = await failure(unit('openpose', path));
    expect(e.code).toBe('format_invalid');
    expect(e.message).toMatch(/clip_001_keypoints\.json.*clip_1_keypoints\.json.*same frame number 1/);
  });

  it.each([
    ['corrupt JSON', '{"people": [', 'format_invalid', /not valid JSON/],
    [
      'binary garbage',
      new Uint8Array([0xff, 0xfe, 0x00, 0x9c, 0x80]),
      'format_invalid_utf8',
      /not valid UTF-8/,
    ],
    ['NaN coordinates', openpose(1).replace('[1,2,0.5', '[NaN,2,0.5'), 'format_invalid_number', /NaN/],
    ['a wrong structure', '{"people": [{"pose_keypoints_2d": "x"}]}', 'format_invalid', /pose_keypoints_2d/],
  ])('rejects a frame with %s, naming the file', async (_name, content, code, message) => {
    const path = await folder({ [frameName(0)]: openpose(0), [frameName(1)]: content });
    const e = await failure(unit('openpose', path));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toContain('clip_1_keypoints.json');
  });

  it('rejects an empty folder and a folder of the other layout', async () => {
    const empty = await folder({});
    expect((await failure(unit('openpose', empty))).message).toMatch(/holds no OpenPose frame files/);
    expect((await failure(unit('dwpose', empty))).message).toMatch(/holds no DWPose frame files/);
    const dw = await folder({ 'json/00000001.json': dwpose(0.5) });
    expect((await failure(unit('openpose', dw))).code).toBe('format_invalid');
  });

  it('rejects a frame file over the size limit without reading it', async () => {
    const path = await folder({ [frameName(0)]: openpose(0) });
    expect((await failure(unit('openpose', path), { maxFileBytes: 100 })).code).toBe('format_too_large');
  });

  it('fills DWPose gaps too, with the frames in their numbered slots', async () => {
    const path = await folder({
      'json/00000001.json': dwpose(0.1),
      'json/00000002.json': dwpose(0.2),
      'json/00000004.json': dwpose(0.4),
    });
    const [s] = await read(unit('dwpose', path));
    expect([s!.id, s!.sequence.frames, s!.flags]).toEqual([path.split('/').pop(), 4, ['ingest:gaps-filled']]);
    expect(s!.sequence.data[3 * 128 * 2]).toBe(Math.fround(0.4));
    expect(Array.from(s!.sequence.confidence.subarray(2 * 128, 3 * 128)).every((c) => c === 0)).toBe(true);
  });

  it('refuses to fill a huge gap', async () => {
    const path = await folder({ [frameName(0)]: openpose(0), [frameName(999999)]: openpose(1) });
    expect((await failure(unit('openpose', path))).code).toBe('format_too_large');
  });
});

/** A `pt` .skels line of `frames` frames (all values v, counter i/T). */
function ptLine(frames: number, v = 0.5): string {
  return Array.from(
    { length: frames },
    (_, i) => `${' 0.5'.repeat(150).replaceAll('0.5', String(v)).trim()} ${(i / frames).toFixed(4)}`,
  ).join(' ');
}

describe('.skels corpora', () => {
  it('reads a synthetic corpus without side files: ids from the stem and line, split from the stem', async () => {
    const path = await folder({ 'test.skels': `${ptLine(3)}\n${ptLine(2, 1)}\n` });
    const samples = await read(unit('skels', join(path, 'test.skels')));
    expect(samples.map((s) => [s.id, s.split, s.sequence.frames, s.text])).toEqual([
      ['test/1', 'test', 3, undefined],
      ['test/2', 'test', 2, undefined],
    ]);
  });

  it('rejects a .text file with fewer or more lines than the .skels, naming it', async () => {
    const path = await folder({ 'a.skels': `${ptLine(3)}\n${ptLine(2)}\n`, 'a.text': 'only one\n' });
    const short = await failure(unit('skels', join(path, 'a.skels')));
    expect([short.code, short.message]).toEqual([
      'format_misaligned',
      expect.stringMatching(/a\.text has only 1 lines/),
    ]);
    await writeFile(join(path, 'a.text'), 'one\ntwo\nthree\n');
    expect((await failure(unit('skels', join(path, 'a.skels')))).message).toMatch(/a\.text has more lines/);
  });

  it('rejects a blank line, a bad token, and a line that is not whole frames', async () => {
    const blank = await folder({ 'b.skels': `${ptLine(2)}\n\n${ptLine(2)}\n` });
    expect((await failure(unit('skels', join(blank, 'b.skels')))).message).toMatch(/Line 2 .* has no frames/);
    const nan = await folder({ 'b.skels': `${ptLine(3)}\n${ptLine(2).replace('0.5', 'nan')}\n` });
    expect((await failure(unit('skels', join(nan, 'b.skels')))).code).toBe('format_invalid_number');
    const cut = await folder({ 'b.skels': `${ptLine(3)}\n${ptLine(2)} 0.1 0.2\n` });
    expect((await failure(unit('skels', join(cut, 'b.skels')))).message).toMatch(
      /not a multiple of the frame width 151/,
    );
  });

  it('rejects a file whose dialect cannot be told, unless one is given', async () => {
    const path = await folder({ 'c.skels': `${ptLine(1)}\n`.replace(/0\.0000$/m, '0.7') });
    expect((await failure(unit('skels', join(path, 'c.skels')))).message).toMatch(
      /Cannot tell the \.skels dialect/,
    );
    const [s] = await read(unit('skels', join(path, 'c.skels')), { dialect: 'pt' });
    expect(s!.sequence.frames).toBe(1);
    const empty = await folder({ 'e.skels': '' });
    expect((await failure(unit('skels', join(empty, 'e.skels')))).code).toBe('format_invalid');
  });
});

describeWithData('.skels dialect forced against the data', () => {
  it.each(['p2s', 'dwpose'] as const)(
    'rejects PHOENIX14T (pt) forced to %s, naming both dialects',
    async (dialect) => {
      const e = await failure(unit('skels', dataPath('phoenix14t-sample', 'dev.skels')), { dialect });
      expect(e.code).toBe('format_invalid');
      expect(e.message).toMatch(
        new RegExp(`read as the "${dialect}" .skels dialect, but its first line is laid out as "pt"`),
      );
    },
  );
});

describe('lexicons and .pose files', () => {
  const lexicon = async (csv: string, clips: Record<string, Uint8Array> = {}) =>
    unit('lexicon', await folder({ 'index.csv': csv, ...clips }));
  const header = 'path,spoken_language,signed_language,start,end,words,glosses,priority\n';

  it('rejects a missing clip, an unknown language, an end before the start, a start past the clip', async () => {
    expect((await failure(await lexicon(`${header}x/none.pose,de,sgg,0,0,a,A,0\n`))).message).toMatch(
      /none\.pose/,
    );
    const clip = { 'c.pose': readDataBytes('lexicon', 'sgg-dummy', 'sgg', 'kinder.pose') };
    const lang = await failure(await lexicon(`${header}c.pose,de,xx-nope,0,0,a,A,0\n`, clip));
    expect([lang.code, lang.position]).toEqual([
      'unknown_language',
      { source: expect.stringContaining('index.csv'), line: 2 },
    ]);
    expect((await failure(await lexicon(`${header}c.pose,de,sgg,500,100,a,A,0\n`, clip))).message).toMatch(
      /before start/,
    );
    expect((await failure(await lexicon(`${header}c.pose,de,sgg,99000,0,a,A,0\n`, clip))).message).toMatch(
      /selects no frame/,
    );
    expect((await failure(await lexicon(header))).message).toMatch(/no rows/);
    expect((await failure(await lexicon(`${header}../c.pose,de,sgg,0,0,a,A,0\n`, clip))).message).toMatch(
      /without \.\./,
    );
  });

  it('checks the whole index before reading, then yields rows until a bad clip, with the default language', async () => {
    const clip = { 'c.pose': readDataBytes('lexicon', 'sgg-dummy', 'sgg', 'kinder.pose') };
    const run = async (u: InputUnit) => {
      const got: Sample[] = [];
      const problems: InputProblem[] = [];
      for await (const s of readInputs([u], { language: 'LSF-CH' }, (p) => problems.push(p))) got.push(s);
      return { got, problems };
    };
    const badNumber = await run(
      await lexicon(`${header}c.pose,de,,0,1000,a,A,0\nc.pose,de,sgg,0,x,c,C,0\n`, clip),
    );
    expect([badNumber.got, badNumber.problems.map((p) => p.code)]).toEqual([[], ['format_invalid_number']]);
    const badClip = await run(
      await lexicon(
        `${header}c.pose,de,,0,1000,a,A,0\nc.pose,de,,1000,0,b,B,0\ngone.pose,de,,0,0,c,C,0\n`,
        clip,
      ),
    );
    expect(badClip.got.map((s) => [s.id, s.language, s.sequence.frames, s.source])).toEqual([
      ['c', 'ssr', 24, 'test/lexicon/c.pose'],
      ['c#3', 'ssr', 45 - 24, 'test/lexicon/c.pose'],
    ]);
    expect(badClip.problems).toEqual([
      {
        input: expect.any(String),
        code: 'invalid_argument',
        message: expect.stringMatching(/Row gone\.pose: the clip cannot be read \(ENOENT\).*line 4/),
      },
    ]);
  });

  it('rejects truncated and garbage .pose files, naming them', async () => {
    const bytes = readDataBytes('pose-format', 'example.pose');
    const path = await folder({
      'cut.pose': bytes.subarray(0, bytes.length - 7),
      'junk.pose': new Uint8Array(64).fill(0x41),
    });
    expect((await failure(unit('pose', join(path, 'cut.pose')))).code).toBe('format_truncated');
    expect((await failure(unit('pose', join(path, 'junk.pose')))).code).toMatch(/^format_/);
    expect((await failure(unit('pose', join(path, 'missing.pose')))).message).toMatch(
      /cannot be read.*ENOENT/,
    );
  });
});

describe('readInputs and option checks', () => {
  it('yields every good sample and reports each bad input once, in order, without stopping', async () => {
    const good = await folder({ [frameName(0)]: openpose(1) });
    const bad = await folder({ [frameName(0)]: '{' });
    const units = [
      unit('openpose', bad),
      unit('openpose', good),
      unit('dataset', good),
      unit('openpose', good),
    ];
    const problems: InputProblem[] = [];
    const samples: Sample[] = [];
    for await (const s of readInputs(units, {}, (p) => problems.push(p))) samples.push(s);
    expect(samples.length).toBe(2);
    expect(problems).toEqual([
      { input: bad, code: 'format_invalid', message: expect.stringContaining('not valid JSON') },
      { input: good, code: 'invalid_argument', message: expect.stringContaining('dataset reader') },
    ]);
  });

  it('throws on invalid options before reading, and on an unknown kind', async () => {
    const good = await folder({ [frameName(0)]: openpose(1) });
    const run = async (options: IngestOptions) => {
      for await (const _ of readInputs([unit('openpose', good)], options, () => {})) void _;
    };
    await expect(run({ language: 'Elvish' })).rejects.toSatisfy(
      (e) => SignLLMError.isInstance(e) && e.code === 'unknown_language',
    );
    await expect(run({ fps: 0 })).rejects.toThrow(/fps must be a positive number/);
    await expect(read({ kind: 'gif' as InputKind, path: good, key: 'x' })).rejects.toThrow(
      /Unknown input kind "gif"/,
    );
  });
});
